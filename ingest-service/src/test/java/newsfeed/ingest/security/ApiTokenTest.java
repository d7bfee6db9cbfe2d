package newsfeed.ingest.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.TestApiToken;
import org.junit.jupiter.api.Test;
import newsfeed.testsupport.ManagementInterface;

/**
 * Every write route of ingest-service needs {@code Authorization: Bearer <token>} of {@code newsfeed.api.tokens}; a
 * 401 says what is missing; reads and {@code /q/*} stay open by default.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ApiTokenTest {

    private static final String POST = "{\"source\":\"token-test\",\"externalId\":\"x-1\",\"body\":\"Headline\"}";

    /** The write routes: path and a body they would accept. */
    private static final List<String[]> WRITES = List.of(
            new String[] {"/api/posts", "application/json", POST},
            new String[] {"/api/imports/text?source=token-test", "text/plain", "Headline\n\nA paragraph."},
            new String[] {"/api/imports/telegram", "application/json", "{\"name\":\"x\",\"messages\":[]}"},
            new String[] {"/api/imports/telegram-preview", "text/html", "<html></html>"},
            new String[] {"/api/feeds", "application/json", "{\"url\":\"http://127.0.0.1:9/feed.xml\"}"},
            new String[] {"/api/feeds/opml", "text/x-opml", "<opml version=\"2.0\"><body><outline text=\"x\" "
                    + "xmlUrl=\"http://127.0.0.1:9/feed.xml\"/></body></opml>"});

    @Test
    void everyWriteRouteAnswers401WithoutATokenAndSaysWhatIsMissing() {
        for (String[] write : WRITES) {
            given().contentType(write[1]).body(write[2]).post(write[0])
                    .then().statusCode(401)
                    .header("WWW-Authenticate", containsString("Bearer realm=\"newsfeed\""))
                    .header("WWW-Authenticate", containsString("Authorization: Bearer <token>"))
                    .body("error", equalTo("this route needs a token: send the header Authorization: Bearer <token>"));
        }
        given().delete("/api/feeds/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void theWebSubCallbacksNeedNoTokenOnPurpose() {
        // a hub cannot hold a token: the callbacks are public, and protected by their random id and the HMAC; an
        // unknown one answers 404, not 401
        given().contentType("application/rss+xml").body("<rss/>").post("/api/websub/" + UUID.randomUUID())
                .then().statusCode(404);
        given().get("/api/websub/" + UUID.randomUUID() + "?hub.mode=subscribe&hub.topic=x&hub.challenge=c"
                + "&hub.lease_seconds=60").then().statusCode(404);
    }

    @Test
    void aWrongTokenOrSchemeIsRefusedWithoutEchoingIt() {
        String wrong = "wrong-token-" + UUID.randomUUID();
        given().auth().oauth2(wrong).contentType("application/json").body(POST).post("/api/posts")
                .then().statusCode(401)
                .body("error", equalTo("the token is not valid"))
                .body(not(containsString(wrong)))
                .header("WWW-Authenticate", not(containsString(wrong)));
        given().header("Authorization", "Basic dXNlcjpwYXNz").contentType("application/json").body(POST)
                .post("/api/posts")
                .then().statusCode(401).body("error", equalTo("the Authorization header must be: Bearer <token>"));
        given().header("Authorization", "Bearer ").contentType("application/json").body(POST).post("/api/posts")
                .then().statusCode(401);
        // a new-user trial: of two Authorization headers the first was used and the second ignored
        given().header("Authorization", TestApiToken.BEARER).header("Authorization", "Bearer " + wrong)
                .contentType("application/json").body(POST).post("/api/posts")
                .then().statusCode(401)
                .body("error", equalTo("send one Authorization header, not 2 (RFC 9110 §5.3)"));
    }

    @Test
    void theTestTokenIsAccepted() {
        given().header("Authorization", TestApiToken.BEARER).contentType("application/json")
                .body("{\"source\":\"token-test\",\"externalId\":\"" + UUID.randomUUID() + "\",\"body\":\"Headline\"}")
                .post("/api/posts")
                .then().statusCode(202).body("accepted", equalTo(1));
    }

    @Test
    void readsAndManagementStayOpenByDefault() {
        given().get("/api/feeds").then().statusCode(200);
        given().get(ManagementInterface.url("/q/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'Kafka broker' }.status", equalTo("UP"));
        given().get(ManagementInterface.url("/q/metrics")).then().statusCode(200);
        // ... on the management port only: the API port, the one published, has nothing under /q.
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }
}
