package newsfeed.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.text.WebLinks;
import org.junit.jupiter.api.Test;

/** The request-body rules of {@link RawPostReader} that need no broker. */
class RawPostReaderTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void aPostWithABlankBodyAndNoTitleIsRefusedNamingIt() {
        // helper trial: a body of spaces was accepted (202) and stored as a post of nothing
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> read(
                "[{\"source\":\"wire\",\"externalId\":\"1\",\"body\":\"ok\"},{\"source\":\"wire\","
                + "\"externalId\":\"2\",\"body\":\" \\n\\t \"},"
                + "{\"source\":\"wire\",\"externalId\":\"3\",\"body\":\"\",\"title\":\"  \"}]"));

        assertThat(refused).isNotNull();
        assertThat(refused.error().error()).isEqualTo("invalid posts");
        assertThat(refused.error().details()).containsExactly(
                "[1].body is blank and the post has no title: it would hold nothing",
                "[2].body is blank and the post has no title: it would hold nothing");
    }

    @Test
    void aBodyOfNoBreakAndZeroWidthSpacesIsBlank() {
        // helper trial: a body of one U+00A0 was accepted and stored with a title of nothing visible
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> read(
                "[{\"source\":\"wire\",\"externalId\":\"9\",\"body\":\"\\u00A0\"},"
                + "{\"source\":\"wire\",\"externalId\":\"10\",\"body\":\"\\u200B\\n\",\"title\":\"\\u00A0\"}]"));

        assertThat(refused).isNotNull();
        assertThat(refused.error().details()).containsExactly(
                "[0].body is blank and the post has no title: it would hold nothing",
                "[1].body is blank and the post has no title: it would hold nothing");
    }

    @Test
    void aBodyAndTitleOfBrailleBlanksAreBlank() {
        // U+2800 BRAILLE PATTERN BLANK, the empty line Telegram authors type: a body of it held nothing to store
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> read(
                "[{\"source\":\"wire\",\"externalId\":\"11\",\"body\":\"\\u2800\\n \\u2800\"},"
                + "{\"source\":\"wire\",\"externalId\":\"12\",\"body\":\"\\u2800\",\"title\":\"\\u2800\"},"
                + "{\"source\":\"wire\",\"externalId\":\"13\",\"body\":\"\\u2800\",\"title\":\"Title\"}]"));

        assertThat(refused).isNotNull();
        assertThat(refused.error().details()).containsExactly(
                "[0].body is blank and the post has no title: it would hold nothing",
                "[1].body is blank and the post has no title: it would hold nothing");
    }

    @Test
    void anHtmlBodyWhoseTextShowsNothingIsBlank() {
        // a body of markup alone (an empty paragraph, a U+2800 one, an image, line breaks) was accepted and stored as
        // a post of no paragraph and no title: the check read the markup, not the text it shows
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> read(
                "[{\"source\":\"wire\",\"externalId\":\"21\",\"contentType\":\"text/html\",\"body\":\"<p></p>\"},"
                + "{\"source\":\"wire\",\"externalId\":\"22\",\"contentType\":\"text/html\","
                + "\"body\":\"<p>\\u2800</p><br><img src=x.png>&nbsp;\"},"
                + "{\"source\":\"wire\",\"externalId\":\"23\",\"contentType\":\"text/html\","
                + "\"body\":\"<script>alert(1)</script><p> </p>\",\"title\":\"\\u00A0\"},"
                + "{\"source\":\"wire\",\"externalId\":\"24\",\"contentType\":\"text/html\",\"body\":\"<p></p>\","
                + "\"title\":\"Headline\"},"
                + "{\"source\":\"wire\",\"externalId\":\"25\",\"contentType\":\"text/html\",\"body\":\"<p>Text</p>\"},"
                + "{\"source\":\"wire\",\"externalId\":\"26\",\"body\":\"<p></p>\"},"
                // a review: characters the normalizer removes (a control character, a noncharacter) show nothing
                + "{\"source\":\"wire\",\"externalId\":\"27\",\"contentType\":\"text/html\",\"body\":\"<p>&#1;</p>\"},"
                + "{\"source\":\"wire\",\"externalId\":\"28\",\"contentType\":\"text/html\","
                + "\"body\":\"<p>&#xFFFF;</p>\"},"
                + "{\"source\":\"wire\",\"externalId\":\"29\",\"body\":\"\\u0001\\n\\uFFFE\"}]"));

        assertThat(refused).isNotNull();
        assertThat(refused.error().details()).containsExactly(
                "[0].body shows no text (text/html) and the post has no title: it would hold nothing",
                "[1].body shows no text (text/html) and the post has no title: it would hold nothing",
                "[2].body shows no text (text/html) and the post has no title: it would hold nothing",
                "[6].body shows no text (text/html) and the post has no title: it would hold nothing",
                "[7].body shows no text (text/html) and the post has no title: it would hold nothing",
                "[8].body is blank and the post has no title: it would hold nothing");
    }

    @Test
    void anExternalIdOrUrlThatIsNotValidUnicodeIsRefused() {
        // helper trial: a lone surrogate in externalId or url was accepted (202); the url stopped dedup-service
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> read(
                "[{\"source\":\"wire\",\"externalId\":\"\\ud800\",\"body\":\"ok\"},"
                + "{\"source\":\"wire\",\"externalId\":\"2\",\"url\":\"http://example.org/\\ud800\",\"body\":\"ok\"}]"));

        assertThat(refused).isNotNull();
        assertThat(refused.error().details()).containsExactly(
                "[0].externalId is not valid Unicode (an unpaired surrogate at index 0)",
                "[1].url must be an absolute http or https URL, got \"http://example.org/\\uD800\"");
    }

    @Test
    void anExternalIdHoldingANoncharacterIsRefused() {
        // helper trial: "a\uffffb" was accepted (202) and stored, and the store then refused its postId in every URL
        // (U+FFFF is no XML character), and its own paging cursor past it
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> read(
                "[{\"source\":\"eid\",\"externalId\":\"a\\uffffb\",\"body\":\"ok\"},"
                + "{\"source\":\"eid\",\"externalId\":\"\\ufdd0\",\"body\":\"ok\"},"
                + "{\"source\":\"eid\",\"externalId\":\"a\\u0085\",\"body\":\"ok\"}]"));

        assertThat(refused).isNotNull();
        assertThat(refused.error().details()).containsExactly(
                "[0].externalId must not contain U+FFFF (index 1): a noncharacter, for no text to hold",
                "[1].externalId must not contain U+FDD0 (index 0): a noncharacter, for no text to hold",
                "[2].externalId must not contain control characters");
    }

    @Test
    void aKeyGivenTwiceInOneObjectIsRefused() {
        // helper trial: {"source":"dupa",...,"source":"dupb"} was stored as dupb, the Telegram import refuses it
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> read(
                "{\"source\":\"dupa\",\"externalId\":\"1\",\"body\":\"x\",\n\"source\":\"dupb\"}"));

        assertThat(refused).isNotNull();
        assertThat(refused.error().error()).isEqualTo("invalid JSON");
        assertThat(refused.error().details()).singleElement().asString()
                .isEqualTo("Duplicate field 'source' at line 2, column 9");
    }

    @Test
    void aHeadlineWithoutBodyIsAPost() {
        List<RawPost> posts = read("{\"source\":\"wire\",\"externalId\":\"h-1\",\"body\":\"\","
                + "\"title\":\"Ferry strike called off\"}");

        assertThat(posts).singleElement().satisfies(post -> {
            assertThat(post.postId()).isEqualTo("wire:h-1");
            assertThat(post.title()).isEqualTo("Ferry strike called off");
            assertThat(post.body()).isEmpty();
        });
    }

    @Test
    void aHugeBadValueIsNotEchoedWhole() {
        // helper trial: a 1 MB url came back whole in the 400's details
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> read(
                "{\"source\":\"wire\",\"externalId\":\"1\",\"body\":\"ok\",\"url\":\""
                + "x".repeat(WebLinks.MAX_LENGTH) + "\"}"));

        // (a longer one is refused by its length alone)
        assertThat(refused.error().details()).containsExactly("url must be an absolute http or https URL, got \""
                + "x".repeat(100) + "…\" (8000 characters)");
    }

    /** A review (2026-12-06): a url of 950,000 characters was taken, and listed whole by the store. */
    @Test
    void aUrlLongerThanAWebLinkMayBeIsRefusedByItsLength() {
        String url = "https://example.org/" + "a".repeat(950_000);
        InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> read(
                "{\"source\":\"wire\",\"externalId\":\"1\",\"body\":\"ok\",\"url\":\"" + url + "\"}"));

        assertThat(refused.error().details()).containsExactly("url has 950020 characters, more than "
                + WebLinks.MAX_LENGTH);
        String longest = "https://example.org/" + "a".repeat(WebLinks.MAX_LENGTH - 20);
        assertThat(read("{\"source\":\"wire\",\"externalId\":\"1\",\"body\":\"ok\",\"url\":\"" + longest
                + "\"}").get(0).url()).isEqualTo(longest);
    }

    /**
     * Fields no post takes are named in the answer, with the field meant when only case or separators differ. Found
     * by a trial: {@code published_at} for {@code publishedAt} was accepted and the date silently lost.
     */
    @Test
    void fieldsNoPostTakesAreNamedWithTheFieldMeant() {
        RawPostReader.Read read = RawPostReader.read(("[{\"source\":\"wire\",\"externalId\":\"1\",\"body\":\"ok\","
                + "\"published_at\":\"2026-12-05T10:00:00Z\",\"views\":12},"
                + "{\"source\":\"wire\",\"externalId\":\"2\",\"body\":\"ok\",\"Title\":\"T\",\"postId\":\"x:1\"}]")
                .getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(read.posts()).extracting(RawPost::externalId).containsExactly("1", "2");
        assertThat(read.posts().get(0).publishedAt()).isNull();
        assertThat(read.ignored()).containsExactly(
                "[0].published_at: not a field of a post; did you mean publishedAt?",
                "[0].views: not a field of a post",
                "[1].Title: not a field of a post; did you mean title?",
                "[1].postId: set by the service");
    }

    @Test
    void aPostWithOnlyItsFieldsIgnoresNothingAndManyIgnoredFieldsAreCounted() {
        assertThat(RawPostReader.read(("{\"source\":\"wire\",\"externalId\":\"1\",\"body\":\"ok\","
                + "\"title\":\"T\",\"attributes\":{\"any_name\":\"v\"}}").getBytes(StandardCharsets.UTF_8), NOW)
                .ignored()).as("attribute names are the client's own").isEmpty();

        StringBuilder many = new StringBuilder("{\"source\":\"wire\",\"externalId\":\"1\",\"body\":\"ok\"");
        for (int i = 0; i < 25; i++) {
            many.append(",\"extra").append(i).append("\":1");
        }
        List<String> ignored = RawPostReader.read(many.append('}').toString().getBytes(StandardCharsets.UTF_8), NOW)
                .ignored();
        assertThat(ignored).hasSize(21).startsWith("extra0: not a field of a post").endsWith("and 5 more");
    }

    private static List<RawPost> read(String json) {
        return RawPostReader.read(json.getBytes(StandardCharsets.UTF_8), NOW).posts();
    }
}
