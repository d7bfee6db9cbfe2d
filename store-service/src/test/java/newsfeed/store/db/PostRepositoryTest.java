package newsfeed.store.db;

import static newsfeed.store.TestDecisions.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.NormalizedPost;
import newsfeed.store.TestDecisions;
import newsfeed.store.api.PostViews;
import newsfeed.testsupport.KafkaTestResource;
import newsfeed.testsupport.PostgresTestResource;
import org.junit.jupiter.api.Test;

/** Upserts against a real PostgreSQL: idempotent, and never replacing a revision by an equal or lower one. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PostRepositoryTest {

    private static final Instant PUBLISHED = Instant.parse("2025-03-03T08:00:00Z");

    @Inject
    PostRepository repository;

    @Inject
    PostQueries queries;

    private static String newPostId() {
        return "repo:" + UUID.randomUUID();
    }

    @Test
    void storesEveryParagraphWithItsDecision() {
        String postId = newPostId();

        assertThat(repository.upsert(decision(postId, PUBLISHED, 4, 1, 1))).isEqualTo(PostRepository.Outcome.INSERTED);

        PostViews.Detail post = queries.find(postId).orElseThrow();
        assertThat(post.paragraphs()).extracting(PostViews.KeptParagraph::text)
                .containsExactly("P0 of " + postId, "📍 Port Calder, March 3, 2025", "P2 of " + postId);
        assertThat(post.paragraphs().get(1).kind()).isEqualTo("dateline");
        assertThat(post.removed()).singleElement().satisfies(r -> {
            assertThat(r.position()).isEqualTo(3);
            assertThat(r.reason()).isEqualTo("REPEATED_IN_POST");
            assertThat(r.duplicateOf()).isEqualTo(postId);
            assertThat(r.duplicateOfPosition()).isZero();
            assertThat(r.similarity()).isEqualTo(1.0);
        });
        assertThat(post.hashtags()).containsExactly("Tag", "Другой");
        assertThat(post.links()).containsExactly("https://example.org/a");
        assertThat(post.dateline().place()).isEqualTo("Port Calder");
        assertThat(post.forwardedFrom()).isEqualTo("Harbour Desk");
        assertThat(post.publishedAt()).isEqualTo(PUBLISHED);
        assertThat(post.revision()).isEqualTo(1);
    }

    /** Issue 12: a day the text gave, an assumed zone, the author, media type and edit time reach the post API. */
    @Test
    void theFlagsOfThePublicationTimeTheAuthorTheMediaTypeAndTheEditTimeAreStored() {
        String postId = newPostId();
        DeduplicatedPost plain = decision(postId, Instant.parse("2025-03-03T00:00:00.004Z"), 3, 0, 1);
        NormalizedPost p = plain.post();
        NormalizedPost described = new NormalizedPost(p.postId(), p.source(), p.publishedAt(), p.receivedAt(),
                p.title(), p.url(), p.paragraphs(), p.hashtags(), p.links(), p.dateline(), p.forwardedFrom(),
                p.normalizerVersion(), false, false, true, true, "Harbour Desk", "photo",
                Instant.parse("2025-03-03T15:00:00.123456Z"));

        repository.upsert(new DeduplicatedPost(described, plain.kept(), plain.removed(), plain.status(),
                plain.duplicateOf(), plain.revision()));

        PostViews.Detail stored = queries.find(postId).orElseThrow();
        assertThat(stored.publishedAtDerived()).isTrue();
        assertThat(stored.publishedAtZoneAssumed()).isTrue();
        assertThat(stored.publishedAt()).isEqualTo(Instant.parse("2025-03-03T00:00:00.004Z"));
        assertThat(stored.publishedAtFallback()).isFalse();
        assertThat(stored.author()).isEqualTo("Harbour Desk");
        assertThat(stored.mediaType()).isEqualTo("photo");
        assertThat(stored.editedAt()).isEqualTo(Instant.parse("2025-03-03T15:00:00.123456Z"));
        PostViews.Detail bare = queries.find(newPostIdStored(decision(newPostId(), PUBLISHED, 3, 0, 1))).orElseThrow();
        assertThat(bare.publishedAtDerived()).isFalse();
        assertThat(bare.publishedAtZoneAssumed()).isFalse();
        assertThat(bare.author()).isNull();
        assertThat(bare.mediaType()).isNull();
        assertThat(bare.editedAt()).isNull();
    }

    private String newPostIdStored(DeduplicatedPost decision) {
        repository.upsert(decision);
        return decision.postId();
    }

    @Test
    void theSameRevisionAgainChangesNothing() {
        String postId = newPostId();
        repository.upsert(decision(postId, PUBLISHED, 3, 1, 1));
        PostViews.Detail first = queries.find(postId).orElseThrow();

        DeduplicatedPost again = decision(postId, PUBLISHED, 5, 2, 1);
        assertThat(repository.upsert(again)).isEqualTo(PostRepository.Outcome.UNCHANGED);

        assertThat(queries.find(postId).orElseThrow()).isEqualTo(first);
    }

    @Test
    void aHigherRevisionReplacesTheParagraphsAndALowerOneIsIgnored() {
        String postId = newPostId();
        repository.upsert(decision(postId, PUBLISHED, 3, 1, 2));

        assertThat(repository.upsert(decision(postId, PUBLISHED, 5, 0, 3))).isEqualTo(PostRepository.Outcome.REVISED);
        assertThat(repository.upsert(decision(postId, PUBLISHED, 2, 0, 1))).isEqualTo(PostRepository.Outcome.UNCHANGED);

        PostViews.Detail post = queries.find(postId).orElseThrow();
        assertThat(post.revision()).isEqualTo(3);
        assertThat(post.paragraphs()).hasSize(5);
        assertThat(post.removed()).isEmpty();
    }

    /**
     * Issue 10: once dedup-service forgot a post, an edit of it is revision 1 of a later epoch. It replaces revision 3
     * of the earlier epoch; no decision of the earlier epoch, however high its revision, replaces it back; the same
     * decision again changes nothing, even with the nanoseconds PostgreSQL does not keep.
     */
    @Test
    void aLaterRevisionEpochReplacesAnyRevisionOfAnEarlierOneAndNeverTheOtherWayRound() {
        String postId = newPostId();
        Instant firstEpoch = Instant.parse("2025-03-03T08:01:00.123456789Z");
        Instant editEpoch = Instant.parse("2025-05-20T10:00:00.987654321Z");
        repository.upsert(withEpoch(decision(postId, PUBLISHED, 3, 1, 3), firstEpoch));

        DeduplicatedPost edit = withEpoch(decision(postId, PUBLISHED, 5, 0, 1), editEpoch);
        assertThat(repository.upsert(edit)).isEqualTo(PostRepository.Outcome.REVISED);
        PostViews.Detail stored = queries.find(postId).orElseThrow();

        assertThat(stored.revision()).isEqualTo(1);
        assertThat(stored.paragraphs()).hasSize(5);
        assertThat(repository.upsert(edit)).as("redelivered").isEqualTo(PostRepository.Outcome.UNCHANGED);
        assertThat(repository.upsert(withEpoch(decision(postId, PUBLISHED, 2, 0, 9), firstEpoch)))
                .as("a late decision of the earlier epoch").isEqualTo(PostRepository.Outcome.UNCHANGED);
        assertThat(repository.upsert(decision(postId, PUBLISHED, 2, 0, 9)))
                .as("a decision from before epochs existed").isEqualTo(PostRepository.Outcome.UNCHANGED);
        assertThat(queries.find(postId).orElseThrow()).isEqualTo(stored);
        assertThat(repository.upsert(withEpoch(decision(postId, PUBLISHED, 4, 0, 2), editEpoch)))
                .isEqualTo(PostRepository.Outcome.REVISED);
        assertThat(queries.find(postId).orElseThrow().paragraphs()).hasSize(4);
    }

    /**
     * A trial re-imported a dump two minutes after the first import: dedup had forgotten its July 2024 posts (30 days
     * behind the undated posts of the same dump, dated on arrival), decided them again in a new epoch exactly as
     * before, and the store re-wrote them as revisions with new event ids, which the live stream announced again.
     * DESIGN §2: re-delivery never changes the stored result.
     */
    @Test
    void aNewerVersionOfTheSameDecisionChangesNothingAndADifferentOneIsARevision() {
        String postId = newPostId();
        Instant firstEpoch = Instant.parse("2024-07-25T10:00:00Z");
        DeduplicatedPost first = withEpoch(decision(postId, PUBLISHED, 4, 1, 2), firstEpoch);
        repository.upsert(first);
        PostViews.Detail stored = queries.find(postId).orElseThrow();

        DeduplicatedPost sameAgain = withEpoch(new DeduplicatedPost(first.post().withTimes(PUBLISHED,
                Instant.parse("2026-12-04T16:54:58Z")), first.kept(), first.removed(), first.status(),
                first.duplicateOf(), 1), Instant.parse("2026-12-04T16:54:58Z"));
        assertThat(repository.upsert(sameAgain)).isEqualTo(PostRepository.Outcome.UNCHANGED);
        assertThat(queries.find(postId).orElseThrow()).as("event id, revision and times as they were")
                .isEqualTo(stored);

        DeduplicatedPost edited = withEpoch(decision(postId, PUBLISHED, 5, 1, 2),
                Instant.parse("2026-12-04T16:54:58Z"));
        assertThat(repository.upsert(edited)).isEqualTo(PostRepository.Outcome.REVISED);
        PostViews.Detail revised = queries.find(postId).orElseThrow();
        assertThat(revised.paragraphs()).hasSize(4);
        assertThat(revised.eventId()).isGreaterThan(stored.eventId());
    }

    @Test
    void aBatchKeepsTheDecisionOfTheLatestEpochWhateverTheRevisions() {
        String postId = newPostId();
        Instant firstEpoch = Instant.parse("2025-03-03T08:01:00Z");

        List<PostRepository.Outcome> outcomes = repository.upsertAll(List.of(
                withEpoch(decision(postId, PUBLISHED, 3, 0, 4), firstEpoch),
                withEpoch(decision(postId, PUBLISHED, 5, 0, 1), firstEpoch.plusSeconds(1))));

        assertThat(outcomes).containsExactly(PostRepository.Outcome.UNCHANGED, PostRepository.Outcome.INSERTED);
        assertThat(queries.find(postId).orElseThrow().paragraphs()).hasSize(5);
    }

    private static DeduplicatedPost withEpoch(DeduplicatedPost d, Instant epoch) {
        return new DeduplicatedPost(d.post(), d.kept(), d.removed(), d.status(), d.duplicateOf(), d.revision(), epoch);
    }

    @Test
    void aDecisionThatDoesNotCoverEveryParagraphIsRefusedAndNothingIsStored() {
        String postId = newPostId();
        DeduplicatedPost valid = decision(postId, PUBLISHED, 3, 1, 1);
        DeduplicatedPost broken = new DeduplicatedPost(valid.post(), List.of(0), valid.removed(), valid.status(),
                null, 1);

        assertThatThrownBy(() -> repository.upsert(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not partition its 3 paragraph positions");
        assertThat(queries.find(postId)).isEmpty();
    }

    @Test
    void aBatchStoresEachPostOnceWithItsHighestRevisionAndSaysWhatItDid() {
        String fresh = newPostId();
        String stored = newPostId();
        String current = newPostId();
        repository.upsert(decision(stored, PUBLISHED, 3, 0, 1));
        repository.upsert(decision(current, PUBLISHED, 3, 0, 4));

        List<PostRepository.Outcome> outcomes = repository.upsertAll(List.of(
                decision(fresh, PUBLISHED, 3, 1, 1),
                decision(stored, PUBLISHED, 4, 1, 2),
                decision(fresh, PUBLISHED, 5, 2, 3),
                decision(current, PUBLISHED, 2, 0, 4)));

        assertThat(outcomes).containsExactly(PostRepository.Outcome.UNCHANGED, PostRepository.Outcome.REVISED,
                PostRepository.Outcome.INSERTED, PostRepository.Outcome.UNCHANGED);
        assertThat(queries.find(fresh).orElseThrow().revision()).isEqualTo(3);
        assertThat(queries.find(fresh).orElseThrow().paragraphs()).hasSize(3);
        assertThat(queries.find(stored).orElseThrow().paragraphs()).hasSize(3);
        assertThat(queries.find(current).orElseThrow().paragraphs()).hasSize(3);
    }

    @Test
    void aBatchTheDatabaseRefusesStoresNothingOfIt() {
        String good = newPostId();
        String bad = newPostId();
        DeduplicatedPost nul = TestDecisions.withTexts(bad, PUBLISHED, List.of(), "Headline with a NUL \u0000 in it");

        assertThatThrownBy(() -> repository.upsertAll(List.of(decision(good, PUBLISHED, 3, 0, 1), nul)))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((StoreException) e).isRecordsFault()).as("a NUL in text, 22021")
                        .isTrue());
        assertThat(queries.find(good)).isEmpty();
        assertThat(queries.find(bad)).isEmpty();
    }

    /**
     * The live stream reads event ids in order and moves past what it read, so an event id must not become visible
     * before a smaller one: with two store instances writing at once, the transaction that took the smaller id could
     * otherwise commit last, behind a stream's position, and that stream would never send it.
     */
    @Test
    void eventIdsBecomeVisibleInTheirOrderWhenTwoWritersOverlap() throws Exception {
        String first = newPostId();
        String second = newPostId();
        long before = queries.lastEventId();
        ExecutorService other = Executors.newFixedThreadPool(2);
        try {
            QuarkusTransaction.begin();
            CompletableFuture<PostRepository.Outcome> secondWrite;
            List<PostViews.Detail> seenMeanwhile;
            try {
                repository.upsert(decision(first, PUBLISHED, 3, 0, 1)); // takes its event id, commits later
                secondWrite = CompletableFuture.supplyAsync(
                        () -> repository.upsert(decision(second, PUBLISHED, 3, 0, 1)), other);
                try {
                    secondWrite.get(2, TimeUnit.SECONDS); // without an order, the second commits meanwhile
                } catch (TimeoutException waitingForTheFirst) {
                    // the second writer waits for the first to commit: what is asserted below
                }
                seenMeanwhile = CompletableFuture.supplyAsync(() -> queries.changedSince(before, 100), other).get();
            } finally {
                QuarkusTransaction.commit();
            }
            assertThat(secondWrite.get(30, TimeUnit.SECONDS)).isEqualTo(PostRepository.Outcome.INSERTED);

            List<PostViews.Detail> all = queries.changedSince(before, 100).stream()
                    .filter(p -> p.postId().equals(first) || p.postId().equals(second)).toList();
            assertThat(all).extracting(PostViews.Detail::postId).containsExactly(first, second);
            long newestSeen = seenMeanwhile.stream().mapToLong(PostViews.Detail::eventId).max().orElse(before);
            assertThat(all).filteredOn(p -> p.eventId() <= newestSeen).extracting(PostViews.Detail::postId)
                    .as("what a reader saw while the first write was open; nothing may appear behind it later")
                    .containsExactlyElementsOf(seenMeanwhile.stream().map(PostViews.Detail::postId)
                            .filter(id -> id.equals(first) || id.equals(second)).toList());
        } finally {
            other.shutdownNow();
        }
    }
}
