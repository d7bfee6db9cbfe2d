package newsfeed.store.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.CompletionStage;
import newsfeed.contracts.text.Noncharacters;
import newsfeed.contracts.text.VisibleText;
import newsfeed.contracts.text.WebLinks;
import newsfeed.store.db.PostQueries;

/**
 * The cleaned bulletins as feeds (DESIGN §6): {@code GET /feed.atom} (Atom 1.0, RFC 4287, written by Rome) and
 * {@code GET /feed.json} (JSON Feed 1.1, https://jsonfeed.org/version/1.1), newest first, filterable by
 * {@code source} and {@code tag}, {@code limit} 1–200 (default 50). Entries hold only the kept paragraphs, as plain
 * text separated by blank lines; removed paragraphs are never in a feed. Entry ids are
 * {@code urn:newsfeed:post:<postId, URL-encoded>}, stable across revisions; {@code updated} is the revision time; a
 * post's hashtags are its Atom categories and its JSON Feed tags.
 */
@Path("/")
public class FeedOutputResource {

    static final String FEED_TITLE = "newsfeed — cleaned bulletins";
    /** Entries of a feed without {@code limit}. */
    static final int DEFAULT_LIMIT = 50;

    @Inject
    PostQueries queries;

    @Inject
    BoundedReads reads;

    @Context
    UriInfo uri;

    @GET
    @Path("feed.atom")
    @Produces({"application/atom+xml; charset=utf-8", "application/xml; charset=utf-8", "text/xml; charset=utf-8"})
    public CompletionStage<String> atom(@QueryParam("source") String source, @QueryParam("tag") String tag,
            @QueryParam("limit") String limit, @Context RoutingContext request) {
        Asked asked = asked(source, tag, limit);
        return reads.run(request.response(), () -> {
            try {
                return atom(source, tag, posts(asked), asked.base(), asked.self());
            } catch (FeedException e) {
                throw new IllegalStateException("cannot write the Atom feed: " + e.getMessage(), e);
            }
        });
    }

    private static String atom(String source, String tag, List<PostViews.Summary> posts, URI base, String self)
            throws FeedException {
        Feed feed = new Feed("atom_1.0");
        feed.setId(feedId(source, tag));
        feed.setTitle(FEED_TITLE + title(source, tag));
        // RFC 4287 §4.1.1 requires updated; a feed with no entry has no revision to name, and is as of now
        feed.setUpdated(romeDate(posts.stream().map(PostViews.Summary::revisedAt).max(Instant::compareTo)
                .orElseGet(Instant::now)));
        feed.setAlternateLinks(List.of(link("alternate", base.toString())));
        feed.setOtherLinks(List.of(link("self", self)));
        Person author = new Person();
        author.setName("newsfeed");
        feed.setAuthors(List.<SyndPerson>of(author));
        List<Entry> entries = new ArrayList<>();
        for (PostViews.Summary post : posts) {
            Entry entry = new Entry();
            entry.setId(entryId(post.postId()));
            entry.setTitle(xmlText(VisibleText.showsNothing(post.title()) ? post.postId() : post.title()));
            entry.setPublished(romeDate(post.publishedAt()));
            entry.setUpdated(romeDate(post.revisedAt()));
            Content content = new Content();
            content.setType(Content.TEXT);
            content.setValue(xmlText(post.body()));
            entry.setContents(List.of(content));
            entry.setCategories(post.hashtags().stream().map(FeedOutputResource::xmlText).filter(t -> !t.isEmpty())
                    .map(term -> {
                        Category category = new Category();
                        category.setTerm(term);
                        return category;
                    }).toList());
            String api = postLink(base, post.postId());
            entry.setAlternateLinks(List.of(link("alternate", WebLinks.isWeb(post.url()) ? post.url() : api)));
            entry.setOtherLinks(List.of(link("related", api)));
            entries.add(entry);
        }
        feed.setEntries(entries);
        return new WireFeedOutput().outputString(feed);
    }

    /** A JSON Feed 1.1 document; only the fields used are written. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JsonFeed(String version, String title, @JsonProperty("home_page_url") String homePageUrl,
            @JsonProperty("feed_url") String feedUrl, String language, List<Item> items) {

        /** One JSON Feed item. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Item(String id, String url, String title, @JsonProperty("content_text") String contentText,
                @JsonProperty("date_published") Instant datePublished,
                @JsonProperty("date_modified") Instant dateModified, List<String> tags) {
        }
    }

    @GET
    @Path("feed.json")
    @Produces({"application/feed+json; charset=utf-8", "application/json; charset=utf-8"})
    public CompletionStage<JsonFeed> json(@QueryParam("source") String source, @QueryParam("tag") String tag,
            @QueryParam("limit") String limit, @Context RoutingContext request) {
        Asked asked = asked(source, tag, limit);
        return reads.run(request.response(), () -> {
            List<JsonFeed.Item> items = posts(asked).stream()
                    .map(post -> new JsonFeed.Item(entryId(post.postId()), WebLinks.isWeb(post.url()) ? post.url()
                            : postLink(asked.base(), post.postId()),
                            post.title(), post.body(), post.publishedAt(), post.revisedAt(), post.hashtags()))
                    .toList();
            return new JsonFeed("https://jsonfeed.org/version/1.1", FEED_TITLE + title(source, tag),
                    asked.base().toString(), asked.self(), null, items);
        });
    }

    /**
     * What a feed request asks for, read from the request before the read goes to another thread
     * ({@link BoundedReads}): the posts, how many, and the service's base URI and the request's own for the links.
     */
    private record Asked(PostQueries.Filter filter, int size, URI base, String self) {
    }

    private Asked asked(String source, String tag, String limit) {
        return new Asked(new PostQueries.Filter(blankToEmpty(source), PostsResource.tag(tag), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), PostsResource.parseLimit(limit, DEFAULT_LIMIT),
                uri.getBaseUri(), uri.getRequestUri().toString());
    }

    private List<PostViews.Summary> posts(Asked asked) {
        return queries.list(asked.filter(), Optional.empty(), asked.size()).rows().stream()
                .map(PostQueries.Row::summary).toList();
    }

    private static Optional<String> blankToEmpty(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String title(String source, String tag) {
        StringBuilder out = new StringBuilder();
        blankToEmpty(source).ifPresent(s -> out.append(" — ").append(s));
        PostsResource.tag(tag).ifPresent(t -> out.append(" — #").append(t));
        return out.toString();
    }

    static String entryId(String postId) {
        return "urn:newsfeed:post:" + encode(postId);
    }

    /**
     * The feed's id: {@code urn:newsfeed:feed:all}, or its filter, {@code source=S&tag=T} (the tag without {@code #},
     * lowercase: the filter matches tags in any case), URL-encoded. The same filter is the same feed whatever its
     * {@code limit} and however its query is written (RFC 4287 §4.2.6: an id is permanent and universally unique).
     */
    static String feedId(String source, String tag) {
        List<String> filter = new ArrayList<>();
        blankToEmpty(source).ifPresent(s -> filter.add("source=" + s));
        PostsResource.tag(tag).ifPresent(t -> filter.add("tag=" + t.toLowerCase(Locale.ROOT)));
        return "urn:newsfeed:feed:" + (filter.isEmpty() ? "all" : encode(String.join("&", filter)));
    }

    /** The post's address in the read API, its id percent-encoded as one path segment (RFC 3986 §3.3). */
    private static String postLink(URI base, String postId) {
        // URLEncoder is form encoding: it leaves a space as "+", which a path reads as a plus sign
        return base.resolve("api/posts/" + encode(postId).replace("+", "%20")).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The {@link Date} that Rome writes as the instant's UTC date and time. Rome formats with {@code SimpleDateFormat},
     * whose calendar is Julian before 1582-10-15, while RFC 3339 dates are proleptic Gregorian: before the reform
     * the date is built from the instant's Gregorian fields in that same calendar, so that they are written back.
     */
    static Date romeDate(Instant instant) {
        if (!instant.isBefore(GREGORIAN_REFORM)) {
            return Date.from(instant);
        }
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
        calendar.clear();
        calendar.set(utc.getYear(), utc.getMonthValue() - 1, utc.getDayOfMonth(), utc.getHour(), utc.getMinute(),
                utc.getSecond());
        calendar.set(Calendar.MILLISECOND, utc.getNano() / 1_000_000);
        return calendar.getTime();
    }

    /** The first day of the Gregorian calendar in {@link GregorianCalendar}'s default (1582-10-15). */
    private static final Instant GREGORIAN_REFORM = Instant.parse("1582-10-15T00:00:00Z");

    /**
     * {@code text} without what XML 1.0 cannot carry (§2.2 Char: C0 controls other than TAB, LF, CR; unpaired
     * surrogates) and without {@link Noncharacters}: the normalizer removes them, but rows stored before it did, or
     * written by other producers, must not make the whole feed fail.
     */
    static String xmlText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> cp >= 0x20 ? !Noncharacters.isNoncharacter(cp)
                && !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) : cp == '\t' || cp == '\n'
                || cp == '\r').forEach(out::appendCodePoint);
        return out.toString();
    }

    private static Link link(String rel, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        return link;
    }
}
