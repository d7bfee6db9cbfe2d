package newsfeed.dedup.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A helper's trial: {@code NEWSFEED_DEDUP_RETENTION=-P30D} started with health UP (every paragraph would expire at
 * each expiry), and {@code NEWSFEED_DEDUP_EXPIRY_INTERVAL=0s} started and then stopped the stream in ERROR with
 * Kafka's "minimum supported scheduling interval" and no setting named.
 */
class DedupSettingsTest {

    private static final DedupSettings.Values D = DedupSettings.Values.DEFAULT;

    @Test
    void aSettingOutOfRangeIsRefusedByName() {
        assertThatThrownBy(() -> new DedupSettings.Values(Duration.ofDays(-30), D.expiryInterval(), D.minJaccard(),
                D.claimPartitions(), D.nearCandidates(), D.stateStore()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("newsfeed.dedup.retention (NEWSFEED_DEDUP_RETENTION) must be at least 1 ms (ISO-8601, "
                        + "e.g. P30D; a bare number is seconds), got PT-720H");
        assertThatThrownBy(() -> new DedupSettings.Values(D.retention(), Duration.ZERO, D.minJaccard(),
                D.claimPartitions(), D.nearCandidates(), D.stateStore()))
                .hasMessage("newsfeed.dedup.expiry-interval (NEWSFEED_DEDUP_EXPIRY_INTERVAL) must be at least 1 ms "
                        + "(ISO-8601, e.g. PT1M), got PT0S");
        assertThatThrownBy(() -> new DedupSettings.Values(D.retention(), D.expiryInterval(), 1.5,
                D.claimPartitions(), D.nearCandidates(), D.stateStore()))
                .hasMessage("newsfeed.dedup.min-jaccard (NEWSFEED_DEDUP_MIN_JACCARD) must lie in (0, 1], got 1.5");
        assertThatThrownBy(() -> D.withClaimPartitions(0))
                .hasMessage("newsfeed.dedup.claim-partitions (NEWSFEED_DEDUP_CLAIM_PARTITIONS) must be at least 1, "
                        + "got 0");
        assertThatThrownBy(() -> D.withNearCandidates(-1))
                .hasMessage("newsfeed.dedup.near-candidates (NEWSFEED_DEDUP_NEAR_CANDIDATES) must be at least 1, "
                        + "got -1");
    }

    @Test
    void theDefaultsAndTheSmallestValuesAreTaken() {
        assertThat(D.retention()).isEqualTo(Duration.ofDays(30));
        DedupSettings.Values smallest = new DedupSettings.Values(Duration.ofMillis(1), Duration.ofMillis(1), 1.0, 1, 1,
                D.stateStore());
        assertThat(smallest.claimPartitions()).isEqualTo(1);
    }
}
