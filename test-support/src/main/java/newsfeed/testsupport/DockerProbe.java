package newsfeed.testsupport;

import org.testcontainers.DockerClientFactory;

/**
 * Asks Testcontainers once per JVM whether a Docker engine is reachable. Kept apart from the container
 * classes so that nothing else of Testcontainers is loaded when Docker is absent: Testcontainers caches a
 * failed probe and later container starts would throw.
 */
final class DockerProbe {

    private static Boolean available;

    private DockerProbe() {
    }

    static synchronized boolean dockerAvailable() {
        if (available == null) {
            available = DockerClientFactory.instance().isDockerAvailable();
        }
        return available;
    }
}
