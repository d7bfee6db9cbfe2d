package newsfeed.dedup.message;

import java.util.Objects;

/**
 * A claim batch on its way from the intake to the claims topic, with the bytes the topic's record will hold: made once
 * by the intake, which has checked it against the record limit before the post changed any state. Never serialized
 * itself: {@link ClaimsTopicSerde} writes {@code bytes} as they are, and the judge reads a {@link ClaimBatch}.
 *
 * @param batch the claim batch
 * @param bytes {@code batch} as a {@link DedupMessage} ({@link SmileSerde})
 */
public record EncodedClaimBatch(ClaimBatch batch, byte[] bytes) implements DedupMessage {

    public EncodedClaimBatch {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(bytes, "bytes");
    }
}
