package newsfeed.ingest.normalize;

import newsfeed.contracts.RawPost;
import newsfeed.contracts.text.VisibleText;

/**
 * Which posts would hold nothing once normalized: no title, and a body that shows no text as the normalizer reads it
 * (blank once {@link TextCleaner} has removed what it removes, or, for {@code text/html}, markup alone:
 * {@link HtmlText}). {@code POST /api/posts} refuses such a post (400); a feed's item that would be one and has no
 * link or enclosure either is left out and counted with the document's ignored items. A Telegram media-only message
 * is not asked: it is kept, with its media named in its attributes, as a feed's item of a link or an enclosure alone
 * is.
 */
public final class EmptyPosts {

    private EmptyPosts() {
    }

    /**
     * @param title       the post's title, or null
     * @param body        its body, or null
     * @param contentType {@code text/plain}, {@code text/html} or null (plain)
     * @return why the post would hold nothing ({@code "body is blank and the post has no title"}, or that its HTML
     *     shows no text), or null when it shows something
     */
    public static String whyEmpty(String title, String body, String contentType) {
        if (!showsNothingOnceCleaned(title)) {
            return null;
        }
        if (showsNothingOnceCleaned(body)) {
            return "body is blank and the post has no title";
        }
        if (RawPost.TEXT_HTML.equals(contentType) && showsNothingOnceCleaned(HtmlText.toText(body))) {
            return "body shows no text (" + RawPost.TEXT_HTML + ") and the post has no title";
        }
        return null;
    }

    /**
     * Whether a post of a source that is read, not submitted (a feed's item), names nothing: {@link #whyEmpty} finds
     * it empty and it has neither {@code url} nor {@link RawPost#ATTR_LINKS} (an enclosure: a podcast's episode).
     * Such an item is left out; {@code POST /api/posts}, whose caller can be told, asks {@link #whyEmpty} alone.
     */
    public static boolean namesNothing(RawPost post) {
        return post.url() == null && !post.attributes().containsKey(RawPost.ATTR_LINKS)
                && whyEmpty(post.title(), post.body(), post.contentType()) != null;
    }

    /**
     * Whether a text shows nothing as the normalizer will read it, cleaned of what it removes ({@link TextCleaner}:
     * control characters, noncharacters); a text with a letter or a digit shows something, without cleaning it.
     */
    private static boolean showsNothingOnceCleaned(String text) {
        if (text == null) {
            return true;
        }
        if (text.codePoints().anyMatch(Character::isLetterOrDigit)) {
            return false;
        }
        return VisibleText.showsNothing(TextCleaner.clean(text));
    }
}
