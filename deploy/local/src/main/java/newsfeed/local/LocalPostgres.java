package newsfeed.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL server (zonky's embedded binaries, PostgreSQL 14) in the foreground for {@code run.sh}, so
 * that the pipeline runs on a machine without Docker or a PostgreSQL installation.
 *
 * <p>Usage: {@code LocalPostgres --port 5432 --data-dir DIR [--database newsfeed]}. The data directory is kept between
 * runs. Prints {@code READY <jdbc-url>} once the database accepts connections, then runs until SIGTERM/SIGINT, on
 * which it stops the server ({@code pg_ctl stop}) before exiting. User {@code postgres}, trust authentication on
 * localhost only.
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
        Path binaries = dataDir.toAbsolutePath().getParent().resolve("postgres-binaries");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir.toAbsolutePath())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(new File(binaries.toString()))
                .setServerConfig("listen_addresses", "localhost")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL failed: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "stop-postgres"));
        createDatabase(postgres, database);
        System.out.println("READY jdbc:postgresql://localhost:" + port + "/" + database);
        System.out.flush();
        stopped.await();
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
