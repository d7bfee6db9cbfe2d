package newsfeed.dedup.fingerprint;

/**
 * The kinds of claim key: the places where paragraphs that may be copies of each other meet. A claim key is only a
 * meeting place; whether a paragraph is removed is decided by {@code RemovalRules} alone.
 *
 * <ul>
 *   <li>{@link #EXACT}: the 128-bit fingerprint of the key; exact copies meet here.</li>
 *   <li>{@link #HEAD}: the first {@value ParagraphFingerprinter#WINDOW} characters of a complete paragraph's key: a
 *       near copy edited after its opening meets the original.</li>
 *   <li>{@link #PREVIEW}: the same window of a truncated preview's stem, with the same hash as the {@link #HEAD} of
 *       the paragraphs it may preview: a preview looks for its complete paragraph among those, and a complete
 *       paragraph for its previews here. Kept apart from the head keys so that a crowded opening (a template) costs a
 *       complete paragraph nothing when there are no previews of it.</li>
 *   <li>{@link #MIDDLE}: the {@value ParagraphFingerprinter#MIDDLE_WORDS} words around the middle: a near copy edited
 *       at both ends meets the original.</li>
 *   <li>{@link #TAIL}: the last {@value ParagraphFingerprinter#WINDOW} characters: a near copy edited in its opening
 *       meets the original.</li>
 * </ul>
 * A one-word edit (substitution, insertion or deletion) of a paragraph long enough to be a near copy leaves its head
 * or its tail as it was, so every such copy meets its original in a bucket of at least one of them; the middle also
 * finds copies edited at both ends.
 */
public enum ClaimKind {
    EXACT((byte) 'x'),
    HEAD((byte) 'h'),
    PREVIEW((byte) 'p'),
    MIDDLE((byte) 'm'),
    TAIL((byte) 't');

    private final byte code;

    ClaimKind(byte code) {
        this.code = code;
    }

    /** The first byte of this kind's index keys. */
    public byte code() {
        return code;
    }

    /** Whether near copies meet under this kind of key. */
    public boolean findsNearCopies() {
        return this == HEAD || this == MIDDLE || this == TAIL;
    }

    public static ClaimKind ofCode(byte code) {
        for (ClaimKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no claim kind with code " + code);
    }
}
