package newsfeed.ingest.feed;

import com.rometools.opml.feed.opml.Attribute;
import com.rometools.opml.feed.opml.Opml;
import com.rometools.opml.feed.opml.Outline;
import com.rometools.opml.io.impl.OPML10Parser;
import com.rometools.opml.io.impl.OPML20Generator;
import com.rometools.opml.io.impl.OPML20Parser;
import com.rometools.rome.io.FeedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import newsfeed.contracts.api.ApiError;
import newsfeed.ingest.api.InvalidRequestException;
import newsfeed.ingest.api.SourceSlugs;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.located.Located;
import org.jdom2.located.LocatedJDOMFactory;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Feed subscriptions to and from OPML (<a href="http://opml.org/spec2.opml">OPML 2.0</a>; OPML 1.0 is read too),
 * parsed and generated with Rome's OPML module; the rules of {@code POST /api/feeds/opml} and
 * {@code GET /api/feeds.opml}.
 *
 * <p><b>Reading.</b> Every {@code <outline>} with an {@code xmlUrl} attribute and a {@code type} of {@code rss},
 * {@code atom} or none is a feed (OPML 2.0, "Subscription lists": {@code type="rss"}, {@code xmlUrl} required),
 * at any depth. Its title is its {@code title} attribute, else its {@code text} unless that is just the xmlUrl (as
 * {@link #write} writes a feed without title). Every other outline is a folder: the {@code title} (else {@code text})
 * of the folders around a feed, outermost first, is its category ({@link FeedLabels}); a feed outside any folder
 * takes the first entry of its own OPML 2.0 {@code category} attribute ({@code "/News/World,/tags/x"} →
 * {@code News/World}), which the spec defines as comma-separated slash-delimited paths. An outline with an
 * {@code xmlUrl} and another {@code type} ({@code link}, {@code include}) is skipped and reported. The attributes
 * {@code intervalSeconds} and {@code source} in the namespace {@value #NAMESPACE} ({@link #write} writes them; OPML
 * has none for them) give the poll interval and source slug; without them the interval is the caller's default and
 * the source derives from the host ({@link FeedSubscriptionRequest#sourceFromHost}).
 *
 * <p>The XML may not have a DOCTYPE, so no entity, external or internal, is ever expanded (XXE, entity expansion).
 * Each fault names the outline by its line (the line where its start tag ends), text and xmlUrl; a document that is
 * not well-formed is refused with the parser's line and column.
 */
public final class OpmlSubscriptions {

    /** Namespace of the attributes OPML lacks: poll interval, source slug and item id scope. */
    public static final String NAMESPACE = "urn:newsfeed:opml:1";

    /** The prefix {@link #write} binds {@link #NAMESPACE} to. */
    public static final Namespace NS = Namespace.getNamespace("newsfeed", NAMESPACE);

    /** The OPML spec a written document points to in {@code head/docs}. */
    public static final String SPEC = "http://opml.org/spec2.opml";

    private OpmlSubscriptions() {
    }

    /**
     * One feed outline of a document.
     *
     * @param url             the xmlUrl, a valid http(s) URL ({@link FeedSubscriptionRequest#urlProblem}) as
     *                        {@link FeedSubscriptionRequest#feedUrl} takes it: stripped, without a fragment
     * @param title           the title ({@link FeedLabels#title}), or null
     * @param category        the folder path ({@link FeedLabels#category}), or null
     * @param intervalSeconds {@code newsfeed:intervalSeconds}, or null when absent
     * @param source          {@code newsfeed:source}, or null when absent
     * @param where           how messages name the outline: {@code outline at line 12 (text "X", xmlUrl "…")}
     * @param itemIdScope     {@code newsfeed:itemIdScope} ({@code source} or {@code feed}, as
     *                        {@link FeedSubscription#itemIdScope()}; written by the export), or null when absent
     */
    public record Feed(String url, String title, String category, Integer intervalSeconds, String source,
            String where, String itemIdScope) {

        /** An outline without item id scope. */
        public Feed(String url, String title, String category, Integer intervalSeconds, String source, String where) {
            this(url, title, category, intervalSeconds, source, where, null);
        }
    }

    /**
     * What a document holds.
     *
     * @param feeds   the valid feed outlines, in document order (the same URL may occur twice)
     * @param faults  one message per invalid feed outline, naming it; empty when all are valid
     * @param skipped one message per outline with an xmlUrl that is not a feed ({@code type="link"}), naming it
     */
    public record Contents(List<Feed> feeds, List<String> faults, List<String> skipped) {
    }

    /**
     * Reads an OPML 1.0 or 2.0 document.
     *
     * @param body               the document as sent; its encoding is read from its BOM or XML declaration
     * @param minIntervalSeconds smallest {@code newsfeed:intervalSeconds} accepted
     * @param maxIntervalSeconds largest {@code newsfeed:intervalSeconds} accepted
     * @return the feeds and the faults of its outlines
     * @throws InvalidRequestException {@code "invalid OPML"} when the body is not well-formed XML (line and column),
     *                                 has a DOCTYPE, or is not an {@code <opml>} document with a {@code <body>}
     */
    public static Contents read(byte[] body, long minIntervalSeconds, long maxIntervalSeconds) {
        Document document = parse(body);
        Element root = document.getRootElement();
        if (!root.getName().equals("opml") || root.getNamespace() != Namespace.NO_NAMESPACE) {
            throw invalid("the root element is <" + root.getQualifiedName() + ">, not <opml>");
        }
        if (root.getChild("body") == null) {
            throw invalid("<opml> at line " + line(root) + " has no <body>");
        }
        checkNesting(root.getChild("body"));
        Opml opml;
        try {
            opml = (Opml) ("2.0".equals(root.getAttributeValue("version")) ? new OPML20Parser()
                    : new OPML10Parser()).parse(document, false, Locale.US);
        } catch (FeedException | RuntimeException e) {
            // Rome reads head values like vertScrollState without checking them
            throw invalid("cannot read the OPML document: " + e.getMessage());
        }
        Contents contents = new Contents(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        walk(opml.getOutlines(), root.getChild("body").getChildren("outline"), List.of(), contents,
                minIntervalSeconds, maxIntervalSeconds);
        return new Contents(List.copyOf(contents.feeds()), List.copyOf(contents.faults()),
                List.copyOf(contents.skipped()));
    }

    /**
     * Deepest nesting of outlines read. Rome reads outlines recursively, and a thousand nested ones overflowed its
     * stack; folders of a subscription list are a few levels deep.
     */
    static final int MAX_NESTING = 64;

    /** Refuses outlines nested deeper than {@link #MAX_NESTING}, looked at without recursion. */
    private static void checkNesting(Element body) {
        Deque<Element> level = new ArrayDeque<>(body.getChildren("outline"));
        for (int depth = 1; !level.isEmpty(); depth++) {
            if (depth > MAX_NESTING) {
                throw invalid("outline at line " + line(level.peekFirst()) + " is nested " + depth
                        + " outlines deep; at most " + MAX_NESTING + " are read");
            }
            Deque<Element> next = new ArrayDeque<>();
            for (Element outline : level) {
                next.addAll(outline.getChildren("outline"));
            }
            level = next;
        }
    }

    private static Document parse(byte[] body) {
        SAXBuilder builder = SafeXml.builder();
        builder.setJDOMFactory(new LocatedJDOMFactory());
        try {
            return builder.build(new ByteArrayInputStream(body));
        } catch (JDOMParseException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw invalid("not well-formed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + cause.getMessage());
        } catch (JDOMException | IOException | IllegalArgumentException e) {
            // IllegalArgumentException: what the XML parser accepts but a JDOM document cannot hold
            throw invalid("cannot parse the XML: " + e.getMessage());
        }
    }

    /** Rome's outlines and their elements side by side: Rome reads the same {@code outline} children in order. */
    private static void walk(List<Outline> outlines, List<Element> elements, List<String> folders, Contents into,
            long minInterval, long maxInterval) {
        for (int i = 0; i < outlines.size(); i++) {
            Outline outline = outlines.get(i);
            Element element = elements.get(i);
            String xmlUrl = outline.getXmlUrl();
            String type = outline.getType() == null ? "" : outline.getType().strip().toLowerCase(Locale.ROOT);
            boolean feedType = type.isEmpty() || type.equals("rss") || type.equals("atom");
            String where = where(outline, element);
            if (xmlUrl != null && feedType) {
                feed(outline, element, folders, where, into, minInterval, maxInterval);
            } else if (xmlUrl != null) {
                into.skipped().add(where + ": type \"" + outline.getType() + "\" is not a feed (rss or atom)");
            } else if (!type.isEmpty() && feedType && outline.getChildren().isEmpty()) {
                into.faults().add(where + ": type \"" + outline.getType() + "\" but no xmlUrl");
            }
            List<String> inner = folders;
            if (xmlUrl == null) {
                String name = FeedLabels.title(outline.getTitle() != null ? outline.getTitle() : outline.getText());
                if (name != null) {
                    inner = new ArrayList<>(folders);
                    inner.add(name);
                }
            }
            walk(outline.getChildren(), element.getChildren("outline"), inner, into, minInterval, maxInterval);
        }
    }

    private static void feed(Outline outline, Element element, List<String> folders, String where, Contents into,
            long minInterval, long maxInterval) {
        List<String> faults = new ArrayList<>();
        String url = outline.getXmlUrl().strip();
        String urlProblem = FeedSubscriptionRequest.urlProblem(where + ": xmlUrl", url);
        if (urlProblem != null) {
            faults.add(urlProblem);
        }
        String text = outline.getText() != null && outline.getText().strip().equals(url) ? null : outline.getText();
        String title = FeedLabels.title(outline.getTitle() != null && !outline.getTitle().isBlank()
                ? outline.getTitle() : text);
        String category = FeedLabels.category(folders);
        if (category == null) {
            category = categoryAttribute(outline);
        }
        addIfNotNull(faults, FeedLabels.titleProblem(where + ": title", title));
        addIfNotNull(faults, FeedLabels.categoryProblem(where + ": category", category));
        Integer interval = null;
        String intervalValue = element.getAttributeValue("intervalSeconds", NS);
        if (intervalValue != null) {
            try {
                interval = Integer.valueOf(intervalValue.strip());
                if (interval < minInterval || interval > maxInterval) {
                    faults.add(where + ": newsfeed:intervalSeconds must be from " + minInterval + " to "
                            + maxInterval + ", got " + interval);
                }
            } catch (NumberFormatException e) {
                faults.add(where + ": newsfeed:intervalSeconds must be a whole number of seconds, got "
                        + ApiError.quote(intervalValue));
            }
        }
        String source = element.getAttributeValue("source", NS);
        if (source != null) {
            String problem = SourceSlugs.problem(source.strip());
            addIfNotNull(faults, problem == null ? null : where + ": newsfeed:" + problem);
            source = source.strip();
        }
        String scope = element.getAttributeValue("itemIdScope", NS);
        if (scope != null) {
            scope = scope.strip();
            addIfNotNull(faults, FeedSubscription.itemIdScopeProblem(where + ": newsfeed:itemIdScope", scope));
        }
        if (faults.isEmpty()) {
            into.feeds().add(new Feed(FeedSubscriptionRequest.feedUrl(url), title, category, interval, source, where,
                    scope));
        } else {
            into.faults().addAll(faults);
        }
    }

    /** The first path of an OPML 2.0 {@code category} attribute (Rome splits it at commas; OPML 1.0: not split). */
    private static String categoryAttribute(Outline outline) {
        List<String> categories = outline.getCategories();
        if (categories == null || categories.isEmpty()) {
            String attribute = outline.getAttributeValue("category");
            categories = attribute == null ? List.of() : List.of(attribute.split(","));
        }
        return categories.stream().map(FeedLabels::category).filter(c -> c != null).findFirst().orElse(null);
    }

    private static String where(Outline outline, Element element) {
        StringBuilder where = new StringBuilder("outline at line ").append(line(element));
        List<String> parts = new ArrayList<>();
        if (outline.getText() != null) {
            parts.add("text \"" + shorten(outline.getText()) + "\"");
        }
        if (outline.getXmlUrl() != null) {
            parts.add("xmlUrl \"" + shorten(outline.getXmlUrl()) + "\"");
        }
        if (!parts.isEmpty()) {
            where.append(" (").append(String.join(", ", parts)).append(')');
        }
        return where.toString();
    }

    private static String shorten(String value) {
        String stripped = value.strip();
        return stripped.length() <= 120 ? stripped : stripped.substring(0, 120) + "…";
    }

    private static int line(Element element) {
        return element instanceof Located located ? located.getLine() : -1;
    }

    private static void addIfNotNull(List<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }

    private static InvalidRequestException invalid(String detail) {
        return new InvalidRequestException("invalid OPML", List.of(detail));
    }

    /**
     * Writes subscriptions as an OPML 2.0 document (UTF-8): {@code head} with {@code title}, {@code dateCreated}
     * (RFC 822, as the spec asks) and {@code docs}; in {@code body} one folder outline ({@code text} and
     * {@code title}: the folder's name) per category level, folders by name, and in each the feeds filed there before
     * its subfolders, in the order given. A feed is {@code <outline type="rss" text title xmlUrl
     * newsfeed:intervalSeconds newsfeed:source newsfeed:itemIdScope/>}; without a title, {@code text} is its URL
     * (the spec requires a text) and there is no {@code title}. {@link #read} of the result gives back the same URLs,
     * titles, categories, intervals, sources and item id scopes.
     *
     * @param subscriptions the subscriptions, e.g. oldest first
     * @param created       the {@code dateCreated}
     */
    public static byte[] write(List<FeedSubscription> subscriptions, Instant created) {
        Folder top = new Folder();
        for (FeedSubscription subscription : subscriptions) {
            Folder folder = top;
            for (String name : FeedLabels.names(subscription.category())) {
                folder = folder.folders.computeIfAbsent(name, n -> new Folder());
            }
            folder.feeds.add(subscription);
        }
        Opml opml = new Opml();
        opml.setFeedType("opml_2.0");
        opml.setTitle("newsfeed subscriptions");
        opml.setCreated(Date.from(created));
        opml.setDocs(SPEC);
        // by identity: Rome's outlines compare by value
        Map<Outline, FeedSubscription> feeds = new IdentityHashMap<>();
        opml.setOutlines(outlines(top, feeds));
        Document document;
        try {
            document = new OPML20Generator().generate(opml);
        } catch (FeedException e) {
            throw new IllegalStateException("cannot generate OPML", e);
        }
        document.getRootElement().addNamespaceDeclaration(NS);
        annotate(opml.getOutlines(), document.getRootElement().getChild("body").getChildren("outline"), feeds);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).output(document, out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write OPML to memory", e);
        }
        return out.toByteArray();
    }

    /** A level of the category tree being written. */
    private static final class Folder {
        final List<FeedSubscription> feeds = new ArrayList<>();
        final Map<String, Folder> folders = new TreeMap<>();
    }

    private static List<Outline> outlines(Folder folder, Map<Outline, FeedSubscription> feeds) {
        List<Outline> outlines = new ArrayList<>();
        for (FeedSubscription subscription : folder.feeds) {
            Outline outline = new Outline();
            outline.setType("rss");
            outline.setText(subscription.title() != null ? subscription.title() : subscription.url());
            outline.setTitle(subscription.title());
            outline.setAttributes(new ArrayList<>(List.of(new Attribute("xmlUrl", subscription.url()))));
            feeds.put(outline, subscription);
            outlines.add(outline);
        }
        folder.folders.forEach((name, inner) -> {
            Outline outline = new Outline();
            outline.setText(name);
            outline.setTitle(name);
            outline.setChildren(outlines(inner, feeds));
            outlines.add(outline);
        });
        return outlines;
    }

    /** Adds the namespaced attributes, which Rome's generator cannot write, to the generated elements. */
    private static void annotate(List<Outline> outlines, List<Element> elements, Map<Outline, FeedSubscription> feeds) {
        for (int i = 0; i < outlines.size(); i++) {
            Outline outline = outlines.get(i);
            Element element = elements.get(i);
            FeedSubscription subscription = feeds.get(outline);
            if (subscription != null) {
                element.setAttribute("intervalSeconds", Integer.toString(subscription.intervalSeconds()), NS);
                if (subscription.source() != null) {
                    element.setAttribute("source", subscription.source(), NS);
                }
                if (!subscription.isTelegramChannel()) {
                    // which feed of a source keeps bare guids is the order it was subscribed in, which an import
                    // of this document (ordered by folder) would not repeat: written, so that it is kept
                    element.setAttribute("itemIdScope", subscription.itemIdScope() == null
                            ? FeedSubscription.ITEM_IDS_PER_SOURCE : subscription.itemIdScope(), NS);
                }
            }
            annotate(outline.getChildren(), element.getChildren("outline"), feeds);
        }
    }
}
