package newsfeed.ingest.feed;

import java.util.Arrays;
import java.util.List;

/**
 * The rules of a subscription's {@link FeedSubscription#title() title} and {@link FeedSubscription#category()
 * category}, applied alike by {@code POST /api/feeds} and the OPML import ({@link OpmlSubscriptions}), and read back
 * by the OPML export.
 *
 * <p>A category is a folder path: the names of the folders a feed is filed under, outermost first, joined by
 * {@value #SEPARATOR} ({@code News/World}). This is the slash-delimited form of OPML 2.0's {@code category} attribute
 * (<a href="http://opml.org/spec2.opml">OPML 2.0</a>, "category": "/Boston/Weather"), without its leading slash. A
 * folder name that itself holds a {@code /} therefore reads as two levels.
 */
public final class FeedLabels {

    /** Longest title, in characters. */
    public static final int MAX_TITLE_LENGTH = 500;

    /** Longest category path, in characters, separators included. */
    public static final int MAX_CATEGORY_LENGTH = 500;

    /** Between the folder names of a category path. */
    public static final String SEPARATOR = "/";

    private FeedLabels() {
    }

    /** The title as stored: stripped; null when null or blank. */
    public static String title(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    /**
     * The category as stored: split at {@value #SEPARATOR}, each name stripped, empty names dropped, joined by
     * {@value #SEPARATOR} again ({@code " /News/ World/"} → {@code "News/World"}); null when no name is left.
     */
    public static String category(String raw) {
        return raw == null ? null : category(Arrays.asList(raw.split(SEPARATOR, -1)));
    }

    /** The category of a folder path, outermost name first, normalized like {@link #category(String)}. */
    public static String category(List<String> names) {
        String joined = String.join(SEPARATOR, names.stream().filter(n -> n != null)
                .flatMap(n -> Arrays.stream(n.split(SEPARATOR, -1))).map(String::strip).filter(n -> !n.isEmpty())
                .toList());
        return joined.isEmpty() ? null : joined;
    }

    /** The folder names of a stored category, outermost first; empty for null. */
    public static List<String> names(String category) {
        return category == null ? List.of() : List.of(category.split(SEPARATOR));
    }

    /** What is wrong with a stored title ({@code what} names it in the message), or null. */
    public static String titleProblem(String what, String title) {
        return title != null && title.length() > MAX_TITLE_LENGTH ? what + " has " + title.length()
                + " characters, more than " + MAX_TITLE_LENGTH : null;
    }

    /** What is wrong with a stored category ({@code what} names it in the message), or null. */
    public static String categoryProblem(String what, String category) {
        return category != null && category.length() > MAX_CATEGORY_LENGTH ? what + " has " + category.length()
                + " characters, more than " + MAX_CATEGORY_LENGTH : null;
    }
}
