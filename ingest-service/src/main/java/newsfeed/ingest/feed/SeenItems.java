package newsfeed.ingest.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import newsfeed.contracts.RawPost;

/**
 * What one feed has already published: for each item, a digest of its externalId with a digest of its content
 * (title, url, content type, body, publishedAt, source type, attributes; not {@code receivedAt}). An item is
 * published again only when it is new or its content changed. Bounded: the least recently seen identities are
 * forgotten beyond {@code capacity}; a forgotten item is published once more, which downstream stages treat
 * idempotently (same postId).
 *
 * <p>Digests are the first 128 bits of SHA-256 (FIPS 180-4), base64url without padding (RFC 4648 §5): 22 characters
 * whatever the length of the id, so that a feed's memory fits in one Kafka record ({@link FeedMemory}) and a
 * collision (probability about n²/2¹²⁹) is not a concern. {@link #entries(int)} and {@link #restore} carry the
 * memory across restarts. Not thread-safe: one poll of a feed runs at a time.
 */
public final class SeenItems {

    /** Separates the identity digest from the content digest in an {@link #entries(int) entry}. */
    static final char ENTRY_SEPARATOR = ':';
    private static final int DIGEST_BYTES = 16;
    private static final int DIGEST_CHARS = 22;

    private final Map<String, String> hashes;
    private volatile long distinctSeen;

    /** @param capacity most identities remembered */
    public SeenItems(int capacity) {
        this.hashes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The posts that are new or changed, in order, without repeats of one postId (the first one counts). */
    public List<RawPost> unpublished(List<RawPost> posts) {
        List<RawPost> fresh = new ArrayList<>();
        Set<String> inThisDocument = new HashSet<>();
        for (RawPost post : posts) {
            if (!inThisDocument.add(post.externalId())) {
                continue;
            }
            String known = hashes.get(digest(post.externalId()));
            if (!contentHash(post).equals(known)) {
                fresh.add(post);
            }
        }
        return fresh;
    }

    /** Remembers posts as published (call once Kafka acknowledged them). */
    public void published(List<RawPost> posts) {
        for (RawPost post : posts) {
            if (hashes.put(digest(post.externalId()), contentHash(post)) == null) {
                distinctSeen++;
            }
        }
    }

    /**
     * Distinct item identities this feed has published since this process started (an identity forgotten for
     * capacity and seen again counts again; identities {@link #restore restored} from an earlier run do not count).
     */
    public long distinctSeen() {
        return distinctSeen;
    }

    /**
     * The most recently seen {@code max} identities as {@code <identity digest>:<content digest>}, least recently
     * seen first: what {@link #restore} takes back.
     */
    public List<String> entries(int max) {
        List<String> entries = new ArrayList<>(Math.min(max, hashes.size()));
        int skip = Math.max(0, hashes.size() - max);
        for (Map.Entry<String, String> entry : hashes.entrySet()) {
            if (skip > 0) {
                skip--;
            } else {
                entries.add(entry.getKey() + ENTRY_SEPARATOR + entry.getValue());
            }
        }
        return entries;
    }

    /**
     * Takes back {@link #entries(int) entries} of an earlier run, least recently seen first, as if those items had
     * been published in that order (they do not count in {@link #distinctSeen()}).
     *
     * @throws IllegalArgumentException naming the first entry that is not two 22-character digests separated by
     *                                  {@value #ENTRY_SEPARATOR}, with its position; nothing is restored then
     */
    public void restore(List<String> entries) {
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry == null || entry.length() != 2 * DIGEST_CHARS + 1
                    || entry.charAt(DIGEST_CHARS) != ENTRY_SEPARATOR) {
                throw new IllegalArgumentException("entry " + i + " is not <digest>" + ENTRY_SEPARATOR + "<digest> ("
                        + DIGEST_CHARS + " characters each): " + entry);
            }
        }
        for (String entry : entries) {
            hashes.put(entry.substring(0, DIGEST_CHARS), entry.substring(DIGEST_CHARS + 1));
        }
    }

    static String contentHash(RawPost post) {
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {post.title(), post.url(), post.contentType(), post.body(),
                String.valueOf(post.publishedAt()), String.valueOf(post.sourceType())}) {
            text.append(field == null ? "\u0000" : field).append('\u0001');
        }
        new TreeMap<>(post.attributes()).forEach((k, v) -> text.append(k).append('=').append(v).append('\u0001'));
        return digest(text.toString());
    }

    private static String digest(String text) {
        try {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256, DIGEST_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
