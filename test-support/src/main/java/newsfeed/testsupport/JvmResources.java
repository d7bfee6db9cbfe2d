package newsfeed.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/** Per-JVM plumbing shared by the backends: scratch directories under {@code target/}, free ports, shutdown hooks. */
final class JvmResources {

    private JvmResources() {
    }

    /** {@code target/} of the running module (Maven runs tests with the module directory as working directory). */
    static Path targetDir() {
        Path target = Paths.get("target").toAbsolutePath();
        try {
            return Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target, e);
        }
    }

    /** Creates a fresh directory {@code target/<prefix>-<random>}. */
    static Path newDirUnderTarget(String prefix) {
        Path target = targetDir();
        try {
            return Files.createTempDirectory(target, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a " + prefix + " directory under " + target, e);
        }
    }

    /** Deletes {@code dir} and everything below it; a missing directory is fine. */
    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Returns {@code count} distinct TCP ports that were free on 127.0.0.1 a moment ago. */
    static int[] freeLoopbackPorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot release probe port " + s.getLocalPort(), e);
                    }
                }
            }
        }
    }

    /**
     * Closes {@code resource} when the JVM exits. Failures go to stderr: logging may already be shut down then.
     */
    static void closeOnExit(String what, AutoCloseable resource) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("newsfeed test-support: stopping " + what + " failed: " + e);
                e.printStackTrace();
            }
        }, "newsfeed-test-stop-" + what.replace(' ', '-')));
    }
}
