package newsfeed.contracts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/** Header names on {@link Topics#POSTS_DEAD_LETTER} records (DESIGN §3). Header values are UTF-8 strings. */
public final class DeadLetter {

    /** Why the record was rejected: an exception message that names the field or byte position at fault. */
    public static final String REASON = "dead-letter-reason";

    /** The topic the record was read from. */
    public static final String TOPIC = "dead-letter-topic";

    /** The stage that rejected it: one of {@link #STAGES}. */
    public static final String STAGE = "dead-letter-stage";

    /** The {@link #STAGE} of ingest-service's normalizer. */
    public static final String STAGE_NORMALIZER = "normalizer";

    /** The {@link #STAGE} of dedup-service. */
    public static final String STAGE_DEDUP = "dedup";

    /** The {@link #STAGE} of store-service. */
    public static final String STAGE_STORE = "store";

    /** Every stage that writes dead letters, in pipeline order: the values {@link #STAGE} takes. */
    public static final List<String> STAGES = List.of(STAGE_NORMALIZER, STAGE_DEDUP, STAGE_STORE);

    /** The partition the record was read from, for tracing it back. */
    public static final String PARTITION = "dead-letter-partition";

    /** The offset the record was read from. */
    public static final String OFFSET = "dead-letter-offset";

    /** Every header {@link #annotate} writes: what a replay removes before sending the record back. */
    public static final List<String> HEADERS = List.of(REASON, STAGE, TOPIC, PARTITION, OFFSET);

    /**
     * Added to a dead letter sent back to its original topic by ingest-service's replay:
     * {@code posts.dead-letter/<partition>/<offset>}, the dead letter it came from, so that a record dead-lettered
     * again after a replay can be traced to its earlier letter.
     */
    public static final String REPLAYED_FROM = "dead-letter-replayed-from";

    /**
     * The counter every stage increments per dead letter, with tag {@link #METRIC_STAGE} (the value of the
     * {@link #STAGE} header): {@code newsfeed_dead_letters_total{stage}} in Prometheus, which the alert rules and the
     * dashboard in {@code deploy/monitoring} read.
     */
    public static final String METRIC = "newsfeed.dead.letters";

    /** The tag of {@link #METRIC} naming the stage. */
    public static final String METRIC_STAGE = "stage";

    /**
     * Longest {@link #REASON} written, in characters (at most 3 bytes each in UTF-8). A reason can quote what it
     * failed on (a database error quotes its statement with the values bound), while the dead letter must fit in one
     * Kafka record beside the record's own bytes: a longer reason keeps its beginning (what failed) and its end (why),
     * with the number of characters cut between them.
     */
    public static final int MAX_REASON_CHARS = 1_000;

    private DeadLetter() {
    }

    /** {@code reason} cut to {@link #MAX_REASON_CHARS} in the middle, never between the two halves of a surrogate pair. */
    static String capped(String reason) {
        if (reason.length() <= MAX_REASON_CHARS) {
            return reason;
        }
        int head = 700;
        int tail = 250;
        if (Character.isHighSurrogate(reason.charAt(head - 1))) {
            head--;
        }
        int tailStart = reason.length() - tail;
        if (Character.isLowSurrogate(reason.charAt(tailStart))) {
            tailStart++;
        }
        return reason.substring(0, head) + " … (" + (tailStart - head) + " characters cut) … "
                + reason.substring(tailStart);
    }

    /**
     * Replaces any dead-letter headers on {@code headers} with the given ones; the record's other headers stay. The
     * reason is cut to {@link #MAX_REASON_CHARS}.
     *
     * @param partition the source partition, or -1 when unknown (then partition and offset are not written)
     * @return {@code headers}, for chaining
     */
    public static Headers annotate(Headers headers, String reason, String stage, String topic, int partition,
            long offset) {
        for (String name : HEADERS) {
            headers.remove(name);
        }
        headers.add(REASON, utf8(reason == null ? "unknown" : capped(reason)));
        headers.add(STAGE, utf8(stage));
        headers.add(TOPIC, utf8(topic));
        if (partition >= 0) {
            headers.add(PARTITION, utf8(Integer.toString(partition)));
            headers.add(OFFSET, utf8(Long.toString(offset)));
        }
        return headers;
    }

    /** The UTF-8 value of a header, or null when absent. */
    public static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
