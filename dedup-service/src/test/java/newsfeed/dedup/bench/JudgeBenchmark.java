package newsfeed.dedup.bench;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.dedup.claims.Bucket;
import newsfeed.dedup.claims.ClaimJudge;
import newsfeed.dedup.claims.ReferenceClaimJudge;
import newsfeed.dedup.fingerprint.NearDuplicateRule;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.message.Claim;
import newsfeed.dedup.message.Claimant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Cost of judging one claim on a hot MinHash bucket (JMH, one thread): {@code size} claimants of a templated bulletin
 * line ("Pilot boat N reported calm seas ...", near copies that differ in their number, so none removes another), and
 * one more claimant arriving, either the newest (the usual case) or older than all of them (a late import). The
 * baseline, in the same run, is {@link ReferenceClaimJudge}, which re-judges the whole bucket after every claim.
 * Run: {@code ./mvnw -B -Pbench -DskipTests -pl dedup-service -am verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@Threads(1)
public class JudgeBenchmark {

    private static final String CLAIM_KEY = "m0:hot";
    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

    @Param({"25", "100"})
    public int size;

    private final NearDuplicateRule rule = new NearDuplicateRule(NearDuplicateRule.DEFAULT_MIN_JACCARD);
    private final ClaimJudge incremental = new ClaimJudge(rule, 10_000, 10_000_000);
    private final ReferenceClaimJudge reference = new ReferenceClaimJudge(rule);
    private Bucket bucket;
    private Claim newest;
    private Claim oldest;

    @Setup
    public void fill() {
        Bucket filled = null;
        for (int n = 1; n <= size; n++) {
            filled = incremental.apply(filled, new Claim(CLAIM_KEY, claimant(n, n * 60L), false)).bucket();
        }
        bucket = filled;
        newest = new Claim(CLAIM_KEY, claimant(size + 1, (size + 1) * 60L), false);
        oldest = new Claim(CLAIM_KEY, claimant(size + 2, 0), false);
    }

    private static Claimant claimant(int n, long seconds) {
        String key = ParagraphKey.of("Pilot boat " + n + " reported calm seas off the northern cape this morning.");
        return new Claimant("wire:" + n, 1, T0.plusSeconds(seconds), key,
                new ParagraphFingerprinter().fingerprint(key).simHash());
    }

    @Benchmark
    public Object baselineNewest() {
        return reference.apply(bucket, newest);
    }

    @Benchmark
    public Object incrementalNewest() {
        return incremental.apply(bucket, newest);
    }

    @Benchmark
    public Object baselineOldest() {
        return reference.apply(bucket, oldest);
    }

    @Benchmark
    public Object incrementalOldest() {
        return incremental.apply(bucket, oldest);
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(JudgeBenchmark.class.getName() + "\\.").build()).run();
        System.out.printf("%nClaims judged per second on a bucket of near-but-distinct copies, one thread (%s):%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        for (String size : List.of("25", "100")) {
            for (String arrival : List.of("Newest", "Oldest")) {
                double baseline = score(results, "baseline" + arrival, size);
                double score = score(results, "incremental" + arrival, size);
                System.out.printf("  bucket of %3s, arriving %-6s  baseline %,10.0f claims/s   incremental %,10.0f"
                        + " claims/s   %7.1f x baseline%n", size, arrival.toLowerCase(), baseline, score,
                        score / baseline);
            }
        }
    }

    private static double score(Collection<RunResult> results, String benchmark, String size) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + benchmark)
                        && size.equals(r.getParams().getParam("size")))
                .findFirst().orElseThrow().getPrimaryResult().getScore();
    }
}
