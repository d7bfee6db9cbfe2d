package newsfeed.contracts;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.text.Noncharacters;
import newsfeed.contracts.text.WellFormedText;

/** Builds and checks post ids: {@code <source>:<externalId>} (DESIGN §3). */
public final class PostId {

    /** A source slug: lower-case letters, digits, {@code _} and {@code -}, starting with a letter or digit, 1–64 long. */
    public static final Pattern SOURCE_PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /**
     * Longest accepted external id, in bytes of UTF-8; longer ids are rejected rather than truncated. Bytes, not
     * characters: PostgreSQL refuses a btree index entry over 2,704 bytes, and the store indexes a postId twice in
     * one entry (a post's story and its own id), so a postId holds at most about 1,300 bytes. Counted in characters,
     * 1,000 CJK characters (3,000 bytes) were accepted, refused by the store after dedup-service had taken the post's
     * paragraphs as published, and every later post repeating one was refused too (a helper's trial).
     */
    public static final int MAX_EXTERNAL_ID_LENGTH = 1024;

    private PostId() {
    }

    public static String of(String source, String externalId) {
        return source + ":" + externalId;
    }

    /**
     * Why {@code externalId} cannot name a post, or null when it can, as a detail to follow the field's name: longer
     * than {@value #MAX_EXTERNAL_ID_LENGTH} bytes in UTF-8; holding a control character (C0 or C1), which no log or
     * form shows; a noncharacter (The Unicode Standard §23.7: never for interchange; U+FFFE and U+FFFF are no XML 1.0
     * characters, so the store could neither take the postId in a URL nor write it into the Atom feed); or an
     * unpaired surrogate, which is no Unicode. Every ingest route that takes an id from its input asks this.
     */
    public static String externalIdProblem(String externalId) {
        int bytes = externalId.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EXTERNAL_ID_LENGTH) {
            return "has " + bytes + " bytes in UTF-8, more than " + MAX_EXTERNAL_ID_LENGTH;
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

    /**
     * Why a post's ids cannot name it, or null when they can: the rule of every way into the pipeline, the API's
     * ({@code source} and {@code externalId} checked one by one) and each stage's for records written to its topic
     * directly (a helper's trial: an id the store cannot index passed the normalizer and dedup-service).
     *
     * @param postId the post's id, {@code <source>:<externalId>}
     * @param source the post's source
     * @return e.g. {@code source "Wire" is not a slug matching [a-z0-9][a-z0-9_-]{0,63}}, or
     *     {@code postId "x:…": its externalId has 3000 bytes in UTF-8, more than 1024}
     */
    public static String problem(String postId, String source) {
        if (source == null || !SOURCE_PATTERN.matcher(source).matches()) {
            return "source " + ApiError.quote(source) + " is not a slug matching " + SOURCE_PATTERN.pattern();
        }
        if (postId == null || !postId.startsWith(source + ":")) {
            return "postId " + ApiError.quote(postId) + " is not " + source + ":<externalId>";
        }
        String externalId = postId.substring(source.length() + 1);
        String problem = externalId.isEmpty() ? "is empty" : externalIdProblem(externalId);
        return problem == null ? null : "postId " + ApiError.quote(postId) + ": its externalId " + problem;
    }

    /**
     * Why a record's key cannot be its post's, or null when it is: every record of a post is keyed by its postId, so
     * that one partition holds them in order and a stage finds a post's state where the post is (a record keyed
     * otherwise was lost in dedup-service without a word: a helper's trial).
     *
     * @param key the record's key as read, or null
     */
    public static String keyProblem(byte[] key, String postId) {
        String read = key == null ? null : new String(key, StandardCharsets.UTF_8);
        return postId.equals(read) ? null : "record key " + read + " differs from postId " + postId;
    }
}
