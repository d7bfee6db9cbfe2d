package newsfeed.dedup.message;

/**
 * A record the intake could not decode, on its way to the dead-letter topic with its original bytes. Never
 * serialized: it only passes from the intake to the dead-letter sink.
 */
public record Rejected(byte[] key, byte[] value) implements DedupMessage {
}
