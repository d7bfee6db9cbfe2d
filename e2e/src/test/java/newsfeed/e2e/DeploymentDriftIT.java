package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import newsfeed.contracts.Topics;
import newsfeed.contracts.health.DeadlineProbe;
import newsfeed.contracts.kafka.TopicProvisioner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No drift between the deployments and the code: {@code deploy/compose} and the rendered {@code deploy/k8s} overlays
 * must use the topics, topic settings, partitions, ports, environment variables and probe paths that the services
 * actually have. Reads the code's side from its sources of truth ({@link Topics}, {@link TopicProvisioner}, each
 * service's {@code application.properties} and configuration classes, {@code deploy/kafka/server.properties.in},
 * {@code deploy/monitoring/prometheus.yml}); renders the overlays with {@link Kustomize}.
 */
class DeploymentDriftIT {

    /**
     * How long {@code /q/health/ready} may take by default when the broker or PostgreSQL is silent: the checks' deadline
     * once for each check that waits on it ({@link DeadlineProbe}).
     */
    private static final java.time.Duration READY_ANSWERS_WITHIN = java.time.Duration
            .parse("PT" + DeadlineProbe.DEFAULT_DEADLINE.toUpperCase()).multipliedBy(DeadlineProbe.DEADLINES_PER_ANSWER);


    /** The services: module name, compose service name, Prometheus job of deploy/monitoring. */
    private record Service(String module, String composeName, String job) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service("ingest-service", "ingest", "newsfeed-ingest"),
            new Service("dedup-service", "dedup", "newsfeed-dedup"),
            new Service("store-service", "store", "newsfeed-store"));

    /**
     * Quarkus' own paths (SmallRye Health, Micrometer's Prometheus registry) under the default non-application root
     * {@code /q}; {@link #servicesKeepQuarkusDefaultPaths()} checks that no service moves them.
     */
    private static final String READY = "/q/health/ready";
    private static final String LIVE = "/q/health/live";
    private static final String STARTED = "/q/health/started";
    private static final String METRICS = "/q/metrics";

    /**
     * Quarkus' own properties that deployments set from the environment without naming them in
     * application.properties: the datasource credentials (quarkus-agroal) and the HTTP bind address.
     */
    private static final Set<String> QUARKUS_BUILT_INS = Set.of("quarkus.datasource.username",
            "quarkus.datasource.password", "quarkus.http.host");

    private static final ObjectMapper YAML = new YAMLMapper();

    private static Path root;
    private static Map<String, Map<String, String>> topicConfigs;
    private static Properties brokerDefaults;
    private static JsonNode compose;

    @BeforeAll
    static void readTheCode() throws IOException {
        root = Paths.root();
        topicConfigs = new TreeMap<>(TopicProvisioner.TOPIC_CONFIGS);
        brokerDefaults = properties(root.resolve("deploy/kafka/server.properties.in"));
        compose = readCompose();
    }

    private static int defaultPartitions() {
        return Integer.parseInt(brokerDefaults.getProperty("num.partitions"));
    }

    @Test
    void everyTopicOfTheCodeHasItsSettings() {
        Set<String> topics = new TreeSet<>(Topics.PIPELINE);
        topics.add(Topics.FEEDS_SUBSCRIPTIONS);
        topics.add(Topics.FEEDS_SEEN_ITEMS);
        assertThat(topicConfigs.keySet()).containsExactlyInAnyOrderElementsOf(topics);
        assertThat(brokerDefaults.getProperty("auto.create.topics.enable")).isEqualTo("false");
    }

    @Test
    void servicesKeepQuarkusDefaultPaths() throws IOException {
        for (Service service : SERVICES) {
            Properties props = applicationProperties(service);
            for (String key : props.stringPropertyNames()) {
                assertThat(key).as("%s moves a path the deployments probe", service.module())
                        .doesNotContain("non-application-root-path").doesNotContain("smallrye-health.root-path")
                        .doesNotContain("smallrye-health.liveness-path").doesNotContain("smallrye-health.readiness-path")
                        .doesNotContain("smallrye-health.startup-path").doesNotContain("export.prometheus.path")
                        .doesNotContain("management.root-path");
            }
            assertThat(props.getProperty("quarkus.management.enabled")).as("%s serves /q/* on its management port",
                    service.module()).isEqualTo("true");
            String pom = Files.readString(root.resolve(service.module()).resolve("pom.xml"));
            assertThat(pom).as("%s serves health and Prometheus metrics", service.module())
                    .contains("<artifactId>quarkus-smallrye-health</artifactId>")
                    .contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>");
        }
        assertThat(Files.readString(root.resolve("deploy/containers/service.Containerfile")))
                .contains("${QUARKUS_MANAGEMENT_PORT}" + READY);
    }

    // --- compose ------------------------------------------------------------------------------------------------

    @Test
    void composeRunsTheServicesOnTheirOwnPortsVariablesAndProbes() throws IOException {
        JsonNode services = compose.get("services");
        for (Service service : SERVICES) {
            JsonNode container = services.get(service.composeName());
            assertThat(container).as("compose service %s", service.composeName()).isNotNull();
            String port = Integer.toString(httpPort(service));
            String managementPort = Integer.toString(managementPort(service));
            assertThat(container.at("/build/args/SERVICE").asText()).isEqualTo(service.module());
            assertThat(container.at("/build/args/PORT").asText()).as("%s image port", service.module()).isEqualTo(port);
            assertThat(container.at("/build/args/MANAGEMENT_PORT").asText()).as("%s image management port",
                    service.module()).isEqualTo(managementPort);
            List<String> containerPorts = new ArrayList<>();
            container.get("ports").forEach(p -> containerPorts.add(p.asText().replaceAll(".*:", "")));
            assertThat(containerPorts).as("%s published ports: the API, never the management port",
                    service.module()).containsExactly(port);
            String healthcheck = String.join(" ", texts(container.at("/healthcheck/test")));
            assertThat(healthcheck).as("%s health check", service.module()).contains(":" + managementPort + READY);
            assertThat(java.time.Duration.parse("PT" + container.at("/healthcheck/timeout").asText().toUpperCase()))
                    .as("%s health check timeout: longer than readiness may take, to read the reason",
                            service.module()).isGreaterThan(READY_ANSWERS_WITHIN);
            assertThat(container.at("/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
            assertVariablesAreRead(service, fieldNames(container.get("environment")), "compose");
            assertThat(container.at("/environment/KAFKA_BOOTSTRAP_SERVERS").asText())
                    .as("%s reaches the broker's internal listener", service.module()).isEqualTo(composeBootstrap());
        }
        JsonNode store = services.get("store");
        assertThat(store.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
        assertThat(store.at("/environment/QUARKUS_DATASOURCE_JDBC_URL").asText())
                .startsWith("jdbc:postgresql://postgres:5432/");
    }

    @Test
    void composeBrokerHasTheCodesTopicDefaults() throws IOException {
        JsonNode kafka = compose.at("/services/kafka/environment");
        Map<String, String> settings = new TreeMap<>();
        kafka.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("KAFKA_")) {
                // the apache/kafka image's rule: KAFKA_A_B sets a.b
                settings.put(e.getKey().substring("KAFKA_".length()).toLowerCase().replace('_', '.'),
                        e.getValue().asText());
            }
        });
        for (String key : List.of("num.partitions", "auto.create.topics.enable", "default.replication.factor",
                "offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "transaction.state.log.min.isr", "group.initial.rebalance.delay.ms")) {
            assertThat(settings.get(key)).as("compose broker %s", key).isEqualTo(brokerDefaults.getProperty(key));
        }
    }

    @Test
    void composeVariablesAreAllDefinedInItsEnvFile() throws IOException {
        String text = Files.readString(root.resolve("deploy/compose/compose.yaml"));
        Properties env = properties(root.resolve("deploy/compose/.env"));
        Matcher m = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)").matcher(text);
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).isNotEmpty();
        assertThat(env.stringPropertyNames()).as("variables of .env").containsAll(used);
        for (JsonNode container : iterable(compose.get("services"))) {
            for (JsonNode volume : iterable(container.path("volumes"))) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(root.resolve("deploy/compose").resolve(source).normalize()).as("mounted %s", source)
                            .exists();
                }
            }
        }
    }

    @Test
    void composePrometheusScrapesTheJobsTheAlertsSelect() throws IOException {
        Map<String, JsonNode> monitoring = scrapeJobs(root.resolve("deploy/monitoring/prometheus.yml"));
        Map<String, JsonNode> compose = scrapeJobs(root.resolve("deploy/compose/prometheus.yml"));
        assertThat(compose.keySet()).as("compose Prometheus jobs").isEqualTo(monitoring.keySet());
        for (Service service : SERVICES) {
            JsonNode job = compose.get(service.job());
            assertThat(job).as("compose Prometheus job %s", service.job()).isNotNull();
            assertThat(job.get("metrics_path").asText()).isEqualTo(METRICS);
            assertThat(texts(job.at("/static_configs/0/targets")))
                    .containsExactly(service.composeName() + ":" + managementPort(service));
            assertThat(monitoring.get(service.job()).get("metrics_path").asText()).isEqualTo(METRICS);
            assertThat(texts(monitoring.get(service.job()).at("/static_configs/0/targets")))
                    .containsExactly("localhost:" + managementPort(service));
        }
        assertThat(texts(YAML.readTree(root.resolve("deploy/compose/prometheus.yml").toFile()).get("rule_files")))
                .containsExactly("alerts.yml");
    }

    // --- Kubernetes ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("newsfeed.e2e.Kustomize#overlays")
    void kafkaTopicsMatchTheCodesTopicDefinitions(String overlay) throws Exception {
        Map<String, List<JsonNode>> k8s = Kustomize.render(overlay);
        JsonNode kafka = single(k8s, "Kafka");
        JsonNode pool = single(k8s, "KafkaNodePool");
        String cluster = kafka.at("/metadata/name").asText();
        assertThat(pool.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(cluster);
        assertThat(texts(pool.at("/spec/roles"))).containsExactlyInAnyOrder("controller", "broker");
        JsonNode brokerConfig = kafka.at("/spec/kafka/config");
        assertThat(brokerConfig.get("num.partitions").asInt()).as("Strimzi broker num.partitions")
                .isEqualTo(defaultPartitions());
        assertThat(brokerConfig.get("auto.create.topics.enable").asText()).isEqualTo("false");
        int brokers = pool.at("/spec/replicas").asInt();
        int replication = brokerConfig.get("default.replication.factor").asInt();
        assertThat(replication).isBetween(1, brokers);
        assertThat(brokerConfig.get("min.insync.replicas").asInt()).isLessThanOrEqualTo(replication);

        Map<String, JsonNode> topics = new TreeMap<>();
        for (JsonNode topic : k8s.getOrDefault("KafkaTopic", List.of())) {
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(cluster);
            topics.put(topic.at("/spec/topicName").asText(), topic);
        }
        assertThat(topics.keySet()).isEqualTo(topicConfigs.keySet());
        for (var entry : topicConfigs.entrySet()) {
            JsonNode spec = topics.get(entry.getKey()).get("spec");
            assertThat(spec.get("partitions").asInt()).as("partitions of %s", entry.getKey())
                    .isEqualTo(defaultPartitions());
            assertThat(spec.get("replicas").asInt()).as("replicas of %s", entry.getKey()).isEqualTo(replication);
            Map<String, String> config = new TreeMap<>();
            spec.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            assertThat(config).as("settings of %s", entry.getKey()).containsAllEntriesOf(entry.getValue());
        }
    }

    @ParameterizedTest
    @MethodSource("newsfeed.e2e.Kustomize#overlays")
    void deploymentsUseTheServicesPortsVariablesAndProbes(String overlay) throws Exception {
        Map<String, List<JsonNode>> k8s = Kustomize.render(overlay);
        JsonNode kafka = single(k8s, "Kafka");
        JsonNode plain = null;
        for (JsonNode listener : iterable(kafka.at("/spec/kafka/listeners"))) {
            if (!listener.path("tls").asBoolean()) {
                plain = listener;
            }
        }
        assertThat(plain).as("a plain listener").isNotNull();
        String bootstrap = kafka.at("/metadata/name").asText() + "-kafka-bootstrap:" + plain.get("port").asInt();
        Map<String, JsonNode> deployments = byName(k8s, "Deployment");
        Map<String, JsonNode> services = byName(k8s, "Service");
        Set<String> jobs = new TreeSet<>();
        for (Service service : SERVICES) {
            JsonNode deployment = deployments.get(service.module());
            assertThat(deployment).as("Deployment %s", service.module()).isNotNull();
            JsonNode pod = deployment.at("/spec/template");
            JsonNode container = pod.at("/spec/containers/0");
            int port = httpPort(service);
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(container.at("/ports/0/containerPort").asInt()).as("%s port", service.module()).isEqualTo(port);
            assertThat(container.at("/ports/1/name").asText()).isEqualTo("management");
            assertThat(container.at("/ports/1/containerPort").asInt()).as("%s management port", service.module())
                    .isEqualTo(managementPort(service));
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).as("%s readiness", service.module())
                    .isEqualTo(READY);
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).as("%s liveness", service.module())
                    .isEqualTo(LIVE);
            assertThat(container.at("/startupProbe/httpGet/path").asText()).as("%s startup", service.module())
                    .isEqualTo(STARTED);
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                assertThat(container.at("/" + probe + "/httpGet/port").asText()).isEqualTo("management");
            }
            assertThat(java.time.Duration.ofSeconds(container.at("/readinessProbe/timeoutSeconds").asInt(1)))
                    .as("%s readiness probe timeout: longer than readiness may take, to read the reason",
                            service.module()).isGreaterThan(READY_ANSWERS_WITHIN);
            assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
            assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();
            Map<String, JsonNode> env = new LinkedHashMap<>();
            container.path("env").forEach(e -> env.put(e.get("name").asText(), e));
            assertVariablesAreRead(service, env.keySet(), "k8s " + overlay);
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").get("value").asText()).isEqualTo(bootstrap);
            for (JsonNode e : env.values()) {
                // secrets by reference only
                if (e.get("name").asText().matches(".*(PASSWORD|TOKENS?)$")) {
                    assertThat(e.has("value")).as("%s given literally", e.get("name").asText()).isFalse();
                }
            }
            JsonNode svc = services.get(service.module());
            assertThat(svc.at("/spec/ports/0/port").asInt()).isEqualTo(port);
            assertThat(svc.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
            assertThat(svc.at("/spec/ports").size()).as("%s Service: the API only", service.module()).isEqualTo(1);
            assertThat(matches(svc.at("/spec/selector"), pod.at("/metadata/labels"))).isTrue();
            jobs.add(pod.at("/metadata/labels/newsfeed.io~1metrics-job").asText());
        }
        assertThat(jobs).isEqualTo(scrapeJobs(root.resolve("deploy/monitoring/prometheus.yml")).keySet());
        JsonNode podMonitor = single(k8s, "PodMonitor");
        assertThat(podMonitor.at("/spec/jobLabel").asText()).isEqualTo("newsfeed.io/metrics-job");
        assertThat(podMonitor.at("/spec/podMetricsEndpoints/0/path").asText()).isEqualTo(METRICS);
        assertThat(podMonitor.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("management");

        Map<String, JsonNode> hpas = byName(k8s, "HorizontalPodAutoscaler");
        assertThat(hpas.keySet()).containsExactlyInAnyOrder("ingest-service", "store-service");
        for (JsonNode hpa : hpas.values()) {
            assertThat(deployments).containsKey(hpa.at("/spec/scaleTargetRef/name").asText());
            assertThat(hpa.at("/spec/maxReplicas").asInt()).as("more pods than partitions stand idle")
                    .isLessThanOrEqualTo(defaultPartitions());
            assertThat(deployments.get(hpa.at("/spec/scaleTargetRef/name").asText()).at("/spec/replicas")
                    .isMissingNode()).as("the HPA, not the Deployment, sets replicas").isTrue();
        }
        Map<String, JsonNode> budgets = byName(k8s, "PodDisruptionBudget");
        for (Service service : SERVICES) {
            JsonNode budget = budgets.get(service.module());
            assertThat(budget).as("PodDisruptionBudget %s", service.module()).isNotNull();
            assertThat(matches(budget.at("/spec/selector/matchLabels"),
                    deployments.get(service.module()).at("/spec/template/metadata/labels"))).isTrue();
        }
    }

    // --- the code's configuration ---------------------------------------------------------------------------------

    private static Properties applicationProperties(Service service) throws IOException {
        return properties(root.resolve(service.module()).resolve("src/main/resources/application.properties"));
    }

    private static int httpPort(Service service) {
        return port(service, "quarkus.http.port");
    }

    private static int managementPort(Service service) {
        return port(service, "quarkus.management.port");
    }

    private static int port(Service service, String property) {
        try {
            String value = applicationProperties(service).getProperty(property);
            assertThat(value).as("%s %s", service.module(), property).isNotNull();
            return Integer.parseInt(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fails unless each variable is read by the service: referenced as {@code ${NAME}} in its application.properties,
     * or the environment form (MicroProfile Config: non-alphanumerics to {@code _}, upper case) of a property it has:
     * a key of application.properties, a property name in its, contracts' or (when it uses it) api-security's code
     * ({@code @ConfigMapping} prefix and methods, {@code @ConfigProperty}, constants), one of {@link #QUARKUS_BUILT_INS}, or {@code JAVA_OPTS} of the
     * image.
     */
    private static void assertVariablesAreRead(Service service, Set<String> variables, String where)
            throws IOException {
        Set<String> known = new TreeSet<>();
        String text = Files.readString(root.resolve(service.module()).resolve("src/main/resources/application.properties"));
        Matcher ref = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(text);
        while (ref.find()) {
            known.add(ref.group(1));
        }
        for (String key : properties(root.resolve(service.module()).resolve("src/main/resources/application.properties"))
                .stringPropertyNames()) {
            known.add(envForm(key.replaceFirst("^%[a-z]+\\.", "")));
        }
        QUARKUS_BUILT_INS.forEach(p -> known.add(envForm(p)));
        codeProperties(root.resolve(service.module()).resolve("src/main/java")).forEach(p -> known.add(envForm(p)));
        codeProperties(root.resolve("contracts/src/main/java")).forEach(p -> known.add(envForm(p)));
        if (Files.readString(root.resolve(service.module()).resolve("pom.xml"))
                .contains("<artifactId>api-security</artifactId>")) {
            codeProperties(root.resolve("api-security/src/main/java")).forEach(p -> known.add(envForm(p)));
        }
        if (Files.readString(root.resolve("deploy/containers/service.Containerfile")).contains("$JAVA_OPTS")) {
            known.add("JAVA_OPTS");
        }
        assertThat(known).as("%s: variables %s reads", where, service.module()).containsAll(variables);
    }

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([a-z0-9.-]+)\"\\)");
    private static final Pattern MAPPING_METHOD = Pattern.compile("^\\s+[A-Za-z<>.,\\s]+\\s([a-z][A-Za-z0-9]*)\\(\\);",
            Pattern.MULTILINE);
    private static final Pattern PROPERTY_LITERAL = Pattern.compile("\"((?:newsfeed|quarkus|kafka)\\.[a-z0-9.-]+)\"");

    /** Property names the code reads: {@code @ConfigMapping} prefix + method (kebab case), and property literals. */
    private static Set<String> codeProperties(Path sources) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String java = Files.readString(file);
                Matcher literal = PROPERTY_LITERAL.matcher(java);
                while (literal.find()) {
                    names.add(literal.group(1));
                }
                Matcher mapping = MAPPING.matcher(java);
                if (mapping.find()) {
                    Matcher method = MAPPING_METHOD.matcher(java);
                    while (method.find()) {
                        names.add(mapping.group(1) + "." + method.group(1).replaceAll("([A-Z])", "-$1").toLowerCase());
                    }
                }
            }
        }
        return names;
    }

    private static String envForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    // --- reading ----------------------------------------------------------------------------------------------------

    /** compose.yaml with its {@code ${NAME}} and {@code ${NAME:-default}} filled in from .env, as compose does. */
    private static JsonNode readCompose() throws IOException {
        String text = Files.readString(root.resolve("deploy/compose/compose.yaml"));
        Properties env = properties(root.resolve("deploy/compose/.env"));
        Matcher m = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)(?::-([^}]*))?}").matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String value = env.getProperty(m.group(1), m.group(2) == null ? "" : m.group(2));
            m.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        m.appendTail(resolved);
        return YAML.readTree(resolved.toString().replace("$$", "$"));
    }

    private static String composeBootstrap() {
        String advertised = compose.at("/services/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText();
        String inter = compose.at("/services/kafka/environment/KAFKA_INTER_BROKER_LISTENER_NAME").asText();
        for (String listener : advertised.split(",")) {
            if (listener.startsWith(inter + "://")) {
                return listener.substring(inter.length() + 3);
            }
        }
        throw new AssertionError("compose's broker advertises no " + inter + " listener: " + advertised);
    }

    private static Map<String, JsonNode> scrapeJobs(Path prometheusYml) throws IOException {
        Map<String, JsonNode> jobs = new TreeMap<>();
        YAML.readTree(prometheusYml.toFile()).get("scrape_configs")
                .forEach(job -> jobs.put(job.get("job_name").asText(), job));
        return jobs;
    }

    private static Properties properties(Path file) throws IOException {
        Properties props = new Properties();
        try (var reader = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            props.load(reader);
        }
        return props;
    }

    private static JsonNode single(Map<String, List<JsonNode>> k8s, String kind) {
        List<JsonNode> all = k8s.getOrDefault(kind, List.of());
        assertThat(all).as("resources of kind %s", kind).hasSize(1);
        return all.get(0);
    }

    private static Map<String, JsonNode> byName(Map<String, List<JsonNode>> k8s, String kind) {
        Map<String, JsonNode> named = new HashMap<>();
        k8s.getOrDefault(kind, List.of()).forEach(r -> named.put(r.at("/metadata/name").asText(), r));
        return named;
    }

    /** Whether every label of the selector is on the pod. */
    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (var e : iterable(selector.fields())) {
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node::elements;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
