package newsfeed.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import newsfeed.contracts.kafka.StreamsFailure;
import newsfeed.testsupport.KafkaTestClient;
import newsfeed.testsupport.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/**
 * A stream thread that fails once is replaced and its stage goes on, under exactly-once against a real broker: every
 * input record reaches the output once, the one being processed when the thread failed included, and the process is
 * not asked to exit. The stages used to shut their client down and exit on the first failure (CI on 7f625c5: ingest
 * exited with status 70 after a kill -9 of the broker). The topology is a stand-in that fails on demand; the handler
 * is the one ingest and dedup register ({@link StreamsFailure}).
 */
class StreamThreadReplacementTest {

    @Test
    void aThreadThatFailsOnceIsReplacedAndEveryRecordIsWrittenOnce() throws Exception {
        String id = "thread-replacement-" + UUID.randomUUID().toString().substring(0, 8);
        String input = id + ".in";
        String output = id + ".out";
        TestKafka.createTopics(1, input, output);
        AtomicBoolean failed = new AtomicBoolean();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String())).mapValues(value -> {
            if (value.equals("fails once") && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("a thread failure, as after a broker restart");
            }
            return value.toUpperCase(java.util.Locale.ROOT);
        }).to(output, Produced.with(Serdes.String(), Serdes.String()));

        List<Integer> exits = new ArrayList<>();
        List<KafkaStreams.State> states = new ArrayList<>();
        StreamsFailure failure = new StreamsFailure("normalizer", exits::add);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), config(id))) {
            streams.setUncaughtExceptionHandler(failure);
            streams.setStateListener((now, before) -> {
                synchronized (states) {
                    states.add(now);
                }
                failure.onChange(now, before);
            });
            streams.start();
            for (String value : List.of("before", "fails once", "after")) {
                KafkaTestClient.produce(input, value, value.getBytes(StandardCharsets.UTF_8));
            }

            List<ConsumerRecord<String, String>> written = KafkaTestClient.consumeStrings(output, 3,
                    Duration.ofSeconds(90));
            assertThat(written).extracting(ConsumerRecord::value).containsExactly("BEFORE", "FAILS ONCE", "AFTER");
            assertThat(failed).as("the thread failed").isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            assertThat(exits).as("exits asked for").isEmpty();
            synchronized (states) {
                assertThat(states).doesNotContain(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);
            }
            assertThat(streams.metadataForLocalThreads()).as("a stream thread runs").hasSize(1)
                    .allSatisfy(thread -> assertThat(thread.threadName()).endsWith("-StreamThread-2"));
        }
        assertThat(KafkaTestClient.readToEnd(output, Duration.ofSeconds(30))).as("nothing written twice").hasSize(3);
    }

    private static Properties config(String id) throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Path.of("target"), id).toString());
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // as in application.properties: the new thread's tasks waited for the failed thread's session to expire
        // (Kafka Streams' consumers do not send a leave on close), 44 s with Kafka's default of 45 s
        config.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
        config.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 3_000);
        return config;
    }
}
