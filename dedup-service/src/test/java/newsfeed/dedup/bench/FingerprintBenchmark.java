package newsfeed.dedup.bench;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.fingerprint.ParagraphSignature;
import newsfeed.dedup.fingerprint.Shingles;
import newsfeed.dedup.labelled.LabelledSet;
import newsfeed.workload.NewsCorpus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Per-paragraph cost of dedup's first step, on one thread (JMH; one operation = one paragraph of the labelled set,
 * taken in turn): the dedup key; the key and its shingles; the key with the signature the intake computes (exact
 * fingerprint, head, middle and tail claim keys, shingle count, fact hash). The baseline, in the same run, is the JDK's NFC
 * normalization and lower-casing of the same paragraphs, so the figures read as "so many times the cost of
 * touching the text once". The same two on the paragraphs of 2,000 {@code workload} posts (the pipeline benchmark's
 * text model: Latin letters, where the labelled set is mostly Cyrillic) against their own baseline, since the word
 * rules take another path for each script ({@code FactTokens}). Run:
 * {@code ./mvnw -B -Pbench -DskipTests -pl dedup-service -am verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class FingerprintBenchmark {

    private final ParagraphFingerprinter fingerprinter = new ParagraphFingerprinter();
    private String[] paragraphs;
    private int next;
    private String[] workloadParagraphs;
    private int nextWorkload;

    @Setup
    public void load() {
        List<String> texts = new ArrayList<>();
        LabelledSet.load().forEach(post -> post.paragraphs().forEach(p -> texts.add(p.text())));
        paragraphs = texts.toArray(String[]::new);
        List<String> workload = new ArrayList<>();
        NewsCorpus.generate(NewsCorpus.Settings.standard(2_000, 42, Instant.parse("2026-12-01T00:00:00Z"))).posts()
                .forEach(post -> workload.addAll(post.normalizedParagraphs()));
        workloadParagraphs = workload.toArray(String[]::new);
    }

    private String nextWorkloadParagraph() {
        String paragraph = workloadParagraphs[nextWorkload];
        nextWorkload = nextWorkload + 1 == workloadParagraphs.length ? 0 : nextWorkload + 1;
        return paragraph;
    }

    private String nextParagraph() {
        String paragraph = paragraphs[next];
        next = next + 1 == paragraphs.length ? 0 : next + 1;
        return paragraph;
    }

    @Benchmark
    public String baselineNfcLowerCase() {
        return Normalizer.normalize(nextParagraph(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    @Benchmark
    public String key() {
        return ParagraphKey.of(nextParagraph());
    }

    @Benchmark
    public long[] keyAndShingles() {
        return Shingles.of(ParagraphKey.of(nextParagraph()));
    }

    @Benchmark
    public ParagraphSignature keyAndSignature() {
        String key = ParagraphKey.of(nextParagraph());
        return key.isEmpty() ? null : fingerprinter.fingerprint(key);
    }

    @Benchmark
    public String workloadBaselineNfcLowerCase() {
        return Normalizer.normalize(nextWorkloadParagraph(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    @Benchmark
    public ParagraphSignature workloadKeyAndSignature() {
        String key = ParagraphKey.of(nextWorkloadParagraph());
        return key.isEmpty() ? null : fingerprinter.fingerprint(key);
    }

    public static void main(String[] args) throws Exception {
        var results = new Runner(new OptionsBuilder().include(FingerprintBenchmark.class.getName() + "\\.").build())
                .run();
        double baseline = score(results, "baselineNfcLowerCase");
        System.out.printf("%nParagraphs per second, one thread (labelled-set paragraphs, %s):%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        for (String benchmark : List.of("baselineNfcLowerCase", "key", "keyAndShingles", "keyAndSignature")) {
            double score = score(results, benchmark);
            System.out.printf("  %-24s %,12.0f paragraphs/s   %6.3f x baseline   %7.2f µs/paragraph%n", benchmark,
                    score, score / baseline, 1e6 / score);
        }
        double workloadBaseline = score(results, "workloadBaselineNfcLowerCase");
        System.out.printf("Paragraphs per second, one thread (workload paragraphs):%n");
        for (String benchmark : List.of("workloadBaselineNfcLowerCase", "workloadKeyAndSignature")) {
            double score = score(results, benchmark);
            System.out.printf("  %-28s %,12.0f paragraphs/s   %6.3f x baseline   %7.2f µs/paragraph%n", benchmark,
                    score, score / workloadBaseline, 1e6 / score);
        }
    }

    private static double score(Collection<RunResult> results, String benchmark) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + benchmark))
                .findFirst().orElseThrow().getPrimaryResult().getScore();
    }
}
