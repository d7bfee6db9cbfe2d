package newsfeed.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.List;
import newsfeed.contracts.Json;
import newsfeed.contracts.api.JsonProblems;

/**
 * Reads a JSON request body into a tree, or rejects it naming the syntax error's line and column; a key given twice
 * in one object is such an error (RFC 8259 §4: names SHOULD be unique, and readers disagree on which one counts).
 */
public final class JsonBody {

    // a key given twice would be read as its last value, silently
    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private JsonBody() {
    }

    /**
     * @return the body's one JSON value, never null or missing
     * @throws InvalidRequestException {@code "invalid JSON"} for a syntax error (with line and column), trailing
     *                                 content or an empty body
     */
    public static JsonNode read(byte[] body) {
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidRequestException("invalid JSON", List.of(JsonProblems.describe(e) + where));
        } catch (IOException e) {
            throw new InvalidRequestException("unreadable body", List.of(String.valueOf(e.getMessage())));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidRequestException("invalid JSON", List.of("the body is empty"));
        }
        return root;
    }
}
