package newsfeed.testsupport;

/** A running Kafka broker owned by this JVM. */
interface KafkaBackend extends AutoCloseable {

    /** {@code host:port[,host:port]} for clients. */
    String bootstrapServers();

    /** Human-readable kind and location, for logs and errors. */
    String description();
}
