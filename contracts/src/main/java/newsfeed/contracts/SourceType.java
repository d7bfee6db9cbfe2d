package newsfeed.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of source a {@link RawPost} came from; serialized in lower case. */
public enum SourceType {
    @JsonProperty("text") TEXT,
    @JsonProperty("telegram") TELEGRAM,
    @JsonProperty("rss") RSS,
    @JsonProperty("atom") ATOM,
    @JsonProperty("http") HTTP
}
