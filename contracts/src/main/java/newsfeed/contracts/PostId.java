package newsfeed.contracts;

import java.util.regex.Pattern;
import newsfeed.contracts.text.Noncharacters;
import newsfeed.contracts.text.WellFormedText;

/** Builds and checks post ids: {@code <source>:<externalId>} (DESIGN §3). */
public final class PostId {

    /** A source slug: lower-case letters, digits, {@code _} and {@code -}, starting with a letter or digit, 1–64 long. */
    public static final Pattern SOURCE_PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** Longest accepted external id, in UTF-16 code units; longer ids are rejected rather than truncated. */
    public static final int MAX_EXTERNAL_ID_LENGTH = 1024;

    private PostId() {
    }

    public static String of(String source, String externalId) {
        return source + ":" + externalId;
    }

    /**
     * Why {@code externalId} cannot name a post, or null when it can, as a detail to follow the field's name: longer
     * than {@value #MAX_EXTERNAL_ID_LENGTH}; holding a control character (C0 or C1), which no log or form shows; a
     * noncharacter (The Unicode Standard §23.7: never for interchange; U+FFFE and U+FFFF are no XML 1.0 characters,
     * so the store could neither take the postId in a URL nor write it into the Atom feed); or an unpaired surrogate,
     * which is no Unicode. Every ingest route that takes an id from its input asks this.
     */
    public static String externalIdProblem(String externalId) {
        if (externalId.length() > MAX_EXTERNAL_ID_LENGTH) {
            return "has " + externalId.length() + " characters, more than " + MAX_EXTERNAL_ID_LENGTH;
        }
        if (externalId.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        if (!WellFormedText.isWellFormed(externalId)) {
            return "is not valid Unicode (an unpaired surrogate at index " + WellFormedText.unpairedSurrogate(externalId)
                    + ")";
        }
        for (int i = 0; i < externalId.length(); i += Character.charCount(externalId.codePointAt(i))) {
            int c = externalId.codePointAt(i);
            if (Noncharacters.isNoncharacter(c)) {
                return String.format("must not contain U+%04X (index %d): a noncharacter, for no text to hold", c, i);
            }
        }
        return null;
    }
}
