package newsfeed.contracts.text;

/**
 * Whether text is valid Unicode: well-formed UTF-16, with no unpaired surrogate (The Unicode Standard §3.9, D91), so
 * that it can be written as UTF-8 (JSON, Smile, PostgreSQL, XML). JSON can carry an unpaired surrogate as an escape
 * ({@code "\ud800"}) and an HTML parser decodes {@code &#xD800;} in an attribute into one; Jackson then refuses to
 * write the string back, wherever that happens.
 */
public final class WellFormedText {

    private WellFormedText() {
    }

    /** @return the index of the first unpaired surrogate of {@code text}, or -1 when there is none (null too) */
    public static int unpairedSurrogate(CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** @return whether {@code text} has no unpaired surrogate */
    public static boolean isWellFormed(CharSequence text) {
        return unpairedSurrogate(text) < 0;
    }
}
