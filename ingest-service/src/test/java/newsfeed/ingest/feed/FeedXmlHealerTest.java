package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FeedXmlHealerTest {

    @Test
    void htmlNamedEntitiesBecomeNumericReferences() {
        assertThat(FeedXmlHealer.heal("<t>a&nbsp;b&mdash;c&eacute;&hellip;&euro;</t>"))
                .isEqualTo("<t>a&#160;b&#8212;c&#233;&#8230;&#8364;</t>");
    }

    @Test
    void xmlEntitiesAndNumericReferencesStay() {
        assertThat(FeedXmlHealer.heal("<t a=\"&quot;x&quot;\">&amp;&lt;&gt;&apos;&#233;&#x1F600;</t>"))
                .isEqualTo("<t a=\"&quot;x&quot;\">&amp;&lt;&gt;&apos;&#233;&#x1F600;</t>");
    }

    @Test
    void bareAmpersandsAndUnknownEntitiesAreText() {
        assertThat(FeedXmlHealer.heal("<t>Smith & Sons &madeup; &amp;nbsp; a&b</t>"))
                .isEqualTo("<t>Smith &amp; Sons &amp;madeup; &amp;nbsp; a&amp;b</t>");
    }

    @Test
    void cdataCommentsAndProcessingInstructionsAreLeftAlone() {
        String xml = "<?xml version=\"1.0\"?><t><![CDATA[<p>&nbsp; & ]]><!-- &mdash; & --></t>";
        assertThat(FeedXmlHealer.heal(xml)).isEqualTo(xml);
    }

    @Test
    void theDoctypeAndAnythingBeforeTheFirstTagAreRemoved() {
        String xml = " \n\uFEFF<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS "
                + "0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss/>";
        assertThat(FeedXmlHealer.heal(xml)).isEqualTo("<?xml version=\"1.0\"?>\n\n<rss/>");
        assertThat(FeedXmlHealer.heal("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"))
                .isEqualTo("<x>&amp;e;</x>");
    }

    @Test
    void c1ReferencesMapToWindows1252AndForbiddenCharactersGoButLineBreaksStayLineBreaks() {
        assertThat(FeedXmlHealer.heal("<t>Ana&#146;s &#x93;x&#x94; &#0;&#x1B;&#129;a\u0001b\u000Bc\tok</t>"))
                .isEqualTo("<t>Ana&#8217;s &#8220;x&#8221; ab\nc\tok</t>");
        assertThat(FeedXmlHealer.heal("<t>a\fb&#12;c&#x0b;d<![CDATA[e\ff]]></t>"))
                .isEqualTo("<t>a\nb&#10;c&#10;d<![CDATA[e\nf]]></t>");
    }

    @Test
    void aDoctypeOfTwentyThousandCharactersIsRemovedWithoutOverflowingTheStack() {
        // A finding of the feed fuzz target (issue 10): java.util.regex matched the declaration with one recursion per character and
        // threw StackOverflowError on a few thousand; a feed's poll then failed as an internal error.
        String name = "a".repeat(20_000);
        String subsets = "[x]".repeat(20_000);

        assertThat(FeedXmlHealer.heal("<!DOCTYPE " + name + "><rss/>")).isEqualTo("<rss/>");
        assertThat(FeedXmlHealer.heal("<!DOCTYPE x " + subsets + "><rss/>")).isEqualTo("<rss/>");
        // an internal subset that never closes: no declaration, the text stays for the parser to refuse
        assertThat(FeedXmlHealer.heal("<!DOCTYPE x [" + name + "<rss/>")).isEqualTo("<!DOCTYPE x [" + name + "<rss/>");
        assertThat(FeedXmlHealer.heal("<!DOCTYPE x" + "<!DOCTYPE [".repeat(5_000))).hasSize(11 + 11 * 5_000);
    }

    @Test
    void theDoctypeRemovedIsTheOneTheExpressionRemovedFirst() {
        // The expression the scan replaces, still right on short input: the oracle.
        Pattern expression = Pattern.compile("<!DOCTYPE(?:[^\\[>]|\\[[^\\]]*\\])*>", Pattern.CASE_INSENSITIVE);
        List<String> documents = List.of(
                "<!doctype rss><rss/>",
                "<!DOCTYPE x [<!ENTITY a \">\">]><x/>",
                "<!DOCTYPE x [ unclosed <!DOCTYPE y><x/>",
                "<!DOCTYPE x [a] <!DOCTYPE y [b]><x/>",
                "<!-- <!DOCTYPE [ --><!DOCTYPE rss [<!DOCTYPE z>]><rss/>",
                "<!DOCTYPE [<!DOCTYPE ]<!DOCTYPE [<!DOCTYPE x> ]>",
                "<!DOCTYPE<!DOCTYPE<!DOCTYPE>",
                "<x>no declaration &amp; <!DOCTYP></x>",
                "<!DOCTYPE a ] b [ c > d ] e > <x/>",
                "<!DOCTYPE a [ ] ] [ > <x/>");
        for (String document : documents) {
            assertThat(FeedXmlHealer.withoutDoctype(document)).as(document)
                    .isEqualTo(expression.matcher(document).replaceFirst(""));
        }
    }
}
