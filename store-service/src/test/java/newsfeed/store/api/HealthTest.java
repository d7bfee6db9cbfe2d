package newsfeed.store.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;
import newsfeed.testsupport.ManagementInterface;

/** Readiness includes PostgreSQL and Kafka; the OpenAPI document and Swagger UI are served, all on the management port. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HealthTest {

    /**
     * Our own checks of PostgreSQL and the broker, which answer within a deadline, in place of Quarkus' datasource
     * and Kafka checks (which did not answer while the server or the broker was frozen; {@code ChaosRunIT}).
     */
    @Test
    void readinessChecksTheDatabaseAndKafka() {
        given().get(ManagementInterface.url("/q/health/ready")).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'PostgreSQL' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'PostgreSQL' }.data.version", matchesPattern("\\d+(\\.\\d+)?.*"))
                .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Kafka broker' }.data.nodes", matchesPattern("[^,]+:\\d+(,[^,]+:\\d+)*"))
                .body("checks.name", not(hasItem(containsString("Database connections"))))
                .body("checks.name", not(hasItem(containsString("Kafka connection"))));
    }

    @Test
    void servesTheOpenApiDocumentAndSwaggerUi() {
        given().get(ManagementInterface.url("/q/openapi?format=json")).then().statusCode(200)
                .body("paths", hasKey("/api/posts"))
                .body("paths", hasKey("/api/pipeline"));
        given().get(ManagementInterface.url("/q/swagger-ui/")).then().statusCode(200);
    }

    @Test
    void theApiPortServesNothingUnderQ() {
        for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void theDashboardIsServedWithAContentSecurityPolicyAndNoFraming() {
        for (String path : List.of("/", "/index.html", "/dashboard/main.js")) {
            given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Frame-Options", "DENY")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer");
        }
        given().get("/api/posts?limit=1").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }

    /** Found by a new-user trial: the dashboard linked "API" to q/swagger-ui, which the API port answers 404. */
    @Test
    void everyLinkAndAssetOfTheDashboardIsServed() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        java.util.regex.Matcher reference = java.util.regex.Pattern.compile("(?:href|src)=\"([^\"#:]+)\"")
                .matcher(page);
        List<String> paths = new java.util.ArrayList<>();
        while (reference.find()) {
            paths.add(reference.group(1));
        }
        org.assertj.core.api.Assertions.assertThat(paths).contains("feed.atom", "feed.json");
        for (String path : paths) {
            given().get("/" + path).then().statusCode(200);
        }
    }
}
