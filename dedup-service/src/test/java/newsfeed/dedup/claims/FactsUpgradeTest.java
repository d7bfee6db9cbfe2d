package newsfeed.dedup.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import newsfeed.contracts.NormalizedPost;
import newsfeed.dedup.fingerprint.FactTokens;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.intake.PostIntake;
import newsfeed.dedup.message.ClaimBatch;
import newsfeed.dedup.message.ParagraphClaim;
import newsfeed.dedup.rules.RemovalRules;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A review of f110508: numbers written as words became facts, so a paragraph the previous version judged carries the
 * facts hash of the old fact tokens, and a near copy of it with the very same number words no longer matched it (the
 * judge compares the hashes before the texts) for the whole retention. The same holds for every change of the fact
 * tokens ({@code FactTokens.RULES}; negations became facts after). Claim batches in flight from an intake of other
 * rules and paragraphs stored under other rules have their facts hash made again from their key; the claim-key
 * entries, which have no changelog, are rebuilt from the paragraphs as read when the judge's task starts.
 */
class FactsUpgradeTest {

    private static final RemovalRules RULES = new RemovalRules(RemovalRules.DEFAULT_MIN_JACCARD);
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String ORIGINAL = "The two harbour boards did not approve the new dredging schedule for the"
            + " spring tides after a long debate in the council chamber.";
    private static final String NEAR = ORIGINAL.replace("council chamber.", "council hall.");
    /** What the first fact tokens gave ORIGINAL: none, the hash of no tokens. */
    private static final long OLD_FACTS_HASH = ParagraphFingerprinter.factsHash("no facts in this key at all");

    @Test
    void aClaimBatchOfAnEarlierIntakeHasItsFactsMadeAgain() {
        // as the version before keptFrom wrote it: no keptFrom, no factsRules, and the old facts hash
        aClaimBatchHasItsFactsMadeAgain(null, null);
    }

    @Test
    void aClaimBatchOfOtherFactRulesHasItsFactsMadeAgain() {
        // as the version before negations were facts wrote it: keptFrom, but no factsRules
        aClaimBatchHasItsFactsMadeAgain(T0, null);
        aClaimBatchHasItsFactsMadeAgain(T0, (byte) (FactTokens.RULES - 1));
    }

    private void aClaimBatchHasItsFactsMadeAgain(Instant keptFrom, Byte factsRules) {
        JudgeState state = state();
        ClaimJudge judge = new ClaimJudge(RULES, 32);
        PostIntake intake = new PostIntake(1);
        for (ClaimBatch b : intake.take(post("old", 0, ORIGINAL), null).claims()) {
            judge.apply(state, new ClaimBatch(b.postId(), b.partition(), b.publishedAt(), withOldFacts(b.claims()),
                    keptFrom, factsRules));
        }
        for (ClaimBatch b : intake.take(post("new", 60, NEAR), null).claims()) {
            judge.apply(state, b);
        }

        assertThat(state.paragraph(0, "new", 1).near()).as("near copy of a paragraph claimed by the earlier version")
                .isNotNull();
        assertThat(state.paragraph(0, "old", 1).keptFrom()).isEqualTo(T0);
    }

    @Test
    void aParagraphStoredInAnEarlierVersionHasItsFactsMadeAgain() {
        JudgedParagraph current = new PostIntakeParagraph().of(ORIGINAL);
        JudgedParagraph stale = withFacts(current, OLD_FACTS_HASH);
        byte[] three = JudgedParagraphCodec.encode(stale);
        byte[] two = versionTwo(three);
        byte[] one = Arrays.copyOf(two, two.length - 12);
        one[0] = 1;

        assertThat(JudgedParagraphCodec.decode(one).facts()).isEqualTo(current.facts())
                .isNotEqualTo(OLD_FACTS_HASH);
        assertThat(JudgedParagraphCodec.decode(two).facts()).isEqualTo(current.facts());
        assertThat(JudgedParagraphCodec.decode(three).facts()).as("version 3 of these rules is read as written")
                .isEqualTo(OLD_FACTS_HASH);
        byte[] otherRules = three.clone();
        otherRules[otherRules.length - 1] = FactTokens.RULES + 1;
        assertThat(JudgedParagraphCodec.decode(otherRules).facts()).as("version 3 of other rules")
                .isEqualTo(current.facts());
    }

    /**
     * The path of an upgrade: the judge's paragraphs as the earlier version wrote them (codec version 2, the facts
     * hash of other rules, in the store or restored from its changelog), its claim-key entries derived from them, and
     * the task's start rebuilding the entries from the paragraphs. A near copy arriving after it meets the paragraph,
     * whichever of the two is earlier.
     */
    @Test
    void aParagraphJudgedBeforeTheUpgradeMeetsItsNearCopyAfterTheTaskStarts() {
        for (boolean originalFirst : new boolean[] {true, false}) {
            JudgeState before = state();
            ClaimJudge judge = new ClaimJudge(RULES, 32);
            PostIntake intake = new PostIntake(1);
            String earlier = originalFirst ? ORIGINAL : NEAR;
            String later = originalFirst ? NEAR : ORIGINAL;
            intake.take(post(originalFirst ? "old" : "new", originalFirst ? 0 : 60, earlier), null).claims()
                    .forEach(b -> judge.apply(before, b));
            asAnEarlierVersionWroteIt(originalFirst ? "old" : "new");
            JudgeState upgraded = new JudgeState(paragraphs, claims, times);
            upgraded.rebuild();
            intake.take(post(originalFirst ? "new" : "old", originalFirst ? 60 : 0, later), null).claims()
                    .forEach(b -> judge.apply(upgraded, b));

            assertThat(upgraded.paragraph(0, "new", 1).near()).as("near copy, the original %s",
                    originalFirst ? "judged before the upgrade" : "arriving after it").isNotNull()
                    .satisfies(m -> assertThat(m.postId()).isEqualTo("old"));
        }
    }

    private KeyValueStore<Bytes, byte[]> paragraphs;
    private KeyValueStore<Bytes, byte[]> claims;
    private KeyValueStore<Bytes, byte[]> times;

    /**
     * Rewrites a post's second paragraph, and every claim entry, as the version before {@code FactTokens.RULES} wrote
     * them: codec version 2 and entries with the facts hash of the first rules.
     */
    private void asAnEarlierVersionWroteIt(String postId) {
        List<KeyValue<Bytes, byte[]>> rewritten = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = paragraphs.all()) {
            it.forEachRemaining(kv -> {
                JudgedParagraph p = JudgedParagraphCodec.decode(kv.value);
                if (p.postId().equals(postId) && p.position() == 1) {
                    rewritten.add(KeyValue.pair(kv.key, versionTwo(JudgedParagraphCodec.encode(
                            withFacts(p, OLD_FACTS_HASH)))));
                }
            });
        }
        assertThat(rewritten).hasSize(1);
        rewritten.forEach(kv -> paragraphs.put(kv.key, kv.value));
        List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = claims.all()) {
            it.forEachRemaining(kv -> entries.add(KeyValue.pair(kv.key, ByteBuffer.allocate(17)
                    .put(kv.value, 0, 9).putLong(OLD_FACTS_HASH).array())));
        }
        assertThat(entries).isNotEmpty();
        entries.forEach(kv -> claims.put(kv.key, kv.value));
    }

    /** Codec version 3 without its trailing facts rules byte, as version 2. */
    private static byte[] versionTwo(byte[] three) {
        byte[] two = Arrays.copyOf(three, three.length - 1);
        two[0] = 2;
        return two;
    }

    private static JudgedParagraph withFacts(JudgedParagraph p, long facts) {
        return new JudgedParagraph(p.postId(), p.position(), p.partition(), p.publishedAt(), p.claimId(), p.key(),
                p.truncated(), p.shingles(), facts, p.claimKeys(), p.exact(), p.near(), p.preview(), p.keptFrom());
    }

    /** The paragraph the judge stores for the post {@code old}'s second paragraph, claimed by this version. */
    private final class PostIntakeParagraph {
        JudgedParagraph of(String text) {
            JudgeState state = state();
            new ClaimJudge(RULES, 32).apply(state, new PostIntake(1).take(post("old", 0, text), null).claims()
                    .get(0));
            return state.paragraph(0, "old", 1);
        }
    }

    private static List<ParagraphClaim> withOldFacts(List<ParagraphClaim> claims) {
        List<ParagraphClaim> old = new ArrayList<>();
        for (ParagraphClaim c : claims) {
            old.add(new ParagraphClaim(c.position(), c.claimId(), c.key(), c.truncated(), c.shingles(),
                    c.position() == 1 ? OLD_FACTS_HASH : c.facts(), c.claimKeys()));
        }
        return old;
    }

    private JudgeState state() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        paragraphs = JudgeFixtures.store(context, "p");
        claims = JudgeFixtures.store(context, "c");
        times = JudgeFixtures.store(context, "t");
        return new JudgeState(paragraphs, claims, times);
    }

    private static NormalizedPost post(String postId, long seconds, String text) {
        return JudgeFixtures.post(postId, T0.plusSeconds(seconds), text);
    }
}
