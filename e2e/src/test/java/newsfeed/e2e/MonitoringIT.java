package newsfeed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsfeed.contracts.Json;
import org.junit.jupiter.api.Test;

/**
 * The monitoring files of {@code deploy/monitoring} (issue 9, acceptance 2 and 3): {@code promtool} checks the scrape
 * configuration and the alert rules and runs their unit tests; then Debian's Prometheus scrapes the running services
 * with the shipped configuration (ports and intervals adapted to the test) while posts are ingested, and every
 * dashboard query must give a number and every alert rule must evaluate, with every metric it reads present.
 */
class MonitoringIT {

    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern METRIC = Pattern.compile("\\b(newsfeed_[a-z_]+|up)\\b");

    private static Path monitoring() {
        return Paths.root().resolve("deploy/monitoring");
    }

    /** @throws AssertionError naming the missing binaries and how to install them */
    static void requirePrometheus() {
        DebianPackages.require("the monitoring test (Debian's Prometheus)", "prometheus", PROMTOOL, PROMETHEUS);
    }

    @Test
    void promtoolAcceptsTheConfigurationAndTheRulesAndTheirUnitTestsPass() throws Exception {
        requirePrometheus();
        assertThat(run(PROMTOOL.toString(), "check", "config", "prometheus.yml")).contains("SUCCESS");
        assertThat(run(PROMTOOL.toString(), "check", "rules", "alerts.yml")).contains("SUCCESS: 8 rules found");
        assertThat(run(PROMTOOL.toString(), "test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void everyDashboardQueryAndAlertRuleEvaluatesAgainstTheRunningServices() throws Exception {
        requirePrometheus();
        Pipeline pipeline = Pipeline.shared();
        Path work = Files.createDirectories(Paths.root().resolve("e2e/target/prometheus-" + UUID.randomUUID()));
        int port = Pipeline.freePort();
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, testConfiguration(pipeline));
        assertThat(run(PROMTOOL.toString(), "check", "config", config.toString())).contains("SUCCESS");

        // a feed on a loopback port nobody listens on: its polls fail, so the poll-error panel has series
        String deadFeed = "http://127.0.0.1:" + Pipeline.freePort() + "/monitoring-" + UUID.randomUUID() + ".xml";
        Api.Response subscribed = FeedTestServer.subscribe(pipeline.ingestUrl, deadFeed, 10, "monitoring");
        assertThat(subscribed.status()).as("subscribe: %s", subscribed.json()).isEqualTo(201);
        String feedId = subscribed.json().get("id").asText();

        Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        String api = "http://127.0.0.1:" + port;
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(api + "/-/ready"))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

            // every service scraped once before the import, so that rate() sees the counters move
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(query(api, "up{job=~\"newsfeed-.*\"} == 1")).hasSize(3));
            // posts of their own, not the sample: the shared pipeline would then find the sample's paragraphs already
            // published when SamplePipelineIT imports it
            String source = "mon" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> accepted = HTTP.send(Api.withToken(URI.create(pipeline.ingestUrl
                    + "/api/posts")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(posts(source, 20))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as("POST /api/posts: %s", accepted.body()).isEqualTo(202);

            Map<String, String> queries = dashboardQueries();
            assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
            Map<String, String> failing = new LinkedHashMap<>(queries);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                for (String panel : List.copyOf(failing.keySet())) {
                    if (hasNumber(query(api, failing.get(panel)))) {
                        failing.remove(panel);
                    }
                }
                assertThat(failing).as("dashboard queries without a number yet").isEmpty();
            });

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<JsonNode> rules = new ArrayList<>();
                Api.get(api + "/api/v1/rules").json().at("/data/groups").forEach(
                        group -> group.get("rules").forEach(rules::add));
                assertThat(rules).extracting(rule -> rule.get("name").asText()).containsExactlyInAnyOrder(
                        "NewsfeedConsumerLagGrowing", "NewsfeedConsumerLagHigh", "NewsfeedDeadLetter",
                        "NewsfeedStreamThreadReplaced", "NewsfeedNothingStored", "NewsfeedFeedFailing",
                        "NewsfeedFeedPollingBehind", "NewsfeedServiceDown");
                for (JsonNode rule : rules) {
                    assertThat(rule.get("health").asText()).as("%s: %s", rule.get("name"), rule.get("lastError"))
                            .isEqualTo("ok");
                    for (String metric : metrics(rule.get("query").asText())) {
                        assertThat(query(api, metric)).as("%s reads %s", rule.get("name").asText(), metric)
                                .isNotEmpty();
                    }
                }
            });
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
            FeedTestServer.unsubscribe(pipeline.ingestUrl, feedId);
        }
    }

    /** {@code count} posts of unique text, each with a paragraph repeated inside it (a removal to count). */
    private static String posts(String source, int count) throws IOException {
        List<Map<String, String>> posts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String token = UUID.randomUUID().toString();
            String repeated = "The harbour office " + token + " reported " + i + " arrivals before noon today.";
            posts.add(Map.of("source", source, "externalId", "m-" + i, "body", "Monitoring bulletin " + token
                    + "\n\n" + repeated + "\n\nCrews " + token + " unloaded the last vessel by evening.\n\n"
                    + repeated));
        }
        return Json.mapper().writeValueAsString(posts);
    }

    /** The shipped prometheus.yml with the test's ports, one-second intervals and the rules by absolute path. */
    private static String testConfiguration(Pipeline pipeline) throws IOException {
        String shipped = Files.readString(monitoring().resolve("prometheus.yml"));
        Map<String, String> replacements = Map.of(
                "localhost:9081", URI.create(pipeline.ingestManagementUrl).getAuthority(),
                "localhost:9082", URI.create(pipeline.dedupManagementUrl).getAuthority(),
                "localhost:9083", URI.create(pipeline.storeManagementUrl).getAuthority(),
                "scrape_interval: 15s", "scrape_interval: 1s",
                "evaluation_interval: 15s", "evaluation_interval: 1s",
                "- alerts.yml", "- " + monitoring().resolve("alerts.yml"));
        String adapted = shipped;
        for (var replacement : replacements.entrySet()) {
            assertThat(adapted).as("prometheus.yml has %s", replacement.getKey()).contains(replacement.getKey());
            adapted = adapted.replace(replacement.getKey(), replacement.getValue());
        }
        return adapted;
    }

    /** Panel title (and target) → PromQL of every target of the Grafana dashboard. */
    private static Map<String, String> dashboardQueries() throws IOException {
        JsonNode dashboard = Json.mapper().readTree(monitoring().resolve("grafana/dashboards/newsfeed.json").toFile());
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                queries.put(panel.get("title").asText() + " " + target.get("refId").asText(),
                        target.get("expr").asText());
            }
        }
        return queries;
    }

    private static Set<String> metrics(String promql) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = METRIC.matcher(promql);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The result vector of an instant query; fails on a query error. */
    private static JsonNode query(String api, String promql) throws IOException, InterruptedException {
        Api.Response response = Api.get(api + "/api/v1/query?query=" + URLEncoder.encode(promql,
                StandardCharsets.UTF_8));
        assertThat(response.status()).as("%s: %s", promql, response.json()).isEqualTo(200);
        return response.json().at("/data/result");
    }

    private static boolean hasNumber(JsonNode result) {
        for (JsonNode series : result) {
            String value = series.at("/value/1").asText();
            if (!value.equals("NaN") && !value.contains("Inf")) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(monitoring().toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s:%n%s", String.join(" ", command), output).isZero();
        return output;
    }
}
