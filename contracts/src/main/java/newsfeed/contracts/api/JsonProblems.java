package newsfeed.contracts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * What is wrong with a JSON document, in JSON's terms, for the {@code details} of a 400: Jackson's own message without
 * the names of its classes and settings that some of its messages quote (a location's "[Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 25]", "(bound as `...JsonNode`)", "from
 * `StreamReadConstraints.getMaxNestingDepth()`"). The caller adds where the error is, as it counts (line and column,
 * or a byte offset).
 */
public final class JsonProblems {

    /** A location Jackson writes into a message, e.g. a start marker's: "[Source: ...; line: 1, column: 25]". */
    private static final Pattern LOCATION = Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");

    /**
     * A quoted Jackson name with the words that lead to it: "(bound as `x`)", ", from `x`", ": not allowed as per `x`",
     * ": enable `x` to allow", "(not recognized as one since Feature 'x' not enabled for parser)": settings of the
     * reader, which a client cannot change.
     */
    private static final Pattern QUOTED_NAME = Pattern.compile("\\s*\\(bound as `[^`]*`\\)|,? from `[^`]*`"
            + "|:? not allowed as per `[^`]*`|:? enable `[^`]*` to allow|\\s*\\(through reference chain: [^)]*\\)"
            + "|\\s*\\(not recognized as one since Feature '[^']*' not enabled for parser\\)");

    /** A name quoted in backticks that no pattern above took away. */
    private static final Pattern ANY_QUOTED_NAME = Pattern.compile("`[^`]*`");

    private JsonProblems() {
    }

    /** @return the problem in one line, without its location; never null */
    public static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Trailing token")) {
            return "more content after the JSON value: one JSON value expected";
        }
        message = LOCATION.matcher(message).replaceAll("line $1, column $2");
        message = QUOTED_NAME.matcher(message).replaceAll("");
        message = ANY_QUOTED_NAME.matcher(message).replaceAll("a setting");
        return message.replaceAll("\\s+", " ").strip();
    }
}
