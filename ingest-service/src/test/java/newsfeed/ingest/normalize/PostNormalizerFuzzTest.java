package newsfeed.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.contracts.text.Noncharacters;
import newsfeed.contracts.text.WebLinks;

/**
 * Fuzzes {@link PostNormalizer#normalize} with plain-text and HTML bodies, source titles, links and URLs (issue 10;
 * README "Fuzzing"). Besides returning within the per-input timeout, a post is either refused with an
 * {@link InvalidPostException} naming it, or normalized as {@link NormalizedPost}, {@link Paragraph} and
 * {@link TextCleaner} promise: dense positions; paragraphs non-empty, trimmed, in NFC, without control characters
 * (but LF and TAB), U+FEFF, unpaired surrogates or noncharacters, and so the title, tags and forwarded-from name; the
 * title at most 300 characters, the first content paragraph on one line or a cut of it when the source gave none;
 * every tag in a paragraph; only web links.
 */
class PostNormalizerFuzzTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T10:00:00Z");

    private final PostNormalizer normalizer = new PostNormalizer(ParagraphRules.defaults(),
            PostNormalizer.Limits.DEFAULT, new PublicationTime(Duration.ofDays(1), Clock.fixed(RECEIVED, ZoneOffset.UTC)));

    @FuzzTest
    // no line breaks in entries: Jazzer 0.24 writes them into the dictionary file unescaped, and libFuzzer refuses it
    @DictionaryEntries({"Forwarded from ", "📍 Geneva, March 3, 2025", "📄 Read in full", "https://x.org/a",
            "javascript:alert(1)", "#tag", "[...]", "<p>", "<br>", "&nbsp;", "&#xFFFF;", "\uFFFF", "\uFEFF", "\u2029"})
    void normalizedPostsKeepTheirPromises(FuzzedDataProvider data) {
        boolean html = data.consumeBoolean();
        String title = data.consumeBoolean() ? data.consumeString(400) : null;
        Map<String, String> attributes = new HashMap<>();
        if (data.consumeBoolean()) {
            attributes.put(RawPost.ATTR_LINKS, data.consumeString(300));
        }
        String url = data.consumeBoolean() ? data.consumeString(100) : null;
        String body = data.consumeRemainingAsString();
        RawPost raw = new RawPost("fuzz:1", "fuzz", "1", SourceType.TEXT, RECEIVED, null, title, url,
                html ? RawPost.TEXT_HTML : RawPost.TEXT_PLAIN, body, attributes);

        NormalizedPost post;
        try {
            post = normalizer.normalize(raw);
        } catch (InvalidPostException e) {
            assertThat(e.getMessage()).startsWith("post fuzz:1: ").contains("limit");
            return;
        }

        List<Paragraph> paragraphs = post.paragraphs();
        for (int i = 0; i < paragraphs.size(); i++) {
            Paragraph paragraph = paragraphs.get(i);
            assertThat(paragraph.position()).isEqualTo(i);
            assertThat(paragraph.text()).isNotEmpty().isEqualTo(paragraph.text().strip());
            assertThat(Normalizer.isNormalized(paragraph.text(), Normalizer.Form.NFC)).as("NFC").isTrue();
            assertClean(paragraph.text());
        }
        assertThat(post.title().length()).isLessThanOrEqualTo(Titles.MAX_CHARS);
        assertClean(post.title());
        if (title == null || title.isBlank()) {
            // the title is one line: the paragraph's whitespace runs are one space in it
            String first = paragraphs.stream().filter(p -> p.kind() != ParagraphKind.ELISION).map(Paragraph::text)
                    .findFirst().orElse("").replaceAll("\\s+", " ");
            if (first.length() <= Titles.MAX_CHARS) {
                assertThat(post.title()).isEqualTo(first);
            } else {
                assertThat(post.title()).endsWith(Titles.ELLIPSIS);
                assertThat(first).startsWith(post.title().substring(0, post.title().length() - 1));
            }
        }
        assertThat(new HashSet<>(post.hashtags())).hasSameSizeAs(post.hashtags());
        for (String tag : post.hashtags()) {
            assertClean(tag);
            assertThat(paragraphs).as("a paragraph with #%s", tag).anyMatch(p -> p.text().contains("#" + tag));
        }
        assertThat(post.links()).allMatch(WebLinks::isWeb);
        assertThat(post.url() == null || WebLinks.isWeb(post.url())).as("url %s", post.url()).isTrue();
        if (post.forwardedFrom() != null) {
            assertThat(post.forwardedFrom()).isNotBlank().doesNotContain("\n");
            assertClean(post.forwardedFrom());
        }
        if (post.dateline() == null) {
            assertThat(post.publishedAt()).isEqualTo(RECEIVED);
            assertThat(post.publishedAtFallback()).isTrue();
        } else {
            assertThat(paragraphs).anyMatch(p -> p.kind() == ParagraphKind.DATELINE);
        }
    }

    /** What {@link TextCleaner} removes does not reach the post. */
    private static void assertClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                assertThat(Noncharacters.isNoncharacter(text.codePointAt(i))).as("noncharacter in %s", text).isFalse();
                i++;
                continue;
            }
            assertThat(Character.isSurrogate(c)).as("unpaired surrogate in %s", text).isFalse();
            assertThat(Noncharacters.isNoncharacter(c) || c == '\uFEFF').as("U+%04X in %s", (int) c, text).isFalse();
            assertThat(Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t')
                    .as("control U+%04X in %s", (int) c, text).isFalse();
        }
    }
}
