package newsfeed.store.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The sampler's rounds when Kafka stops answering: a trial froze the broker and read the store group's lag as 0 for
 * 28 s, while the groups before it waited out their 10 s timeouts one after another. The first group Kafka does not
 * answer makes every group NaN at once.
 */
class ConsumerLagGaugesOutageTest {

    /** A monitor whose answers the test decides: Kafka's failure is the one thing a unit test cannot make real here. */
    private static final class Answers extends PipelineMonitor {
        final AtomicBoolean kafkaAnswers = new AtomicBoolean(true);
        final AtomicInteger asked = new AtomicInteger();

        @Override
        GroupLag groupLag(String group) {
            asked.incrementAndGet();
            if (!kafkaAnswers.get()) {
                throw new IllegalStateException("Kafka did not answer: timed out");
            }
            return new GroupLag(group, 0, List.of());
        }
    }

    @Test
    void theFirstGroupKafkaDoesNotAnswerMakesEveryGroupNaN() {
        Answers monitor = new Answers();
        ConsumerLagGauges gauges = new ConsumerLagGauges();
        gauges.monitor = monitor;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        gauges.registry = registry;
        gauges.register();
        Instant now = Instant.parse("2026-12-04T17:15:46Z");

        gauges.sampleAt(now);
        for (String group : PipelineMonitor.GROUPS) {
            assertThat(registry.get(ConsumerLagGauges.RECORDS_METRIC).tag("group", group).gauge().value())
                    .isEqualTo(0.0);
        }

        monitor.kafkaAnswers.set(false);
        monitor.asked.set(0);
        gauges.sampleAt(now.plusSeconds(10));

        assertThat(monitor.asked).as("one timeout, not one per group").hasValue(1);
        for (String group : PipelineMonitor.GROUPS) {
            assertThat(registry.get(ConsumerLagGauges.RECORDS_METRIC).tag("group", group).gauge().value())
                    .as(group).isNaN();
            assertThat(registry.get(ConsumerLagGauges.SECONDS_METRIC).tag("group", group).gauge().value())
                    .as(group).isNaN();
        }
    }
}
