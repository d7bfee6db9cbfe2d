package newsfeed.ingest.normalize;

/** A raw post that cannot be normalized; the message names the post and the field or limit at fault. */
public class InvalidPostException extends RuntimeException {

    public InvalidPostException(String message) {
        super(message);
    }

    /** A post above one of the normalizer's size limits ({@link PostNormalizer.Limits}). */
    public static final class LimitExceeded extends InvalidPostException {
        public LimitExceeded(String message) {
            super(message);
        }
    }
}
