package newsfeed.dedup.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.dedup.fingerprint.NearDuplicateRule;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.message.Claim;
import newsfeed.dedup.message.Claimant;
import newsfeed.dedup.message.Match;
import newsfeed.dedup.message.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClaimJudgeTest {

    private static final NearDuplicateRule RULE = new NearDuplicateRule(NearDuplicateRule.DEFAULT_MIN_JACCARD);
    private static final ParagraphFingerprinter FINGERPRINTER = new ParagraphFingerprinter();
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    /** Paragraphs that are exact, near and preview copies of each other, and some that are not. */
    private static final List<String> TEXTS = List.of(
            "The harbour board approved the new dredging schedule for the spring tides on Monday.",
            "The harbour board approved the new dredging schedule for the spring tides on Monday evening.",
            "The harbour board has approved the new dredging schedule for the spring tides on Monday.",
            "The harbour board approved the new dredging schedule for the spring …",
            "The harbour board approved the new dredging schedule for the autumn tides on Friday.",
            "Pilot boat 12 reported calm seas off the northern cape this morning.",
            "Pilot boat 14 reported calm seas off the northern cape this morning.",
            "Pilot boat 12 reported calm seas off the northern cape early this morning.",
            "Subscribe to the Brindle Cove Courier for more news.");

    /**
     * Random claims, withdrawals and edits (a paragraph claimed again with another key or time) on one bucket of each
     * kind: the incremental judge gives, claim after claim, exactly the buckets and verdicts of the judge that
     * re-judges everything.
     */
    @ParameterizedTest
    @ValueSource(strings = {"x:1", "s0:ab", "m3:cd", "h:ef"})
    void incrementalJudgementEqualsJudgingEverythingAgain(String claimKey) {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            ClaimJudge judge = new ClaimJudge(RULE, 10_000, 10_000_000);
            ReferenceClaimJudge reference = new ReferenceClaimJudge(RULE);
            Bucket bucket = null;
            Bucket expected = null;
            for (int step = 0; step < 120; step++) {
                Claim claim = randomClaim(random, claimKey);

                ClaimJudge.Outcome outcome = judge.apply(bucket, claim);
                ReferenceClaimJudge.Outcome oracle = reference.apply(expected, claim);

                String where = "seed " + seed + ", step " + step + ", " + claim;
                assertThat(outcome.verdicts()).as(where).isEqualTo(oracle.verdicts());
                assertThat(outcome.bucket()).as(where).isEqualTo(oracle.bucket());
                assertThat(outcome.evicted()).isZero();
                bucket = outcome.bucket();
                expected = oracle.bucket();
            }
        }
    }

    @Test
    void aLateOlderPostBecomesTheOriginalOfTheNewerCopies() {
        ClaimJudge judge = new ClaimJudge(RULE);
        Claimant newer = claimant("b", 0, 60, TEXTS.get(0));
        Claimant newest = claimant("c", 0, 120, TEXTS.get(0));
        Claimant older = claimant("a", 1, 0, TEXTS.get(0));

        ClaimJudge.Outcome first = judge.apply(null, new Claim("x:1", newer, false));
        ClaimJudge.Outcome second = judge.apply(first.bucket(), new Claim("x:1", newest, false));
        ClaimJudge.Outcome third = judge.apply(second.bucket(), new Claim("x:1", older, false));

        assertThat(first.verdicts()).extracting(Verdict::match).containsExactly((Match) null);
        assertThat(second.verdicts()).extracting(v -> v.match().postId()).containsExactly("b");
        assertThat(third.verdicts()).extracting(v -> v.postId() + "<-" + (v.match() == null ? "-" : v.match().postId()))
                .containsExactly("a<--", "b<-a", "c<-a");
        assertThat(third.verdicts().get(1).match().reason()).isEqualTo(RemovalReason.PUBLISHED_BEFORE);
    }

    @Test
    void aWithdrawalRejudgesOnlyTheClaimantsItWasTheOriginalOf() {
        ClaimJudge judge = new ClaimJudge(RULE);
        Bucket bucket = null;
        for (Claimant c : List.of(claimant("a", 0, 0, TEXTS.get(0)), claimant("b", 0, 60, TEXTS.get(0)),
                claimant("c", 0, 120, TEXTS.get(0)))) {
            bucket = judge.apply(bucket, new Claim("x:1", c, false)).bucket();
        }

        ClaimJudge.Outcome outcome = judge.apply(bucket, new Claim("x:1", claimant("a", 0, 0, ""), true));

        assertThat(outcome.verdicts()).extracting(v -> v.postId() + "<-" + (v.match() == null ? "-" : v.match().postId()))
                .containsExactly("b<--", "c<-b");
        assertThat(outcome.bucket().entries()).extracting(e -> e.claimant().postId()).containsExactly("b", "c");
    }

    /**
     * A footer every post repeats: the bucket keeps the newest claimants up to its bound, each arriving copy is still
     * judged against the whole bucket, and the evictions are counted.
     */
    @Test
    void aHotBucketKeepsItsNewestClaimantsWithinTheBound() {
        ClaimJudge judge = new ClaimJudge(RULE, 3, 1_000_000);
        Bucket bucket = null;
        int evicted = 0;
        ClaimJudge.Outcome outcome = null;
        for (int post = 0; post < 10; post++) {
            outcome = judge.apply(bucket, new Claim("x:1", claimant("p" + post, 2, post * 60, TEXTS.get(8)), false));
            bucket = outcome.bucket();
            evicted += outcome.evicted();
        }

        assertThat(bucket.entries()).extracting(e -> e.claimant().postId()).containsExactly("p7", "p8", "p9");
        assertThat(evicted).isEqualTo(7);
        // p9 was judged before the eviction: the earliest copy still in the bucket then was p6
        assertThat(outcome.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.postId()).isEqualTo("p9");
            assertThat(v.match().postId()).isEqualTo("p6");
        });
    }

    /**
     * A late older post enters a full bucket, becomes the original of every copy and is evicted at once; when it is
     * then edited (withdrawn), the copies must not keep naming a paragraph that no longer exists anywhere.
     */
    @Test
    void withdrawingAnEvictedOriginalRejudgesTheCopiesThatNameIt() {
        ClaimJudge judge = new ClaimJudge(RULE, 3, 1_000_000);
        Bucket bucket = null;
        for (Claimant c : List.of(claimant("b", 0, 60, TEXTS.get(8)), claimant("c", 0, 120, TEXTS.get(8)),
                claimant("d", 0, 180, TEXTS.get(8)), claimant("a", 0, 0, TEXTS.get(8)))) {
            bucket = judge.apply(bucket, new Claim("x:1", c, false)).bucket();
        }
        assertThat(bucket.entries()).extracting(e -> e.claimant().postId() + "<-" + e.verdict().postId())
                .containsExactly("b<-a", "c<-a", "d<-a");

        ClaimJudge.Outcome outcome = judge.apply(bucket, new Claim("x:1", claimant("a", 0, 0, ""), true));

        assertThat(outcome.verdicts()).extracting(v -> v.postId() + "<-" + (v.match() == null ? "-" : v.match().postId()))
                .containsExactly("b<--", "c<-b", "d<-b");
        assertThat(outcome.bucket().entries()).extracting(e -> e.claimant().postId()).containsExactly("b", "c", "d");
    }

    @Test
    void theKeyCharacterBoundEvictsTheEarliestButKeepsTheNewestAlone() {
        String text = TEXTS.get(0);
        int keyLength = ParagraphKey.of(text).length();
        ClaimJudge judge = new ClaimJudge(RULE, 100, keyLength * 2);
        Bucket bucket = null;
        for (int post = 0; post < 4; post++) {
            bucket = judge.apply(bucket, new Claim("x:1", claimant("p" + post, 0, post, text), false)).bucket();
        }
        assertThat(bucket.entries()).extracting(e -> e.claimant().postId()).containsExactly("p2", "p3");

        ClaimJudge tiny = new ClaimJudge(RULE, 100, 1);
        Bucket alone = tiny.apply(bucket, new Claim("x:1", claimant("p9", 0, 9, text), false)).bucket();
        assertThat(alone.entries()).extracting(e -> e.claimant().postId()).containsExactly("p9");
    }

    private static Claim randomClaim(Random random, String claimKey) {
        String postId = "post-" + (char) ('a' + random.nextInt(8));
        int position = random.nextInt(2);
        if (random.nextInt(5) == 0) {
            return new Claim(claimKey, claimant(postId, position, 0, ""), true);
        }
        // few distinct times, so that ties fall back to postId and position
        Claimant claimant = claimant(postId, position, random.nextInt(4) * 3600,
                TEXTS.get(random.nextInt(TEXTS.size())));
        if (claimKey.startsWith("s")) {
            // near copies of these texts are rarely within SimHash distance 3: draw SimHashes both within and beyond
            claimant = new Claimant(postId, position, claimant.publishedAt(), claimant.key(),
                    SIMHASHES[random.nextInt(SIMHASHES.length)]);
        }
        return new Claim(claimKey, claimant, false);
    }

    /** Distances: 0–1 is 1, 0–7 is 3, 1–7 is 2, 0xF0F0 is 8 or more from the others. */
    private static final long[] SIMHASHES = {0L, 1L, 7L, 0xF0F0L};

    private static Claimant claimant(String postId, int position, long seconds, String text) {
        String key = ParagraphKey.of(text);
        long simHash = key.isEmpty() ? 0 : FINGERPRINTER.fingerprint(key).simHash();
        return new Claimant(postId, position, T0.plusSeconds(seconds), key, simHash);
    }
}
