package newsfeed.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import newsfeed.contracts.Json;
import org.junit.jupiter.api.Test;

/**
 * A new user's trial: error details quoted Jackson's class and setting names ("[Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 25]", "(bound as
 * `com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`",
 * "from `StreamReadConstraints.getMaxNestingDepth()`").
 */
class JsonProblemsTest {

    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private static String problem(String json) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> READER.readTree(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as(json).isNotNull();
        return JsonProblems.describe(e);
    }

    private static String streamed(String json) throws Exception {
        try (JsonParser parser = Json.mapper().getFactory().createParser(json.getBytes(StandardCharsets.UTF_8))) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.VALUE_STRING) {
                    parser.getText();
                }
            }
            throw new AssertionError("no error in " + json);
        } catch (JsonProcessingException e) {
            return JsonProblems.describe(e);
        }
    }

    @Test
    void anUnclosedArrayNamesWhereItOpened() throws Exception {
        assertThat(streamed("{\"name\":\"X\",\"messages\":[{\"id\":1,\"type\":\"message\""))
                .isEqualTo("Unexpected end-of-input: expected close marker for Object (start marker at line 1, column"
                        + " 25)");
    }

    @Test
    void contentAfterTheValueIsSaidInJsonsTerms() {
        assertThat(problem("{\"source\":\"a\"} {\"a\":1}"))
                .isEqualTo("more content after the JSON value: one JSON value expected");
    }

    @Test
    void tooDeepANestingNamesTheLimit() {
        assertThat(problem("[".repeat(1_200) + "]".repeat(1_200)))
                .isEqualTo("Document nesting depth (1001) exceeds the maximum allowed (1000)");
    }

    @Test
    void messagesWithoutJacksonsNamesAreKept() {
        assertThat(problem("{\"source\":\"a\",\"source\":\"b\"}")).isEqualTo("Duplicate field 'source'");
        assertThat(problem("{\"source\": }")).startsWith("Unexpected character ('}' (code 125))");
    }

    @Test
    void noDescriptionNamesAJacksonClassOrSetting() throws Exception {
        // a review: NaN, a leading plus and a comment named the reader settings that would allow them, which a client
        // cannot change
        for (String json : new String[] {"{\"a\":1} 2", "[".repeat(1_200), "{\"a\":[1,2", "{\"a\" 1}", "\"\\u12\"",
                "{\"a\":tru}", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": +1}", "{\"a\": 1 /* c */}",
                "{'a': 1}", "{a: 1}", "[1,]", "\"a\tb\"", "[01]"}) {
            assertThat(problem(json)).as(json).doesNotContain("`").doesNotContain("Source:")
                    .doesNotContain("REDACTED").doesNotContain("com.fasterxml").doesNotContain("Feature")
                    .doesNotContain("enable").isNotBlank();
        }
        assertThat(problem("{\"a\": NaN}")).isEqualTo("Non-standard token 'NaN'");
        assertThat(problem("{\"a\": 1 /* c */}")).startsWith("Unexpected character ('/' (code 47))");
        assertThat(streamed("[[[{\"a\":")).doesNotContain("`").doesNotContain("Source:");
    }
}
