package newsfeed.ingest.deadletter;

import java.util.List;

/**
 * The body of {@code POST /api/dead-letters/replay}'s 200 answer.
 *
 * @param replayed how many dead letters were sent back and acknowledged
 * @param refused  how many were not sent, each with its reason
 * @param failed   how many Kafka did not acknowledge
 * @param records  one outcome per requested dead letter, in the request's order
 */
public record ReplayAnswer(int replayed, int refused, int failed, List<ReplayOutcome> records) {

    static ReplayAnswer of(List<ReplayOutcome> records) {
        return new ReplayAnswer(count(records, ReplayOutcome.REPLAYED), count(records, ReplayOutcome.REFUSED),
                count(records, ReplayOutcome.FAILED), records);
    }

    private static int count(List<ReplayOutcome> records, String status) {
        return (int) records.stream().filter(r -> r.status().equals(status)).count();
    }
}
