package newsfeed.contracts;

import java.util.regex.Pattern;

/** Builds and checks post ids: {@code <source>:<externalId>} (DESIGN §3). */
public final class PostId {

    /** A source slug: lower-case letters, digits, {@code _} and {@code -}, starting with a letter or digit, 1–64 long. */
    public static final Pattern SOURCE_PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** Longest accepted external id, in UTF-16 code units; longer ids are rejected rather than truncated. */
    public static final int MAX_EXTERNAL_ID_LENGTH = 1024;

    private PostId() {
    }

    public static String of(String source, String externalId) {
        return source + ":" + externalId;
    }
}
