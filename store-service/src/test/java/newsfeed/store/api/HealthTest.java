package newsfeed.store.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;

/** Readiness includes PostgreSQL and Kafka; the OpenAPI document and Swagger UI are served. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HealthTest {

    @Test
    void readinessChecksTheDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    void servesTheOpenApiDocumentAndSwaggerUi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/posts"))
                .body("paths", hasKey("/api/pipeline"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
