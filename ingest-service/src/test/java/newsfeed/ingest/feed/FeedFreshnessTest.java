package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The freshness lifetime of an answer (RFC 9111 §4.2.1), which polite polling waits for, and the per-host cap. */
class FeedFreshnessTest {

    private static final String DATE = "Thu, 03 Dec 2026 10:00:00 GMT";

    @Test
    void maxAgeThenExpiresMinusDateAndNothingForNoStoreNoCacheOrInvalidValues() {
        assertThat(FeedFetcher.freshFor("public, max-age=600", null, DATE)).isEqualTo(Duration.ofMinutes(10));
        assertThat(FeedFetcher.freshFor("Max-Age=\"60\"", null, null)).isEqualTo(Duration.ofMinutes(1));
        assertThat(FeedFetcher.freshFor("max-age=600", "Thu, 03 Dec 2026 12:00:00 GMT", DATE))
                .as("max-age wins over Expires").isEqualTo(Duration.ofMinutes(10));
        assertThat(FeedFetcher.freshFor(null, "Thu, 03 Dec 2026 12:00:00 GMT", DATE)).isEqualTo(Duration.ofHours(2));
        assertThat(FeedFetcher.freshFor("public", "Thu, 03 Dec 2026 10:30:00 GMT", DATE))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(FeedFetcher.freshFor("no-store, max-age=600", null, DATE)).isNull();
        assertThat(FeedFetcher.freshFor("max-age=600, no-cache", null, DATE)).isNull();
        assertThat(FeedFetcher.freshFor("max-age=soon", "Thu, 03 Dec 2026 12:00:00 GMT", DATE)).isNull();
        assertThat(FeedFetcher.freshFor("max-age=0", null, DATE)).isNull();
        assertThat(FeedFetcher.freshFor(null, "0", DATE)).as("Expires: 0 means expired").isNull();
        assertThat(FeedFetcher.freshFor(null, "Thu, 03 Dec 2026 09:00:00 GMT", DATE)).isNull();
        assertThat(FeedFetcher.freshFor(null, null, DATE)).isNull();
    }

    @Test
    void aHostHasAtMostItsSlotsAndGetsThemBack() {
        HostSlots slots = new HostSlots(2);

        assertThat(slots.tryAcquire("https://feeds.example/a.xml")).isTrue();
        assertThat(slots.tryAcquire("https://FEEDS.example/b.xml")).isTrue();
        assertThat(slots.tryAcquire("https://feeds.example/c.xml")).as("a third of one host").isFalse();
        assertThat(slots.tryAcquire("https://other.example/a.xml")).isTrue();

        slots.release("https://feeds.example/a.xml");
        assertThat(slots.tryAcquire("https://feeds.example/c.xml")).isTrue();
        assertThat(slots.tryAcquire("https://feeds.example/d.xml")).isFalse();
    }
}
