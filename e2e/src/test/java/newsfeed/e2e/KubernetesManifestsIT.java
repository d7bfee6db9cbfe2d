package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rendered {@code deploy/k8s} overlays read into the typed models of their APIs (Kubernetes and the Prometheus
 * Operator through fabric8, Strimzi's own {@code io.strimzi:api}): every resource has a known kind and API version,
 * and no field that its model lacks, which is where a misspelt or misplaced field ends up. No cluster is needed.
 */
class KubernetesManifestsIT {

    private record Model(String apiVersion, Class<?> type) {
    }

    private static final Map<String, Model> MODELS = Map.of(
            "Deployment", new Model("apps/v1", Deployment.class),
            "StatefulSet", new Model("apps/v1", StatefulSet.class),
            "Service", new Model("v1", Service.class),
            "PodDisruptionBudget", new Model("policy/v1", PodDisruptionBudget.class),
            "HorizontalPodAutoscaler", new Model("autoscaling/v2", HorizontalPodAutoscaler.class),
            "PodMonitor", new Model("monitoring.coreos.com/v1", PodMonitor.class),
            "Kafka", new Model("kafka.strimzi.io/v1beta2", Kafka.class),
            "KafkaNodePool", new Model("kafka.strimzi.io/v1beta2", KafkaNodePool.class),
            "KafkaTopic", new Model("kafka.strimzi.io/v1beta2", KafkaTopic.class));

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource("newsfeed.e2e.Kustomize#overlays")
    void everyResourceFitsItsApiModel(String overlay) throws Exception {
        List<String> unknown = new ArrayList<>();
        int resources = 0;
        for (var kind : Kustomize.render(overlay).entrySet()) {
            Model model = MODELS.get(kind.getKey());
            assertThat(model).as("%s: a model for kind %s", overlay, kind.getKey()).isNotNull();
            for (JsonNode resource : kind.getValue()) {
                String name = kind.getKey() + " " + resource.at("/metadata/name").asText();
                assertThat(resource.get("apiVersion").asText()).as("%s apiVersion", name)
                        .isEqualTo(model.apiVersion());
                Object typed = JSON.treeToValue(resource, model.type());
                collectUnknown(typed, name, unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
                resources++;
            }
        }
        assertThat(resources).as("%s resources", overlay).isGreaterThan(10);
        assertThat(unknown).as("%s: fields the API models do not have", overlay).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("newsfeed.e2e.Kustomize#overlays")
    void aMisspeltFieldIsFound(String overlay) throws Exception {
        JsonNode pool = Kustomize.render(overlay).get("KafkaNodePool").get(0).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) pool.get("spec")).put("replica", 3);
        List<String> unknown = new ArrayList<>();
        collectUnknown(JSON.treeToValue(pool, KafkaNodePool.class), "pool", unknown,
                Collections.newSetFromMap(new IdentityHashMap<>()));
        assertThat(unknown).containsExactly("pool.spec: replica");
    }

    /**
     * Walks the model's getters; a model object that kept fields it does not know ({@code getAdditionalProperties},
     * in fabric8's and Strimzi's models) adds "path: names" to {@code unknown}.
     */
    private static void collectUnknown(Object node, String path, List<String> unknown, Set<Object> seen)
            throws ReflectiveOperationException {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                collectUnknown(e.getValue(), path + "." + e.getKey(), unknown, seen);
            }
            return;
        }
        String type = node.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = getter.invoke(node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + String.join(", ", extra.keySet().stream().map(String::valueOf).toList()));
                }
            } else if (value != null && !(value instanceof Enum<?>)) {
                collectUnknown(value, path + "." + property(getter.getName()), unknown, seen);
            }
        }
    }

    private static String property(String getter) {
        return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
    }
}
