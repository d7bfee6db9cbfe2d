package newsfeed.dedup.post;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsfeed.contracts.NormalizedPost;
import newsfeed.contracts.Paragraph;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.RemovalReason;
import newsfeed.contracts.RemovedParagraph;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.dedup.rules.ElisionMarkers;

/**
 * DESIGN §5 rule 1, within one post: a paragraph whose {@link ParagraphKey} repeats an earlier paragraph of the
 * same post is removed ({@link RemovalReason#REPEATED_IN_POST}), whatever its kind, and the elision markers that
 * follow it go with it. A truncated preview ({@code …} at the end, its stem at least
 * {@link ParagraphKey#MIN_PREVIEW_STEM} key characters and a prefix of another paragraph) gives way to the complete
 * copy, wherever that copy stands, and a paragraph standing between the preview and that copy gives way to its own
 * first complete copy after that copy, so that a preview section followed by the full text keeps the full text's
 * order.
 * Pure and thread-safe.
 */
public final class WithinPostDeduplicator {

    /**
     * @param post a normalized post
     * @return the post's paragraphs partitioned into kept positions and removed paragraphs, ascending
     */
    public Decision decide(NormalizedPost post) {
        List<Paragraph> paragraphs = post.paragraphs();
        int n = paragraphs.size();
        String[] keys = new String[n];
        String[] paragraphKeys = new String[n];
        for (Paragraph p : paragraphs) {
            if (p.kind() != ParagraphKind.ELISION) {
                String key = ParagraphKey.of(p.text());
                paragraphKeys[p.position()] = key;
                // A paragraph of symbols only has an empty key; compare it by its text so 👍 and 🔥 stay different.
                keys[p.position()] = key.isEmpty() ? p.text().strip() : key;
            }
        }
        int[] keeper = new int[n];
        for (int i = 0; i < n; i++) {
            keeper[i] = i;
            if (keys[i] != null) {
                keeper[i] = keeperOf(i, keys);
            }
        }
        for (int k = 0; k < n; k++) {
            if (keys[k] != null && keeper[k] == k) {
                int later = copyAfterFullText(k, keys, keeper);
                if (later >= 0) {
                    for (int i = 0; i < n; i++) {
                        if (keeper[i] == k) {
                            keeper[i] = later;
                        }
                    }
                    keeper[later] = later;
                }
            }
        }
        Map<Integer, RemovedParagraph> removed = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (keys[i] != null && keeper[i] != i) {
                removed.put(i, new RemovedParagraph(i, RemovalReason.REPEATED_IN_POST, post.postId(), keeper[i], 1.0));
                removeElisionsOf(i, keeper[i], paragraphs, removed, post.postId());
            }
        }
        List<Integer> kept = new ArrayList<>();
        List<RemovedParagraph> removedInOrder = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (removed.containsKey(i)) {
                removedInOrder.add(removed.get(i));
            } else {
                kept.add(i);
            }
        }
        return new Decision(kept, removedInOrder, Arrays.asList(paragraphKeys));
    }

    /**
     * The paragraph that stands for paragraph {@code i}: the first complete paragraph it is a truncated preview of,
     * else the first paragraph with the same key (a complete one ahead of earlier previews of it).
     */
    private static int keeperOf(int i, String[] keys) {
        String key = keys[i];
        for (int j = 0; j < keys.length; j++) {
            if (j != i && keys[j] != null && !ParagraphKey.isTruncated(keys[j])
                    && ParagraphKey.isPreviewOf(key, keys[j], ParagraphKey.MIN_PREVIEW_STEM)) {
                return keeperOf(j, keys);
            }
        }
        for (int j = 0; j < i; j++) {
            if (key.equals(keys[j])) {
                return j;
            }
        }
        return i;
    }

    /**
     * When paragraph {@code k} stands between a truncated preview and the complete copy that preview gives way to, the
     * first complete copy of {@code k} after that complete copy; else -1. That later copy is kept instead of {@code k}:
     * a preview section ("A", "B…", "C") followed by the full text ("A", "B", "C") then reads A, B, C, not A, C, B.
     */
    private static int copyAfterFullText(int k, String[] keys, int[] keeper) {
        for (int i = 0; i < k; i++) {
            int complete = keeper[i];
            if (complete > k && ParagraphKey.isTruncated(keys[i]) && !ParagraphKey.isTruncated(keys[complete])) {
                for (int m = complete + 1; m < keys.length; m++) {
                    // a later preview of k gives way to k, never the other way round
                    if (keeper[m] == k && !ParagraphKey.isTruncated(keys[m])) {
                        return m;
                    }
                }
            }
        }
        return -1;
    }

    /**
     * Removes the elision markers of paragraph {@code owner} ({@link ElisionMarkers}), pairing them with those of the
     * keeper, or with the keeper itself where it has fewer.
     */
    private static void removeElisionsOf(int owner, int keeper, List<Paragraph> paragraphs,
            Map<Integer, RemovedParagraph> removed, String postId) {
        List<Integer> markers = ElisionMarkers.after(paragraphs, owner);
        List<Integer> keepers = ElisionMarkers.after(paragraphs, keeper);
        for (int i = 0; i < markers.size(); i++) {
            removed.put(markers.get(i), new RemovedParagraph(markers.get(i), RemovalReason.REPEATED_IN_POST, postId,
                    i < keepers.size() ? keepers.get(i) : keeper, 1.0));
        }
    }

    /**
     * @param kept    positions kept, ascending
     * @param removed removed paragraphs, ascending by position
     * @param keys    the {@link ParagraphKey} of each paragraph by position, null for elision markers: computed once
     *                here for the later steps
     */
    public record Decision(List<Integer> kept, List<RemovedParagraph> removed, List<String> keys) {
    }
}
