package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scale-out on Kafka's own mechanisms (issue 11, acceptance 2): {@code run.sh --instances 2} (two instances of every
 * service, topics of 3 partitions) stores exactly what {@code run.sh} with one instance stores ({@link CorpusRun}:
 * the bundled sample and 1,500 generated posts with planted repeats), the batches sent to both ingest instances in
 * turn; columns that depend on when and in which order posts were stored aside ({@link StoreSnapshot#RUN_DEPENDENT}).
 */
class ScaleOutRunIT {

    @Test
    void twoInstancesOfEveryServiceStoreWhatOneStores() throws Exception {
        String one = CorpusRun.undisturbed();
        String two;
        try (RunScript run = RunScript.start(Map.of(), "--instances", "2")) {
            List<byte[]> batches = CorpusRun.batches();
            for (int i = 0; i < batches.size(); i++) {
                CorpusRun.send(run, run.ports.get("INGEST_PORT") + (i % 2 == 1 ? 100 : 0), batches.get(i));
            }
            two = CorpusRun.settled(run);
            assertThat(run.interrupt()).as("run.sh stops on SIGINT:\n%s", run.output()).isTrue();
        }
        assertThat(two).isEqualTo(one);
    }
}
