package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

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
    void c1ReferencesMapToWindows1252AndForbiddenCharactersGo() {
        assertThat(FeedXmlHealer.heal("<t>Ana&#146;s &#x93;x&#x94; &#0;&#x1B;&#129;a\u0001b\u000Bc\tok</t>"))
                .isEqualTo("<t>Ana&#8217;s &#8220;x&#8221; abc\tok</t>");
    }
}
