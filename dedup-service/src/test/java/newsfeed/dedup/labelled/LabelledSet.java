package newsfeed.dedup.labelled;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import newsfeed.contracts.Json;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;

/**
 * The hand-labelled dedup set, {@code src/test/resources/labelled/dedup-labelled-set.json} (see the README there):
 * posts with, for every paragraph, whether it must be kept or removed, why, and in favour of which post.
 */
public final class LabelledSet {

    public static final String RESOURCE = "/labelled/dedup-labelled-set.json";

    /** A labelled paragraph; {@code reason} and {@code duplicateOf} only for removed ones. */
    public record LabelledParagraph(int position, String text, ParagraphKind kind, boolean removed, String reason,
            String duplicateOf, String category) {

        /** Removed in favour of another post (PUBLISHED_BEFORE or NEAR_DUPLICATE). */
        public boolean crossPost() {
            return removed && !"REPEATED_IN_POST".equals(reason);
        }
    }

    /** A labelled post and the status it must get. */
    public record LabelledPost(NormalizedPost post, String expectStatus, String expectDuplicateOf,
            List<LabelledParagraph> paragraphs) {
    }

    private LabelledSet() {
    }

    /** @return the posts in file order (which is deliberately not publication order) */
    public static List<LabelledPost> load() {
        try (InputStream in = LabelledSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            JsonNode root = Json.mapper().readTree(in);
            List<LabelledPost> posts = new ArrayList<>();
            for (JsonNode node : root.get("posts")) {
                posts.add(post(node));
            }
            return posts;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static LabelledPost post(JsonNode node) {
        String postId = node.get("postId").asText();
        Instant publishedAt = Instant.parse(node.get("publishedAt").asText());
        List<LabelledParagraph> labelled = new ArrayList<>();
        List<Paragraph> paragraphs = new ArrayList<>();
        for (JsonNode p : node.get("paragraphs")) {
            int position = paragraphs.size();
            ParagraphKind kind = ParagraphKind.valueOf(text(p, "kind", "text").toUpperCase(Locale.ROOT));
            String text = p.get("text").asText();
            boolean removed = "removed".equals(p.get("expect").asText());
            labelled.add(new LabelledParagraph(position, text, kind, removed, text(p, "reason", null),
                    text(p, "duplicateOf", null), text(p, "category", "unlabelled")));
            paragraphs.add(new Paragraph(position, text, kind));
        }
        String source = postId.substring(0, postId.indexOf(':'));
        NormalizedPost post = new NormalizedPost(postId, source, publishedAt, publishedAt, paragraphs.get(0).text(),
                null, paragraphs, List.of(), List.of(), null, text(node, "forwardedFrom", null), 1, false);
        return new LabelledPost(post, text(node, "expectStatus", null), text(node, "expectDuplicateOf", null),
                labelled);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
