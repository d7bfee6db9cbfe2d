package newsfeed.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real channel dump the project is checked against, {@code ../shared/seeds/000_e8ee5d56a119bd52.txt} from the
 * project root. It is not part of the project: tests that need it skip, with {@link #MISSING}, where it is absent.
 */
public final class SharedSeed {

    /** File name of the seed dump. */
    public static final String FILE = "000_e8ee5d56a119bd52.txt";

    /** The message of a test skipped for want of the seed. */
    public static final String MISSING = "../shared/seeds/" + FILE + " is absent: seed tests skipped";

    private SharedSeed() {
    }

    /**
     * @return the seed file, looked up from the {@code seed.dir} system property, then from the working directory
     *         and its ancestors as {@code ../shared/seeds/}; null when it is nowhere
     */
    public static Path path() {
        String configured = System.getProperty("seed.dir");
        if (configured != null && Files.isRegularFile(Path.of(configured, FILE))) {
            return Path.of(configured, FILE).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("seeds").resolve(FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate.normalize();
            }
        }
        return null;
    }
}
