package newsfeed.store.consume;

/** Reactive-messaging channel names of store-service; their Kafka settings are in application.properties. */
public final class Channels {

    /** Reads {@code posts.deduplicated} in consumer group {@code newsfeed-store}. */
    public static final String DEDUPLICATED_POSTS = "deduplicated-posts";

    private Channels() {
    }
}
