package newsfeed.contracts;

import java.time.Instant;

/**
 * The pipeline's "earlier" order of posts (DESIGN §5 rule 4): earlier {@code publishedAt}, then {@code postId} in
 * code point order (the byte order of its UTF-8 encoding, so the same in Java, PostgreSQL with a C collation and any
 * other client). Dedup decides which copy of a paragraph is kept by it, and the store names a story by it.
 */
public final class PostOrder {

    private PostOrder() {
    }

    /** @return negative when post A is earlier than post B, 0 when they are the same (time, id), else positive */
    public static int compare(Instant publishedA, String postA, Instant publishedB, String postB) {
        int c = publishedA.compareTo(publishedB);
        return c != 0 ? c : compareCodePoints(postA, postB);
    }

    /** Strings in code point order, which is the byte order of their UTF-8 encoding. */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                // a surrogate pair encodes a code point above every other UTF-16 unit
                return sx == sy ? Character.compare(x, y) : sx ? 1 : -1;
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
