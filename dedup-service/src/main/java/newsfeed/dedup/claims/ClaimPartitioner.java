package newsfeed.dedup.claims;

import java.util.Optional;
import java.util.Set;
import newsfeed.dedup.message.ClaimBatch;
import newsfeed.dedup.message.DedupMessage;
import newsfeed.dedup.message.EncodedClaimBatch;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Routes each {@link ClaimBatch} to the judge partition it was made for: the intake groups a post's claims by the
 * partition that owns each claim key ({@code ClaimKey.partition}), so one record per post and partition crosses
 * the claims topic. The topic has exactly {@code newsfeed.dedup.claim-partitions} partitions (Kafka Streams checks
 * it at start-up), so a batch's partition is always one of them.
 */
public final class ClaimPartitioner implements StreamPartitioner<String, DedupMessage> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, DedupMessage value, int numPartitions) {
        if (!(value instanceof EncodedClaimBatch encoded)) {
            throw new IllegalArgumentException("the claims topic takes encoded claim batches, got " + value);
        }
        return Optional.of(Set.of(Math.floorMod(encoded.batch().partition(), numPartitions)));
    }
}
