package newsfeed.testsupport;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import java.net.URI;

/**
 * The management interface of the application a {@code @QuarkusTest} started: every service serves {@code /q/*}
 * (health, metrics, OpenAPI) on a port of its own ({@code quarkus.management.port}; a random one in tests,
 * {@code quarkus.management.test-port=0}), never on the API port.
 */
public final class ManagementInterface {

    private ManagementInterface() {
    }

    /**
     * @param path an absolute path on the management port, such as {@code /q/metrics}
     * @return the absolute URL of {@code path} on the running test application's management port
     * @throws IllegalStateException if no application is running, or it has no management interface
     */
    public static String url(String path) {
        String root = TestHTTPResourceManager.getManagementUri();
        if (root == null || root.isEmpty()) {
            throw new IllegalStateException("no management interface: is a @QuarkusTest application running, with "
                    + "quarkus.management.enabled=true?");
        }
        // the manager's URI ends with the management root path (/q); the callers name full paths
        URI uri = URI.create(root);
        return uri.getScheme() + "://" + uri.getAuthority() + path;
    }
}
