package newsfeed.contracts;

import java.util.List;

/**
 * Names of the Kafka topics that connect the services (DESIGN §2–§3). Every record on these topics is keyed by its
 * {@code postId}, so all versions of one post stay in order on one partition.
 */
public final class Topics {

    /** {@link RawPost} records exactly as received, kept for replay. Written by ingest-service. */
    public static final String POSTS_RAW = "posts.raw";

    /** {@link NormalizedPost} records. Written by ingest-service's normalizer stage. */
    public static final String POSTS_NORMALIZED = "posts.normalized";

    /** {@link DeduplicatedPost} records. Written by dedup-service, read by store-service. */
    public static final String POSTS_DEDUPLICATED = "posts.deduplicated";

    /**
     * Records that a stage could not process: the original key and value bytes, with the headers
     * {@link DeadLetter#REASON}, {@link DeadLetter#TOPIC} and {@link DeadLetter#STAGE}.
     */
    public static final String POSTS_DEAD_LETTER = "posts.dead-letter";

    /**
     * RSS/Atom feed subscriptions, keyed by subscription id; compacted, a tombstone deletes. Written and read by
     * ingest-service, which keeps no database.
     */
    public static final String FEEDS_SUBSCRIPTIONS = "feeds.subscriptions";

    /**
     * What each subscribed feed has already published (digests of its items' ids and contents), keyed by subscription
     * id; compacted, a tombstone forgets. Written and read by ingest-service, so that a restart publishes only new or
     * changed items.
     */
    public static final String FEEDS_SEEN_ITEMS = "feeds.seen-items";

    /** The topics of the post pipeline, in the order a post passes through them. */
    public static final List<String> PIPELINE = List.of(POSTS_RAW, POSTS_NORMALIZED, POSTS_DEDUPLICATED, POSTS_DEAD_LETTER);

    private Topics() {
    }
}
