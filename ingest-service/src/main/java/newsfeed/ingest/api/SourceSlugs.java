package newsfeed.ingest.api;

import java.util.List;
import newsfeed.contracts.PostId;
import newsfeed.contracts.api.ApiError;

/** The check of a source slug ({@link PostId#SOURCE_PATTERN}) that every ingest route applies. */
public final class SourceSlugs {

    private SourceSlugs() {
    }

    /** @return what is wrong with {@code source} as a slug, or null when it is one */
    public static String problem(String source) {
        return PostId.SOURCE_PATTERN.matcher(source).matches() ? null
                : "source must be a slug matching " + PostId.SOURCE_PATTERN.pattern() + ", got "
                        + ApiError.quote(source);
    }

    /**
     * Checks an optional {@code ?source=} query parameter.
     *
     * @throws InvalidRequestException when it is given and not a slug
     */
    public static void checkParameter(String source) {
        String problem = source == null ? null : problem(source);
        if (problem != null) {
            throw new InvalidRequestException("invalid request", List.of(problem));
        }
    }
}
