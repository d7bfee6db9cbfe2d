package newsfeed.dedup.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.fingerprint.ParagraphSignature;
import newsfeed.dedup.intake.PostIntake;
import newsfeed.dedup.message.ClaimBatch;
import newsfeed.dedup.message.ParagraphClaim;
import newsfeed.dedup.rules.RemovalRules;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/**
 * Tags that continue a sentence (2026-12-07): the key of a paragraph closing with a tag right after a word dropped the
 * tag before, and keeps it now, the tag a fact, since "explosions were heard in #Kharkiv" and "… in #Odesa" had one key
 * and the later post's news was removed. A paragraph judged before the upgrade holds the old key and its claims; a copy
 * arriving after has the tag in its key and among its facts, so it is no exact copy and, its facts other, no near copy:
 * it is kept, as a new paragraph, until the one judged before leaves the retention window (dedup-service's README).
 * What the upgrade must not do is remove other news: a paragraph closing with another tag is kept as well.
 */
class TagKeyUpgradeTest {

    private static final RemovalRules RULES = new RemovalRules(RemovalRules.DEFAULT_MIN_JACCARD);
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String TAG = " #नमस्ते";
    private static final String OTHER_TAG = " #भारत";
    /** 27 words of a Hindi news sentence; the test takes its first 7 to 27, each closed by {@link #TAG}. */
    private static final String[] WORDS = ("संसद का शीतकालीन सत्र आज सुबह नई दिल्ली में शुरू हुआ और सभी दलों के"
            + " नेताओं ने बंदरगाह विकास विधेयक पर लंबी चर्चा की जो देर शाम तक चलती रही").split(" ");

    @Test
    void theKeysBeforeAndAfterDifferByTheTag() {
        String text = String.join(" ", WORDS) + TAG;
        assertThat(ParagraphKey.of(text)).isEqualTo(String.join(" ", WORDS) + TAG);
        assertThat(oldKey(text)).isEqualTo(String.join(" ", WORDS));
    }

    /**
     * For every paragraph long enough to be judged across posts (here from 7 words), whichever post is earlier: a copy
     * is kept, and so is the same sentence closed by another tag.
     */
    @Test
    void nothingJudgedBeforeTheUpgradeRemovesAParagraphAfterIt() {
        for (int words = 7; words <= WORDS.length; words++) {
            String sentence = String.join(" ", Arrays.copyOf(WORDS, words));
            for (String tag : new String[] {TAG, OTHER_TAG}) {
                for (boolean judgedBeforeIsEarlier : new boolean[] {true, false}) {
                    JudgeState state = state();
                    ClaimJudge judge = new ClaimJudge(RULES, 32);
                    PostIntake intake = new PostIntake(1);
                    String before = sentence + TAG;
                    for (ClaimBatch b : intake.take(post("before", judgedBeforeIsEarlier ? 0 : 60, before), null)
                            .claims()) {
                        judge.apply(state, withOldKey(b, before));
                    }
                    for (ClaimBatch b : intake.take(post("after", judgedBeforeIsEarlier ? 60 : 0, sentence + tag),
                            null).claims()) {
                        judge.apply(state, b);
                    }

                    for (String postId : new String[] {"before", "after"}) {
                        JudgedParagraph paragraph = state.paragraph(0, postId, 1);
                        assertThat(paragraph).as("%d words, %s: judged", words, postId).isNotNull();
                        assertThat(paragraph.exact()).as("%d words%s, %s", words, tag, postId).isNull();
                        assertThat(paragraph.near()).as("%d words%s, %s", words, tag, postId).isNull();
                    }
                }
            }
        }
    }

    /** The key the rules before this change gave a text closed by a tag after a word: without the tag. */
    private static String oldKey(String text) {
        return ParagraphKey.of(text.substring(0, text.lastIndexOf(" #")));
    }

    /** A claim batch as the version before wrote it: paragraph 1's key and claims made from the old key. */
    private static ClaimBatch withOldKey(ClaimBatch batch, String text) {
        ParagraphSignature old = new ParagraphFingerprinter().fingerprint(oldKey(text));
        List<ParagraphClaim> claims = new ArrayList<>();
        for (ParagraphClaim c : batch.claims()) {
            claims.add(c.position() != 1 ? c : new ParagraphClaim(c.position(), c.claimId(), old.key(),
                    old.truncated(), old.shingles(), old.facts(), old.claimKeys()));
        }
        return new ClaimBatch(batch.postId(), batch.partition(), batch.publishedAt(), claims, batch.keptFrom(),
                batch.factsRules());
    }

    private static JudgeState state() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        return new JudgeState(JudgeFixtures.store(context, "p"), JudgeFixtures.store(context, "c"), JudgeFixtures.store(context, "t"));
    }

    private static NormalizedPost post(String postId, long seconds, String text) {
        return JudgeFixtures.post(postId, T0.plusSeconds(seconds), text);
    }
}
