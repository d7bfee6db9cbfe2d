package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import newsfeed.contracts.PostId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedItemIdentityTest {

    private static final URI FEED = URI.create("https://news.example/section/rss.xml");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://news.example/a?id=1&utm_source=rss&utm_medium=feed            | https://news.example/a?id=1",
            "https://news.example/a?utm_source=rss&id=1&UTM_Campaign=x&page=2      | https://news.example/a?id=1&page=2",
            "https://news.example/a?fbclid=IwAR0&b=2&a=1&gclid=Cj0                 | https://news.example/a?b=2&a=1",
            "https://news.example/a?z=9&y=&x                                       | https://news.example/a?z=9&y=&x",
            "https://news.example/a?utm_source=rss                                 | https://news.example/a",
            "https://news.example/a?q=caf%C3%A9+noir&utm_term=x                    | https://news.example/a?q=caf%C3%A9+noir",
            "https://news.example/a#xtor=RSS-1                                     | https://news.example/a",
            "https://news.example/a#at_medium=rss&at_campaign=x                    | https://news.example/a",
            "https://news.example/a#utm_source=tw                                  | https://news.example/a",
            "https://news.example/a#section-2                                      | https://news.example/a#section-2",
            "HTTPS://News.Example:443/Path/Case?Q=1                                | https://news.example/Path/Case?Q=1",
            "http://news.example:80/a                                              | http://news.example/a",
            "http://news.example:8080/a                                            | http://news.example:8080/a",
            "https://news.example                                                  | https://news.example/",
            "  https://news.example/a?&&id=1&                                      | https://news.example/a?id=1",
            "/story/7?utm_source=x&id=7                                            | https://news.example/story/7?id=7",
            "story/8                                                               | https://news.example/section/story/8",
            "//cdn.news.example/x                                                  | https://cdn.news.example/x",
    })
    void canonicalLinks(String link, String expected) {
        assertThat(ItemIdentity.canonicalLink(link, FEED)).isEqualTo(expected.strip());
    }

    @Test
    void linksThatAreNotHttpHaveNoCanonicalForm() {
        assertThat(ItemIdentity.canonicalLink("mailto:desk@news.example", FEED)).isNull();
        assertThat(ItemIdentity.canonicalLink("ftp://news.example/a", FEED)).isNull();
        assertThat(ItemIdentity.canonicalLink("   ", FEED)).isNull();
        assertThat(ItemIdentity.canonicalLink(null, FEED)).isNull();
        assertThat(ItemIdentity.canonicalLink("/relative", null)).isNull();
    }

    @Test
    void theOwnIdComesFirstAndAnHttpIdIsCanonicalized() {
        assertThat(ItemIdentity.externalId("tag:news.example,2024:42", "https://news.example/a", "t", "b"))
                .isEqualTo("tag:news.example,2024:42");
        assertThat(ItemIdentity.externalId("  guid-7 \n", null, null, null)).isEqualTo("guid-7");
        assertThat(ItemIdentity.externalId("https://News.example/p/7?utm_medium=rss&section=local#xtor=1", null,
                null, null)).isEqualTo("https://news.example/p/7?section=local");
    }

    @Test
    void aBlankIdFallsBackToTheLink() {
        assertThat(ItemIdentity.externalId("  ", "https://news.example/a?id=1", "t", "b"))
                .isEqualTo("https://news.example/a?id=1");
        assertThat(ItemIdentity.externalId(null, "https://news.example/a?id=1", "t", "b"))
                .isEqualTo("https://news.example/a?id=1");
    }

    @Test
    void linksDifferingOnlyByTrackingAreTheSameItem() {
        String first = ItemIdentity.canonicalLink(
                "https://news.example/story?id=42&utm_source=rss&page=2#xtor=RSS-1", FEED);
        String again = ItemIdentity.canonicalLink(
                "https://NEWS.example:443/story?id=42&fbclid=abc&page=2&gclid=x#at_medium=rss", FEED);
        assertThat(ItemIdentity.externalId(null, again, "other title", "other body"))
                .isEqualTo(ItemIdentity.externalId("", first, "title", "body"))
                .isEqualTo("https://news.example/story?id=42&page=2");
    }

    @Test
    void withoutIdAndLinkTheContentNamesTheItem() {
        String id = ItemIdentity.externalId(null, null, "Title", "Body");
        assertThat(id).startsWith("sha256:").hasSize("sha256:".length() + 64)
                .isEqualTo(ItemIdentity.externalId("", "", "Title", "Body"))
                .isNotEqualTo(ItemIdentity.externalId(null, null, "Title", "Other body"));
    }

    @Test
    void longIdsAreKeptUpToTheLimitAndHashedBeyondIt() {
        String id400 = "urn:x:" + "a".repeat(394);
        assertThat(ItemIdentity.externalId(id400, null, null, null)).isEqualTo(id400);
        String atLimit = "b".repeat(PostId.MAX_EXTERNAL_ID_LENGTH);
        assertThat(ItemIdentity.externalId(atLimit, null, null, null)).isEqualTo(atLimit);
        String tooLong = "c".repeat(PostId.MAX_EXTERNAL_ID_LENGTH + 1);
        assertThat(ItemIdentity.externalId(tooLong, null, null, null))
                .isEqualTo("sha256:" + ItemIdentity.sha256(tooLong));
        assertThat(ItemIdentity.externalId("a\u0007b", null, null, null)).startsWith("sha256:");
        // a noncharacter (U+FDD0 is an XML character, so a feed can carry it): no post could be named by it
        assertThat(ItemIdentity.externalId("urn:x:\ufdd0", null, null, null))
                .isEqualTo("sha256:" + ItemIdentity.sha256("urn:x:\ufdd0"));
    }

    @Test
    void itemsOfOneDocumentSharingAnIdAreToldApartByContentAndRepeatsAreNot() {
        ItemIdentity.InDocument document = new ItemIdentity.InDocument();
        String market = "#sha256:" + ItemIdentity.sha256("Market\nOpen 8 to 14.").substring(0, 16);

        assertThat(document.externalId("live", null, "Ferry", "Every hour.")).isEqualTo("live");
        assertThat(document.externalId("live", null, "Market", "Open 8 to 14.")).isEqualTo("live" + market);
        assertThat(document.externalId("live", null, "Ferry", "Every hour.")).as("a repeat of the first")
                .isEqualTo("live");
        assertThat(document.externalId("live", null, "Market", "Open 8 to 14.")).as("a repeat of the second")
                .isEqualTo("live" + market);
        assertThat(document.externalId("other", null, "Market", "Open 8 to 14.")).isEqualTo("other");
        // a shared link is an id too (no guid: the link names the item)
        assertThat(document.externalId(null, "https://news.example/a", "A", "a")).isEqualTo("https://news.example/a");
        assertThat(document.externalId(null, "https://news.example/a", "B", "b"))
                .isEqualTo("https://news.example/a#sha256:" + ItemIdentity.sha256("B\nb").substring(0, 16));

        // another document: the first item with the id is known by the id alone, whatever its content
        assertThat(new ItemIdentity.InDocument().externalId("live", null, "Market", "Open 8 to 14."))
                .isEqualTo("live");

        String atLimit = "b".repeat(PostId.MAX_EXTERNAL_ID_LENGTH);
        document.externalId(atLimit, null, "1", "1");
        assertThat(document.externalId(atLimit, null, "2", "2")).isEqualTo("sha256:" + ItemIdentity.sha256(atLimit
                + "#sha256:" + ItemIdentity.sha256("2\n2").substring(0, 16)));
    }
}
