package newsfeed.ingest.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings of ingest-service's writes that an HTTP answer or a poll waits for (feed subscriptions, feed
 * memory, dead-letter replays): acknowledged by all in-sync replicas ({@code acks=all}), idempotent, sent at once
 * ({@code linger.ms=0}), and every producer timeout within the one the caller waits for.
 */
public final class AcknowledgedWrites {

    private AcknowledgedWrites() {
    }

    /**
     * @param kafkaConfig the service's Kafka client configuration (bootstrap servers, security)
     * @param clientId    the producer's client id
     * @param timeout     longest wait for an acknowledgement; {@code max.block.ms} and {@code delivery.timeout.ms}
     *                    are set to it, {@code request.timeout.ms} to half of it (at most 30 s), as the producer
     *                    requires {@code delivery.timeout.ms >= linger.ms + request.timeout.ms}
     */
    public static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, String clientId,
            Duration timeout) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        long timeoutMs = timeout.toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs / 2, 30_000));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return config;
    }
}
