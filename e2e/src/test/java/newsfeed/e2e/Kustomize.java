package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The Kubernetes manifests of {@code deploy/k8s} as {@code kubectl kustomize} renders an overlay. */
final class Kustomize {

    private Kustomize() {
    }

    /** The overlays of {@code deploy/k8s/overlays}, for parameterized tests. */
    static Stream<String> overlays() {
        return Stream.of("dev", "prod");
    }

    /**
     * Renders {@code deploy/k8s/overlays/<overlay>} with {@code kubectl kustomize} (kubectl 1.21 or newer, for
     * Kustomize 4+; {@code NEWSFEED_KUBECTL} names another binary).
     *
     * @return the resources by kind, in the order rendered
     * @throws AssertionError naming what to install when kubectl cannot run, or Kustomize's error
     */
    static Map<String, List<JsonNode>> render(String overlay) throws IOException, InterruptedException {
        String kubectl = System.getenv().getOrDefault("NEWSFEED_KUBECTL", "kubectl");
        Path dir = Paths.root().resolve("deploy/k8s/overlays").resolve(overlay);
        Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Path err = Files.createTempFile("kustomize-" + overlay, ".err");
        try {
            Process process;
            try {
                process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectOutput(out.toFile())
                        .redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("rendering deploy/k8s needs `" + kubectl + " kustomize`, which cannot run ("
                        + e.getMessage() + "): install kubectl 1.21 or newer, or name it with NEWSFEED_KUBECTL", e);
            }
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("kubectl kustomize %s finished", overlay).isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize %s: %s", overlay, Files.readString(err)).isZero();
            Map<String, List<JsonNode>> byKind = new TreeMap<>();
            try (var docs = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(out))) {
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    if (doc != null && doc.has("kind")) {
                        byKind.computeIfAbsent(doc.get("kind").asText(), k -> new ArrayList<>()).add(doc);
                    }
                }
            }
            return byKind;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
