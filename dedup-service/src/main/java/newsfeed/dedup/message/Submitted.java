package newsfeed.dedup.message;

import java.util.Objects;

/**
 * A submission handed from the intake to the assembler, which run in the same task: never serialized as a message.
 * It carries the bytes the assembler stores ({@code dedup-posts}), made once by the intake, which has checked it
 * against the record limit of the store's changelog.
 *
 * @param submission the submission
 * @param bytes      {@code submission} serialized ({@code AssemblerProcessor.SUBMISSION_SERDE}, Smile)
 */
public record Submitted(Submission submission, byte[] bytes) implements DedupMessage {

    public Submitted {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(bytes, "bytes");
    }
}
