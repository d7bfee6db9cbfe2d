package newsfeed.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A second copy of the classes, as Quarkus makes per test application, must reuse this JVM's servers. */
class SharedAcrossClassLoadersTest {

    @Test
    void isolatedCopyUsesTheSameBrokerAndServer() throws Exception {
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> {
                    try {
                        return Paths.get(entry).toUri().toURL();
                    } catch (Exception e) {
                        throw new IllegalStateException("bad class path entry " + entry, e);
                    }
                })
                .toArray(URL[]::new);
        try (URLClassLoader isolated = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            Class<?> kafkaCopy = isolated.loadClass(TestKafka.class.getName());
            Class<?> postgresCopy = isolated.loadClass(TestPostgres.class.getName());
            assertThat(kafkaCopy).isNotSameAs(TestKafka.class);

            assertThat(kafkaCopy.getMethod("bootstrapServers").invoke(null)).isEqualTo(TestKafka.bootstrapServers());
            assertThat(postgresCopy.getMethod("jdbcUrl").invoke(null)).isEqualTo(TestPostgres.jdbcUrl());
        }
    }
}
