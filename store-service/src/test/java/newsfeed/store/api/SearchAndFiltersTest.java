package newsfeed.store.api;

import static io.restassured.RestAssured.given;
import static newsfeed.store.TestDecisions.withTexts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import newsfeed.store.db.PostQueries;
import newsfeed.store.db.PostRepository;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filters, English and Russian full-text search, and pagination while posts arrive, over a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SearchAndFiltersTest {

    private static final Instant DAY1 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant DAY2 = Instant.parse("2025-03-02T08:00:00Z");
    private static final Instant DAY3 = Instant.parse("2025-03-03T08:00:00Z");

    @Inject
    PostRepository repository;

    @Inject
    javax.sql.DataSource dataSource;

    private String source;

    @BeforeEach
    void store() {
        source = "s" + UUID.randomUUID().toString().substring(0, 8);
        repository.upsert(withTexts(source + ":ferry", DAY1, List.of("Ferries"),
                "Ferry crossings resume", "The harbour authorities said the ferries were running again after repairs."));
        repository.upsert(withTexts(source + ":quota", DAY2, List.of("Fisheries", "NLC"),
                "Fishing quota kept", "Ministers kept the cod quota for the coming season."));
        repository.upsert(withTexts(source + ":ru", DAY3, List.of("Паромы"),
                "Паромное сообщение восстановлено", "Паромы снова ходят между островами после ремонта причала."));
    }

    private List<String> ids(Map<String, ?> query) {
        return given().queryParams(query).queryParam("source", source).get("/api/posts")
                .then().statusCode(200).extract().jsonPath().getList("items.postId");
    }

    @Test
    void filtersBySourceTagAndTime() {
        assertThat(ids(Map.of())).containsExactly(source + ":ru", source + ":quota", source + ":ferry");
        assertThat(ids(Map.of("tag", "nlc"))).containsExactly(source + ":quota");
        assertThat(ids(Map.of("tag", "#Паромы"))).containsExactly(source + ":ru");
        assertThat(ids(Map.of("since", "2025-03-02"))).containsExactly(source + ":ru", source + ":quota");
        assertThat(ids(Map.of("until", "2025-03-02T08:00:00Z"))).containsExactly(source + ":ferry");
        // 09:00 at +01:00 is DAY1 08:00 UTC: since is inclusive, until exclusive.
        assertThat(ids(Map.of("since", "2025-03-01T09:00:00+01:00", "until", "2025-03-03")))
                .containsExactly(source + ":quota", source + ":ferry");
    }

    @Test
    void boundsFinerThanAMicrosecondKeepTheirSides() {
        // helper trial: PostgreSQL rounded since=...08:00:00.0000004Z down to 08:00:00, and a post of 08:00:00 was
        // listed as published at or after it; until=... the same way left out one published before it
        assertThat(ids(Map.of("since", "2025-03-01T08:00:00.0000004Z"))).containsExactly(source + ":ru",
                source + ":quota");
        assertThat(ids(Map.of("until", "2025-03-01T08:00:00.0000004Z"))).containsExactly(source + ":ferry");
        assertThat(ids(Map.of("since", "2025-03-01T07:59:59.9999996Z", "until", "2025-03-01T08:00:00.000001Z")))
                .containsExactly(source + ":ferry");
    }

    @Test
    void aTagOfOnlyTheHashSignIsRefusedAndABlankLimitIsTheDefault() {
        // helper trial: tag=%23 listed nothing with 200; limit= gave the default and limit=%20 a 400
        given().queryParam("tag", "#").get("/api/posts").then().statusCode(400)
                .body("error", equalTo("invalid parameter tag"));
        given().queryParam("tag", "#").get("/feed.json").then().statusCode(400)
                .body("error", equalTo("invalid parameter tag"));
        // a helper's trial: a zero-width space, which folds to nothing, listed nothing with 200
        given().queryParam("tag", "#\u200B").get("/api/posts").then().statusCode(400)
                .body("error", equalTo("invalid parameter tag"));
        assertThat(ids(Map.of("limit", " "))).containsExactly(source + ":ru", source + ":quota", source + ":ferry");
        assertThat(ids(Map.of("limit", ""))).containsExactly(source + ":ru", source + ":quota", source + ":ferry");
    }

    @Test
    void searchesEnglishAndRussianByStemInTitleAndText() {
        assertThat(ids(Map.of("q", "ferry"))).containsExactly(source + ":ferry");
        assertThat(ids(Map.of("q", "running repair"))).containsExactly(source + ":ferry");
        assertThat(ids(Map.of("q", "\"cod quota\""))).containsExactly(source + ":quota");
        assertThat(ids(Map.of("q", "quota -cod"))).isEmpty();
        assertThat(ids(Map.of("q", "паромы"))).containsExactly(source + ":ru");
        assertThat(ids(Map.of("q", "ремонтом островов"))).containsExactly(source + ":ru");
        assertThat(ids(Map.of("q", "ferries or острова"))).containsExactlyInAnyOrder(source + ":ferry", source + ":ru");
    }

    /**
     * A helper's trial: stored text is NFC (the normalizer's), and a query or tag typed decomposed ("e" and a
     * combining acute, as some keyboards and pastes give) found nothing; both are compared in NFC.
     */
    @Test
    void aQueryOrTagTypedDecomposedFindsTheComposedText() {
        repository.upsert(withTexts(source + ":cafe", DAY3.plusSeconds(120), List.of("Café"),
                "Harbour café reopens", "The communiqué of the harbour board named the new tenant."));

        assertThat(ids(Map.of("q", "communique\u0301"))).containsExactly(source + ":cafe");
        assertThat(ids(Map.of("tag", "cafe\u0301"))).containsExactly(source + ":cafe");
        assertThat(ids(Map.of("tag", "CAFE\u0301"))).containsExactly(source + ":cafe");
    }

    /**
     * A tag is found in any spelling that ingest takes for the same tag (Hashtags.fold, NFKC_Casefold). A helper's
     * trial: the store lower-cased, so tag=strasse did not find #Straße, nor tag=nlc a full-width #ＮＬＣ, nor
     * tag=οδος #ΟΔΟΣ (final sigma).
     */
    @Test
    void aTagIsFoundInEverySpellingOfIt() {
        repository.upsert(withTexts(source + ":strasse", DAY3.plusSeconds(60), List.of("Straße", "ΟΔΟΣ"),
                "Road closure", "The coast road is closed for repairs until Friday evening."));
        repository.upsert(withTexts(source + ":wide", DAY3.plusSeconds(90), List.of("ＮＬＣ"),
                "Council sits", "The council sat late to discuss the harbour budget for next year."));

        for (String spelling : List.of("strasse", "STRASSE", "Straße", "#STRAẞE")) {
            assertThat(ids(Map.of("tag", spelling))).as(spelling).containsExactly(source + ":strasse");
        }
        assertThat(ids(Map.of("tag", "οδος"))).containsExactly(source + ":strasse");
        assertThat(ids(Map.of("tag", "nlc"))).containsExactly(source + ":wide", source + ":quota");
        assertThat(ids(Map.of("tag", "ＮＬＣ"))).containsExactly(source + ":wide", source + ":quota");
    }

    /** V10 folds again the tags of posts stored before it, which the store had lower-cased. */
    @Test
    void theMigrationFoldsTheTagsOfPostsStoredBefore() throws Exception {
        repository.upsert(withTexts(source + ":old", DAY3.plusSeconds(60), List.of("Straße", "Ferries"),
                "Road closure", "The coast road is closed for repairs until Friday evening."));
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE post SET tags_folded = ARRAY['straße', 'ferries'] WHERE post_id = '"
                    + source + ":old'");
            assertThat(ids(Map.of("tag", "strasse"))).isEmpty();

            new db.migration.V10__Casefolded_tags().migrate(new org.flywaydb.core.api.migration.Context() {
                @Override
                public org.flywaydb.core.api.configuration.Configuration getConfiguration() {
                    return null;
                }

                @Override
                public java.sql.Connection getConnection() {
                    return connection;
                }
            });
        }
        assertThat(ids(Map.of("tag", "strasse"))).containsExactly(source + ":old");
        assertThat(ids(Map.of("tag", "ferries"))).containsExactly(source + ":old", source + ":ferry");
    }

    @Test
    void aSearchRanksTitleMatchesFirstAndPagesThroughTheRanking() {
        repository.upsert(withTexts(source + ":mention", DAY3.plusSeconds(60), List.of(),
                "Harbour news of the week", "Among other things, one ferry was late on Monday."));
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = given().queryParam("source", source).queryParam("q", "ferry").queryParam("limit", 1)
                    .queryParam("after", after == null ? "" : after).get("/api/posts").then().statusCode(200)
                    .extract().jsonPath();
            seen.addAll(page.getList("items.postId"));
            after = page.getString("next");
        } while (after != null);

        assertThat(seen).containsExactly(source + ":ferry", source + ":mention");
    }

    @Test
    void pagesHaveNoGapsOrRepeatsWhilePostsArrive() throws Exception {
        String busy = "busy" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 30; i++) {
            repository.upsert(withTexts(busy + ":old" + i, DAY1.plusSeconds(i), List.of(), "Old post " + i));
        }
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> arrivals = writer.submit(() -> {
            for (int i = 0; i < 30; i++) {
                repository.upsert(withTexts(busy + ":new" + i, DAY3.plusSeconds(i), List.of(), "New post " + i));
            }
        });
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = given().queryParam("source", busy).queryParam("limit", 4)
                    .queryParam("after", after == null ? "" : after).get("/api/posts").then().statusCode(200)
                    .extract().jsonPath();
            seen.addAll(page.getList("items.postId"));
            after = page.getString("next");
        } while (after != null);
        arrivals.get();
        writer.shutdown();

        Set<String> old = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            old.add(busy + ":old" + i);
        }
        assertThat(seen).doesNotHaveDuplicates().containsAll(old);
        List<String> oldInOrder = seen.stream().filter(old::contains).toList();
        assertThat(oldInOrder).containsExactlyElementsOf(old.stream()
                .sorted((a, b) -> Integer.compare(Integer.parseInt(b.substring(b.indexOf("old") + 3)),
                        Integer.parseInt(a.substring(a.indexOf("old") + 3)))).toList());
    }

    @Test
    void badFilterValuesAreNamed() {
        given().queryParam("since", "yesterday").get("/api/posts").then().statusCode(400)
                .body("error", equalTo("invalid parameter since"));
        // a helper's trial: since after until answered 200 with an empty page, as if nothing had been published
        given().queryParam("since", "2025-03-02").queryParam("until", "2025-03-01").get("/api/posts").then()
                .statusCode(400).body("error", equalTo("invalid parameter until"))
                .body("details[0]", equalTo("until must be after since (2025-03-02T00:00:00Z): since is inclusive "
                        + "and until exclusive, so the range 2025-03-02T00:00:00Z to 2025-03-01T00:00:00Z holds no "
                        + "instant"));
        given().queryParam("since", "2025-03-02").queryParam("until", "2025-03-02").get("/api/posts").then()
                .statusCode(400).body("error", equalTo("invalid parameter until"));
        assertThat(ids(Map.of("since", "2025-03-02", "until", "2025-03-03"))).containsExactly(source + ":quota");
        given().queryParam("q", "ferry").queryParam("after", PageCursor.encode(
                new PostQueries.Cursor(null, DAY1, "x:1"))).get("/api/posts")
                .then().statusCode(400).body("error", equalTo("invalid parameter after"));
    }
}
