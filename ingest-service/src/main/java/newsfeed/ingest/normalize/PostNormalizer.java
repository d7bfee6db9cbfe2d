package newsfeed.ingest.normalize;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import newsfeed.contracts.Dateline;
import newsfeed.contracts.InstantRange;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.api.ApiError;
import newsfeed.contracts.text.VisibleText;
import newsfeed.contracts.text.WebLinks;

/**
 * Turns a {@link RawPost} into a {@link NormalizedPost} following DESIGN §4: cleaned text, paragraphs, link-text
 * boilerplate dropped (its URLs kept in {@code links}), {@code Forwarded from X} → {@code forwardedFrom}, dateline,
 * hashtags, elision markers; {@code publishedAt} as {@link PublicationTime} decides it. Thread-safe, and pure but for
 * the clock that caps a receipt time in the future.
 */
public final class PostNormalizer {

    /** Version of these rules, written to every record as {@code normalizerVersion}. */
    public static final int VERSION = 1;

    private final ParagraphRules rules;
    private final Limits limits;
    private final PublicationTime publicationTime;

    /**
     * @param maxBodyChars  longest body accepted, in UTF-16 code units
     * @param maxParagraphs most paragraphs accepted in one post
     */
    public record Limits(int maxBodyChars, int maxParagraphs) {
        /** Defaults of {@code newsfeed.normalizer.max-body-chars} and {@code max-paragraphs}. */
        public static final String DEFAULT_MAX_BODY_CHARS = "1000000";
        public static final String DEFAULT_MAX_PARAGRAPHS = "2000";
        public static final Limits DEFAULT = new Limits(Integer.parseInt(DEFAULT_MAX_BODY_CHARS),
                Integer.parseInt(DEFAULT_MAX_PARAGRAPHS));
    }

    /** A normalizer with the default {@link PublicationTime} (one day's allowance, system clock). */
    public PostNormalizer(ParagraphRules rules, Limits limits) {
        this(rules, limits, PublicationTime.defaults());
    }

    public PostNormalizer(ParagraphRules rules, Limits limits, PublicationTime publicationTime) {
        this.rules = rules;
        this.limits = limits;
        this.publicationTime = publicationTime;
    }

    /**
     * Whether {@link #normalize} would refuse the post for its size ({@link Limits}), asked before a post is accepted
     * so that the client hears it instead of the dead-letter topic. Normalizes only a post that could be above the
     * paragraph limit: one with as many line breaks and {@code <} (where HTML can break a line) as the limit.
     *
     * @return the reason, naming the post, as {@link #normalize} would give it; empty when the post is within limits
     */
    public Optional<String> exceededLimit(RawPost raw) {
        String body = raw.body();
        if (body == null) {
            return Optional.empty();
        }
        if (body.length() > limits.maxBodyChars()) {
            return Optional.of(bodyTooLong(raw.postId(), body));
        }
        long breaks = body.chars().filter(c -> c == '<' || TextCleaner.isLineBreak((char) c)).count();
        if (breaks < limits.maxParagraphs()) {
            return Optional.empty();
        }
        try {
            normalize(raw);
            return Optional.empty();
        } catch (InvalidPostException.LimitExceeded e) {
            return Optional.of(e.getMessage());
        } catch (InvalidPostException e) {
            // another fault, which the normalizer's dead letter names; the API's reader checks the fields
            return Optional.empty();
        }
    }

    private String bodyTooLong(String postId, String body) {
        return "post " + postId + ": body has " + body.length() + " characters, more than the limit of "
                + limits.maxBodyChars();
    }

    /**
     * @throws InvalidPostException if a required field is missing or a limit is exceeded; the message names the post
     *                              and the field
     */
    public NormalizedPost normalize(RawPost raw) {
        String postId = required(raw.postId(), "postId", raw.postId());
        required(raw.source(), "source", postId);
        required(raw.receivedAt(), "receivedAt", postId);
        String body = required(raw.body(), "body", postId);
        if (body.length() > limits.maxBodyChars()) {
            throw new InvalidPostException.LimitExceeded(bodyTooLong(postId, body));
        }

        List<String> links = new ArrayList<>(attributeLinks(raw));
        String text = body;
        if (RawPost.TEXT_HTML.equals(raw.contentType())) {
            HtmlText.Read html = HtmlText.read(body, rules, raw.attributes().get(RawPost.ATTR_CONTENT_BASE));
            text = html.text();
            links.addAll(html.links());
        }
        List<String> parts = Paragraphs.split(TextCleaner.clean(text));
        List<Paragraph> paragraphs = new ArrayList<>(parts.size());
        String forwardedFrom = null;
        for (String part : parts) {
            if (forwardedFrom == null && paragraphs.isEmpty()) {
                String firstLine = part.lines().findFirst().orElse("");
                Optional<String> from = rules.forwardedFrom(firstLine);
                if (from.isPresent()) {
                    forwardedFrom = from.get();
                    part = VisibleText.strip(part.substring(firstLine.length()));
                }
            }
            String block = withoutLinkTexts(part, links);
            for (String paragraph : ParagraphRules.withStandaloneLines(block)) {
                if (!paragraph.isEmpty()) {
                    paragraphs.add(new Paragraph(paragraphs.size(), paragraph, ParagraphRules.kindOf(paragraph)));
                }
            }
        }
        if (paragraphs.size() > limits.maxParagraphs()) {
            throw new InvalidPostException.LimitExceeded("post " + postId + ": " + paragraphs.size()
                    + " paragraphs, more than the limit of " + limits.maxParagraphs());
        }

        Dateline dateline = paragraphs.stream()
                .filter(p -> p.kind() == ParagraphKind.DATELINE)
                .findFirst()
                .flatMap(p -> ParagraphRules.dateline(p.text()))
                .orElse(null);
        List<String> hashtags = ParagraphRules.hashtags(paragraphs.stream().map(Paragraph::text).toList());
        PublicationTime.Decided published = publicationTime.decide(raw, dateline != null ? dateline.date()
                : headline(raw, paragraphs).flatMap(ParagraphRules::headlineDate).map(Dateline::date).orElse(null));
        return new NormalizedPost(postId, raw.source(), published.publishedAt(), published.receivedAt(),
                title(raw, paragraphs), WebLinks.webOrNull(raw.url()), paragraphs, hashtags,
                WebLinks.webOnly(links), dateline, forwardedFrom, VERSION, published.fallback(), published.clamped(),
                published.derived(), zoneAssumed(raw, published), label(raw.attributes().get(RawPost.ATTR_AUTHOR)),
                label(raw.attributes().get(RawPost.ATTR_MEDIA_TYPE)), editedAt(raw));
    }

    /** Whether {@code publishedAt} is the source's date read as UTC for want of a zone (not clamped away). */
    private static boolean zoneAssumed(RawPost raw, PublicationTime.Decided published) {
        return raw.publishedAt() != null && !published.clamped()
                && "true".equals(raw.attributes().get(RawPost.ATTR_ZONE_ASSUMED));
    }

    /**
     * An attribute shown beside the post (author, media type): its text cleaned and on one line (white space runs
     * become one space), cut as a title is ({@link Titles#cap}, 300 characters: a review stored and listed an author
     * of 900,000), or null when it shows nothing ({@link VisibleText}).
     */
    private static String label(String attribute) {
        String line = oneLine(attribute);
        // no-break spaces or blank Braille cells alone are no name either
        return line == null || VisibleText.showsNothing(line) ? null : Titles.cap(VisibleText.strip(line));
    }

    /** An attribute's text cleaned and on one line (white space runs become one space), or null when blank. */
    private static String oneLine(String attribute) {
        if (attribute == null) {
            return null;
        }
        String line = TextCleaner.clean(attribute).replaceAll("\\s+", " ").strip();
        return line.isEmpty() ? null : line;
    }

    /**
     * Why {@link #normalize} would refuse the post for an attribute, asked before a post is accepted (as
     * {@link #exceededLimit}): an {@link RawPost#ATTR_EDITED_AT} that is not an ISO-8601 instant, or lies outside
     * {@link InstantRange}, which the store refuses (accepted, such a post was judged by dedup and then stored nowhere,
     * and a later copy of its paragraphs was removed in its favour).
     *
     * @return the reason, naming the post and the attribute; empty when its attributes are sound
     */
    public static Optional<String> attributeProblem(RawPost raw) {
        String text = raw.attributes().get(RawPost.ATTR_EDITED_AT);
        if (text == null) {
            return Optional.empty();
        }
        String where = "post " + raw.postId() + ": attribute " + RawPost.ATTR_EDITED_AT;
        Instant time;
        try {
            time = Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            return Optional.of(where + " is not an ISO-8601 instant: " + ApiError.quote(text));
        }
        return InstantRange.contains(time) ? Optional.empty()
                : Optional.of(where + " " + time + " must lie " + InstantRange.describe());
    }

    /**
     * The {@link RawPost#ATTR_EDITED_AT} attribute, or null without one.
     *
     * @throws InvalidPostException naming the post and the text, as {@link #attributeProblem} gives it
     */
    private static Instant editedAt(RawPost raw) {
        String text = raw.attributes().get(RawPost.ATTR_EDITED_AT);
        if (text == null) {
            return null;
        }
        attributeProblem(raw).ifPresent(problem -> {
            throw new InvalidPostException(problem);
        });
        return Instant.parse(text.strip());
    }

    /** The links of the {@link RawPost#ATTR_LINKS} attribute, one per line, blank lines ignored. */
    private static List<String> attributeLinks(RawPost raw) {
        String links = raw.attributes().get(RawPost.ATTR_LINKS);
        return links == null ? List.of() : links.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * Drops link-text lines from a paragraph, and a link text closing a line after its sentence
     * ({@link ParagraphRules#linkTextStart}), adding their URLs to {@code links}; returns what remains, trimmed.
     */
    private String withoutLinkTexts(String paragraph, List<String> links) {
        if (rules.isLinkText(paragraph)) {
            links.addAll(ParagraphRules.urls(paragraph));
            return "";
        }
        if (paragraph.indexOf('\n') < 0 && paragraph.indexOf("://") < 0) {
            return paragraph;
        }
        StringBuilder kept = new StringBuilder();
        for (String line : paragraph.split("\n")) {
            // a line inside a block keeps its padding (U+2800 too), which would hide the link text or end its URL
            String bare = VisibleText.strip(line);
            int linkText = rules.linkTextStart(bare);
            if (linkText >= 0) {
                links.addAll(ParagraphRules.urls(bare.substring(linkText)));
                if (linkText == 0) {
                    continue;
                }
                line = VisibleText.strip(bare.substring(0, linkText));
            }
            kept.append(kept.isEmpty() ? "" : "\n").append(line);
        }
        return VisibleText.strip(kept.toString());
    }

    /**
     * The source's title if it has one, else the first paragraph that is not an elision marker; either capped by
     * {@link Titles#cap}.
     */
    private static String title(RawPost raw, List<Paragraph> paragraphs) {
        // shown on one line (a feed's entry title, a card's heading): a first paragraph of two lines too
        return Titles.cap(headline(raw, paragraphs).map(h -> h.replaceAll("\\s+", " ")).orElse(""));
    }

    /** The post's headline, whole: the source's title, or where it has none the first paragraph not an elision. */
    private static Optional<String> headline(RawPost raw, List<Paragraph> paragraphs) {
        String title = oneLine(raw.title());
        if (!VisibleText.showsNothing(title)) {
            return Optional.of(VisibleText.strip(title));
        }
        return paragraphs.stream()
                .filter(p -> p.kind() != ParagraphKind.ELISION)
                .map(Paragraph::text)
                .findFirst();
    }

    private static <T> T required(T value, String field, String postId) {
        if (value == null || (value instanceof String s && VisibleText.isBlank(s) && !"body".equals(field))) {
            throw new InvalidPostException("post " + (postId == null ? "(no postId)" : postId) + ": " + field
                    + " is required");
        }
        return value;
    }
}
