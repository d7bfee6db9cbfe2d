package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options {@code deploy/local/run.sh} gives ingest-service or store-service, for the tests that start one with
 * run.sh's heap: the heap read from run.sh itself ({@code [ingest]=${INGEST_HEAP:-96m}}), then run.sh's
 * {@code SERVICE_JVM} and the C1-only {@code JIT} of these two services.
 */
final class RunShJvm {

    private RunShJvm() {
    }

    /** @param service {@code ingest} or {@code store}, as run.sh names them; @return the heap, as {@code 96m} */
    static String heap(Path root, String service) throws IOException {
        String variable = service.toUpperCase(Locale.ROOT) + "_HEAP";
        Matcher m = Pattern.compile("\\[" + service + "]=\\$\\{" + variable + ":-(\\d+m)}")
                .matcher(Files.readString(root.resolve("deploy/local/run.sh")));
        assertThat(m.find()).as("run.sh sets %s's heap as [%s]=${%s:-…}", service, service, variable).isTrue();
        return m.group(1);
    }

    /** @return {@code -Xmx} of {@link #heap} and the options run.sh starts the service with */
    static List<String> options(Path root, String service) throws IOException {
        return List.of("-Xmx" + heap(root, service), "-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=64m",
                "-XX:MaxMetaspaceSize=128m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1");
    }
}
