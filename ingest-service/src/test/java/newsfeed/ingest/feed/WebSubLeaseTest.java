package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A feed's WebSub subscription over time, on instants the test chooses: requested, verified (§5.3), renewed at 85 %
 * of the lease (§5.1), failed and retried with back-off, denied (§5.2), lapsed; and the feed's polls spaced out
 * while it is active and back at their interval once it is not.
 */
class WebSubLeaseTest {

    private static final String FEED = "https://news.example/feed.xml";
    private static final String SELF = "https://news.example/self.xml";
    private static final Duration VERIFY = Duration.ofSeconds(60);
    private static final Duration RETRY = Duration.ofMinutes(1);
    private static final Duration MAX_BACKOFF = Duration.ofHours(6);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static WebSubState withHub() {
        WebSubState state = new WebSubState();
        state.discovered(new WebSubDiscovery.Links("https://hub.example/", SELF));
        return state;
    }

    private static String due(WebSubState state, Instant now) {
        return state.subscribeDue(now, FEED, VERIFY, RETRY, MAX_BACKOFF);
    }

    @Test
    void theLeaseIsRenewedAt85PercentAndLapsesWithoutRenewal() {
        WebSubState state = withHub();
        assertThat(due(state, T0)).as("the self link is the topic").isEqualTo(SELF);
        assertThat(state.status().state()).isEqualTo("subscribing");
        assertThat(due(state, T0.plusSeconds(1))).as("one request at a time").isNull();
        assertThat(state.verify("subscribe", SELF, Duration.ofSeconds(3600), T0.plusSeconds(2), 0.85)).isTrue();
        WebSubStatus active = state.status();
        assertThat(active.state()).isEqualTo("active");
        assertThat(active.activeUntil()).isEqualTo(T0.plusSeconds(3602));
        assertThat(active.renewAt()).isEqualTo(T0.plusSeconds(2 + 3060));
        assertThat(WebSubLease.renewAt(T0, Duration.ofDays(10), 0.85)).isEqualTo(T0.plus(Duration.ofHours(204)));

        assertThat(due(state, T0.plusSeconds(3061))).isNull();
        assertThat(due(state, T0.plusSeconds(3062))).as("renewal").isEqualTo(SELF);
        assertThat(state.active(T0.plusSeconds(3062))).as("still active while the renewal waits").isTrue();
        assertThat(state.verify("subscribe", SELF, Duration.ofSeconds(3600), T0.plusSeconds(3063), 0.85)).isTrue();
        assertThat(state.status().activeUntil()).isEqualTo(T0.plusSeconds(3063 + 3600));

        // a renewal the hub never verifies: the lease runs out, the feed goes back to polling and subscribes anew
        Instant renewal = T0.plusSeconds(3063 + 3060);
        assertThat(due(state, renewal)).isEqualTo(SELF);
        assertThat(state.takeResumed()).isFalse();
        Instant end = T0.plusSeconds(3063 + 3600);
        assertThat(state.active(end)).isFalse();
        assertThat(due(state, end)).as("subscribed again at once").isEqualTo(SELF);
        assertThat(state.takeResumed()).as("polling resumes").isTrue();
        assertThat(state.takeResumed()).as("once").isFalse();
        assertThat(state.status().state()).isEqualTo("subscribing");
    }

    @Test
    void failuresAreRetriedWithBackOffWhileTheFeedIsPolled() {
        WebSubState state = withHub();
        assertThat(due(state, T0)).isEqualTo(SELF);
        state.failed(T0, "hub answered HTTP 500", RETRY, MAX_BACKOFF);
        WebSubStatus failed = state.status();
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.reason()).isEqualTo("hub answered HTTP 500");
        assertThat(failed.nextAttemptAt()).isEqualTo(T0.plus(RETRY));
        assertThat(due(state, T0.plusSeconds(59))).isNull();
        assertThat(due(state, T0.plusSeconds(60))).isEqualTo(SELF);
        // no verification within the timeout: second failure, twice the delay
        Instant timedOut = T0.plusSeconds(60).plus(VERIFY);
        assertThat(due(state, timedOut)).isNull();
        assertThat(state.status().reason()).isEqualTo("the hub did not verify the subscription within 60 s");
        assertThat(state.status().failures()).isEqualTo(2);
        assertThat(state.status().nextAttemptAt()).isEqualTo(timedOut.plus(RETRY.multipliedBy(2)));
        List<Duration> delays = List.of(1, 2, 3, 4, 9, 10, 20).stream()
                .map(n -> WebSubLease.retryDelay(n, RETRY, MAX_BACKOFF)).toList();
        assertThat(delays).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), Duration.ofMinutes(256), Duration.ofHours(6), Duration.ofHours(6));
        // verified at last: failures forgotten
        assertThat(due(state, timedOut.plus(RETRY.multipliedBy(2)))).isEqualTo(SELF);
        assertThat(state.verify("subscribe", SELF, Duration.ofDays(1), timedOut.plusSeconds(121), 0.85)).isTrue();
        assertThat(state.status().failures()).isZero();
        assertThat(state.status().reason()).isNull();
    }

    @Test
    void onlyTheRequestedModeAndTopicAreVerified() {
        WebSubState state = withHub();
        assertThat(state.verify("subscribe", SELF, Duration.ofDays(1), T0, 0.85)).as("nothing requested").isFalse();
        assertThat(due(state, T0)).isEqualTo(SELF);
        assertThat(state.verify("subscribe", FEED, Duration.ofDays(1), T0, 0.85)).as("another topic").isFalse();
        assertThat(state.verify("unsubscribe", SELF, Duration.ofDays(1), T0, 0.85)).as("another mode").isFalse();
        assertThat(state.verify(null, SELF, Duration.ofDays(1), T0, 0.85)).isFalse();
        assertThat(state.status().state()).isEqualTo("subscribing");
        assertThat(state.verify("subscribe", SELF, Duration.ofDays(1), T0, 0.85)).isTrue();
    }

    @Test
    void aDenialFailsTheSubscriptionAndHandsTheFeedBackToPolling() {
        WebSubState state = withHub();
        due(state, T0);
        state.verify("subscribe", SELF, Duration.ofDays(1), T0, 0.85);
        assertThat(state.denied(FEED, "not this one", T0.plusSeconds(5), RETRY, MAX_BACKOFF)).isFalse();
        assertThat(state.active(T0.plusSeconds(5))).isTrue();
        assertThat(state.denied(SELF, "topic not allowed", T0.plusSeconds(5), RETRY, MAX_BACKOFF)).isTrue();
        assertThat(state.active(T0.plusSeconds(5))).isFalse();
        assertThat(state.status().state()).isEqualTo("failed");
        assertThat(state.status().reason()).isEqualTo("denied by the hub: topic not allowed");
        assertThat(state.status().nextAttemptAt()).isEqualTo(T0.plusSeconds(5).plus(RETRY));
        assertThat(state.takeResumed()).isTrue();
    }

    @Test
    void aFeedWithoutHubOrWithAnotherHubStartsAfresh() {
        WebSubState state = new WebSubState();
        assertThat(due(state, T0)).as("no hub").isNull();
        assertThat(state.status().state()).isEqualTo("none");
        state.discovered(new WebSubDiscovery.Links("https://hub.example/", null));
        assertThat(due(state, T0)).as("no self: the feed's URL").isEqualTo(FEED);
        state.verify("subscribe", FEED, Duration.ofDays(1), T0, 0.85);
        state.discovered(new WebSubDiscovery.Links("https://hub.example/", null));
        assertThat(state.active(T0.plusSeconds(1))).as("the same links change nothing").isTrue();
        state.discovered(new WebSubDiscovery.Links("https://other-hub.example/", null));
        assertThat(state.active(T0.plusSeconds(1))).isFalse();
        assertThat(state.takeResumed()).isTrue();
        assertThat(due(state, T0.plusSeconds(1))).isEqualTo(FEED);
        assertThat(state.hub()).isEqualTo("https://other-hub.example/");
    }

    @Test
    void aCallbackBaseMustBeAnHttpUrlWithoutQuery() {
        assertThat(WebSubSubscriber.checkedBase("https://ingest.example.org/")).isEqualTo("https://ingest.example.org");
        assertThat(WebSubSubscriber.checkedBase("http://127.0.0.1:8081")).isEqualTo("http://127.0.0.1:8081");
        for (String bad : List.of("ingest.example.org", "ftp://ingest.example.org", "https://ingest.example.org/?a=1",
                "https://ingest.example.org/#x", "https:///nohost", "http://bad host/")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebSubSubscriber.checkedBase(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NEWSFEED_FEEDS_WEBSUB_CALLBACK_BASE").hasMessageContaining(bad);
        }
    }

    @Test
    void anActiveSubscriptionSpacesPollsOutAndItsEndBringsThemBack() {
        FeedState feed = new FeedState(new FeedSubscription("f", FEED, 60, "news", T0), 10, T0);
        FeedState.Pacing pacing = new FeedState.Pacing(MAX_BACKOFF, Duration.ofDays(1), 0, Duration.ofHours(1));
        assertThat(feed.tryStart(T0)).isTrue();
        feed.succeeded(T0, T0, 200, null, null, 1, 0, 1, null, pacing);
        assertThat(feed.status().nextPollAt()).as("no subscription: the interval").isEqualTo(T0.plusSeconds(60));

        due(feed.webSub(), T0);
        feed.webSub().discovered(new WebSubDiscovery.Links("https://hub.example/", null));
        assertThat(due(feed.webSub(), T0)).isEqualTo(FEED);
        feed.webSub().verify("subscribe", FEED, Duration.ofSeconds(7200), T0, 0.85);
        Instant second = T0.plusSeconds(60);
        assertThat(feed.tryStart(second)).isTrue();
        feed.succeeded(second, second, 304, null, null, null, null, 0, null, pacing);
        assertThat(feed.status().nextPollAt()).as("active: the safety net's interval")
                .isEqualTo(second.plus(Duration.ofHours(1)));

        Instant denied = second.plusSeconds(10);
        feed.webSub().denied(FEED, null, denied, RETRY, MAX_BACKOFF);
        assertThat(feed.webSub().takeResumed()).isTrue();
        feed.pollBy(denied.plusSeconds(60));
        assertThat(feed.status().nextPollAt()).isEqualTo(denied.plusSeconds(60));
        assertThat(feed.status().webSub().reason()).isEqualTo("denied by the hub");
    }
}
