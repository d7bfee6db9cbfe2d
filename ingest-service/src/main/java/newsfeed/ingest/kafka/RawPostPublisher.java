package newsfeed.ingest.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.Topics;
import newsfeed.ingest.api.InvalidRequestException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes raw posts to {@link Topics#POSTS_RAW}, keyed by postId, and returns only once every one is acknowledged
 * by all in-sync replicas ({@code acks=all}, idempotent producer), so a 202 means the posts are in Kafka.
 */
@Startup
@ApplicationScoped
public class RawPostPublisher {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    KafkaSettings settings;

    @Inject
    MeterRegistry registry;

    /**
     * Room left in {@code max.request.size} for what Kafka adds around a record (batch and record headers, Kafka's
     * record format v2: about 70 bytes for a batch of one).
     */
    static final int RECORD_OVERHEAD_BYTES = 1024;

    /** Posts acknowledged by Kafka, by source and route (Prometheus: {@code newsfeed_ingest_posts_published_total}). */
    public static final String PUBLISHED_METRIC = "newsfeed.ingest.posts.published";

    private final JsonSerde.RawPostSerde serde = new JsonSerde.RawPostSerde();
    private Producer<String, byte[]> producer;
    private MeterRegistry meters;
    private int maxRecordBytes;

    @PostConstruct
    void open() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "newsfeed-ingest");
        long timeoutMs = settings.publishTimeout().toMillis();
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        // The producer requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs / 2, 30_000));
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        Object maxRequest = config.getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576);
        maxRecordBytes = Integer.parseInt(maxRequest.toString().strip()) - RECORD_OVERHEAD_BYTES;
        meters = registry;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /**
     * Largest record a post may make, key and JSON value, in bytes: the producer's {@code max.request.size} (1 MiB by
     * default) less {@value #RECORD_OVERHEAD_BYTES} bytes of headroom. A larger post
     * would be refused by the producer after the posts before it were sent.
     */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /**
     * @param posts posts to write, in order; each is keyed by its postId
     * @throws InvalidRequestException before anything is sent, naming every post whose record would be above
     *                                 {@link #maxRecordBytes()}
     * @throws PublishException if Kafka does not acknowledge every post within {@code newsfeed.ingest.publish-timeout};
     *                          some posts may then be in Kafka already, and a retry re-sends them under the same
     *                          postIds, which every later stage treats idempotently
     */
    public void publish(List<RawPost> posts) {
        // Each post is serialized once: the bytes that were measured are the bytes that are sent.
        List<byte[]> values = new ArrayList<>(posts.size());
        List<String> tooLarge = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            RawPost post = posts.get(i);
            byte[] value = serde.serialize(Topics.POSTS_RAW, post);
            values.add(value);
            long bytes = (long) post.postId().getBytes(StandardCharsets.UTF_8).length + value.length;
            if (bytes > maxRecordBytes) {
                tooLarge.add((posts.size() > 1 ? "[" + i + "] " : "") + post.postId() + " would be a Kafka record of "
                        + bytes + " bytes, above the limit of " + maxRecordBytes + " bytes");
            }
        }
        if (!tooLarge.isEmpty()) {
            throw new InvalidRequestException("post too large", tooLarge);
        }
        long deadline = System.nanoTime() + settings.publishTimeout().toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(posts.size());
        try {
            for (int i = 0; i < posts.size(); i++) {
                acks.add(producer.send(new ProducerRecord<>(Topics.POSTS_RAW, posts.get(i).postId(), values.get(i))));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new PublishException("Kafka rejected a post: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishException("Kafka did not acknowledge the posts within " + settings.publishTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for Kafka", e);
        } catch (RuntimeException e) {
            throw new PublishException("cannot send to Kafka: " + e.getMessage(), e);
        }
        count(posts);
    }

    /**
     * {@code newsfeed.ingest.posts.published}, tagged with the post's {@code source} slug and its {@code route}: how
     * it arrived ({@link RawPost#sourceType()} in lower case: http, text, telegram, rss, atom).
     */
    private void count(List<RawPost> posts) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (RawPost post : posts) {
            counts.merge(List.of(post.source(), post.sourceType().name().toLowerCase(Locale.ROOT)), 1, Integer::sum);
        }
        counts.forEach((tags, n) -> meters.counter(PUBLISHED_METRIC, "source", tags.get(0), "route", tags.get(1))
                .increment(n));
    }

    /** Kafka did not take the posts; the client should retry later (HTTP 503). */
    public static class PublishException extends KafkaUnavailableException {
        public PublishException(String message, Throwable cause) {
            super("posts not accepted", message, cause);
        }
    }
}
