package newsfeed.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import newsfeed.contracts.Dateline;
import newsfeed.contracts.DeduplicatedPost;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.PostStatus;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;

/** Dedup decisions for store tests: paragraphs "P0".."Pn-1", the last {@code repeats} removed as repeats of P1. */
public final class TestDecisions {

    private TestDecisions() {
    }

    public static DeduplicatedPost decision(String postId, Instant publishedAt, int paragraphs, int repeats,
            int revision) {
        return decision(postId, publishedAt, paragraphs, repeats, revision, List.of("Tag", "Другой"));
    }

    /** A decision whose paragraphs are the given texts, none removed, with the given hashtags. */
    public static DeduplicatedPost withTexts(String postId, Instant publishedAt, List<String> hashtags,
            String... texts) {
        List<Paragraph> list = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (String text : texts) {
            kept.add(list.size());
            list.add(new Paragraph(list.size(), text, ParagraphKind.TEXT));
        }
        String source = postId.substring(0, postId.indexOf(':'));
        NormalizedPost post = new NormalizedPost(postId, source, publishedAt, publishedAt, texts[0], null, list,
                hashtags, List.of(), null, null, 1, false);
        return new DeduplicatedPost(post, kept, List.of(), PostStatus.UNIQUE, null, 1);
    }

    /**
     * A decision whose paragraphs 0 and 1 ("Own 0 of id", "Own 1 of id") are kept and paragraphs 2, 3, ... are
     * removed as copies ({@code PUBLISHED_BEFORE}) of the given kept paragraphs, each {@code "postId#position"}.
     */
    public static DeduplicatedPost copying(String postId, Instant publishedAt, int revision, String... copiesOf) {
        List<Paragraph> list = new ArrayList<>();
        List<RemovedParagraph> removed = new ArrayList<>();
        list.add(new Paragraph(0, "Own 0 of " + postId, ParagraphKind.TEXT));
        list.add(new Paragraph(1, "Own 1 of " + postId, ParagraphKind.TEXT));
        for (String copy : copiesOf) {
            int hash = copy.lastIndexOf('#');
            int position = list.size();
            list.add(new Paragraph(position, "Copy of " + copy, ParagraphKind.TEXT));
            removed.add(new RemovedParagraph(position, RemovalReason.PUBLISHED_BEFORE, copy.substring(0, hash),
                    Integer.parseInt(copy.substring(hash + 1)), 1.0));
        }
        String source = postId.substring(0, postId.indexOf(':'));
        NormalizedPost post = new NormalizedPost(postId, source, publishedAt, publishedAt, "Own 0 of " + postId, null,
                list, List.of(), List.of(), null, null, 1, false);
        return new DeduplicatedPost(post, List.of(0, 1), removed, removed.isEmpty() ? PostStatus.UNIQUE
                : PostStatus.PARTIAL, null, revision);
    }

    /** {@link #decision(String, Instant, int, int, int)} with the given hashtags. */
    public static DeduplicatedPost decision(String postId, Instant publishedAt, int paragraphs, int repeats,
            int revision, List<String> hashtags) {
        List<Paragraph> list = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        List<RemovedParagraph> removed = new ArrayList<>();
        for (int i = 0; i < paragraphs; i++) {
            ParagraphKind kind = i == 1 ? ParagraphKind.DATELINE : ParagraphKind.TEXT;
            list.add(new Paragraph(i, i == 1 ? "📍 Port Calder, March 3, 2025" : "P" + i + " of " + postId, kind));
            if (i >= paragraphs - repeats) {
                removed.add(new RemovedParagraph(i, RemovalReason.REPEATED_IN_POST, postId, 0, 1.0));
            } else {
                kept.add(i);
            }
        }
        String source = postId.substring(0, postId.indexOf(':'));
        NormalizedPost post = new NormalizedPost(postId, source, publishedAt, publishedAt.plusSeconds(60),
                "P0 of " + postId, null, list, hashtags, List.of("https://example.org/a"),
                new Dateline("Port Calder", LocalDate.of(2025, 3, 3)), "Harbour Desk", 1, false);
        return new DeduplicatedPost(post, kept, removed, PostStatus.UNIQUE, null, revision);
    }
}
