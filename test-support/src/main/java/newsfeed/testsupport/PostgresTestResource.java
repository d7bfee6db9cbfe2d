package newsfeed.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource giving each test application a fresh, empty database on this JVM's
 * {@link TestPostgres} server: {@code @QuarkusTestResource(PostgresTestResource.class)}.
 * Sets {@code quarkus.datasource.jdbc.url}, {@code .username} and {@code .password}. Datasource Dev Services are
 * decided at build time, before any test resource starts, so the consuming module must disable them in its
 * {@code application.properties} ({@code %test.quarkus.datasource.devservices.enabled=false}); returning that key
 * from here has no effect and makes Quarkus warn. The database name prefix is the init arg {@value #PREFIX_ARG} (default {@value #DEFAULT_PREFIX}),
 * e.g. {@code initArgs = @ResourceArg(name = "database-prefix", value = "store")}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String PREFIX_ARG = "database-prefix";
    public static final String DEFAULT_PREFIX = "quarkus_test";

    private String prefix = DEFAULT_PREFIX;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault(PREFIX_ARG, DEFAULT_PREFIX);
    }

    /** @throws IllegalStateException if the server cannot be started or the database cannot be created */
    @Override
    public Map<String, String> start() {
        String url = TestPostgres.createDatabase(prefix);
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", TestPostgres.username(),
                "quarkus.datasource.password", TestPostgres.password());
    }

    @Override
    public void stop() {
        // The database is left for inspection; the server is stopped by its shutdown hook.
    }
}
