package newsfeed.store.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
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
}
