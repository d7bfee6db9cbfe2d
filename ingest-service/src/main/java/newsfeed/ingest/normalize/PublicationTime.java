package newsfeed.ingest.normalize;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import newsfeed.contracts.Dateline;
import newsfeed.contracts.RawPost;

/**
 * Decides a post's {@code publishedAt} (DESIGN §4): the source's own time, else the dateline's date at 00:00 UTC, else
 * the receipt time; and a time later than the receipt plus the allowance is clamped to the receipt time. A client
 * chooses {@code publishedAt}; a date in year 9999 would otherwise head every listing forever and, downstream, stand
 * as the newest post dedup ever saw. Thread-safe.
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
     * @param clamped     the date given lay beyond the allowance: {@code publishedAt} is the receipt time
     */
    public record Decided(Instant publishedAt, boolean fallback, boolean clamped) {
    }

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
     * @param raw      the post as received; {@code receivedAt} must be set
     * @param dateline the post's first dateline, or null
     */
    public Decided decide(RawPost raw, Dateline dateline) {
        Instant now = clock.instant();
        Instant receipt = raw.receivedAt().isAfter(now) ? now : raw.receivedAt();
        Instant given = raw.publishedAt() != null ? raw.publishedAt()
                : dateline != null ? dateline.date().atStartOfDay(ZoneOffset.UTC).toInstant()
                : null;
        if (given == null) {
            return new Decided(receipt, true, false);
        }
        if (given.isAfter(receipt.plus(futureAllowance))) {
            return new Decided(receipt, false, true);
        }
        return new Decided(given, false, false);
    }
}
