package newsfeed.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a real PostgreSQL server (zonky's embedded binaries, PostgreSQL 14) in the foreground for {@code run.sh}, so
 * that the pipeline runs on a machine without Docker or a PostgreSQL installation.
 *
 * <p>Usage: {@code LocalPostgres --port 5432 --data-dir DIR [--database newsfeed]}. The data directory is kept between
 * runs. Prints {@code READY <jdbc-url>} once the database accepts connections, then runs until SIGTERM/SIGINT, on
 * which it stops the server ({@code pg_ctl stop}) before exiting. User {@code postgres}, trust authentication on
 * localhost only.
 *
 * <p>Durable: zonky's defaults for tests ({@code fsync} off, {@code synchronous_commit} off) are set back to
 * PostgreSQL's, because a commit the store was told of must survive a crash of the server: with them off, kill -9 of
 * the server lost the batch the store had just committed, and its Kafka offsets were committed too. If the server
 * exits while this launcher runs (a crash, kill -9), the launcher exits with status 1, so that run.sh's supervision
 * starts both again; before starting, it kills a server a killed launcher left behind and waits for it to be gone.
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        int port = 5432;
        Path dataDir = null;
        String database = "newsfeed";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--database" -> database = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: LocalPostgres --port N --data-dir DIR [--database NAME]");
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        Files.createDirectories(dataDir);
        awaitStaleServerGone(dataDir.toAbsolutePath());
        Path binaries = dataDir.toAbsolutePath().getParent().resolve("postgres-binaries");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir.toAbsolutePath())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(new File(binaries.toString()))
                .setServerConfig("listen_addresses", "localhost")
                // TCP only: a Unix socket's lock file in /tmp names the server's pid like postmaster.pid, and a killed
                // server that lingers as a zombie would hold it (and the port) against the next one
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL failed: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "stop-postgres"));
        createDatabase(postgres, database);
        Path pidFile = dataDir.toAbsolutePath().resolve("postmaster.pid");
        ProcessHandle server = serverProcess(dataDir.toAbsolutePath()).orElseThrow(() -> new IllegalStateException(
                "PostgreSQL started, but " + pidFile + " names no running process"));
        server.onExit().thenRun(() -> {
            if (!stopping.get()) {
                System.err.println("PostgreSQL server (pid " + server.pid() + ") exited; stopping this launcher");
                Runtime.getRuntime().halt(1);
            }
        });
        System.out.println("READY jdbc:postgresql://localhost:" + port + "/" + database);
        System.out.flush();
        stopped.await();
    }

    /** The server process {@code postmaster.pid} of {@code dataDir} names, if it runs on it. */
    private static Optional<ProcessHandle> serverProcess(Path dataDir) throws IOException {
        OptionalLong pid = pidInFile(dataDir.resolve("postmaster.pid"));
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.getAsLong()).filter(p -> runsOn(p, dataDir));
    }

    /** Whether {@code process} is a server on {@code dataDir}: a zombie has no command line, so it is not. */
    private static boolean runsOn(ProcessHandle process, Path dataDir) {
        return process.info().commandLine().orElse("").contains(dataDir.toString());
    }

    private static OptionalLong pidInFile(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return OptionalLong.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.isEmpty() || !lines.get(0).strip().matches("\\d{1,10}") ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
    }

    /**
     * A server whose launcher was killed outright may still run on the data directory, or linger as a zombie when
     * nothing reaps it: either way PostgreSQL refuses to start ("lock file postmaster.pid already exists", its check
     * being {@code kill(pid, 0)}) and zonky waits a minute for a server that never comes. A running one is killed and
     * waited for, up to 30 s; then the lock file of a server that no longer runs is removed.
     */
    private static void awaitStaleServerGone(Path dataDir) throws IOException, InterruptedException {
        Optional<ProcessHandle> stale = serverProcess(dataDir);
        if (stale.isPresent()) {
            System.err.println("a PostgreSQL server (pid " + stale.get().pid() + ") still runs on " + dataDir
                    + "; killing it");
            stale.get().destroyForcibly();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (runsOn(stale.get(), dataDir)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the PostgreSQL server (pid " + stale.get().pid() + ") on "
                            + dataDir + " did not exit within 30 s of SIGKILL");
                }
                Thread.sleep(100);
            }
        }
        Path pidFile = dataDir.resolve("postmaster.pid");
        OptionalLong pid = pidInFile(pidFile);
        if (pid.isPresent()) {
            System.err.println("removing " + pidFile + ": its server (pid " + pid.getAsLong() + ") no longer runs");
            Files.deleteIfExists(pidFile);
        }
    }

    private static void createDatabase(EmbeddedPostgres postgres, String database) throws Exception {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a lower-case SQL identifier: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + database);
        }
    }
}
