package newsfeed.ingest.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.ingest.normalize.ParagraphRules;
import newsfeed.ingest.normalize.Paragraphs;

/**
 * Cuts a channel text dump into posts (DESIGN §4).
 *
 * <ul>
 *   <li>If the dump has separator lines (three or more {@code -} or {@code =}), they separate the posts.</li>
 *   <li>Otherwise a post ends when, after its paragraphs began to repeat, a paragraph appears that the post has not
 *       had: channel dumps show each body twice (preview, then full text), so the first unseen paragraph after the
 *       repeat is the next post's headline. Paragraphs compare by {@link ParagraphKey}; a truncated preview and its
 *       complete paragraph count as the same. When the paragraphs just before that first unseen one repeat the
 *       post's opening (its headline, and perhaps its tag line or dateline after it) with other content between, the
 *       next post starts at them: two posts with a recurring title, such as a daily briefing, follow each other, and
 *       the second one's title is not the first one's repeat. A headline that is a line of hashtags does not
 *       count: posts close with their tags as often as they open with them. When the repeat reaches the complete
 *       paragraph of a truncated preview ({@code …}) and a link text ({@code Read in full}) follows before anything
 *       repeats, the full text runs on past the preview's cut: its new paragraphs belong to the post up to that
 *       link text (a helper's trial: the first of them started a post of its own).</li>
 *   <li>A {@code Forwarded from} line always starts a post. Link-text lines and elision markers never start or end
 *       one: they stay with the post they follow.</li>
 * </ul>
 * Paragraphs are blank-line blocks when the dump has blank lines, else lines ({@link Paragraphs}).
 */
public final class TextDumpSplitter {

    /**
     * Most paragraphs looked ahead for the link text that ends a full text ({@link #fullTextEndsAtLinkText}), so that
     * a dump of many truncated previews costs linear time; a longer full text keeps the rule of the repeat.
     */
    static final int MAX_FULL_TEXT_PARAGRAPHS = 200;

    private static final Pattern SEPARATOR = Pattern.compile("(?m)^[ \\t]*(?:-{3,}|={3,})[ \\t]*$");

    private final ParagraphRules rules;

    public TextDumpSplitter(ParagraphRules rules) {
        this.rules = rules;
    }

    /**
     * One post of a dump.
     *
     * @param body           the post's text as it appears in the dump (paragraphs joined as in the dump)
     * @param firstParagraph its first content paragraph (not a forwarded header, link text or elision marker)
     * @param dateline       its first dateline paragraph ({@link ParagraphRules#dateline}), or null without one
     */
    public record DumpPost(String body, String firstParagraph, String dateline) {
    }

    /**
     * @param text the dump, cleaned by {@code TextCleaner} (LF line breaks)
     * @return its posts in dump order; posts without any content paragraph are left out
     */
    public List<DumpPost> split(String text) {
        List<List<String>> posts = new ArrayList<>();
        boolean blockMode;
        if (SEPARATOR.matcher(text).find()) {
            blockMode = Paragraphs.hasBlankLine(text);
            for (String chunk : SEPARATOR.split(text)) {
                List<String> paragraphs = Paragraphs.split(chunk, blockMode);
                if (!paragraphs.isEmpty()) {
                    posts.add(paragraphs);
                }
            }
        } else {
            blockMode = Paragraphs.hasBlankLine(text);
            posts = segmentByRepetition(Paragraphs.split(text, blockMode));
        }
        String separator = Paragraphs.separator(blockMode);
        List<DumpPost> result = new ArrayList<>(posts.size());
        for (List<String> paragraphs : posts) {
            String first = firstContentParagraph(paragraphs);
            if (first != null) {
                String dateline = paragraphs.stream().filter(p -> ParagraphRules.dateline(p).isPresent())
                        .findFirst().orElse(null);
                result.add(new DumpPost(String.join(separator, paragraphs), first, dateline));
            }
        }
        return result;
    }

    private List<List<String>> segmentByRepetition(List<String> paragraphs) {
        List<List<String>> posts = new ArrayList<>();
        Segment current = new Segment();
        for (int i = 0; i < paragraphs.size(); i++) {
            String paragraph = paragraphs.get(i);
            String firstLine = paragraph.lines().findFirst().orElse("");
            if (rules.forwardedFrom(firstLine).isPresent()) {
                current = startNew(current, posts);
                current.add(paragraph, "");
                continue;
            }
            if (rules.isLinkText(paragraph)) {
                // the full text a completed preview led into ends at its link text
                current.repeating |= current.fullText;
                current.fullText = false;
                current.add(paragraph, "");
                continue;
            }
            if (ParagraphRules.isElision(paragraph)) {
                current.add(paragraph, "");
                continue;
            }
            String key = ParagraphKey.of(paragraph);
            if (key.isEmpty() || current.hasSeen(key)) {
                current.repeating |= !key.isEmpty();
                if (!key.isEmpty() && current.completesPreview(key) && fullTextEndsAtLinkText(paragraphs, i + 1)) {
                    current.fullText = true;
                    current.repeating = false;
                    current.seen.add(key);
                }
            } else if (current.fullText) {
                current.seen.add(key);
            } else if (current.repeating) {
                Segment opening = current.takeRecurringOpening();
                current = startNew(current, posts);
                for (int j = 0; j < opening.paragraphs.size(); j++) {
                    current.add(opening.paragraphs.get(j), opening.keys.get(j));
                    current.seen.add(opening.keys.get(j));
                }
                current.seen.add(key);
            } else {
                current.seen.add(key);
            }
            current.add(paragraph, key);
        }
        startNew(current, posts);
        return posts;
    }

    /**
     * Whether the paragraphs from {@code from} on reach a link text (the full text's {@code Read in full}) before any
     * of them repeats another of them, or a {@code Forwarded from} line starts a post: then a truncated preview's
     * complete paragraph, just met, began the full text, whose new paragraphs belong to the post up to that link
     * text. Without one, nothing tells where the full text ends, and the rule of the repeat stands.
     */
    private boolean fullTextEndsAtLinkText(List<String> paragraphs, int from) {
        List<String> keys = new ArrayList<>();
        for (int i = from; i < Math.min(paragraphs.size(), from + MAX_FULL_TEXT_PARAGRAPHS); i++) {
            String paragraph = paragraphs.get(i);
            if (rules.isLinkText(paragraph)) {
                return true;
            }
            if (rules.forwardedFrom(paragraph.lines().findFirst().orElse("")).isPresent()) {
                return false;
            }
            String key = ParagraphKey.of(paragraph);
            if (!key.isEmpty()) {
                if (Segment.matchesAny(keys, key)) {
                    return false;
                }
                keys.add(key);
            }
        }
        return false;
    }

    private static Segment startNew(Segment current, List<List<String>> posts) {
        if (!current.paragraphs.isEmpty()) {
            posts.add(current.paragraphs);
            return new Segment();
        }
        return current;
    }

    private String firstContentParagraph(List<String> paragraphs) {
        for (String paragraph : paragraphs) {
            String firstLine = paragraph.lines().findFirst().orElse("");
            String text = rules.forwardedFrom(firstLine).isPresent()
                    ? paragraph.substring(firstLine.length()).strip()
                    : paragraph;
            if (!text.isEmpty() && !rules.isLinkText(text) && !ParagraphRules.isElision(text)) {
                return text;
            }
        }
        return null;
    }

    /**
     * The post being collected: its paragraphs with their keys (empty for link texts, elision markers and forwarded
     * headers), the keys it has had, and whether they began to repeat.
     */
    private static final class Segment {
        final List<String> paragraphs = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        final List<String> seen = new ArrayList<>();
        boolean repeating;
        /** Whether a truncated preview's complete paragraph began the full text, which runs to its link text. */
        boolean fullText;

        void add(String paragraph, String key) {
            paragraphs.add(paragraph);
            keys.add(key);
        }

        /**
         * Removes and returns the post's last paragraphs when they repeat its opening (its headline, the first
         * paragraph with a key, and the ones right after it) and other content stands between the two: a paragraph
         * the post has not had follows them, so they opened the next post, which has the same title (a daily
         * briefing) and perhaps the same tag line. The longest such run; none when the headline is a line of hashtags,
         * which posts often close with as well as open with.
         */
        Segment takeRecurringOpening() {
            Segment opening = new Segment();
            int headline = 0;
            while (headline < keys.size() && keys.get(headline).isEmpty()) {
                headline++;
            }
            // by its key, which has dropped a leading emoji: "📌 #Tag" is a tag line too
            if (headline == keys.size() || ParagraphRules.isHashtagLine(keys.get(headline))) {
                return opening;
            }
            int n = keys.size();
            for (int length = (n - headline) / 2; length >= 1; length--) {
                int start = n - length;
                if (repeatsOpening(headline, start, length) && hasContent(headline + length, start)) {
                    List<String> tail = paragraphs.subList(start, n);
                    List<String> tailKeys = keys.subList(start, n);
                    for (int i = 0; i < length; i++) {
                        opening.add(tail.get(i), tailKeys.get(i));
                    }
                    tail.clear();
                    tailKeys.clear();
                    return opening;
                }
            }
            return opening;
        }

        private boolean repeatsOpening(int headline, int start, int length) {
            for (int i = 0; i < length; i++) {
                String key = keys.get(headline + i);
                if (key.isEmpty() || !key.equals(keys.get(start + i))) {
                    return false;
                }
            }
            return true;
        }

        private boolean hasContent(int from, int to) {
            for (int i = from; i < to; i++) {
                if (!keys.get(i).isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        boolean hasSeen(String key) {
            return matchesAny(seen, key);
        }

        /** Whether {@code key} is the complete paragraph of a truncated preview the post has had. */
        boolean completesPreview(String key) {
            for (String earlier : seen) {
                if (ParagraphKey.isPreviewOf(earlier, key, ParagraphKey.MIN_PREVIEW_STEM)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether {@code key} is one of {@code keys}, or a truncated preview of one, or one's complete paragraph. */
        static boolean matchesAny(List<String> keys, String key) {
            for (String earlier : keys) {
                if (earlier.equals(key) || ParagraphKey.isPreviewOf(earlier, key, ParagraphKey.MIN_PREVIEW_STEM)
                        || ParagraphKey.isPreviewOf(key, earlier, ParagraphKey.MIN_PREVIEW_STEM)) {
                    return true;
                }
            }
            return false;
        }
    }
}
