package newsfeed.dedup.intake;

import java.time.Instant;
import java.util.List;
import newsfeed.dedup.message.Claimant;

/**
 * What the intake remembers of a post: the times it gave it and the claims it made, so that a re-delivered or
 * re-imported post keeps its place in time (and so its decision and revision) and an edited post withdraws the
 * claims it no longer makes.
 *
 * @param publishedAt the publication time used for the post
 * @param receivedAt  the first time the post was received
 * @param paragraphs  the candidate paragraphs and their claim keys
 */
public record IntakeState(Instant publishedAt, Instant receivedAt, List<ClaimedParagraph> paragraphs) {

    public IntakeState {
        paragraphs = List.copyOf(paragraphs);
    }

    /** A candidate paragraph and the claim keys it claimed. */
    public record ClaimedParagraph(Claimant claimant, List<String> claimKeys) {
        public ClaimedParagraph {
            claimKeys = List.copyOf(claimKeys);
        }
    }
}
