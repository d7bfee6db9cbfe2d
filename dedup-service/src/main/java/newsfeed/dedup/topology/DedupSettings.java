package newsfeed.dedup.topology;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import newsfeed.dedup.claims.ClaimJudge;
import newsfeed.dedup.rules.RemovalRules;

/** Settings of the dedup topology ({@code newsfeed.dedup.*}); see the module README for the table. */
@ConfigMapping(prefix = "newsfeed.dedup")
public interface DedupSettings {

    /** Default number of judge partitions. */
    int DEFAULT_CLAIM_PARTITIONS = 3;

    /**
     * How long, in {@code publishedAt} time behind the newest post seen (never ahead of the wall clock; see
     * {@link Watermark}), a paragraph is remembered as published: older state expires, so it stays bounded (DESIGN
     * §5 rule 6).
     */
    @WithDefault("P30D")
    Duration retention();

    /** How often (wall clock) expired state is removed. */
    @WithDefault("PT1M")
    Duration expiryInterval();

    /** Smallest shingle Jaccard similarity of a near copy ({@link RemovalRules}). */
    @WithDefault("" + RemovalRules.DEFAULT_MIN_JACCARD)
    double minJaccard();

    /**
     * Partitions of the claims topic: how many places judge claims, and the most judge tasks that run in parallel.
     * Fixed for the life of the dedup state (it decides where every claim key is judged); changing it needs the
     * application reset.
     */
    @WithDefault("" + DEFAULT_CLAIM_PARTITIONS)
    int claimPartitions();

    /** Most paragraphs compared per claim key and side when looking for near copies and previews. */
    @WithDefault("" + ClaimJudge.DEFAULT_NEAR_CANDIDATES)
    int nearCandidates();

    /**
     * Where the stores keep their state between restarts besides the changelog: {@code rocksdb} (on disk, restored
     * quickly) or {@code memory} (rebuilt from the changelog at every start; for tests and small deployments).
     */
    @WithDefault("rocksdb")
    StoreKind stateStore();

    /** Kinds of state store. */
    enum StoreKind { ROCKSDB, MEMORY }

    /**
     * Plain settings, for tests and the topology builder.
     *
     * @throws IllegalArgumentException naming the setting (its property and environment variable) and the value, for
     *                                  a retention or expiry interval under 1 ms (Kafka Streams schedules nothing
     *                                  shorter; a negative retention expired every paragraph at each expiry), a
     *                                  similarity outside (0, 1], or fewer than 1 claim partition or near candidate
     */
    record Values(Duration retention, Duration expiryInterval, double minJaccard, int claimPartitions,
            int nearCandidates, StoreKind stateStore) {

        public Values {
            require(retention.toMillis() >= 1, "retention", "NEWSFEED_DEDUP_RETENTION", retention,
                    "must be at least 1 ms (ISO-8601, e.g. P30D; a bare number is seconds)");
            require(expiryInterval.toMillis() >= 1, "expiry-interval", "NEWSFEED_DEDUP_EXPIRY_INTERVAL",
                    expiryInterval, "must be at least 1 ms (ISO-8601, e.g. PT1M)");
            require(minJaccard > 0 && minJaccard <= 1, "min-jaccard", "NEWSFEED_DEDUP_MIN_JACCARD", minJaccard,
                    "must lie in (0, 1]");
            require(claimPartitions >= 1, "claim-partitions", "NEWSFEED_DEDUP_CLAIM_PARTITIONS", claimPartitions,
                    "must be at least 1");
            require(nearCandidates >= 1, "near-candidates", "NEWSFEED_DEDUP_NEAR_CANDIDATES", nearCandidates,
                    "must be at least 1");
        }

        private static void require(boolean holds, String key, String variable, Object value, String rule) {
            if (!holds) {
                throw new IllegalArgumentException("newsfeed.dedup." + key + " (" + variable + ") " + rule + ", got "
                        + value);
            }
        }

        public static final Values DEFAULT = new Values(Duration.ofDays(30), Duration.ofMinutes(1),
                RemovalRules.DEFAULT_MIN_JACCARD, DEFAULT_CLAIM_PARTITIONS, ClaimJudge.DEFAULT_NEAR_CANDIDATES,
                StoreKind.ROCKSDB);

        public static Values of(DedupSettings settings) {
            return new Values(settings.retention(), settings.expiryInterval(), settings.minJaccard(),
                    settings.claimPartitions(), settings.nearCandidates(), settings.stateStore());
        }

        public Values withStateStore(StoreKind kind) {
            return new Values(retention, expiryInterval, minJaccard, claimPartitions, nearCandidates, kind);
        }

        public Values withClaimPartitions(int partitions) {
            return new Values(retention, expiryInterval, minJaccard, partitions, nearCandidates, stateStore);
        }

        public Values withNearCandidates(int candidates) {
            return new Values(retention, expiryInterval, minJaccard, claimPartitions, candidates, stateStore);
        }
    }
}
