package newsfeed.dedup.topology;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import newsfeed.dedup.claims.ClaimJudge;
import newsfeed.dedup.fingerprint.NearDuplicateRule;

/** Settings of the dedup topology ({@code newsfeed.dedup.*}); see the module README for the table. */
@ConfigMapping(prefix = "newsfeed.dedup")
public interface DedupSettings {

    /**
     * How long, in {@code publishedAt} time behind the newest post seen, a paragraph is remembered as published:
     * older claims expire, so state stays bounded (DESIGN §5 rule 6).
     */
    @WithDefault("P30D")
    Duration retention();

    /** How often (wall clock) expired state is removed. */
    @WithDefault("PT1M")
    Duration expiryInterval();

    /** Smallest shingle Jaccard similarity of a near duplicate ({@link NearDuplicateRule}). */
    @WithDefault("" + NearDuplicateRule.DEFAULT_MIN_JACCARD)
    double minJaccard();

    /**
     * Most claimants one claim key's bucket keeps; past it the earliest leave first
     * ({@link newsfeed.dedup.claims.ClaimJudge}).
     */
    @WithDefault("" + ClaimJudge.DEFAULT_MAX_CLAIMANTS)
    int bucketMaxClaimants();

    /** Most characters of paragraph keys one bucket keeps; past it the earliest claimants leave first. */
    @WithDefault("" + ClaimJudge.DEFAULT_MAX_KEY_CHARS)
    int bucketMaxKeyChars();

    /**
     * Where the stores keep their state between restarts besides the changelog: {@code rocksdb} (on disk, restored
     * quickly) or {@code memory} (rebuilt from the changelog at every start; for tests and small deployments).
     */
    @WithDefault("rocksdb")
    StoreKind stateStore();

    /** Kinds of state store. */
    enum StoreKind { ROCKSDB, MEMORY }

    /** Plain settings, for tests and the topology builder. */
    record Values(Duration retention, Duration expiryInterval, double minJaccard, int bucketMaxClaimants,
            int bucketMaxKeyChars, StoreKind stateStore) {

        public static final Values DEFAULT = new Values(Duration.ofDays(30), Duration.ofMinutes(1),
                NearDuplicateRule.DEFAULT_MIN_JACCARD, ClaimJudge.DEFAULT_MAX_CLAIMANTS,
                ClaimJudge.DEFAULT_MAX_KEY_CHARS, StoreKind.ROCKSDB);

        public static Values of(DedupSettings settings) {
            return new Values(settings.retention(), settings.expiryInterval(), settings.minJaccard(),
                    settings.bucketMaxClaimants(), settings.bucketMaxKeyChars(), settings.stateStore());
        }

        public Values withStateStore(StoreKind kind) {
            return new Values(retention, expiryInterval, minJaccard, bucketMaxClaimants, bucketMaxKeyChars, kind);
        }

        public Values withBucketMaxClaimants(int max) {
            return new Values(retention, expiryInterval, minJaccard, max, bucketMaxKeyChars, stateStore);
        }
    }
}
