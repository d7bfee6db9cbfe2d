package newsfeed.contracts;

import java.time.Instant;
import java.util.Comparator;

/**
 * The order of the decisions dedup-service sends for one post, the rule by which a consumer keeps the newest: by
 * revision epoch, then by revision within the epoch. An epoch begins each time dedup-service decides a post it does
 * not remember (the first time, or after its state expired), at revision 1, so a revision alone does not order the
 * decisions of different epochs. A null epoch (a record written before epochs existed) comes before every other.
 *
 * @param epoch    {@link DeduplicatedPost#revisionEpoch()}, or null
 * @param revision {@link DeduplicatedPost#revision()}
 */
public record PostVersion(Instant epoch, int revision) implements Comparable<PostVersion> {

    private static final Comparator<PostVersion> ORDER = Comparator
            .comparing(PostVersion::epoch, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(PostVersion::revision);

    @Override
    public int compareTo(PostVersion other) {
        return ORDER.compare(this, other);
    }

    /** True when a decision of this version replaces one of {@code stored}: it is strictly later. */
    public boolean isNewerThan(PostVersion stored) {
        return compareTo(stored) > 0;
    }
}
