package newsfeed.dedup.rules;

import static org.assertj.core.api.Assertions.assertThat;

import newsfeed.contracts.text.ParagraphKey;
import org.junit.jupiter.api.Test;

class RemovalRulesTest {

    private static final RemovalRules RULES = new RemovalRules(RemovalRules.DEFAULT_MIN_JACCARD);
    private static final String FIRE = "A fire broke out on Monday night in a five-storey residential building on "
            + "Linden Street in the centre of Kellen. Firefighters evacuated residents from the upper floors and "
            + "brought the blaze under control within two hours. The cause of the fire is being investigated, the "
            + "city emergency service said.";

    @Test
    void addedWordsCountTheCopysWordsTheOriginalLacksWithTheirRepetitions() {
        assertThat(RemovalRules.addedWords("the talks ended, the minister said.", "the talks ended the minister said"))
                .as("edge punctuation is no word").isZero();
        assertThat(RemovalRules.addedWords("the talks ended late", "the talks ended")).as("a word dropped").isZero();
        assertThat(RemovalRules.addedWords("the talks ended", "the urgent talks ended")).isEqualTo(1);
        assertThat(RemovalRules.addedWords("the talks ended", "the talks ended, the talks")).isEqualTo(2);
        assertThat(RemovalRules.addedWords("a b c", "c b a")).as("order is no word").isZero();
        assertThat(RemovalRules.addedWords("five of 1,200 left on sept. 3", "5 of 1200 left on september 3"))
                .as("a fact respelled").isZero();
    }

    /**
     * A trial: a sentence added to a long paragraph ("A man has been detained.") kept a Jaccard similarity of 0.90 and
     * the paragraph was removed as a near copy, though it was news the earlier post did not carry. Two words added, as
     * a changed word and an inserted one, still make a near copy.
     */
    @Test
    void aCopyThatAddsASentenceIsNoNearCopy() {
        String original = ParagraphKey.of(FIRE);
        assertThat(RULES.nearCopy(original, ParagraphKey.of(FIRE + " A man has been detained."))).isEmpty();
        assertThat(RULES.nearCopy(original, ParagraphKey.of(FIRE.replace("Monday night", "late Monday evening")))
                .orElse(0)).isGreaterThan(0.8);
        assertThat(RULES.nearCopy(ParagraphKey.of(FIRE + " A man has been detained."), original))
                .as("a copy that drops a sentence").isPresent();
    }

    /**
     * A trial kept copies that only respelled a fact ("Five" and "5", "1,200" and "1200", "Sept." and "September"),
     * and removed a denial, as "№" counted as a negation: "не подписал указ 15" was a near copy of "подписал указ № 15".
     */
    @Test
    void aRespelledFactMakesANearCopyAndTheNumberSignIsNoDenial() {
        String original = ParagraphKey.of("Five people were injured and 1,200 residents were evacuated when a fire "
                + "broke out on Monday night in a residential building on Linden Street in the centre of Kellen, the "
                + "city emergency service said; the cause of the fire is being investigated.");
        assertThat(RULES.nearCopy(original, ParagraphKey.of("5 people were injured and 1200 residents were evacuated "
                + "when a fire broke out on Monday night in a residential building on Linden Street in the centre of "
                + "Kellen, the city emergency service said; the cause of the fire is being investigated.")))
                .as("each respelling still counts against the Jaccard similarity, but no fact changed").isPresent();
        String decree = ParagraphKey.of("Президент подписал указ № 15 о снижении налогов для малого бизнеса, "
                + "сообщила пресс-служба Кремля в понедельник вечером.");
        assertThat(RULES.nearCopy(decree, ParagraphKey.of("Президент не подписал указ 15 о снижении налогов для "
                + "малого бизнеса, сообщила пресс-служба Кремля в понедельник вечером."))).isEmpty();
        assertThat(RULES.nearCopy(decree, ParagraphKey.of("Президент подписал указ №15 о снижении налогов для "
                + "малого бизнеса, сообщила пресс-служба Кремля в понедельник вечером."))).isPresent();
    }
}
