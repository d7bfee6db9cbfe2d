package newsfeed.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service's packaged application ({@code target/quarkus-app/quarkus-run.jar}) running as its own process,
 * output to a log file under {@code target/e2e-logs/}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private ServiceProcess(String name, Process process, Path log, int port, int managementPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * Starts {@code <root>/<module>/target/quarkus-app/quarkus-run.jar} with the given environment, the API on
     * {@code port} and the management interface ({@code /q/*}) on {@code managementPort}, and waits until
     * {@code /q/health/ready} answers 200.
     *
     * @throws IllegalStateException if the application is not built, exits, or is not ready within the timeout
     */
    static ServiceProcess start(Path root, String module, int port, int managementPort, Map<String, String> env,
            Duration timeout) throws IOException, InterruptedException {
        return start(root, module, port, managementPort, List.of("-Xmx384m"), env, timeout);
    }

    /**
     * Like {@link #start(Path, String, int, int, Map, Duration)}, with the given JVM options (heap size, GC log,
     * ...) instead of the default {@code -Xmx384m}.
     */
    static ServiceProcess start(Path root, String module, int port, int managementPort, List<String> jvmOptions,
            Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package)");
        }
        Path logs = Files.createDirectories(root.resolve("e2e/target/e2e-logs"));
        Path log = logs.resolve(module + "-" + port + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        ServiceProcess service = new ServiceProcess(module, builder.start(), log, port, managementPort);
        service.awaitReady(timeout);
        return service;
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** The root of the management interface: health, metrics and the OpenAPI document under {@code /q}. */
    String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; see " + log);
            }
            try {
                URI ready = URI.create(managementUrl() + "/q/health/ready");
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(ready)
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s (" + last + "); see "
                + log);
    }

    /** The log file that a failure of {@link #start} names after {@code see } in its message. */
    static Path logOf(IllegalStateException failed) {
        String message = failed.getMessage();
        return Path.of(message.substring(message.lastIndexOf("see ") + 4).strip());
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Kills the process outright (SIGKILL), as a crash would, and waits for it to end. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops the process (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public void close() {
        closeAll(List.of(this));
    }

    /**
     * Stops the processes together: SIGTERM to all, then SIGKILL to those still running 20 s later. Together, not one
     * after the other: at the end of a run, with the broker gone, a service may take its 20 s to stop, and three in a
     * row outlasted the 30 s failsafe gives a test JVM to exit; the JVM was killed in its shutdown hook and left
     * dedup-service and store-service running, retrying a broker that was gone.
     */
    static void closeAll(Collection<ServiceProcess> services) {
        services.forEach(service -> service.process.destroy());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            for (ServiceProcess service : services) {
                long left = deadline - System.nanoTime();
                if (!service.process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                    service.process.destroyForcibly().waitFor();
                }
            }
        } catch (InterruptedException e) {
            services.forEach(service -> service.process.destroyForcibly());
            Thread.currentThread().interrupt();
        }
    }
}
