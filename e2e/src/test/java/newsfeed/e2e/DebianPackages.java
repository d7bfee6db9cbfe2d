package newsfeed.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Binaries from Debian packages that some tests drive; {@code .ci/run} installs the packages where they are missing. */
final class DebianPackages {

    private DebianPackages() {
    }

    /**
     * @param what     what needs them, for the message, e.g. "the dashboard test"
     * @param packages the Debian packages that provide them, space-separated
     * @throws AssertionError naming the missing binaries and the command that installs them
     */
    static void require(String what, String packages, Path... binaries) {
        List<String> missing = Stream.of(binaries).filter(p -> !Files.isExecutable(p)).map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError(what + " needs " + String.join(", ", missing) + ", missing. Install "
                    + "them with: apt-get update && apt-get install -y --no-install-recommends " + packages
                    + " (.ci/run does this before the tests)");
        }
    }
}
