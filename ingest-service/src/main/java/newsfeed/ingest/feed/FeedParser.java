package newsfeed.ingest.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.ingest.net.UriReferences;
import newsfeed.ingest.normalize.HtmlText;
import org.jdom2.CDATA;
import org.jdom2.Content;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.Text;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jsoup.nodes.Entities;

/**
 * Reads an RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom 0.3/1.0 document into {@link FeedItem}s: the text is healed
 * ({@link FeedXmlHealer}), parsed once into a JDOM document with no DTD and no entity expansion, and that document
 * is read both by Rome ({@link SyndFeedInput}: titles, links, content, enclosures) and directly, for what Rome
 * does not keep verbatim: the item's own id and its raw date string (Rome parses dates with its own rules and
 * returns null for what it cannot; {@link FeedDates} decides here).
 *
 * <p>Per item:
 * <ul>
 *   <li><b>id</b>: RSS 2.0 {@code guid}, RSS 1.0 {@code rdf:about}, Atom {@code id} (RFC 4287 §4.2.6);</li>
 *   <li><b>date</b>: RSS {@code pubDate} (RSS 2.0), else {@code dc:date}, else {@code atom:published} /
 *       {@code atom:updated}; Atom 1.0 {@code published}, else {@code updated} (RFC 4287 §4.2.9, §4.2.15); Atom 0.3
 *       {@code issued}, {@code modified}, {@code created};</li>
 *   <li><b>body</b>: the full content when there is some ({@code content:encoded}, Atom {@code content}), else the
 *       description ({@code description}, Atom {@code summary}), else the title (a headline-only item keeps its
 *       headline as text). RSS bodies are HTML (RSS 2.0: "entity-encoded HTML is allowed" in
 *       {@code description}); Atom bodies are HTML for {@code type="html"} and {@code "xhtml"}, plain text for
 *       {@code "text"} (RFC 4287 §3.1). CDATA and escaped HTML read the same: the XML parser undoes one, jsoup
 *       decodes the entities that are left, once;</li>
 *   <li><b>title</b>: plain text with whitespace runs collapsed, its entities decoded exactly once: text outside
 *       CDATA is decoded by the XML parser and is then literal ({@code Fish &amp;amp; Chips} is the text
 *       {@code Fish &amp; Chips}); the content of a CDATA section of an RSS title is HTML, as producers that wrap a
 *       title in CDATA write it, and is turned into text with jsoup ({@code <![CDATA[Caf&eacute;]]>} is
 *       {@code Café}, {@code <![CDATA[Fish &amp;amp; Chips]]>} is {@code Fish &amp; Chips}), so the XML parser and
 *       jsoup never decode the same characters twice. (RSS 2.0 does not say whether a title may hold HTML; the RSS
 *       Advisory Board's Best Practices Profile, "Character Data", notes that aggregators differ and recommends
 *       plain text with character references, which both readings decode alike.) An Atom title is
 *       text for {@code type="text"} whatever the XML escaping (RFC 4287 §3.1.1.1) and HTML, turned into text with
 *       jsoup, for {@code type="html"} and {@code "xhtml"};</li>
 *   <li><b>link</b>: the item's {@code link}; an RSS item without one has its guid's when that is an absolute URL
 *       or names its host ({@code //host/path}; a permalink guid, RSS 2.0 "guid"), else none;</li>
 *   <li><b>links</b>: enclosures, and Atom links other than the item's own alternate link and {@code self},
 *       {@code edit}, {@code replies}.</li>
 * </ul>
 * Thread-safe (a new parser per call).
 */
public final class FeedParser {

    private static final Namespace RDF = Namespace.getNamespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    private static final Namespace DC = Namespace.getNamespace("http://purl.org/dc/elements/1.1/");
    private static final Namespace ATOM_10 = Namespace.getNamespace("http://www.w3.org/2005/Atom");
    private static final Namespace ATOM_03 = Namespace.getNamespace("http://purl.org/atom/ns#");
    private static final Namespace CONTENT = Namespace.getNamespace("http://purl.org/rss/1.0/modules/content/");
    private static final Namespace RSS2_USERLAND = Namespace.getNamespace("http://backend.userland.com/rss2");
    private static final Set<String> SKIPPED_LINK_RELS = Set.of("self", "edit", "edit-media", "replies");

    /**
     * One item of a feed, as the feed wrote it (links not yet resolved or canonicalized).
     *
     * @param index       0-based position in the document
     * @param id          guid / rdf:about / atom:id, or null
     * @param link        the item's link, or null
     * @param title       plain-text title, or null
     * @param body        the body: HTML or plain text as {@code contentType} says; never null
     * @param contentType {@link RawPost#TEXT_HTML} or {@link RawPost#TEXT_PLAIN}
     * @param date        the raw publication date string, or null
     * @param links       enclosure and related URLs, as written
     * @param author      the item's author as Rome reads it (RSS {@code author}, {@code dc:creator}, the first Atom
     *                    {@code author}'s name), white space collapsed, or null
     * @param mediaType   the MIME type of the item's first enclosure that gives one, or null
     * @param base        the XML base of the body ({@code xml:base} of the element it was read from, such as Atom's
     *                    {@code <content>}, of the item and of their ancestors, RFC 4287 §2), absolute or relative to
     *                    the document's address; null without one
     */
    public record FeedItem(int index, String id, String link, String title, String body, String contentType,
            String date, List<String> links, String author, String mediaType, String base) {
    }

    /**
     * @param feedType   Rome's name of the format, e.g. {@code rss_2.0}, {@code rss_1.0}, {@code atom_1.0}
     * @param sourceType {@link SourceType#ATOM} for Atom, else {@link SourceType#RSS}
     * @param items      the items in document order
     * @param webSub     the WebSub hub and self links the document names ({@link WebSubDiscovery#inDocument}), as
     *                   written, either or both null
     * @param itemsLeftOut items of the document after the first {@code maxItems}, counted and not read
     */
    public record ParsedFeed(String feedType, SourceType sourceType, List<FeedItem> items,
            WebSubDiscovery.Links webSub, int itemsLeftOut) {

        /** A document read whole. */
        public ParsedFeed(String feedType, SourceType sourceType, List<FeedItem> items, WebSubDiscovery.Links webSub) {
            this(feedType, sourceType, items, webSub, 0);
        }
    }

    private FeedParser() {
    }

    /**
     * @param xml  the decoded document
     * @param feed what to name in errors (the feed's URL)
     * @throws FeedException kind {@code parse-error}, naming the feed and the line and column, or what is missing
     */
    public static ParsedFeed parse(String xml, String feed) {
        return parse(xml, feed, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #parse(String, String)}, reading only the first {@code maxItems} items ({@link ItemCap}): memory
     * grows with them, not with the document's item count.
     *
     * @param maxItems most items read, in document order; the rest are counted in {@link ParsedFeed#itemsLeftOut()}
     */
    public static ParsedFeed parse(String xml, String feed, int maxItems) {
        ItemCap cap = new ItemCap(maxItems);
        Document document = document(FeedXmlHealer.heal(xml), feed, cap);
        requireChannel(document.getRootElement(), feed);
        SyndFeed syndFeed;
        try {
            syndFeed = new SyndFeedInput(false, Locale.ROOT).build(document);
        } catch (IllegalArgumentException | com.rometools.rome.io.FeedException e) {
            throw new FeedException(FeedException.PARSE_ERROR, "feed " + feed + ": not an RSS or Atom document (root <"
                    + document.getRootElement().getQualifiedName() + ">): " + e.getMessage(), e);
        }
        String feedType = syndFeed.getFeedType();
        boolean atom = feedType != null && feedType.startsWith("atom");
        List<Element> elements = itemElements(document.getRootElement(), atom);
        List<SyndEntry> entries = syndFeed.getEntries();
        if (elements.size() != entries.size()) {
            throw new FeedException(FeedException.PARSE_ERROR, "feed " + feed + ": " + elements.size()
                    + " item elements but Rome read " + entries.size() + " entries (" + feedType + ")");
        }
        List<FeedItem> items = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            items.add(item(i, entries.get(i), elements.get(i), atom));
        }
        return new ParsedFeed(feedType, atom ? SourceType.ATOM : SourceType.RSS, List.copyOf(items),
                WebSubDiscovery.inDocument(document.getRootElement()), cap.leftOut());
    }

    private static Document document(String xml, String feed, ItemCap cap) {
        SAXBuilder builder = SafeXml.builder();
        builder.setXMLFilter(cap);
        try {
            return builder.build(new StringReader(xml));
        } catch (JDOMParseException e) {
            throw new FeedException(FeedException.PARSE_ERROR, "feed " + feed + ": not well-formed XML at line "
                    + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + rootMessage(e), e);
        } catch (JDOMException | IOException | IllegalArgumentException e) {
            // IllegalArgumentException: JDOM's IllegalNameException and kin, for what the XML parser accepts but a
            // JDOM document cannot hold (a namespace URI that begins with a digit, xmlns:x="2.0")
            throw new FeedException(FeedException.PARSE_ERROR, "feed " + feed + ": cannot parse XML: "
                    + rootMessage(e), e);
        }
    }

    /**
     * An RSS document must have a {@code <channel>} where Rome's parsers look for it, for they read it without checking
     * that there is one (a NullPointerException): in no namespace under {@code <rss>} (in RSS 2.0's namespace when the
     * root is in it), in the default namespace, RSS 0.9's or 1.0's, under {@code <rdf:RDF>}.
     */
    private static void requireChannel(Element root, String feed) {
        Namespace channel;
        if (root.getName().equals("rss")) {
            channel = root.getNamespace().equals(RSS2_USERLAND) ? RSS2_USERLAND : Namespace.NO_NAMESPACE;
        } else if (root.getName().equals("RDF")) {
            channel = root.getNamespace("");
        } else {
            return;
        }
        if (root.getChild("channel", channel) == null) {
            throw new FeedException(FeedException.PARSE_ERROR, "feed " + feed + ": <" + root.getQualifiedName()
                    + "> has no <channel>" + (channel.getURI().isEmpty() ? "" : " in " + channel.getURI()));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** The item elements in document order, as Rome's parsers find them. */
    private static List<Element> itemElements(Element root, boolean atom) {
        if (atom) {
            return root.getChildren("entry", root.getNamespace());
        }
        if (root.getName().equals("rss")) {
            Element channel = root.getChild("channel", root.getNamespace());
            return channel == null ? List.of() : channel.getChildren("item", root.getNamespace());
        }
        List<Element> items = new ArrayList<>();
        for (Element child : root.getChildren()) {
            if (child.getName().equals("item")) {
                items.add(child);
            }
        }
        return items;
    }

    private static FeedItem item(int index, SyndEntry entry, Element element, boolean atom) {
        String title = title(entry, element, atom);
        String id = atom ? childText(element, "id", element.getNamespace()) : rssId(element);
        String date = atom ? atomDate(element) : rssDate(element);

        String body = null;
        String contentType = RawPost.TEXT_HTML;
        // the element the body was read from: its own xml:base is what the body's relative links resolve against
        Element bodyElement = element;
        for (SyndContent content : entry.getContents()) {
            String type = bodyType(content, atom);
            if (type != null && content.getValue() != null && !content.getValue().isBlank()) {
                body = content.getValue();
                contentType = type;
                bodyElement = child(element, atom ? "content" : "encoded", atom ? element.getNamespace() : CONTENT);
                break;
            }
        }
        if (body == null && entry.getDescription() != null && entry.getDescription().getValue() != null
                && !entry.getDescription().getValue().isBlank()) {
            String type = bodyType(entry.getDescription(), atom);
            if (type != null) {
                body = entry.getDescription().getValue();
                contentType = type;
                bodyElement = child(element, atom ? "summary" : "description", element.getNamespace());
            }
        }
        if (body == null) {
            body = title == null ? "" : title;
            contentType = RawPost.TEXT_PLAIN;
        }

        String link = entry.getLink();
        if (!atom && link != null && element.getChild("link", element.getNamespace()) == null && !namesItsHost(link)) {
            // Rome takes a permalink guid (isPermaLink defaults to true) for the link of an item without one; RSS 2.0
            // says such a guid is "a url that can be opened in a Web browser", so one that is not names no page, and
            // resolved against the feed's URL it would name a page that does not exist
            link = null;
        }
        URI base = xmlBase(element);
        link = resolve(base, link);
        List<String> links = new ArrayList<>();
        String mediaType = null;
        for (SyndEnclosure enclosure : entry.getEnclosures()) {
            addLink(links, resolve(base, enclosure.getUrl()), link);
            if (mediaType == null && enclosure.getType() != null && !enclosure.getType().isBlank()) {
                mediaType = enclosure.getType().strip();
            }
        }
        if (atom) {
            for (SyndLink other : entry.getLinks()) {
                String rel = other.getRel() == null ? "alternate" : other.getRel();
                if (!SKIPPED_LINK_RELS.contains(rel)) {
                    addLink(links, resolve(base, other.getHref()), link);
                }
            }
        }
        String author = entry.getAuthor() == null ? null : entry.getAuthor().replaceAll("\\s+", " ").strip();
        URI contentBase = bodyElement == element ? base : bodyBase(bodyElement, base);
        return new FeedItem(index, id, link, title, body, contentType, date, List.copyOf(links),
                author == null || author.isEmpty() ? null : author, mediaType,
                contentBase == null ? null : contentBase.toString());
    }

    /**
     * The child of that name, or the item itself when it has none or several (Atom 0.3's multipart content: which one
     * Rome read is not known, a helper's review), so that XML Base then is the item's.
     */
    private static Element child(Element item, String name, Namespace namespace) {
        List<Element> children = item.getChildren(name, namespace);
        return children.size() == 1 ? children.get(0) : item;
    }

    /**
     * The body element's own {@code xml:base} resolved against the item's base; the item's base when it has none, or
     * one that is no URI, or no web address once resolved (a helper's review: such a base, read with its ancestors,
     * dropped the entry's base for the document's address).
     */
    private static URI bodyBase(Element body, URI itemBase) {
        URI own = UriReferences.parseAsBrowsers(body.getAttributeValue("base", Namespace.XML_NAMESPACE));
        URI resolved = own == null ? null : itemBase == null ? own : UriReferences.resolveOrNull(itemBase, own);
        return resolved == null || !isWebOrRelative(resolved) ? itemBase : resolved;
    }

    private static boolean isWebOrRelative(URI uri) {
        return !uri.isAbsolute() || "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(
                uri.getScheme());
    }

    /**
     * The item's base URI by XML Base (RFC 4287 §2, W3C XML Base): the {@code xml:base} of the item and its ancestors,
     * each resolved against the one above it by RFC 3986 ({@link UriReferences}; JDOM's {@code getXMLBaseURI} does it
     * by RFC 2396, so {@code ?p=2} under {@code …/index.php?x=1} was {@code …/?p=2}, a helper's review); null without
     * any, or when one is not a URI. A relative result is relative to the document's address, which
     * {@link FeedItemMapper} resolves against.
     */
    private static URI xmlBase(Element element) {
        // from the item up to the first absolute base, as JDOM reads them: one above it is never asked (a helper's
        // review: an unparseable one there dropped the item's base)
        ArrayDeque<URI> chain = new ArrayDeque<>();
        for (Element at = element; at != null && (chain.isEmpty() || !chain.peek().isAbsolute());
                at = at.getParentElement()) {
            String value = at.getAttributeValue("base", Namespace.XML_NAMESPACE);
            if (value != null) {
                // XML Base §3.1: characters an IRI does not allow, such as a space, are escaped first
                URI uri = UriReferences.parseAsBrowsers(value);
                if (uri == null) {
                    return null;
                }
                chain.push(uri);
            }
        }
        URI base = null;
        for (URI uri : chain) {
            base = base == null ? uri : UriReferences.resolveOrNull(base, uri);
            if (base == null) {
                return null;
            }
        }
        // an absolute base that is no web address (javascript:, data:) names no page: the document's address is
        // the base then (a helper's review: such a base dropped the item's url)
        return base == null || isWebOrRelative(base) ? base : null;
    }

    /**
     * A link resolved against the item's XML base by RFC 3986 §5.2 ({@link UriReferences}: a reference of
     * a query alone, {@code ?p=5}, keeps the base's path, which {@link URI#resolve}, following RFC 2396, drops); as
     * written when it is absolute, there is no base, or it is no URI.
     */
    private static String resolve(URI base, String href) {
        if (base == null || href == null || href.isBlank()) {
            return href;
        }
        URI uri = UriReferences.parseAsBrowsers(href);
        URI target = uri == null || uri.isAbsolute() ? null : UriReferences.resolveOrNull(base, uri);
        return target == null ? href : target.toString();
    }

    /** An absolute URL, or a network-path reference ({@code //host/path}, RFC 3986 §4.2), which names its host. */
    private static boolean namesItsHost(String link) {
        // as browsers read it: a permalink guid with a space names its page as such a <link> does (a review)
        URI uri = UriReferences.parseAsBrowsers(link);
        return uri != null && (uri.isAbsolute() || uri.getRawAuthority() != null);
    }

    private static void addLink(List<String> links, String href, String itemLink) {
        if (href != null && !href.isBlank() && !href.strip().equals(itemLink) && !links.contains(href.strip())) {
            links.add(href.strip());
        }
    }

    private static String title(SyndEntry entry, Element element, boolean atom) {
        Element rssTitle = atom ? null : element.getChild("title", element.getNamespace());
        String value;
        if (rssTitle != null) {
            value = rssTitleText(rssTitle);
        } else {
            SyndContent titleEx = entry.getTitleEx();
            value = titleEx != null && titleEx.getValue() != null ? titleEx.getValue() : entry.getTitle();
            if (value == null) {
                return null;
            }
            String type = titleEx == null || titleEx.getType() == null ? "text"
                    : titleEx.getType().toLowerCase(Locale.ROOT);
            if (atom && (type.equals("html") || type.equals("xhtml") || type.equals("text/html"))) {
                value = HtmlText.toText(value);
            }
        }
        String collapsed = value.replaceAll("\\s+", " ").strip();
        return collapsed.isEmpty() ? null : collapsed;
    }

    /**
     * The text of an RSS title: its CDATA sections are HTML, its other text is literal (already decoded by the XML
     * parser). Both are put into one HTML fragment, the literal text escaped, and jsoup decodes the fragment once:
     * each character is decoded by exactly one of the two parsers, and the pieces join as written (no whitespace is
     * lost at their seams). Markup written raw inside the title ({@code Minister <b>resigns</b>}) gives its text, as
     * in a body: Rome, and this method before, skipped child elements and their words with them (a trial).
     */
    private static String rssTitleText(Element title) {
        StringBuilder html = new StringBuilder();
        boolean cdata = false;
        for (Content content : title.getContent()) {
            if (content instanceof CDATA section) {
                html.append(section.getText());
                cdata = true;
            } else if (content instanceof Text text) {
                html.append(Entities.escape(text.getText()));
            } else if (content instanceof Element element) {
                html.append(Entities.escape(element.getValue()));
            }
        }
        return cdata ? HtmlText.toText(html.toString()) : title.getValue();
    }

    /** The content type of a body, or null for content that is not text (out-of-line, binary, other XML). */
    private static String bodyType(SyndContent content, boolean atom) {
        if (!atom) {
            return RawPost.TEXT_HTML;
        }
        String type = content.getType() == null ? "text" : content.getType().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text", "text/plain" -> RawPost.TEXT_PLAIN;
            case "html", "xhtml", "text/html", "application/xhtml+xml" -> RawPost.TEXT_HTML;
            default -> null;
        };
    }

    private static String rssId(Element item) {
        String guid = childText(item, "guid", item.getNamespace());
        if (guid != null) {
            return guid;
        }
        String about = item.getAttributeValue("about", RDF);
        return about == null || about.isBlank() ? null : about;
    }

    private static String rssDate(Element item) {
        String date = childText(item, "pubDate", item.getNamespace());
        if (date == null) {
            date = childText(item, "date", DC);
        }
        if (date == null) {
            date = childText(item, "published", ATOM_10);
        }
        if (date == null) {
            date = childText(item, "updated", ATOM_10);
        }
        return date;
    }

    private static String atomDate(Element entry) {
        Namespace ns = entry.getNamespace();
        String[] names = ATOM_03.equals(ns) ? new String[] {"issued", "modified", "created"}
                : new String[] {"published", "updated"};
        for (String name : names) {
            String date = childText(entry, name, ns);
            if (date != null) {
                return date;
            }
        }
        return childText(entry, "date", DC);
    }

    /** The trimmed text of the first such child, or null when absent or blank. */
    private static String childText(Element parent, String name, Namespace ns) {
        Element child = parent.getChild(name, ns);
        if (child == null) {
            return null;
        }
        String text = child.getText().strip();
        return text.isEmpty() ? null : text;
    }
}
