package newsfeed.ingest.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.TestApiToken;
import org.junit.jupiter.api.Test;
import newsfeed.testsupport.ManagementInterface;

/** With {@code newsfeed.api.reads-require-token=true}, reads need the token as writes do; health stays open. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(ReadsNeedTokenTest.ReadsNeedToken.class)
class ReadsNeedTokenTest {

    /** The switch on. */
    public static class ReadsNeedToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.api.reads-require-token", "true");
        }
    }

    @Test
    void readsNeedTheTokenWhenSwitchedOn() {
        given().get("/api/feeds").then().statusCode(401)
                .body("error", equalTo("this route needs a token: send the header Authorization: Bearer <token>"));
        given().header("Authorization", TestApiToken.BEARER).get("/api/feeds").then().statusCode(200);
        given().get("/api/feeds.opml").then().statusCode(401);
        given().header("Authorization", TestApiToken.BEARER).get("/api/feeds.opml").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("<opml xmlns:newsfeed=\"urn:newsfeed:opml:1\" "
                        + "version=\"2.0\">"));
        given().get(ManagementInterface.url("/q/health/ready")).then().statusCode(200);
    }
}
