package newsfeed.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a paragraph of a {@link NormalizedPost} is (DESIGN §4). Only {@link #TEXT} is content: the other kinds are
 * never removed across posts.
 */
public enum ParagraphKind {
    /** Ordinary content. */
    @JsonProperty("text") TEXT,
    /** A {@code 📍 Place, Month D, YYYY} line; also parsed into {@link NormalizedPost#dateline()}. */
    @JsonProperty("dateline") DATELINE,
    /** A line made only of {@code #hashtags}. */
    @JsonProperty("hashtags") HASHTAGS,
    /** A standalone elision marker ({@code <…>}, {@code <...>}, {@code […]}); belongs to the paragraph before it. */
    @JsonProperty("elision") ELISION
}
