package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * CI: StageFailoverIT started another instance of three services at once, and two were given the same free port, so
 * one failed to bind its management interface ("Address already in use"). Ports chosen from several threads at once
 * are all distinct.
 */
class PipelinePortsIT {

    @Test
    void portsChosenAtOnceFromSeveralThreadsAreDistinct() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Callable<List<Integer>>> tasks = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                tasks.add(() -> {
                    List<Integer> mine = new ArrayList<>();
                    for (int round = 0; round < 300; round++) {
                        mine.addAll(Pipeline.freePorts(2));
                    }
                    return mine;
                });
            }
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> done : threads.invokeAll(tasks)) {
                all.addAll(done.get());
            }
            assertThat(all).hasSize(1_800).doesNotHaveDuplicates();
        } finally {
            threads.shutdownNow();
        }
    }
}
