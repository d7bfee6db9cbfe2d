package newsfeed.store.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import newsfeed.contracts.Topics;
import newsfeed.contracts.kafka.TopicProvisioner;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import newsfeed.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

/** {@code GET /api/pipeline} callers share one report per sampling interval instead of one Kafka consumer each. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PipelineReportTest {

    @Inject
    PipelineMonitor monitor;

    @Test
    void concurrentCallersWithinTheIntervalGetTheSameReport() throws Exception {
        // the pipeline's topics as the other services would have created them
        TopicProvisioner.ensure(Map.of("bootstrap.servers", TestKafka.bootstrapServers()), Topics.PIPELINE,
                Optional.empty(), Optional.empty(), 30_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<PipelineMonitor.Report>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(monitor::recentReport);
            }
            List<PipelineMonitor.Report> reports = new ArrayList<>();
            for (Future<PipelineMonitor.Report> report : pool.invokeAll(calls)) {
                reports.add(report.get());
            }
            assertThat(reports).allSatisfy(r -> assertThat(r).isSameAs(reports.get(0)));
            assertThat(reports.get(0).consumerGroups()).extracting(PipelineMonitor.GroupLag::group)
                    .containsExactlyElementsOf(PipelineMonitor.GROUPS);
        } finally {
            pool.shutdownNow();
        }
        // a fresh report once the interval (2 s) has passed
        PipelineMonitor.Report first = monitor.recentReport();
        Thread.sleep(2_100);
        assertThat(monitor.recentReport()).isNotSameAs(first);
    }
}
