package newsfeed.testsupport;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL in Docker through Testcontainers ({@value #IMAGE}). Only loaded after {@link DockerProbe} found Docker. */
final class ContainerPostgres implements PostgresBackend {

    static final String IMAGE = "postgres:16-alpine";

    private final PostgreSQLContainer container;

    private ContainerPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    static PostgresBackend start() {
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(IMAGE));
        return new ContainerPostgres(Containers.start(container, "PostgreSQL container " + IMAGE));
    }

    @Override
    public String jdbcUrl() {
        return container.getJdbcUrl();
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public String description() {
        return "PostgreSQL container " + IMAGE + " at " + jdbcUrl();
    }

    @Override
    public void close() {
        container.stop();
    }
}
