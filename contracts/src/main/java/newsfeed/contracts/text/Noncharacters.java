package newsfeed.contracts.text;

/**
 * Unicode's 66 noncharacters (The Unicode Standard §23.7): U+FDD0–U+FDEF and the last two code points of every plane
 * (U+FFFE, U+FFFF, U+1FFFE, U+1FFFF, …, U+10FFFF). They are for a program's internal use, never for interchange,
 * and XML 1.0 (so Atom) cannot carry U+FFFE and U+FFFF: the normalizer removes them from every text, and outputs
 * remove them again from text stored before that rule.
 */
public final class Noncharacters {

    private Noncharacters() {
    }

    /** @return whether {@code codePoint} is a noncharacter */
    public static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
