package newsfeed.store.api;

import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import newsfeed.contracts.InstantRange;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.text.Hashtags;
import newsfeed.store.db.PostQueries;

/**
 * Read API of stored posts (DESIGN §6).
 *
 * <ul>
 *   <li>{@code GET /api/posts?source=&tag=&q=&since=&until=&limit=&after=} → {@code {"items": [...], "next":
 *       cursor|null}}, newest first ({@code publishedAt}, then {@code postId}); with {@code q}, most relevant first.
 *       {@code q} is a web-search query (words, "phrases", {@code or}, {@code -word}) over title and kept text,
 *       English and Russian stemmed; {@code tag} a hashtag without {@code #}, any case; {@code since}/{@code until}
 *       ISO-8601 instants or dates (UTC), since inclusive, until exclusive; {@code limit} 1–{@value #MAX_LIMIT},
 *       default {@value #DEFAULT_LIMIT}; {@code after} the {@code next} of the previous page (keyset pagination:
 *       no gaps or repeats while posts arrive); {@code story} a storyId: only that story's posts
 *       ({@link StoriesResource}).</li>
 *   <li>{@code GET /api/posts/{postId}} → the post, its kept {@code paragraphs} in order and its {@code removed}
 *       paragraphs with reason and {@code duplicateOf}; 404 if unknown. The postId is the path segment as sent,
 *       percent-decoded: a {@code ;} is part of it, not a matrix parameter ({@link #postId}).</li>
 *   <li>{@code GET /api/posts/stream} → Server-Sent Events, one {@code post} event (the post as above, its event
 *       id as SSE id) each time a post is stored or revised. Resumes after the {@code Last-Event-ID} header (sent
 *       by browsers on reconnect) or the {@code lastEventId} query parameter; without either, only new events. A
 *       stream the store ends (its client fell behind) ends as a response does, and the client resumes.</li>
 * </ul>
 * Bad parameters are answered 400 with an {@code ApiError} naming the parameter.
 */
@Path("/api/posts")
@Produces(MediaType.APPLICATION_JSON)
public class PostsResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    /** A time, a space and an offset's digits: an offset whose '+' was sent unencoded ({@code whyNotAnInstant}). */
    private static final Pattern UNENCODED_PLUS =
            Pattern.compile(".*T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)? \\d{2}:\\d{2}");
    /** A date, a space and an offset's digits, as sent (a date with an unencoded '+' offset). */
    private static final Pattern DATE_UNENCODED_PLUS = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    /** A date and a time without an offset. */
    private static final Pattern WITHOUT_OFFSET =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

    @Inject
    PostQueries queries;

    @Inject
    PostEventBroadcast broadcast;

    @Inject
    BoundedReads reads;

    @GET
    public CompletionStage<PostViews.Page> list(@QueryParam("source") String source, @QueryParam("tag") String tag,
            @QueryParam("q") String q, @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("limit") String limit, @QueryParam("after") String after,
            @QueryParam("story") String story, @Context RoutingContext request) {
        int size = parseLimit(limit, DEFAULT_LIMIT);
        PostQueries.Filter filter = new PostQueries.Filter(present(source), tag(tag),
                present(q).map(PostsResource::nfc), present(since).map(v -> instant("since", v)),
                present(until).map(v -> instant("until", v)), exact(story));
        if (filter.since().isPresent() && filter.until().isPresent()
                && !filter.since().get().isBefore(filter.until().get())) {
            // an empty range is a mistake in the request, not a quiet day: said, not answered with an empty page
            throw new BadParameterException("until", "must be after since (" + filter.since().get()
                    + "): since is inclusive and until exclusive, so the range " + filter.since().get() + " to "
                    + filter.until().get() + " holds no instant");
        }
        Optional<PostQueries.Cursor> cursor = present(after).map(a -> PageCursor.decode(a, filter.query().isPresent()));
        return reads.run(request.response(), () -> {
            filter.query().ifPresent(query -> SearchQuery.check(query, queries.parse(query)));
            PostQueries.Listed listed = queries.list(filter, cursor, size);
            List<PostQueries.Row> page = listed.rows();
            String next = listed.more() ? PageCursor.encode(page.get(page.size() - 1).cursor()) : null;
            return new PostViews.Page(page.stream().map(PostQueries.Row::summary).toList(), next);
        });
    }

    /**
     * The post whose id is the path's last segment, read from the raw path by {@link #postId}. The path parameter
     * declares the route's parameter (and the OpenAPI document's) but is not the id: JAX-RS reads a {@code ;} in a
     * segment as the start of matrix parameters and leaves them out of it, so {@code /api/posts/semi:a;b} answered the
     * post {@code semi:a}, another post (a trial), while a postId's externalId is free text.
     *
     * @throws BadParameterException when the id's escapes are not UTF-8 or it holds a character no text holds
     * @throws NotFoundException     when no post has the id
     */
    @GET
    @Path("{postId}")
    public CompletionStage<PostViews.Detail> get(@PathParam("postId") String routed,
            @Context RoutingContext request) {
        String postId = postId(request.normalizedPath());
        return reads.run(request.response(),
                () -> queries.find(postId).orElseThrow(() -> new NotFoundException("no post " + postId)));
    }

    /**
     * The postId of {@code GET /api/posts/{postId}}: the raw path's last segment (after one trailing {@code /}, which
     * the framework routes as the same post), percent-decoded as a path segment ({@link PercentDecoder#pathSegment}:
     * {@code ;} and {@code +} are themselves, {@code %2F} a {@code /} of the id, as the framework decodes it).
     *
     * @param rawPath the request's path, percent-encoded as sent, its dot segments and repeated slashes resolved as
     *                the framework routes it (Vert.x {@code RoutingContext.normalizedPath()}, which decodes only
     *                unreserved characters, RFC 3986 §6.2.2.2). Not {@code UriInfo.getRequestUri()}: the framework
     *                builds it from its path without matrix parameters, {@code ;b} gone
     * @throws BadParameterException naming {@code postId} when its escapes are not UTF-8 or it holds a character no
     *                               text holds ({@link ParameterChecks#problem})
     */
    static String postId(String rawPath) {
        String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        String postId = PercentDecoder.pathSegment("postId", path.substring(path.lastIndexOf('/') + 1));
        String problem = ParameterChecks.problem(postId);
        if (problem != null) {
            throw new BadParameterException("postId", problem);
        }
        return postId;
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventHeader,
            @QueryParam("lastEventId") String lastEventParam, @Context Sse sse) {
        OptionalLong resumeAfter = present(lastEventHeader).map(v -> OptionalLong.of(eventId("Last-Event-ID", v)))
                .or(() -> present(lastEventParam).map(v -> OptionalLong.of(eventId("lastEventId", v))))
                .orElse(OptionalLong.empty());
        broadcast.admit();
        return broadcast.events(resumeAfter)
                .map(post -> sse.newEventBuilder().id(Long.toString(post.eventId())).name("post")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(PostViews.Detail.class, post).build())
                // A stream the store ends (its client fell behind or stalled, or the database failed while it caught
                // up) ends as a response does, once the client has taken what was sent: as a failure, RESTEasy
                // Reactive logged an ERROR with its stack trace for each such client (150 in a trial of stalled
                // clients) and dropped the connection. Either way the client reconnects with Last-Event-ID.
                .onFailure().recoverWithCompletion();
    }

    static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * An id as given, or empty when blank: a postId may begin or end with white space (its externalId's), and a
     * stripped {@code story} found nothing for such a post (a helper's trial).
     */
    static Optional<String> exact(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private static long eventId(String parameter, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(parameter, "must be an event id (a number), got "
                    + ApiError.quote(value));
        }
    }

    private static Instant instant(String parameter, String value) {
        Instant instant;
        // RFC 3339 §5.6 allows a space for the T between date and time, as PostgreSQL writes it
        String text = value.length() > 10 && value.charAt(10) == ' '
                ? value.substring(0, 10) + 'T' + value.substring(11) : value;
        try {
            instant = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameterException(parameter, "must be an ISO-8601 instant (2024-07-25T10:00:00Z) or date "
                    + "(2024-07-25), got " + ApiError.quote(value) + whyNotAnInstant(value, text));
        }
        if (!InstantRange.contains(instant)) {
            throw new BadParameterException(parameter, "must lie " + InstantRange.describe() + ", got "
                    + ApiError.quote(value));
        }
        // PostgreSQL keeps microseconds and rounds a finer bound to the nearest one, which can move it past a stored
        // time; every stored time is a whole microsecond, so a bound rounded up keeps ">= since" and "< until" exact
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return micros.equals(instant) ? instant : micros.plus(1, ChronoUnit.MICROS);
    }

    /**
     * What is probably wrong with a date-time that did not parse ({@code value} as sent, {@code text} with a space
     * for the T read as a T), or nothing: a space where an offset's sign would be is what an unencoded '+' becomes
     * (a trial: ...T00:00:00+03:00 arrived as ...T00:00:00 03:00), as a query string reads '+' as a space
     * (application/x-www-form-urlencoded); a time without an offset names no instant.
     */
    private static String whyNotAnInstant(String value, String text) {
        if (DATE_UNENCODED_PLUS.matcher(value).matches()) {
            // 2025-03-01+03:00 sent unencoded, or a time without its offset: a review found the second hint alone
            return ": a date takes no offset (a date is UTC), and a time needs one, its '+' sent as %2B (a '+' in a "
                    + "query string is read as a space): 2025-03-01T10:00:00%2B03:00";
        }
        if (UNENCODED_PLUS.matcher(text).matches()) {
            return ": a '+' in a query string is read as a space, so a '+' must be sent as %2B";
        }
        if (WITHOUT_OFFSET.matcher(text).matches()) {
            return ": a time needs its offset (Z for UTC, or +03:00)";
        }
        return "";
    }

    /**
     * Text to compare with stored text, which is NFC (the normalizer's {@code TextCleaner}): a query or tag typed
     * decomposed (a letter and a combining mark) found nothing (a helper's trial).
     */
    static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /**
     * The {@code tag} filter of every listing: a hashtag without its {@code #}, stripped, in NFC, any case; absent
     * when blank. The feeds name themselves by it too, so that one filter is one feed however it is written.
     *
     * @throws BadParameterException when it is only {@code #}, or characters that fold to nothing (a zero-width
     *                               space: {@link Hashtags#fold}), which name no hashtag
     */
    static Optional<String> tag(String tag) {
        Optional<String> given = present(tag);
        Optional<String> name = given.map(t -> nfc(t.replaceFirst("^#", "").strip()));
        if (name.isPresent() && Hashtags.fold(name.get()).isEmpty()) {
            throw new BadParameterException("tag", "must name a hashtag, got " + ApiError.quote(tag));
        }
        return name;
    }

    /**
     * The {@code limit} of every listing: an integer from 1 to {@value #MAX_LIMIT}; {@code defaultLimit} when absent
     * or blank.
     *
     * @throws BadParameterException otherwise
     */
    static int parseLimit(String limit, int defaultLimit) {
        if (present(limit).isEmpty()) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadParameterException("limit", "must be an integer from 1 to " + MAX_LIMIT + ", got "
                + ApiError.quote(limit));
    }
}
