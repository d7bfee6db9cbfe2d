package newsfeed.ingest.feed;

import java.io.StringReader;
import org.jdom2.input.SAXBuilder;
import org.xml.sax.InputSource;

/**
 * The one way ingest-service parses XML that outsiders send or serve (feed documents, OPML lists): a JDOM
 * {@link SAXBuilder} that refuses any DOCTYPE, expands no entity and resolves no external one, so no document can read
 * local files or reach other hosts (XXE) or blow up through nested entities (OWASP XML External Entity Prevention
 * Cheat Sheet, "JAXP DocumentBuilderFactory, SAXParserFactory and DOM4J").
 */
final class SafeXml {

    private SafeXml() {
    }

    /** A new hardened builder; one per parse (a builder is not thread-safe). */
    static SAXBuilder builder() {
        SAXBuilder builder = new SAXBuilder();
        builder.setExpandEntities(false);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        return builder;
    }
}
