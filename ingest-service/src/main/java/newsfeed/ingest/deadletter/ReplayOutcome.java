package newsfeed.ingest.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a replay did with one requested dead letter.
 *
 * @param partition         the dead letter's partition in {@code posts.dead-letter}, as requested
 * @param offset            its offset, as requested
 * @param status            {@value #REPLAYED}: sent and acknowledged; {@value #REFUSED}: not sent, for the
 *                          {@code reason} (no such record, no pipeline topic to send it to); {@value #FAILED}: Kafka
 *                          did not acknowledge it (sending it again is safe)
 * @param topic             the topic it was (or would have been) sent to, its {@code dead-letter-topic}; absent when
 *                          unknown
 * @param replayedPartition the partition it was written to, when replayed
 * @param replayedOffset    the offset it was written at, when replayed
 * @param reason            why it was refused or failed; absent when replayed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayOutcome(int partition, long offset, String status, String topic, Integer replayedPartition,
        Long replayedOffset, String reason) {

    public static final String REPLAYED = "replayed";
    public static final String REFUSED = "refused";
    public static final String FAILED = "failed";

    static ReplayOutcome replayed(DeadLetterId id, String topic, int partition, long offset) {
        return new ReplayOutcome(id.partition(), id.offset(), REPLAYED, topic, partition, offset, null);
    }

    static ReplayOutcome refused(DeadLetterId id, String topic, String reason) {
        return new ReplayOutcome(id.partition(), id.offset(), REFUSED, topic, null, null, reason);
    }

    static ReplayOutcome failed(DeadLetterId id, String topic, String reason) {
        return new ReplayOutcome(id.partition(), id.offset(), FAILED, topic, null, null, reason);
    }
}
