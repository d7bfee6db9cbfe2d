package newsfeed.contracts;

import java.time.Instant;

/**
 * The instants the pipeline keeps as given: from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z, the years
 * RFC 3339 (§5.6) writes with its four digits, which the Atom output and the APIs use, to the microsecond that
 * PostgreSQL keeps (it rounds a finer time: 9999-12-31T23:59:59.999999999Z read back as +10000-01-01T00:00:00Z, a
 * review found). PostgreSQL's range (4713 BC to 294276 AD) holds them all; outside it PostgreSQL stores
 * {@code -infinity} or refuses the value. Ingest clamps a publication time outside this range and refuses an edit time
 * outside it; the store's API refuses a time parameter outside it.
 */
public final class InstantRange {

    /** The first instant kept: 0001-01-01T00:00:00Z. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** The last instant kept: 9999-12-31T23:59:59.999999Z. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private InstantRange() {
    }

    /** Whether {@code instant} lies from {@link #EARLIEST} to {@link #LATEST}, both included. */
    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** The range in words for an error detail: {@code from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z}. */
    public static String describe() {
        return "from " + EARLIEST + " to " + LATEST;
    }
}
