package newsfeed.ingest.feed;

import java.util.ArrayList;
import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * A SAX filter between the XML parser and the JDOM builder that passes on only the first {@code maxItems} items of a
 * feed document and counts the others, so that the tree, and Rome's entries made from it, hold at most
 * {@code maxItems} items whatever the document holds: a 4 MB document of 74,000 empty items, within the byte limit,
 * filled ingest-service's heap as a whole tree and stopped the service at every start (a trial).
 *
 * <p>An item is an element named {@code item} (RSS 0.9x/1.0/2.0) or {@code entry} (Atom) at depth 2 or 3: under the
 * root ({@code rdf:RDF/item}, {@code feed/entry}) or under its channel ({@code rss/channel/item}). Everything inside
 * a left-out item is dropped, its namespace declarations, comments and CDATA marks too. One filter per parse.
 */
final class ItemCap extends XMLFilterImpl implements LexicalHandler {

    private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

    private final int maxItems;
    private LexicalHandler lexical;
    private final List<String[]> pendingPrefixes = new ArrayList<>();
    private int depth;
    private int items;
    private int leftOut;
    private int skipping; // depth inside a left-out item, 0 when not in one
    private int prefixEndsToDrop; // a left-out item's own declarations end just after it (SAX 2)

    /** @param maxItems most items passed on, at least 0 */
    ItemCap(int maxItems) {
        this.maxItems = maxItems;
    }

    /** How many items the document held beyond {@code maxItems}, once parsed. */
    int leftOut() {
        return leftOut;
    }

    @Override
    public void setProperty(String name, Object value) throws SAXNotRecognizedException, SAXNotSupportedException {
        if (LEXICAL_HANDLER.equals(name)) {
            // JDOM's handler of comments and CDATA goes behind this filter too
            lexical = (LexicalHandler) value;
            super.setProperty(name, this);
        } else {
            super.setProperty(name, value);
        }
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
        // held until the element that declares it starts: a left-out item's declarations are dropped with it
        pendingPrefixes.add(new String[] {prefix, uri});
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        if (skipping > 0) {
            return;
        }
        if (prefixEndsToDrop > 0) {
            prefixEndsToDrop--;
            return;
        }
        super.endPrefixMapping(prefix);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        depth++;
        if (skipping > 0) {
            skipping++;
            pendingPrefixes.clear();
            return;
        }
        if ((depth == 2 || depth == 3) && ("item".equals(localName) || "entry".equals(localName))) {
            if (items >= maxItems) {
                leftOut++;
                skipping = 1;
                prefixEndsToDrop += pendingPrefixes.size();
                pendingPrefixes.clear();
                return;
            }
            items++;
        }
        for (String[] mapping : pendingPrefixes) {
            super.startPrefixMapping(mapping[0], mapping[1]);
        }
        pendingPrefixes.clear();
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        depth--;
        if (skipping > 0) {
            skipping--;
            return;
        }
        super.endElement(uri, localName, qName);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (skipping == 0) {
            super.characters(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        if (skipping == 0) {
            super.ignorableWhitespace(ch, start, length);
        }
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        if (skipping == 0) {
            super.processingInstruction(target, data);
        }
    }

    @Override
    public void startDTD(String name, String publicId, String systemId) throws SAXException {
        if (lexical != null) {
            lexical.startDTD(name, publicId, systemId);
        }
    }

    @Override
    public void endDTD() throws SAXException {
        if (lexical != null) {
            lexical.endDTD();
        }
    }

    @Override
    public void startEntity(String name) throws SAXException {
        if (lexical != null && skipping == 0) {
            lexical.startEntity(name);
        }
    }

    @Override
    public void endEntity(String name) throws SAXException {
        if (lexical != null && skipping == 0) {
            lexical.endEntity(name);
        }
    }

    @Override
    public void startCDATA() throws SAXException {
        if (lexical != null && skipping == 0) {
            lexical.startCDATA();
        }
    }

    @Override
    public void endCDATA() throws SAXException {
        if (lexical != null && skipping == 0) {
            lexical.endCDATA();
        }
    }

    @Override
    public void comment(char[] ch, int start, int length) throws SAXException {
        if (lexical != null && skipping == 0) {
            lexical.comment(ch, start, length);
        }
    }
}
