package newsfeed.contracts;

/** Header names on {@link Topics#POSTS_DEAD_LETTER} records (DESIGN §3). Header values are UTF-8 strings. */
public final class DeadLetter {

    /** Why the record was rejected: an exception message that names the field or byte position at fault. */
    public static final String REASON = "dead-letter-reason";

    /** The topic the record was read from. */
    public static final String TOPIC = "dead-letter-topic";

    /** The stage that rejected it, e.g. {@code normalizer}, {@code store}. */
    public static final String STAGE = "dead-letter-stage";

    /** The partition and offset the record was read from, for tracing it back. */
    public static final String PARTITION = "dead-letter-partition";

    public static final String OFFSET = "dead-letter-offset";

    private DeadLetter() {
    }
}
