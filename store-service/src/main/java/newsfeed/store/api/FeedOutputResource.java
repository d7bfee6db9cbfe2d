package newsfeed.store.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import newsfeed.contracts.text.Hashtags;
import newsfeed.contracts.text.Noncharacters;
import newsfeed.contracts.text.VisibleText;
import newsfeed.contracts.text.WebLinks;
import newsfeed.store.db.PostQueries;

/**
 * The cleaned bulletins as feeds (DESIGN §6): {@code GET /feed.atom} (Atom 1.0, RFC 4287, written with StAX) and
 * {@code GET /feed.json} (JSON Feed 1.1, https://jsonfeed.org/version/1.1), newest first, filterable by
 * {@code source} and {@code tag}, {@code limit} 1–200 (default 50). Entries hold only the kept paragraphs, as plain
 * text separated by blank lines; removed paragraphs are never in a feed. Entry ids are
 * {@code urn:newsfeed:post:<postId, URL-encoded>}, stable across revisions; {@code updated} is the revision time; a
 * post's hashtags are its Atom categories and its JSON Feed tags.
 */
@Path("/")
public class FeedOutputResource {

    static final String FEED_TITLE = "newsfeed — cleaned bulletins";
    /** The Atom namespace (RFC 4287 §2). */
    static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter ATOM_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
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
    public CompletionStage<byte[]> atom(@QueryParam("source") String source, @QueryParam("tag") String tag,
            @QueryParam("limit") String limit, @Context RoutingContext request) {
        Asked asked = asked(source, tag, limit, request.request());
        return reads.run(request.response(), () -> atom(source, tag, posts(asked), asked.base(), asked.self()));
    }

    /**
     * The Atom document, UTF-8, written element by element with the JDK's StAX writer ({@link XMLStreamWriter}, which
     * escapes text as it writes it). Why not Rome, which reads feeds in ingest-service: its JDOM document and
     * outputter took about 60 MB of heap to write one entry of 800,000 characters full of {@code &} (3 MB of XML),
     * and four such reads at once crashed the store's 112 MB heap (a helper's trial; e2e {@code StreamHeapIT}).
     */
    static byte[] atom(String source, String tag, List<PostViews.Summary> posts, URI base, String self) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM_NS);
            element(xml, "title", FEED_TITLE + title(source, tag));
            link(xml, "alternate", base.toString());
            link(xml, "self", self);
            xml.writeStartElement("author");
            element(xml, "name", "newsfeed");
            xml.writeEndElement();
            element(xml, "id", feedId(source, tag));
            // RFC 4287 §4.1.1 requires updated; a feed with no entry has no revision to name, and is as of now
            element(xml, "updated", atomDate(posts.stream().map(PostViews.Summary::revisedAt).max(Instant::compareTo)
                    .orElseGet(Instant::now)));
            for (PostViews.Summary post : posts) {
                xml.writeStartElement("entry");
                element(xml, "title", xmlText(VisibleText.showsNothing(post.title()) ? post.postId() : post.title()));
                String api = postLink(base, post.postId());
                link(xml, "alternate", WebLinks.isWeb(post.url()) ? post.url() : api);
                link(xml, "related", api);
                for (String hashtag : post.hashtags()) {
                    String term = xmlText(hashtag);
                    if (!term.isEmpty()) {
                        xml.writeEmptyElement("category");
                        xml.writeAttribute("term", term);
                    }
                }
                element(xml, "id", entryId(post.postId()));
                element(xml, "updated", atomDate(post.revisedAt()));
                element(xml, "published", atomDate(post.publishedAt()));
                xml.writeStartElement("content");
                xml.writeAttribute("type", "text");
                text(xml, xmlText(post.body()));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the Atom feed: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        text(xml, text);
        xml.writeEndElement();
    }

    /**
     * Text content, each carriage return as the reference {@code &#xD;}: StAX writes it as it is, and an XML parser
     * reads a literal one as a line feed (XML 1.0 §2.11), so a text's CR LF would come back LF LF.
     */
    private static void text(XMLStreamWriter xml, String text) throws XMLStreamException {
        int from = 0;
        for (int cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', from)) {
            xml.writeCharacters(text.substring(from, cr));
            xml.writeEntityRef("#xD");
            from = cr + 1;
        }
        xml.writeCharacters(text.substring(from));
    }

    /**
     * A link; its address without what XML cannot carry ({@link #xmlText}): StAX writes an attribute's characters as
     * they are but for {@code & < > "}, and a stored url of a producer other than ingest may hold a control character
     * that {@link WebLinks#isWeb} strips before it judges (a helper's review).
     */
    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", xmlText(href));
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
        Asked asked = asked(source, tag, limit, request.request());
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

    /**
     * @throws BadParameterException for a request without {@code Host} (HTTP/1.0 allows it): a feed's links are
     *     absolute, made from the host the feed is read from ({@code UriInfo} built them from none: a 500)
     */
    private Asked asked(String source, String tag, String limit, HttpServerRequest request) {
        if (request.authority() == null) {
            throw new BadParameterException("Host", "a feed's links are absolute URLs made from the host it is read "
                    + "from; send the Host header");
        }
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
        PostsResource.tag(tag).ifPresent(t -> filter.add("tag=" + Hashtags.fold(t)));
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
     * An instant as an Atom date (RFC 4287 §3.3, RFC 3339 {@code date-time}), in UTC to the second:
     * {@code 1500-06-01T12:00:00Z}. java.time's calendar is proleptic Gregorian, as RFC 3339 dates are, before 1582
     * too.
     */
    static String atomDate(Instant instant) {
        return ATOM_DATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

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
}
