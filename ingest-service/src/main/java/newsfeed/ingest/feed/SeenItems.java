package newsfeed.ingest.feed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import newsfeed.contracts.RawPost;

/**
 * What one feed has already published in this process: each item's externalId with the hash of its content (title,
 * url, content type, body, publishedAt, attributes; not {@code receivedAt}). An item is published again only when
 * it is new or its content changed. Bounded: the least recently seen identities are forgotten beyond
 * {@code capacity}; a forgotten item is published once more, which downstream stages treat idempotently (same
 * postId). Not kept across restarts for the same reason. Not thread-safe: one poll of a feed runs at a time.
 */
public final class SeenItems {

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
        java.util.Set<String> inThisDocument = new java.util.HashSet<>();
        for (RawPost post : posts) {
            if (!inThisDocument.add(post.externalId())) {
                continue;
            }
            String known = hashes.get(post.externalId());
            if (!contentHash(post).equals(known)) {
                fresh.add(post);
            }
        }
        return fresh;
    }

    /** Remembers posts as published (call once Kafka acknowledged them). */
    public void published(List<RawPost> posts) {
        for (RawPost post : posts) {
            if (hashes.put(post.externalId(), contentHash(post)) == null) {
                distinctSeen++;
            }
        }
    }

    /**
     * Distinct item identities this feed has published since this process started (an identity forgotten for
     * capacity and seen again counts again).
     */
    public long distinctSeen() {
        return distinctSeen;
    }

    static String contentHash(RawPost post) {
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {post.title(), post.url(), post.contentType(), post.body(),
                String.valueOf(post.publishedAt()), String.valueOf(post.sourceType())}) {
            text.append(field == null ? "\u0000" : field).append('\u0001');
        }
        new TreeMap<>(post.attributes()).forEach((k, v) -> text.append(k).append('=').append(v).append('\u0001'));
        return ItemIdentity.sha256(text.toString());
    }
}
