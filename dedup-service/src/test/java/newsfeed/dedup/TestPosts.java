package newsfeed.dedup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;

/** Normalized posts for tests, with paragraph kinds inferred the way the normalizer assigns them. */
public final class TestPosts {

    private TestPosts() {
    }

    /** Post {@code wire:1} published 2024-07-25T00:00Z with the given paragraphs. */
    public static NormalizedPost post(String... texts) {
        return post("wire:1", Instant.parse("2024-07-25T00:00:00Z"), texts);
    }

    /** A post with the given id, publication time and paragraphs. */
    public static NormalizedPost post(String postId, Instant publishedAt, String... texts) {
        List<Paragraph> paragraphs = new ArrayList<>();
        for (String text : texts) {
            ParagraphKind kind = text.matches("<(…|\\.\\.\\.)>") ? ParagraphKind.ELISION
                    : text.startsWith("📍") ? ParagraphKind.DATELINE
                    : text.startsWith("#") ? ParagraphKind.HASHTAGS : ParagraphKind.TEXT;
            paragraphs.add(new Paragraph(paragraphs.size(), text, kind));
        }
        String source = postId.substring(0, postId.indexOf(':'));
        return new NormalizedPost(postId, source, publishedAt, publishedAt, texts[0], null, paragraphs, List.of(),
                List.of(), null, null, 1, false);
    }
}
