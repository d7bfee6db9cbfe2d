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
 *       complete paragraph count as the same. When the paragraph just before that first unseen one repeats the
 *       post's headline (its first content paragraph), the next post starts there: two posts with a recurring
 *       title, such as a daily briefing, follow each other, and the second one's title is not the first one's
 *       repeat.</li>
 *   <li>A {@code Forwarded from} line always starts a post. Link-text lines and elision markers never start or end
 *       one: they stay with the post they follow.</li>
 * </ul>
 * Paragraphs are blank-line blocks when the dump has blank lines, else lines ({@link Paragraphs}).
 */
public final class TextDumpSplitter {

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
        for (String paragraph : paragraphs) {
            String firstLine = paragraph.lines().findFirst().orElse("");
            if (rules.forwardedFrom(firstLine).isPresent()) {
                current = startNew(current, posts);
                current.add(paragraph, "");
                continue;
            }
            if (rules.isLinkText(paragraph) || ParagraphRules.isElision(paragraph)) {
                current.add(paragraph, "");
                continue;
            }
            String key = ParagraphKey.of(paragraph);
            if (key.isEmpty() || current.hasSeen(key)) {
                current.repeating |= !key.isEmpty();
            } else if (current.repeating) {
                String headline = current.takeRecurringHeadline();
                current = startNew(current, posts);
                if (headline != null) {
                    String headlineKey = ParagraphKey.of(headline);
                    current.add(headline, headlineKey);
                    current.seen.add(headlineKey);
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
     * The post being collected: its paragraphs, the keys it has had, whether they began to repeat, its headline's key
     * (its first content paragraph's) and whether its last paragraph repeats the headline.
     */
    private static final class Segment {
        final List<String> paragraphs = new ArrayList<>();
        final List<String> seen = new ArrayList<>();
        boolean repeating;
        String headlineKey;
        boolean endsWithHeadline;

        void add(String paragraph, String key) {
            endsWithHeadline = headlineKey != null && headlineKey.equals(key);
            if (headlineKey == null && !key.isEmpty()) {
                headlineKey = key;
            }
            paragraphs.add(paragraph);
        }

        /**
         * Removes and returns the last paragraph when it repeats the headline and follows other paragraphs: a new
         * paragraph after it means it was the next post's headline, a recurring title (a daily briefing) that this
         * post also had, not part of this post's repeat. Null otherwise.
         */
        String takeRecurringHeadline() {
            if (!endsWithHeadline || paragraphs.size() < 2) {
                return null;
            }
            endsWithHeadline = false;
            return paragraphs.remove(paragraphs.size() - 1);
        }

        boolean hasSeen(String key) {
            for (String earlier : seen) {
                if (earlier.equals(key) || ParagraphKey.isPreviewOf(earlier, key, ParagraphKey.MIN_PREVIEW_STEM)
                        || ParagraphKey.isPreviewOf(key, earlier, ParagraphKey.MIN_PREVIEW_STEM)) {
                    return true;
                }
            }
            return false;
        }
    }
}
