package newsfeed.ingest.normalize;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import newsfeed.contracts.InstantRange;
import newsfeed.contracts.RawPost;

/**
 * Decides a post's {@code publishedAt} (DESIGN §4): the source's own time, else the day the post's text gives (its
 * dateline's date, else a date closing its headline, {@link ParagraphRules#headlineDate}) at 00:00 UTC, else the
 * receipt time; and a time later than the receipt plus the allowance, or earlier than
 * {@link InstantRange#EARLIEST}, is clamped to the receipt time.
 *
 * <p>A day-only date ties every post of that day, and dedup breaks ties between posts by {@code postId}, which for a
 * text dump is a content hash: which of two same-day posts kept a paragraph they share would depend on their text. So
 * a post of a dump gets its position in the dump ({@link RawPost#ATTR_DUMP_POSITION}) added in milliseconds: the
 * dump's order, which is the channel's, decides, and importing the same dump again gives the same times. The undated
 * posts of a dump, which all get the import's receipt time, get their position added in microseconds (PostgreSQL's
 * precision), for the same reason. Every publication time is kept to the microsecond, so that dedup, which compares
 * {@code Instant}s, and the store, which keeps microseconds, order posts alike. A client
 * chooses {@code publishedAt}; a date in year 9999 would otherwise head every listing forever and, downstream, stand
 * as the newest post dedup ever saw. A date before year 1 is clamped too: RFC 3339 (§5.6, the dates of Atom and of
 * this API) writes four-digit years, and PostgreSQL, whose range ends at 4713 BC, stored such a date as
 * {@code -infinity}. Thread-safe.
 */
public final class PublicationTime {

    /** Default of {@code newsfeed.normalizer.future-allowance}: clocks and time zones of sources disagree by hours. */
    public static final String DEFAULT_FUTURE_ALLOWANCE = "P1D";

    /**
     * The publication time a post gets.
     *
     * @param publishedAt when the post was published, as decided
     * @param fallback    the source gave no (parseable) date and the post has no dateline: {@code publishedAt} is the
     *                    receipt time
     * @param clamped     the date given lay beyond the allowance or before {@link InstantRange#EARLIEST}:
     *                    {@code publishedAt} is the receipt time
     * @param derived     {@code publishedAt} is a day the post's text gives (dateline, headline), not the source's time
     * @param receivedAt  the receipt time the post keeps: {@code receivedAt} capped by the clock (a raw record that
     *                    claims to have been received in year 9999 would be remembered by dedup, which keeps a post at
     *                    least the retention after its receipt, for good; a review), to the microsecond
     */
    public record Decided(Instant publishedAt, boolean fallback, boolean clamped, boolean derived,
            Instant receivedAt) {
    }

    /** The largest dump position that counts: its milliseconds keep a post within its day. */
    public static final long MAX_DUMP_POSITION = 86_399_999;

    private final Duration futureAllowance;
    private final Clock clock;

    /**
     * @param futureAllowance how far past its receipt a post may be dated; not negative
     * @param clock           caps the receipt time: {@code receivedAt} is ingest's own stamp, but a raw record that
     *                        claims to have been received in the future must not widen the allowance
     * @throws IllegalArgumentException if {@code futureAllowance} is negative
     */
    public PublicationTime(Duration futureAllowance, Clock clock) {
        if (futureAllowance.isNegative()) {
            throw new IllegalArgumentException("newsfeed.normalizer.future-allowance must not be negative, got "
                    + futureAllowance);
        }
        this.futureAllowance = futureAllowance;
        this.clock = clock;
    }

    /** The default allowance, on the system clock. */
    public static PublicationTime defaults() {
        return new PublicationTime(Duration.parse(DEFAULT_FUTURE_ALLOWANCE), Clock.systemUTC());
    }

    /**
     * @param raw      the post as received; {@code receivedAt} must be set. Its {@link RawPost#ATTR_DUMP_POSITION}
     *                 counts when the date is the text's (milliseconds) or the receipt's for want of a date
     *                 (microseconds): a whole number from 0 to {@value #MAX_DUMP_POSITION}, else it is ignored
     * @param textDate the day the post's text gives (its first dateline, else a date closing its headline), or null
     */
    public Decided decide(RawPost raw, LocalDate textDate) {
        Instant now = clock.instant();
        Instant receipt = raw.receivedAt().isAfter(now) ? now : raw.receivedAt();
        boolean derived = raw.publishedAt() == null && textDate != null;
        Instant given = raw.publishedAt() != null ? raw.publishedAt()
                : derived ? textDate.atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis(dumpPosition(raw))
                : null;
        if (given == null) {
            // posts of one import share its receipt time; microseconds keep the dump's order within it
            return new Decided(micros(receipt).plus(dumpPosition(raw), ChronoUnit.MICROS), true, false, false,
                    micros(receipt));
        }
        if (given.isAfter(receipt.plus(futureAllowance)) || given.isBefore(InstantRange.EARLIEST)) {
            return new Decided(micros(receipt), false, true, false, micros(receipt));
        }
        return new Decided(micros(given), false, false, derived, micros(receipt));
    }

    /**
     * {@code instant} to the microsecond, PostgreSQL's precision: dedup ordered two posts by nanoseconds the store
     * could not keep, and the store, seeing them tied, broke the tie by postId the other way (a trial).
     */
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The post's position in its dump, 0 when it has none or an unusable one. */
    private static long dumpPosition(RawPost raw) {
        String position = raw.attributes().get(RawPost.ATTR_DUMP_POSITION);
        if (position == null || position.isEmpty() || position.length() > 8 || !position.chars().allMatch(
                c -> c >= '0' && c <= '9')) {
            return 0;
        }
        long value = Long.parseLong(position);
        return value <= MAX_DUMP_POSITION ? value : 0;
    }
}
