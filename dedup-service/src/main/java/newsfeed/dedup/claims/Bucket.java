package newsfeed.dedup.claims;

import java.util.List;
import newsfeed.dedup.message.Claimant;
import newsfeed.dedup.message.Match;

/**
 * The state of one claim key: its claimants, earliest first, each with the verdict last sent for it.
 *
 * @param entries sorted by {@link Claimant#ORDER}
 */
public record Bucket(List<Entry> entries) {

    public Bucket {
        entries = List.copyOf(entries);
    }

    /** A claimant and the match last sent for it (null: none). */
    public record Entry(Claimant claimant, Match verdict) {
    }
}
