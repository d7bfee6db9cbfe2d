package newsfeed.dedup.message;

import java.util.Objects;

/**
 * A submission handed from the intake to the assembler, which run in the same task: never serialized as a message.
 * It carries the JSON the assembler stores ({@code dedup-posts}), made once by the intake, which has checked it
 * against the record limit of the store's changelog.
 *
 * @param submission the submission
 * @param json       {@code submission} as JSON ({@code JsonSerde<Submission>})
 */
public record Submitted(Submission submission, byte[] json) implements DedupMessage {

    public Submitted {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(json, "json");
    }
}
