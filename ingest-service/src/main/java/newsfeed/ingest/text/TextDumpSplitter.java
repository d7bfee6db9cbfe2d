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
 *       count: posts close with their tags as often as they open with them.</li>
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
                Segment opening = current.takeRecurringOpening();
                current = startNew(current, posts);
                for (int i = 0; i < opening.paragraphs.size(); i++) {
                    current.add(opening.paragraphs.get(i), opening.keys.get(i));
                    current.seen.add(opening.keys.get(i));
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
     * The post being collected: its paragraphs with their keys (empty for link texts, elision markers and forwarded
     * headers), the keys it has had, and whether they began to repeat.
     */
    private static final class Segment {
        final List<String> paragraphs = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        final List<String> seen = new ArrayList<>();
        boolean repeating;

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
