package newsfeed.store.api;

import static io.restassured.RestAssured.given;
import static newsfeed.store.TestDecisions.decision;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.Json;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.PostStatus;
import newsfeed.store.TestDecisions;
import newsfeed.store.db.PostRepository;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/** {@code /feed.atom} is valid Atom (RFC 4287 RELAX NG schema) and {@code /feed.json} valid JSON Feed 1.1. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class FeedOutputTest {

    private static final Instant PUBLISHED = Instant.parse("2025-03-01T08:00:00Z");

    @Inject
    PostRepository repository;

    private String storeTwoPosts() {
        String source = "feed" + UUID.randomUUID().toString().substring(0, 8);
        repository.upsert(decision(source + ":1", PUBLISHED, 4, 1, 1, List.of("Harbour")));
        repository.upsert(decision(source + ":2", PUBLISHED.plusSeconds(60), 3, 1, 1, List.of("Other")));
        return source;
    }

    @Test
    void hostileTextAndLinksNeverReachTheOutputs() {
        String source = "hostile" + UUID.randomUUID().toString().substring(0, 8);
        DeduplicatedPost text = TestDecisions.withTexts(source + ":1", PUBLISHED, List.of(), "Head\uFFFFline",
                "A\uFFFE para\u0001graph");
        NormalizedPost linked = new NormalizedPost(source + ":2", source, PUBLISHED, PUBLISHED, "Linked",
                "javascript:alert(document.cookie)", List.of(new Paragraph(0, "Linked", ParagraphKind.TEXT)),
                List.of(), List.of("javascript:alert(1)", "https://example.org/ok"), null, null, 1, false);
        repository.upsert(text);
        repository.upsert(new DeduplicatedPost(linked, List.of(0), List.of(), PostStatus.UNIQUE, null, 1));

        String atom = given().queryParam("source", source).get("/feed.atom").then().statusCode(200).extract()
                .asString();
        assertThat(atom).contains("<title>Headline</title>").doesNotContain("\uFFFF").doesNotContain("\uFFFE")
                .doesNotContain("javascript:");
        String json = given().queryParam("source", source).get("/feed.json").then().statusCode(200).extract()
                .asString();
        assertThat(json).doesNotContain("javascript:");
        String api = given().get("/api/posts/" + source + ":2").then().statusCode(200).extract().asString();
        assertThat(api).doesNotContain("javascript:").contains("https://example.org/ok");
    }

    @Test
    void theAtomFeedIsValidAgainstTheRfc4287SchemaAndHoldsOnlyKeptParagraphs() throws Exception {
        String source = storeTwoPosts();

        String atom = given().queryParam("source", source).get("/feed.atom").then().statusCode(200)
                .contentType("application/atom+xml").extract().asString();

        List<String> errors = new ArrayList<>();
        PropertyMapBuilder properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }
        });
        ValidationDriver driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
        assertThat(driver.loadSchema(new InputSource(FeedOutputTest.class.getResource("/atom/atom.rnc")
                .toExternalForm()))).as("schema loads").isTrue();
        boolean valid = driver.validate(new InputSource(new StringReader(atom)));
        assertThat(errors).isEmpty();
        assertThat(valid).isTrue();

        assertThat(atom).contains("urn:newsfeed:post:" + source + "%3A1").contains("P0 of " + source + ":1")
                .contains("P2 of " + source + ":1").doesNotContain("P3 of " + source + ":1")
                .doesNotContain("P2 of " + source + ":2");
        // the hashtags, as the JSON Feed's tags (a trial found them only there)
        assertThat(atom).contains("<category term=\"Harbour\" />").contains("<category term=\"Other\" />");
    }

    @Test
    void theJsonFeedHasEveryRequiredFieldAndFiltersByTag() throws Exception {
        String source = storeTwoPosts();

        JsonNode feed = Json.mapper().readTree(given().queryParam("source", source).queryParam("tag", "harbour")
                .get("/feed.json").then().statusCode(200).contentType("application/feed+json").extract().asString());

        assertThat(feed.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.get("title").asText()).contains(source).contains("#harbour");
        assertThat(feed.get("items")).hasSize(1);
        JsonNode item = feed.get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo("urn:newsfeed:post:" + source + "%3A1");
        assertThat(item.get("content_text").asText()).isEqualTo("P0 of " + source + ":1\n\n📍 Port Calder, March 3, "
                + "2025\n\nP2 of " + source + ":1");
        assertThat(item.get("date_published").asText()).isEqualTo("2025-03-01T08:00:00Z");
        assertThat(item.get("tags")).extracting(JsonNode::asText).containsExactly("Harbour");
    }
}
