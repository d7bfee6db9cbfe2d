package newsfeed.dedup.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.intake.PostIntake;
import newsfeed.dedup.message.ClaimBatch;
import newsfeed.dedup.message.ParagraphClaim;
import newsfeed.dedup.rules.RemovalRules;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A review of f110508: numbers written as words became facts, so a paragraph the previous version judged carries the
 * facts hash of the old fact tokens, and a near copy of it with the very same number words no longer matched it (the
 * judge compares the hashes before the texts) for the whole retention. Claim batches in flight from an earlier intake
 * (no {@code keptFrom}) and paragraphs stored in codec version 1 have their facts hash made again from their key.
 */
class FactsUpgradeTest {

    private static final RemovalRules RULES = new RemovalRules(RemovalRules.DEFAULT_MIN_JACCARD);
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String ORIGINAL = "The two harbour boards approved the new dredging schedule for the spring"
            + " tides after a long debate in the council chamber.";
    private static final String NEAR = ORIGINAL.replace("council chamber.", "council hall.");
    /** What the previous fact tokens gave ORIGINAL: none, the hash of no tokens. */
    private static final long OLD_FACTS_HASH = ParagraphFingerprinter.factsHash("no facts in this key at all");

    @Test
    void aClaimBatchOfAnEarlierIntakeHasItsFactsMadeAgain() {
        JudgeState state = state();
        ClaimJudge judge = new ClaimJudge(RULES, 32);
        PostIntake intake = new PostIntake(1);
        for (ClaimBatch b : intake.take(post("old", 0, ORIGINAL), null).claims()) {
            // as the previous version wrote it: no keptFrom, and the old facts hash
            judge.apply(state, new ClaimBatch(b.postId(), b.partition(), b.publishedAt(), withOldFacts(b.claims()),
                    null));
        }
        for (ClaimBatch b : intake.take(post("new", 60, NEAR), null).claims()) {
            judge.apply(state, b);
        }

        assertThat(state.paragraph(0, "new", 1).near()).as("near copy of a paragraph claimed by the earlier version")
                .isNotNull();
        assertThat(state.paragraph(0, "old", 1).keptFrom()).isEqualTo(T0);
    }

    @Test
    void aParagraphStoredInVersionOneHasItsFactsMadeAgain() {
        JudgedParagraph current = new PostIntakeParagraph().of(ORIGINAL);
        JudgedParagraph stale = new JudgedParagraph(current.postId(), current.position(), current.partition(),
                current.publishedAt(), current.claimId(), current.key(), current.truncated(), current.shingles(),
                OLD_FACTS_HASH, current.claimKeys(), null, null, null, current.publishedAt());
        byte[] two = JudgedParagraphCodec.encode(stale);
        byte[] one = Arrays.copyOf(two, two.length - 12);
        one[0] = 1;

        assertThat(JudgedParagraphCodec.decode(one).facts()).isEqualTo(current.facts())
                .isNotEqualTo(OLD_FACTS_HASH);
        assertThat(JudgedParagraphCodec.decode(two).facts()).as("version 2 is read as written")
                .isEqualTo(OLD_FACTS_HASH);
    }

    /** The paragraph the judge stores for the post {@code old}'s second paragraph, claimed by this version. */
    private static final class PostIntakeParagraph {
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

    private static JudgeState state() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        return new JudgeState(store(context, "p"), store(context, "c"), store(context, "t"),
                PresenceFilter.MIN_CAPACITY);
    }

    private static KeyValueStore<Bytes, byte[]> store(MockProcessorContext<Object, Object> context, String name) {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    private static NormalizedPost post(String postId, long seconds, String text) {
        List<Paragraph> paragraphs = List.of(new Paragraph(0, "Headline of " + postId, ParagraphKind.TEXT),
                new Paragraph(1, text, ParagraphKind.TEXT));
        Instant at = T0.plusSeconds(seconds);
        return new NormalizedPost(postId, "test", at, at, "Headline of " + postId, null, paragraphs, List.of(),
                List.of(), null, null, 1, false);
    }
}
