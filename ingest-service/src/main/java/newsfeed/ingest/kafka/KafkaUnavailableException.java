package newsfeed.ingest.kafka;

/**
 * Kafka did not take, acknowledge or answer a request of this service in time (a broker down, a topic without leader,
 * a timeout). An API request that meets it is answered {@code 503} with an {@code ApiError} whose message is
 * {@link #refused()} followed by "Kafka unavailable; retry later" and whose detail is this exception's message
 * ({@code newsfeed.ingest.api.ErrorMappers}); nothing the request asked for was done, or what was is idempotent to
 * repeat.
 */
public class KafkaUnavailableException extends RuntimeException {

    private final String refused;

    /**
     * @param refused what the client is told was not done, e.g. "posts not accepted"
     * @param message what Kafka did or did not do, naming the topic or record
     * @param cause   the client's exception, or null
     */
    public KafkaUnavailableException(String refused, String message, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    /** @return what the client is told was not done */
    public String refused() {
        return refused;
    }
}
