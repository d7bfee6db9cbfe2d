package newsfeed.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * PostgreSQL (zonky embedded binaries, PostgreSQL 14) run as a child process on a free localhost port,
 * user {@code postgres} with trust authentication. Binaries are unpacked once into {@code target/embedded-pg/},
 * the cluster lives in {@code target/postgres-<random>/} (deleted on close).
 */
final class EmbeddedPostgresServer implements PostgresBackend {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final String USER = "postgres";
    /** Trust authentication ignores it; non-empty so that frameworks treating "" as unset stay quiet. */
    private static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dir) {
        this.postgres = postgres;
        this.dir = dir;
    }

    static EmbeddedPostgresServer start() {
        Path binaries = JvmResources.targetDir().resolve("embedded-pg");
        Path dir = JvmResources.newDirUnderTarget("postgres");
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_TIMEOUT)
                    .start();
            return new EmbeddedPostgresServer(postgres, dir);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start within " + STARTUP_TIMEOUT.toSeconds()
                    + " s; binaries in " + binaries + ", data in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public String description() {
        return "embedded PostgreSQL at " + jdbcUrl() + " (data " + dir + ")";
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() throws IOException {
        postgres.close();
        JvmResources.deleteRecursively(dir);
    }
}
