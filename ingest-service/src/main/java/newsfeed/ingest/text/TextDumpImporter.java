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
 * <p>A dump has no post ids, so each post's {@code externalId} is derived from its content: SHA-256 of the dedup
 * key of its first content paragraph and the occurrence number of that paragraph among the dump's posts (0 for the
 * first post that starts with it), 128 bits in hex. Importing the same dump again yields the same ids, so nothing
 * new is stored; a dump that shares posts with an earlier one (a later export of the same channel) reuses their ids.
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
        List<RawPost> raw = new ArrayList<>(posts.size());
        for (int i = 0; i < posts.size(); i++) {
            TextDumpSplitter.DumpPost post = posts.get(i);
            String key = ParagraphKey.of(post.firstParagraph());
            int occurrence = occurrences.merge(key, 1, Integer::sum) - 1;
            String externalId = contentId(key, occurrence);
            raw.add(new RawPost(PostId.of(source, externalId), source, externalId, SourceType.TEXT, receivedAt, null,
                    null, null, RawPost.TEXT_PLAIN, post.body(), Map.of(RawPost.ATTR_DUMP_POSITION, Integer.toString(i))));
        }
        return raw;
    }

    static String contentId(String firstParagraphKey, int occurrence) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(firstParagraphKey.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(Integer.toString(occurrence).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
