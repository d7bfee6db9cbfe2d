package newsfeed.dedup.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What flows between the dedup topology's stages: through its repartition topics in Smile ({@link SmileSerde}) with a
 * {@code type} field (claim and verdict batches), or in memory within a task ({@link Submitted},
 * {@link EncodedClaimBatch}, {@link Rejected}). Internal to dedup-service: the other services never see these.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClaimBatch.class, name = "claims"),
    @JsonSubTypes.Type(value = VerdictBatch.class, name = "verdicts")
})
public sealed interface DedupMessage permits Submitted, ClaimBatch, EncodedClaimBatch, VerdictBatch, Rejected {
}
