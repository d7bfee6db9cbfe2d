package newsfeed.dedup.intake;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import newsfeed.contracts.NormalizedPost;
import newsfeed.dedup.topology.Watermark;

/**
 * What the intake remembers of a post: the times it gave it, so that a re-delivered or re-imported post keeps its
 * place in time (and so its decision and revision), and the judge partitions it sent claims to, so that an edited
 * post withdraws its claims from a partition it no longer claims at.
 *
 * @param publishedAt the publication time used for the post
 * @param receivedAt  the first time the post was received
 * @param partitions  the judge partitions holding its claims
 * @param dating      where {@code publishedAt} came from; null in states written before it was kept
 */
public record IntakeState(Instant publishedAt, Instant receivedAt, Set<Integer> partitions, Dating dating) {

    public IntakeState {
        partitions = Set.copyOf(new TreeSet<>(partitions));
    }

    /** The time the post is remembered by ({@link Watermark#memoryTime}): its time index entry. */
    public Instant keptFrom() {
        return Watermark.memoryTime(publishedAt, receivedAt);
    }

    /**
     * The flags of {@link NormalizedPost} that say where its {@code publishedAt} came from, kept with the date so that
     * an edit that takes the date takes them too.
     */
    public record Dating(boolean fallback, boolean clamped, boolean derived, boolean zoneAssumed) {

        /** The dating of {@code post}'s {@code publishedAt}. */
        public static Dating of(NormalizedPost post) {
            return new Dating(post.publishedAtFallback(), post.publishedAtClamped(), post.publishedAtDerived(),
                    post.publishedAtZoneAssumed());
        }
    }
}
