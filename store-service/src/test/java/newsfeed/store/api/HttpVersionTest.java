package newsfeed.store.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.LogCapture;
import newsfeed.testsupport.ManagementInterface;
import newsfeed.testsupport.PostgresTestResource;
import newsfeed.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * The store speaks HTTP/1.1 only ({@code quarkus.http.http2=false}): HTTP/2 carries many streams over one connection,
 * so {@code quarkus.http.limits.max-connections}, which bounds the stream events clients that read nothing hold in
 * direct memory (e2e {@code StreamHeapIT}), would not bound them.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HttpVersionTest {

    @TestHTTPResource("/api/posts?limit=1")
    URI posts;

    @Test
    void aClientAskingForHttp2IsAnsweredInHttp11() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()
                .send(HttpRequest.newBuilder(posts).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    /**
     * Requests Vert.x Web refuses before any route ({@code MalformedRequests}): each was answered with Quarkus's error
     * body and logged at ERROR with an error id, so anyone could fill the log with ERROR lines.
     */
    @Test
    void aRequestRefusedBeforeAnyRouteIsA400ApiErrorAndNoErrorInTheLog() throws Exception {
        List<String> logged;
        try (LogCapture errors = LogCapture.of("io.quarkus.vertx.http.runtime.QuarkusErrorHandler")) {
            // an h2c prior-knowledge preface (HTTP/2 is off), and HTTP/1.1 without Host (RFC 9112 §3.2) or with none
            Map<String, String> refused = new LinkedHashMap<>();
            refused.put("GET /api/posts HTTP/1.1\r\n\r\n", "For HTTP/1.x requests, the 'Host' header is required");
            refused.put("GET /api/posts HTTP/1.1\r\nHost: a b\r\n\r\n",
                    "For HTTP/1.x requests, the 'Host' header is required");
            refused.put("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                    "For HTTP/2 requests, the ':authority' pseudo-header is required");
            for (Map.Entry<String, String> request : refused.entrySet()) {
                String answer = RawHttp.exchange(posts.getPort(), request.getKey());
                assertThat(answer).as(request.getKey()).containsPattern("^HTTP/\\d\\.\\d 400 ")
                        .containsIgnoringCase("\r\nconnection: close\r\n")
                        .endsWith("\r\n\r\n{\"error\":\"malformed request\",\"details\":[\""
                                + request.getValue() + "\"]}");
            }
            // the management port's router has an error handler of its own (a helper's review)
            int management = URI.create(ManagementInterface.url("/q/health")).getPort();
            assertThat(RawHttp.exchange(management, "GET /q/health HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ")
                    .endsWith("{\"error\":\"malformed request\",\"details\":[\"For HTTP/1.x requests, the 'Host' "
                            + "header is required\"]}");
            logged = errors.messages();
        }
        assertThat(logged).isEmpty();
    }
}
