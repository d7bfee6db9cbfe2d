package newsfeed.dedup.fingerprint;

import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;

/**
 * Which paragraphs take part in cross-post dedup (DESIGN §5 rule 2): text paragraphs whose key has at least
 * {@value #MIN_WORDS} words and {@value #MIN_CHARACTERS} characters. Datelines, hashtag lines, elision markers and
 * short lines ("Photo: press service") are not content: removing them would damage the later post.
 */
public final class CandidateRule {

    public static final int MIN_WORDS = 5;
    public static final int MIN_CHARACTERS = 30;

    private CandidateRule() {
    }

    /** @param key the paragraph's key */
    public static boolean isCandidate(Paragraph paragraph, String key) {
        return paragraph.kind() == ParagraphKind.TEXT && key.length() >= MIN_CHARACTERS
                && Shingles.words(key).length >= MIN_WORDS;
    }
}
