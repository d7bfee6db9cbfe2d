package newsfeed.ingest.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.PostId;
import newsfeed.contracts.RawPost;
import newsfeed.contracts.SourceType;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.ingest.normalize.TextCleaner;

/**
 * Turns a channel text dump into {@link RawPost}s (DESIGN §3, §4).
 *
 * <p>A dump has no post ids, so each post's {@code externalId} is derived from its content (DESIGN §3): SHA-256 of
 * the dedup key of its first content paragraph and its occurrence number, 128 bits in hex: for a post with a
 * dateline, the dateline's key too and its number among the dump's posts with that paragraph and dateline; for one
 * without, its number among all the dump's posts that start with that paragraph (0 for the first), as before
 * datelines counted.
 * Importing the same dump again yields the same ids, so nothing new is stored; a dump that shares posts with an
 * earlier one (a later export of the same channel) reuses their ids.
 *
 * <p>The dateline is what tells apart the posts of a recurring headline ("Daily briefing by the harbour
 * spokeswoman", one a day): with the headline and the occurrence alone, a later export that no longer held the
 * oldest of them gave each the id of the one before, and its import overwrote those posts (a helper's trial lost the
 * June 3 briefing so). An edit of a post's body keeps its id (a revision); an edit of its headline or dateline makes
 * it another post. Undated posts with the same headline still tell apart by occurrence alone. Ids of undated posts
 * are those of earlier versions; a dated post (a {@code Sept.} dateline is one now too) imported before this rule gets
 * a new id when imported again.
 */
public final class TextDumpImporter {

    private final TextDumpSplitter splitter;

    public TextDumpImporter(TextDumpSplitter splitter) {
        this.splitter = splitter;
    }

    /**
     * @param source     source slug, already validated
     * @param dump       the decoded dump
     * @param receivedAt when the dump was received
     * @return one raw post per post of the dump, in dump order; empty if the dump has no content
     */
    public List<RawPost> toRawPosts(String source, String dump, Instant receivedAt) {
        List<TextDumpSplitter.DumpPost> posts = splitter.split(TextCleaner.clean(dump));
        Map<String, Integer> occurrences = new HashMap<>();
        Map<String, Integer> datedOccurrences = new HashMap<>();
        List<RawPost> raw = new ArrayList<>(posts.size());
        for (int i = 0; i < posts.size(); i++) {
            TextDumpSplitter.DumpPost post = posts.get(i);
            String key = ParagraphKey.of(post.firstParagraph());
            String dateline = post.dateline() == null ? null : ParagraphKey.of(post.dateline());
            // every post counts among those of its first paragraph, as before datelines counted, so that an undated
            // post keeps its id; a dated one counts among those of its first paragraph and dateline too
            int byFirst = occurrences.merge(key, 1, Integer::sum) - 1;
            int occurrence = dateline == null ? byFirst
                    : datedOccurrences.merge(key + '\0' + dateline, 1, Integer::sum) - 1;
            String externalId = contentId(key, dateline, occurrence);
            raw.add(new RawPost(PostId.of(source, externalId), source, externalId, SourceType.TEXT, receivedAt, null,
                    null, null, RawPost.TEXT_PLAIN, post.body(), Map.of(RawPost.ATTR_DUMP_POSITION, Integer.toString(i))));
        }
        return raw;
    }

    /**
     * @param firstParagraphKey the dedup key of the post's first content paragraph
     * @param datelineKey       the dedup key of its dateline paragraph, or null (the id is then the one undated
     *                          posts always had)
     * @param occurrence        how many earlier posts of the dump have the same first paragraph and dateline, or,
     *                          without a dateline, the same first paragraph
     * @return 32 hex digits
     */
    static String contentId(String firstParagraphKey, String datelineKey, int occurrence) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(firstParagraphKey.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            if (datelineKey != null) {
                sha256.update(datelineKey.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            sha256.update(Integer.toString(occurrence).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
