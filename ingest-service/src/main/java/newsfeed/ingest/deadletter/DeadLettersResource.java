package newsfeed.ingest.deadletter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import newsfeed.contracts.DeadLetter;
import newsfeed.contracts.Json;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.api.JsonProblems;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.api.JsonBody;
import newsfeed.ingest.api.Utf8Json;

/**
 * The dead letters of the pipeline, {@code posts.dead-letter}, to look at and send back once their cause is fixed
 * (issue 11). Every method needs the API token, reads too: a dead letter's reason can hold internal error messages
 * (configured in {@code application.properties}, {@code quarkus.http.auth.permission.dead-letters}).
 *
 * <ul>
 *   <li>{@code GET /api/dead-letters?limit=&after=&stage=} → {@code {"items": [DeadLetterView...], "next":
 *       "<partition>:<offset>"|null}} ({@link DeadLetterPage}): the dead letters by partition then offset, up to the
 *       end offsets taken when the request started. {@code limit}: 1 to {@value #MAX_LIMIT}, default
 *       {@value #DEFAULT_LIMIT}; {@code after}: the {@code next} of the previous page; {@code stage}: only dead letters
 *       of that stage ({@link DeadLetter#STAGES}: {@code normalizer}, {@code dedup}, {@code store}).
 *       {@code 400 {"error", "details"}} naming a bad parameter.</li>
 *   <li>{@code POST /api/dead-letters/replay} {@code {"records": [{"partition": 0, "offset": 12}, ...]}}
 *       ({@link ReplayRequest}) → {@code 200} {@link ReplayAnswer}: per dead letter, {@code replayed} (sent back to
 *       its original topic and acknowledged, with where it was written), {@code refused} (with why: no such record,
 *       retention deleted it, beyond the end, no pipeline topic to send it to) or {@code failed} (Kafka did not
 *       acknowledge it). {@code 400 {"error", "details"}} for invalid JSON (line and column) or a bad field, named
 *       as {@code records[1].offset}; nothing is sent then. {@code 415} for a body that is not JSON.</li>
 * </ul>
 * Both answer {@code 401} without a valid token, and {@code 503} when Kafka does not answer within
 * {@code newsfeed.dead-letters.read-timeout}. Replaying is safe to repeat: every stage is idempotent on the postId.
 */
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    /** Items of a page when {@code limit} is not given. */
    public static final int DEFAULT_LIMIT = 100;

    /** Most items of a page. */
    public static final int MAX_LIMIT = 1000;

    /**
     * Reads the replay body strictly: a partition or offset given as a string, a fraction or a boolean is an error
     * rather than a number Jackson made of it.
     */
    private static final ObjectReader REQUEST = strict().readerFor(ReplayRequest.class);

    @Inject
    DeadLetterReader reader;

    @Inject
    DeadLetterReplayer replayer;

    @Inject
    Validator validator;

    @Inject
    SecurityIdentity identity;

    @GET
    public DeadLetterPage list(@QueryParam("limit") String limit, @QueryParam("after") String after,
            @QueryParam("stage") String stage) {
        return reader.page(DeadLetterId.parseCursor(after), stage(stage), limit(limit));
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Utf8Json
    public ReplayAnswer replay(byte[] body) {
        ReplayRequest request = read(JsonBody.read(body));
        return replayer.replay(request.records(), identity.getPrincipal().getName());
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("invalid limit", List.of("limit must be a whole number from 1 to "
                + MAX_LIMIT + ", got " + ApiError.quote(text)));
    }

    /** One of {@link DeadLetter#STAGES}, or null for all: a misspelt stage would list nothing, as if none failed. */
    private static String stage(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stage = text.strip();
        if (!DeadLetter.STAGES.contains(stage)) {
            throw new InvalidRequestException("invalid stage", List.of("stage must be one of "
                    + String.join(", ", DeadLetter.STAGES) + "; got " + ApiError.quote(text)));
        }
        return stage;
    }

    /** The request, or 400 naming every bad field; a dead letter listed twice is a bad field too. */
    private ReplayRequest read(JsonNode json) {
        ReplayRequest request;
        if (json != null && !json.isObject() && !json.isNull()) {
            throw new InvalidRequestException("invalid replay request", List.of("body: expected an object "
                    + "{\"records\": [{\"partition\": n, \"offset\": n}, ...]}, got " + kind(json.asToken())));
        }
        try {
            request = REQUEST.treeToValue(json, ReplayRequest.class);
        } catch (MismatchedInputException e) {
            // Jackson's own message names its classes and settings ("CoercionConfig"); say it in JSON's terms
            JsonToken given = e.getProcessor() instanceof JsonParser parser ? parser.currentToken() : null;
            throw new InvalidRequestException("invalid replay request", List.of(path(e) + ": expected "
                    + expected(e.getTargetType()) + (given == null ? "" : ", got " + kind(given))));
        } catch (JsonMappingException e) {
            throw new InvalidRequestException("invalid replay request", List.of(path(e) + ": "
                    + JsonProblems.describe(e)));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("invalid replay request", List.of(JsonProblems.describe(e)));
        }
        if (request == null) {
            throw new InvalidRequestException("invalid replay request", List.of("expected a JSON object, got null"));
        }
        // a sorted set: one message per field and constraint, in a stable order
        TreeSet<String> problems = new TreeSet<>();
        for (ConstraintViolation<ReplayRequest> violation : validator.validate(request)) {
            problems.add(violation.getPropertyPath() + " " + violation.getMessage());
        }
        if (problems.isEmpty()) {
            Map<DeadLetterId, Integer> first = new HashMap<>();
            for (int i = 0; i < request.records().size(); i++) {
                Integer earlier = first.putIfAbsent(request.records().get(i), i);
                if (earlier != null) {
                    problems.add("records[" + i + "] repeats records[" + earlier + "]: list each dead letter once");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("invalid replay request", List.copyOf(problems));
        }
        return request;
    }

    /** What a field of Java type {@code type} takes, in JSON's terms. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "an object";
    }

    /** A JSON token as a person names it. */
    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY, END_ARRAY -> "an array";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** The JSON path of a mapping error, e.g. {@code records[1].offset}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static JsonMapper strict() {
        JsonMapper mapper = Json.configure(JsonMapper.builder())
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
