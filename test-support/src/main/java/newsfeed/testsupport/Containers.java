package newsfeed.testsupport;

import org.testcontainers.containers.GenericContainer;

/** Starting a Testcontainers container without leaking it when the start fails. Loaded only when Docker runs. */
final class Containers {

    private Containers() {
    }

    /**
     * @return {@code container}, started
     * @throws IllegalStateException naming {@code what} if it does not start; the container is closed first
     */
    static <C extends GenericContainer<?>> C start(C container, String what) {
        try {
            container.start();
            return container;
        } catch (RuntimeException e) {
            try {
                container.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw new IllegalStateException(what + " failed to start: " + e.getMessage(), e);
        }
    }
}
