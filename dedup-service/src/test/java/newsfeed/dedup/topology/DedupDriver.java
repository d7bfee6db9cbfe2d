package newsfeed.dedup.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.JsonSerde;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The production dedup topology in a {@link TopologyTestDriver}, with helpers to feed posts and read decisions. */
public final class DedupDriver implements AutoCloseable {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> normalized;
    final TestOutputTopic<String, DeduplicatedPost> deduplicated;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    private final Map<String, DeduplicatedPost> latest = new LinkedHashMap<>();
    private final List<DeduplicatedPost> all = new ArrayList<>();

    public DedupDriver() {
        // In-memory stores: RocksDB flushes at every commit, and the test driver commits after every record.
        this(DedupSettings.Values.DEFAULT.withStateStore(DedupSettings.StoreKind.MEMORY));
    }

    public DedupDriver(DedupSettings.Values settings) {
        this(settings, Instant.now());
    }

    /** @param wallClock the driver's wall clock at start, which {@link #advanceWallClock} moves on */
    public DedupDriver(DedupSettings.Values settings, Instant wallClock) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "dedup-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Path.of("target"), "dedup-driver")
                    .toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        driver = new TopologyTestDriver(DedupTopology.build(settings, registry), config, wallClock);
        normalized = driver.createInputTopic(Topics.POSTS_NORMALIZED, new StringSerializer(), new ByteArraySerializer());
        deduplicated = driver.createOutputTopic(Topics.POSTS_DEDUPLICATED, new StringDeserializer(),
                new JsonSerde.DeduplicatedPostSerde());
        deadLetters = driver.createOutputTopic(Topics.POSTS_DEAD_LETTER, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Feeds posts in the given order and collects the decisions they cause. */
    public DedupDriver submit(NormalizedPost... posts) {
        for (NormalizedPost post : posts) {
            normalized.pipeInput(post.postId(), new JsonSerde.NormalizedPostSerde().serialize("t", post));
        }
        drain();
        return this;
    }

    public void pipeRaw(String key, byte[] value) {
        normalized.pipeInput(key, value);
        drain();
    }

    /** Advances the wall clock, which runs the expiry punctuations. */
    public void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
        drain();
    }

    private void drain() {
        for (DeduplicatedPost post : deduplicated.readValuesToList()) {
            latest.put(post.postId(), post);
            all.add(post);
        }
    }

    /** The last decision sent for a post. */
    public DeduplicatedPost latest(String postId) {
        DeduplicatedPost post = latest.get(postId);
        if (post == null) {
            throw new AssertionError("no decision for " + postId + "; decided: " + latest.keySet());
        }
        return post;
    }

    public Map<String, DeduplicatedPost> latest() {
        return latest;
    }

    /** Every decision sent, in order. */
    public List<DeduplicatedPost> all() {
        return all;
    }

    @Override
    public void close() {
        driver.close();
    }
}
