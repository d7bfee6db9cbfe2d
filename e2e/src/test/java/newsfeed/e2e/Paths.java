package newsfeed.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project and its inputs are, seen from the e2e module. */
final class Paths {

    private Paths() {
    }

    /** The project root: the {@code newsfeed.root} system property (set by the build), else the parent directory. */
    static Path root() {
        String configured = System.getProperty("newsfeed.root");
        Path root = configured == null || configured.isBlank() ? Path.of("..") : Path.of(configured);
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("mvnw"))) {
            throw new IllegalStateException("cannot find the project root (no mvnw in " + root + ")");
        }
        return root;
    }

    static Path sample() {
        return root().resolve("samples/northwind-wire.txt");
    }

    /** The saved t.me/s page that ingest-service's parser tests read, so that both test the same page. */
    static Path webPreviewPage() {
        return root().resolve("ingest-service/src/test/resources/webpreview/harbour-desk.html");
    }

    static Path sampleExpectations() {
        return root().resolve("samples/northwind-wire.expected.json");
    }
}
