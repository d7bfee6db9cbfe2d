package newsfeed.ingest.webpreview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.ingest.normalize.ParagraphRules;
import newsfeed.ingest.normalize.PostNormalizer;
import org.junit.jupiter.api.Test;

class TelegramPreviewParserTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T12:00:00Z");

    private final TelegramPreviewParser parser = new TelegramPreviewParser();

    private static String fixture() throws IOException {
        try (InputStream in = TelegramPreviewParserTest.class.getResourceAsStream("/webpreview/harbour-desk.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsEveryMessageWithItsIdDateLinksAndForwarder() throws IOException {
        List<RawPost> posts = parser.parse(fixture(), null, RECEIVED);

        assertThat(posts).extracting(RawPost::postId)
                .containsExactly("harbour_desk:4101", "harbour_desk:4102", "harbour_desk:4103");
        RawPost first = posts.get(0);
        assertThat(first.sourceType()).isEqualTo(SourceType.TELEGRAM);
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2025-03-03T08:15:00Z"));
        assertThat(first.url()).isEqualTo("https://t.me/harbour_desk/4101");
        assertThat(first.body()).isEqualTo("🌊 The ferry to Harrowmere resumes on Monday & the harbour office extends"
                + " its hours.\n\nPassengers should book ahead: timetable.\n#Ferries #Harrowmere");
        assertThat(first.attributes()).containsEntry(RawPost.ATTR_LINKS, "https://harbour.example/ferry?utm_source=tg");
        assertThat(posts.get(1).body()).isEqualTo("Forwarded from Skerry Isles Harbour Office\nHarbour Secretary "
                + "Maren Quist will answer questions from the press on Tuesday at 11:00.");
        assertThat(posts.get(1).publishedAt()).isEqualTo(Instant.parse("2025-03-03T07:40:00Z"));
        assertThat(posts.get(2).body()).isEmpty();
        assertThat(posts.get(2).attributes()).isEqualTo(Map.of(RawPost.ATTR_MEDIA_TYPE, "photo"));
    }

    @Test
    void normalizesIntoParagraphsHashtagsLinksAndForwardedFrom() throws IOException {
        PostNormalizer normalizer = new PostNormalizer(ParagraphRules.defaults(), PostNormalizer.Limits.DEFAULT);
        List<RawPost> posts = parser.parse(fixture(), "harbour", RECEIVED);

        NormalizedPost first = normalizer.normalize(posts.get(0));
        assertThat(first.paragraphs()).extracting(Paragraph::text).containsExactly(
                "🌊 The ferry to Harrowmere resumes on Monday & the harbour office extends its hours.",
                // the tag line under the last sentence is a paragraph of its own (ParagraphRules.withStandaloneLines)
                "Passengers should book ahead: timetable.", "#Ferries #Harrowmere");
        assertThat(first.hashtags()).containsExactly("Ferries", "Harrowmere");
        assertThat(first.links()).containsExactly("https://harbour.example/ferry?utm_source=tg");
        assertThat(normalizer.normalize(posts.get(1)).forwardedFrom()).isEqualTo("Skerry Isles Harbour Office");
        assertThat(normalizer.normalize(posts.get(2)).paragraphs()).isEmpty();
    }

    @Test
    void aPollIsItsQuestionAndOptionsOnePerLine() {
        // Issue 12: a poll message was stored with an empty body
        String html = "<div class=\"tgme_widget_message\" data-post=\"harbour_desk/4200\">"
                + "<div class=\"tgme_widget_message_poll\">"
                + "<div class=\"tgme_widget_message_poll_question\">Which ferry do you take?</div>"
                + "<div class=\"tgme_widget_message_poll_type\">Anonymous poll</div>"
                + "<div class=\"tgme_widget_message_poll_options\">"
                + "<div class=\"tgme_widget_message_poll_option\"><div class=\"tgme_widget_message_poll_option_percent\">"
                + "58%</div><div class=\"tgme_widget_message_poll_option_value\"><div class=\"tgme_widget_message_poll_"
                + "option_text\">Morning &amp; noon</div><div class=\"tgme_widget_message_poll_option_bar\"></div></div>"
                + "</div><div class=\"tgme_widget_message_poll_option\"><div class=\"tgme_widget_message_poll_option_"
                + "percent\">42%</div><div class=\"tgme_widget_message_poll_option_value\"><div class=\"tgme_widget_"
                + "message_poll_option_text\"> Evening </div></div></div></div></div>"
                + "<a class=\"tgme_widget_message_date\" href=\"https://t.me/harbour_desk/4200\">"
                + "<time datetime=\"2025-03-04T09:00:00+00:00\">09:00</time></a></div>";

        RawPost post = parser.parse(html, null, RECEIVED).get(0);

        assertThat(post.body()).isEqualTo("Which ferry do you take?\nMorning & noon\nEvening");
        assertThat(post.attributes()).isEqualTo(Map.of(RawPost.ATTR_MEDIA_TYPE, "poll"));
        NormalizedPost normalized = new PostNormalizer(ParagraphRules.defaults(), PostNormalizer.Limits.DEFAULT)
                .normalize(post);
        assertThat(normalized.paragraphs()).extracting(Paragraph::text)
                .containsExactly("Which ferry do you take?", "Morning & noon", "Evening");
    }

    /** Issue 12: a signed channel post's signature never reached the store. */
    @Test
    void theSignatureOfASignedPostIsItsAuthor() {
        String html = "<div class=\"tgme_widget_message\" data-post=\"harbour_desk/4201\"><div class=\"tgme_widget_"
                + "message_text\">Tide tables for March are out.</div><div class=\"tgme_widget_message_footer\">"
                + "<div class=\"tgme_widget_message_info\"><span class=\"tgme_widget_message_from_author\" dir=\"auto\">"
                + "Mara Quill</span><a class=\"tgme_widget_message_date\" href=\"https://t.me/harbour_desk/4201\">"
                + "<time datetime=\"2025-03-04T10:00:00+00:00\">10:00</time></a></div></div></div>";

        RawPost post = parser.parse(html, null, RECEIVED).get(0);

        assertThat(post.body()).isEqualTo("Tide tables for March are out.");
        assertThat(post.attributes()).isEqualTo(Map.of(RawPost.ATTR_AUTHOR, "Mara Quill"));
        assertThat(new PostNormalizer(ParagraphRules.defaults(), PostNormalizer.Limits.DEFAULT).normalize(post)
                .author()).isEqualTo("Mara Quill");
    }

    @Test
    void aMessageWithoutDateIsRejectedNamingIt() {
        assertThatThrownBy(() -> parser.parse("<div class=\"tgme_widget_message\" data-post=\"c/7\">"
                + "<div class=\"tgme_widget_message_text\">x</div></div>", null, RECEIVED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("message c/7 has no time[datetime]");
    }

    /**
     * Helper trial: a reply shows the message it answers above its own text, in an element of the same classes; the
     * reply was stored with the quoted text instead of its own, and a service message ("Channel created") as a post.
     */
    @Test
    void aReplyIsItsOwnTextAndAServiceMessageIsNoPost() {
        String page = """
                <div class="tgme_widget_message text_not_supported_wrap js-widget_message service_message"
                     data-post="harbour_desk/1">
                  <div class="tgme_widget_message_text js-message_text">Channel created</div>
                  <a class="tgme_widget_message_date" href="https://t.me/harbour_desk/1">
                    <time datetime="2024-01-01T10:00:00+00:00"></time></a>
                </div>
                <div class="tgme_widget_message js-widget_message" data-post="harbour_desk/300">
                  <a class="tgme_widget_message_reply" href="https://t.me/harbour_desk/299">
                    <div class="tgme_widget_message_author"><span>Harbour Desk</span></div>
                    <div class="tgme_widget_message_photo_wrap"></div>
                    <div class="tgme_widget_message_text js-message_reply_text">The quoted earlier bulletin #Old</div>
                  </a>
                  <div class="tgme_widget_message_text js-message_text">The reply's own bulletin<br/>#New</div>
                  <a class="tgme_widget_message_date" href="https://t.me/harbour_desk/300">
                    <time datetime="2025-03-03T09:00:00+00:00"></time></a>
                </div>
                """;

        List<RawPost> posts = parser.parse(page, null, RECEIVED);

        assertThat(posts).extracting(RawPost::postId).containsExactly("harbour_desk:300");
        assertThat(posts.get(0).body()).isEqualTo("The reply's own bulletin\n#New");
        assertThat(posts.get(0).attributes()).doesNotContainKey(RawPost.ATTR_MEDIA_TYPE);
    }
}
