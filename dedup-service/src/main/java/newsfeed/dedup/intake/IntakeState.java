package newsfeed.dedup.intake;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the intake remembers of a post: the times it gave it, so that a re-delivered or re-imported post keeps its
 * place in time (and so its decision and revision), and the judge partitions it sent claims to, so that an edited
 * post withdraws its claims from a partition it no longer claims at.
 *
 * @param publishedAt the publication time used for the post
 * @param receivedAt  the first time the post was received
 * @param partitions  the judge partitions holding its claims
 */
public record IntakeState(Instant publishedAt, Instant receivedAt, Set<Integer> partitions) {

    public IntakeState {
        partitions = Set.copyOf(new TreeSet<>(partitions));
    }
}
