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
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.text.Noncharacters;
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

    @Inject
    PostQueries queries;

    @Context
    UriInfo uri;

    @GET
    @Path("feed.atom")
    @Produces("application/atom+xml; charset=utf-8")
    public String atom(@QueryParam("source") String source, @QueryParam("tag") String tag,
            @QueryParam("limit") @DefaultValue("50") String limit) throws FeedException {
        List<PostViews.Summary> posts = posts(source, tag, limit);
        Feed feed = new Feed("atom_1.0");
        feed.setId("urn:newsfeed:feed:" + encode(uri.getRequestUri().getRawQuery() == null ? "all"
                : uri.getRequestUri().getRawQuery()));
        feed.setTitle(FEED_TITLE + title(source, tag));
        feed.setUpdated(Date.from(posts.stream().map(PostViews.Summary::revisedAt).max(Instant::compareTo)
                .orElse(Instant.EPOCH)));
        feed.setAlternateLinks(List.of(link("alternate", uri.getBaseUri().toString())));
        feed.setOtherLinks(List.of(link("self", uri.getRequestUri().toString())));
        Person author = new Person();
        author.setName("newsfeed");
        feed.setAuthors(List.<SyndPerson>of(author));
        List<Entry> entries = new ArrayList<>();
        for (PostViews.Summary post : posts) {
            Entry entry = new Entry();
            entry.setId(entryId(post.postId()));
            entry.setTitle(xmlText(post.title().isBlank() ? post.postId() : post.title()));
            entry.setPublished(Date.from(post.publishedAt()));
            entry.setUpdated(Date.from(post.revisedAt()));
            Content content = new Content();
            content.setType(Content.TEXT);
            content.setValue(xmlText(post.body()));
            entry.setContents(List.of(content));
            entry.setCategories(post.hashtags().stream().map(hashtag -> {
                Category category = new Category();
                category.setTerm(hashtag);
                return category;
            }).toList());
            String api = uri.getBaseUri().resolve("api/posts/" + encode(post.postId())).toString();
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
    @Produces("application/feed+json; charset=utf-8")
    public JsonFeed json(@QueryParam("source") String source, @QueryParam("tag") String tag,
            @QueryParam("limit") @DefaultValue("50") String limit) {
        List<JsonFeed.Item> items = posts(source, tag, limit).stream()
                .map(post -> new JsonFeed.Item(entryId(post.postId()), WebLinks.isWeb(post.url()) ? post.url()
                        : uri.getBaseUri().resolve("api/posts/" + encode(post.postId())).toString(),
                        post.title(), post.body(), post.publishedAt(), post.revisedAt(), post.hashtags()))
                .toList();
        return new JsonFeed("https://jsonfeed.org/version/1.1", FEED_TITLE + title(source, tag),
                uri.getBaseUri().toString(), uri.getRequestUri().toString(), null, items);
    }

    private List<PostViews.Summary> posts(String source, String tag, String limit) {
        int size;
        try {
            size = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > PostsResource.MAX_LIMIT) {
            throw new BadParameterException("limit", "must be an integer from 1 to " + PostsResource.MAX_LIMIT
                    + ", got " + ApiError.quote(limit));
        }
        PostQueries.Filter filter = new PostQueries.Filter(blankToEmpty(source),
                blankToEmpty(tag).map(t -> t.replaceFirst("^#", "")), Optional.empty(), Optional.empty(),
                Optional.empty());
        return queries.list(filter, Optional.empty(), size).stream().map(PostQueries.Row::summary).toList();
    }

    private static Optional<String> blankToEmpty(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String title(String source, String tag) {
        StringBuilder out = new StringBuilder();
        blankToEmpty(source).ifPresent(s -> out.append(" — ").append(s));
        blankToEmpty(tag).ifPresent(t -> out.append(" — #").append(t.replaceFirst("^#", "")));
        return out.toString();
    }

    static String entryId(String postId) {
        return "urn:newsfeed:post:" + encode(postId);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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

    private static Link link(String rel, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        return link;
    }
}
