package newsfeed.dedup.claims;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.dedup.fingerprint.ClaimKey;
import newsfeed.dedup.fingerprint.ClaimKind;
import newsfeed.dedup.fingerprint.FactTokens;
import newsfeed.dedup.fingerprint.KeyWords;
import newsfeed.dedup.fingerprint.ParagraphFingerprinter;
import newsfeed.dedup.fingerprint.Shingles;
import newsfeed.dedup.message.ClaimBatch;
import newsfeed.dedup.message.Match;
import newsfeed.dedup.message.ParagraphClaim;
import newsfeed.dedup.message.ParagraphVerdict;
import newsfeed.dedup.message.VerdictBatch;
import newsfeed.dedup.rules.RemovalRules;

/**
 * Judges, in one partition, the paragraphs that share claim keys (DESIGN §5 step 3): for each paragraph, the
 * earliest exact copy, near copy and (for a preview) complete copy among the paragraphs that claim one of its keys
 * here, by {@link RemovalRules}. A verdict depends on the set of paragraphs, not on the order they arrived in: a
 * late-arriving older paragraph corrects the verdicts of the later ones it is a copy of, and a withdrawn paragraph
 * (an edited post) has the verdicts that named it judged again.
 *
 * <p>Cost. A paragraph's arrival reads, once per claim key, the entries next to its own; a bucket of a few entries
 * (the common case) is one iterator. Entries hold what lets most candidates be skipped without reading their text
 * (preview flag, shingle count, fact hash). Exact copies are found without any bound: the first earlier entry of an
 * exact key with the same text is the original, however many copies there are, and a late older copy re-points
 * every later one. Near copies and previews are looked for among at most {@code nearCandidates} compared paragraphs
 * on each side (the nearest in "earlier" order) of a claim key, so that a key every post shares (a template opening,
 * a common ending) costs a bounded amount per arrival. A near copy edited once keeps its head or its tail (and often
 * its middle) from the original, so it meets the original where few others do; the bound only matters when every
 * one of those keys is crowded within it.
 *
 * <p>Not thread-safe: one instance per stream task.
 */
public final class ClaimJudge {

    /**
     * Default most paragraphs compared per claim key and side when looking for near copies and previews. A near copy
     * edited once shares at least one uncrowded key with its original (its middle or its tail when the opening is a
     * template), so a small bound costs no recall on the volume tests.
     */
    public static final int DEFAULT_NEAR_CANDIDATES = 16;

    /** How many entries are read per compared paragraph at most, the others skipped on their entry alone. */
    private static final int ENTRIES_PER_CANDIDATE = 4;

    /** Buckets up to this many entries are read whole, with one iterator. */
    private static final int SMALL_BUCKET = 16;

    /**
     * Most characters of paragraph keys each text cache holds: about 4,000 paragraphs of news length. Bounded by
     * characters, not entries, because a key is a whole paragraph: 4,096 entries of paragraphs of 450,000 characters
     * (within ingest's limits) filled dedup-service's heap.
     */
    static final long TEXT_CACHE_CHARACTERS = 1_000_000;

    private final RemovalRules rules;
    private final int nearCandidates;
    private final Cache<String, long[]> shingleCache = textCache();
    private final Cache<String, List<String>> factCache = textCache();

    /** @param nearCandidates most paragraphs compared per claim key and side for near copies and previews */
    public ClaimJudge(RemovalRules rules, int nearCandidates) {
        if (nearCandidates < 1) {
            throw new IllegalArgumentException("near candidates must be positive, got " + nearCandidates);
        }
        this.rules = rules;
        this.nearCandidates = nearCandidates;
    }

    /**
     * @param verdicts     verdict batches to send, one per post whose verdicts are sent: all paragraphs of the
     *                     batch's post, and those of other posts whose verdict changed
     * @param boundedScans how many looks for near copies or previews stopped at the bound with entries left
     */
    public record Outcome(List<VerdictBatch> verdicts, int boundedScans) {
    }

    /** Applies a post's claims at one partition: withdraws what the post no longer claims, adds what is new. */
    public Outcome apply(JudgeState state, ClaimBatch given) {
        // in flight from an intake of another version, whose fact tokens differ (no negations, no number words)
        ClaimBatch batch = given.factsMadeUnderOtherRules() ? given.withFactsOf(ParagraphFingerprinter::factsHash)
                : given;
        Instant keptFrom = batch.memoryTime();
        Session session = new Session(state, batch.partition());
        Map<Integer, JudgedParagraph> old = state.paragraphsOf(batch.partition(), batch.postId());
        Map<Integer, ParagraphClaim> now = new LinkedHashMap<>();
        batch.claims().forEach(c -> now.put(c.position(), c));
        Instant oldTime = old.isEmpty() ? null : old.values().iterator().next().keptFrom();
        for (JudgedParagraph o : old.values()) {
            ParagraphClaim c = now.get(o.position());
            if (c == null || c.claimId() != o.claimId()) {
                session.withdraw(o);
            }
        }
        List<JudgedParagraph> current = new ArrayList<>();
        for (ParagraphClaim c : now.values()) {
            JudgedParagraph o = old.get(c.position());
            if (o != null && o.claimId() == c.claimId()) {
                current.add(o.keptFrom().equals(keptFrom) ? o : session.keep(o.withKeptFrom(keptFrom)));
            } else {
                current.add(session.add(JudgedParagraph.of(batch.postId(), batch.partition(), batch.publishedAt(),
                        keptFrom, c)));
            }
        }
        session.flush();
        if (oldTime != null && (now.isEmpty() || !oldTime.equals(keptFrom))) {
            state.deleteTime(oldTime, batch.partition(), batch.postId());
        }
        if (!now.isEmpty()) {
            state.putTime(keptFrom, batch.partition(), batch.postId());
        }
        state.refilterIfFull();

        List<VerdictBatch> out = new ArrayList<>();
        if (!current.isEmpty()) {
            List<ParagraphVerdict> verdicts = new ArrayList<>();
            for (JudgedParagraph p : current) {
                verdicts.add(session.latest(p).verdict());
            }
            out.add(new VerdictBatch(batch.postId(), batch.partition(), batch.publishedAt(), verdicts, keptFrom));
        }
        Map<String, List<ParagraphVerdict>> corrections = new LinkedHashMap<>();
        Map<String, JudgedParagraph> corrected = new HashMap<>();
        for (JudgedParagraph p : session.changed()) {
            if (!p.postId().equals(batch.postId())) {
                corrections.computeIfAbsent(p.postId(), k -> new ArrayList<>()).add(p.verdict());
                corrected.put(p.postId(), p);
            }
        }
        corrections.forEach((postId, verdicts) -> out.add(new VerdictBatch(postId, batch.partition(),
                corrected.get(postId).publishedAt(), verdicts, corrected.get(postId).keptFrom())));
        return new Outcome(out, session.boundedScans);
    }

    /**
     * Removes the posts remembered from before {@code cutoff} (published, or received when later); verdicts that name
     * them stand. @return posts removed
     */
    public int expire(JudgeState state, Instant cutoff, int limit) {
        int removed = 0;
        for (JudgeKeys.TimeRef ref : state.publishedBefore(cutoff, limit)) {
            for (JudgedParagraph p : state.paragraphsOf(ref.partition(), ref.postId()).values()) {
                state.delete(p);
            }
            state.deleteTime(ref.publishedAt(), ref.partition(), ref.postId());
            removed++;
        }
        return removed;
    }

    /** One batch's work: the paragraphs read, changed and whose verdict changed. */
    private final class Session {

        private final JudgeState state;
        private final int partition;
        private final Map<String, JudgedParagraph> loaded = new HashMap<>();
        private final Set<String> dirty = new LinkedHashSet<>();
        private final Set<String> changedVerdicts = new LinkedHashSet<>();
        private final Set<String> gone = new HashSet<>();
        private int boundedScans;

        Session(JudgeState state, int partition) {
            this.state = state;
            this.partition = partition;
        }

        JudgedParagraph latest(JudgedParagraph p) {
            JudgedParagraph l = loaded.get(ref(p.postId(), p.position()));
            return l == null ? p : l;
        }

        List<JudgedParagraph> changed() {
            List<JudgedParagraph> out = new ArrayList<>();
            for (String ref : changedVerdicts) {
                if (!gone.contains(ref)) {
                    out.add(loaded.get(ref));
                }
            }
            return out;
        }

        void flush() {
            for (String ref : dirty) {
                if (!gone.contains(ref)) {
                    state.put(loaded.get(ref));
                }
            }
        }

        /**
         * The paragraph an entry stands for, or null when it is gone, or when the entry is stale: it does not
         * describe the paragraph now at that place under that key (which a judge then skips).
         */
        private JudgedParagraph load(ClaimIndexReader.Entry e, ClaimKey key) {
            String ref = ref(e.postId(), e.position());
            if (gone.contains(ref)) {
                return null;
            }
            JudgedParagraph p = loaded.computeIfAbsent(ref, r -> state.paragraph(partition, e.postId(),
                    e.position()));
            return p != null && p.publishedAt().equals(e.publishedAt()) && p.claimKeys().contains(key) ? p : null;
        }

        /**
         * A paragraph claimed again unchanged but remembered from another time (its post was received again after
         * the intake had forgotten it): written with it, its verdict unchanged.
         */
        JudgedParagraph keep(JudgedParagraph p) {
            save(p, false);
            return p;
        }

        private void save(JudgedParagraph p, boolean verdictChanged) {
            String ref = ref(p.postId(), p.position());
            loaded.put(ref, p);
            dirty.add(ref);
            if (verdictChanged) {
                changedVerdicts.add(ref);
            }
        }

        /** Removes a paragraph, then judges again the paragraphs whose verdict named it. */
        void withdraw(JudgedParagraph o) {
            state.delete(o);
            String ref = ref(o.postId(), o.position());
            gone.add(ref);
            loaded.remove(ref);
            Map<String, JudgedParagraph> rejudge = new LinkedHashMap<>();
            for (ClaimKey key : o.claimKeys()) {
                List<ClaimIndexReader.Entry> affected = new ArrayList<>();
                ClaimKey named = key;
                if (key.kind() == ClaimKind.EXACT) {
                    state.visitAfter(key, o, affected::add);
                } else if (key.kind().findsNearCopies()) {
                    affected.addAll(bounded(state.after(key, o, scanLimit())));
                    if (key.kind() == ClaimKind.HEAD) {
                        // the previews that name it as their complete copy, on either side
                        named = key.as(ClaimKind.PREVIEW);
                        ClaimIndexReader.Neighbours previews = state.neighbours(named, o, SMALL_BUCKET, scanLimit());
                        affected.addAll(previews.before());
                        affected.addAll(previews.after());
                    }
                }
                for (ClaimIndexReader.Entry e : affected) {
                    ClaimKey entryKey = e.truncated() && key.kind() == ClaimKind.HEAD ? named : key;
                    JudgedParagraph x = load(e, entryKey);
                    if (x != null && x.names(o.postId(), o.position())) {
                        rejudge.put(ref(x.postId(), x.position()), x);
                    }
                }
            }
            for (JudgedParagraph x : rejudge.values()) {
                JudgedParagraph judged = judge(x, new HashMap<>());
                save(judged, !judged.sameVerdict(x));
            }
        }

        /** Adds a paragraph: judges it, then corrects the later paragraphs it is an earlier copy of. */
        JudgedParagraph add(JudgedParagraph x) {
            String ref = ref(x.postId(), x.position());
            gone.remove(ref);
            // the keys nobody else claims here (most of them) need no lookup: known before x claims them
            Map<ClaimKey, ClaimIndexReader.Neighbours> around = new HashMap<>();
            for (ClaimKey key : x.claimKeys()) {
                if (!state.mayHave(key)) {
                    around.put(key, ClaimIndexReader.Neighbours.NONE);
                }
            }
            state.index(x);
            JudgedParagraph judged = judge(x, around);
            save(judged, true);
            for (ClaimKey key : x.claimKeys()) {
                if (key.kind() == ClaimKind.EXACT) {
                    correctExactCopies(x, key, around.get(key));
                } else if (key.kind().findsNearCopies()) {
                    correctNearCopies(x, key, around.get(key));
                    if (key.kind() == ClaimKind.HEAD) {
                        correctPreviews(x, key.as(ClaimKind.PREVIEW));
                    }
                }
            }
            return loaded.get(ref);
        }

        /** Later exact copies of {@code x} whose original it is now: every one, however many. */
        private void correctExactCopies(JudgedParagraph x, ClaimKey key, ClaimIndexReader.Neighbours around) {
            ClaimIndexReader.Visitor correct = e -> {
                JudgedParagraph y = e.postId().equals(x.postId()) ? null : load(e, key);
                if (y != null && RemovalRules.isExactCopy(x.key(), y.key())
                        && (y.exact() == null || x.isEarlierThan(y.exact()))) {
                    save(y.withVerdict(RemovalRules.exactMatch(x.publishedAt(), x.postId(), x.position()),
                            y.near(), y.preview()), true);
                }
                return true;
            };
            if (around.whole()) {
                around.after().forEach(correct::visit);
            } else {
                state.visitAfter(key, x, correct);
            }
        }

        /** Later near copies of {@code x} among the nearest, whose earliest near copy it is now. */
        private void correctNearCopies(JudgedParagraph x, ClaimKey key, ClaimIndexReader.Neighbours around) {
            if (x.truncated()) {
                return;
            }
            int xWords = KeyWords.count(x.key());
            int compared = 0;
            for (ClaimIndexReader.Entry e : around.after()) {
                if (compared >= nearCandidates) {
                    boundedScans++;
                    break;
                }
                if (e.truncated() || e.postId().equals(x.postId())
                        || !rules.mayBeNearCopy(x.shingles(), x.facts(), xWords, e.shingles(), e.facts(), e.words())) {
                    continue;
                }
                compared++;
                JudgedParagraph y = load(e, key);
                if (y == null || (y.near() != null && !x.isEarlierThan(y.near()))) {
                    continue;
                }
                OptionalDouble similarity = near(x.key(), y.key());
                if (similarity.isPresent()) {
                    save(y.withVerdict(y.exact(), RemovalRules.nearMatch(x.publishedAt(), x.postId(), x.position(),
                            similarity.getAsDouble()), y.preview()), true);
                }
            }
        }

        /** Previews of the complete paragraph {@code x}, on either side, whose earliest complete copy it is now. */
        private void correctPreviews(JudgedParagraph x, ClaimKey previews) {
            for (ClaimIndexReader.Entry e : previewCandidates(previews, x, true)) {
                JudgedParagraph y = load(e, previews);
                if (y == null || (y.preview() != null && !x.isEarlierThan(y.preview()))) {
                    continue;
                }
                OptionalDouble share = RemovalRules.previewOf(y.key(), x.key());
                if (share.isPresent()) {
                    save(y.withVerdict(y.exact(), y.near(), RemovalRules.nearMatch(x.publishedAt(), x.postId(),
                            x.position(), share.getAsDouble())), true);
                }
            }
        }

        /**
         * The verdict of {@code x} from the paragraphs that share its claim keys here.
         *
         * @param around receives the neighbours read per claim key, for the corrections that follow
         */
        private JudgedParagraph judge(JudgedParagraph x, Map<ClaimKey, ClaimIndexReader.Neighbours> around) {
            Match exact = null;
            Match near = null;
            Match preview = null;
            for (ClaimKey key : x.claimKeys()) {
                if (key.kind() == ClaimKind.PREVIEW) {
                    if (RemovalRules.isPreview(x.key())) {
                        ClaimKey complete = key.as(ClaimKind.HEAD);
                        for (ClaimIndexReader.Entry e : previewCandidates(complete, x, false)) {
                            JudgedParagraph y = load(e, complete);
                            OptionalDouble share = y == null ? OptionalDouble.empty()
                                    : RemovalRules.previewOf(x.key(), y.key());
                            if (share.isPresent()) {
                                preview = RemovalRules.earlier(preview, RemovalRules.nearMatch(y.publishedAt(),
                                        y.postId(), y.position(), share.getAsDouble()));
                            }
                        }
                    }
                    continue;
                }
                ClaimIndexReader.Neighbours neighbours = around.computeIfAbsent(key,
                        k -> state.neighbours(k, x, SMALL_BUCKET, scanLimit()));
                if (key.kind() == ClaimKind.EXACT) {
                    exact = earliestExactCopy(x, key, neighbours);
                } else if (!x.truncated()) {
                    near = RemovalRules.earlier(near, earliestNearCopy(x, key, neighbours));
                }
            }
            return x.withVerdict(exact, near, preview);
        }

        /** The earliest earlier paragraph of another post with the same key text, however far back. */
        private Match earliestExactCopy(JudgedParagraph x, ClaimKey key, ClaimIndexReader.Neighbours around) {
            Match[] found = new Match[1];
            ClaimIndexReader.Visitor first = e -> {
                JudgedParagraph y = e.postId().equals(x.postId()) ? null : load(e, key);
                if (y != null && RemovalRules.isExactCopy(y.key(), x.key())) {
                    found[0] = RemovalRules.exactMatch(y.publishedAt(), y.postId(), y.position());
                    return false;
                }
                return true;
            };
            if (around.whole()) {
                for (int i = around.before().size() - 1; i >= 0 && first.visit(around.before().get(i)); i--) {
                    // earliest first: the before list is nearest first
                }
            } else {
                state.visitBeforeEarliestFirst(key, x, first);
            }
            return found[0];
        }

        /** The earliest near copy among the nearest earlier paragraphs under one key. */
        private Match earliestNearCopy(JudgedParagraph x, ClaimKey key, ClaimIndexReader.Neighbours around) {
            Match near = null;
            int xWords = KeyWords.count(x.key());
            int compared = 0;
            for (ClaimIndexReader.Entry e : around.before()) {
                if (compared >= nearCandidates) {
                    boundedScans++;
                    break;
                }
                if (e.truncated() || e.postId().equals(x.postId())
                        || !rules.mayBeNearCopy(e.shingles(), e.facts(), e.words(), x.shingles(), x.facts(), xWords)) {
                    continue;
                }
                compared++;
                JudgedParagraph y = load(e, key);
                OptionalDouble similarity = y == null ? OptionalDouble.empty() : near(y.key(), x.key());
                if (similarity.isPresent()) {
                    near = RemovalRules.earlier(near, RemovalRules.nearMatch(y.publishedAt(), y.postId(),
                            y.position(), similarity.getAsDouble()));
                }
            }
            return near;
        }

        /**
         * Entries of other posts on both sides of {@code x} in {@code bucket} that may be in a preview relation with
         * it: previews shorter than {@code x} when {@code x} is complete ({@code previewsOfX}), complete paragraphs
         * longer than its stem when it is a preview. At most {@code nearCandidates} per side.
         */
        private List<ClaimIndexReader.Entry> previewCandidates(ClaimKey bucket, JudgedParagraph x,
                boolean previewsOfX) {
            int stem = previewsOfX ? 0 : ParagraphKey.truncationStem(x.key()).length();
            ClaimIndexReader.Neighbours around = state.neighbours(bucket, x, SMALL_BUCKET, scanLimit());
            List<ClaimIndexReader.Entry> out = new ArrayList<>();
            for (List<ClaimIndexReader.Entry> side : List.of(around.before(), around.after())) {
                int taken = 0;
                for (ClaimIndexReader.Entry e : side) {
                    if (taken >= nearCandidates) {
                        boundedScans++;
                        break;
                    }
                    boolean fits = previewsOfX ? e.truncated() && e.keyLength() < x.key().length()
                            : !e.truncated() && e.keyLength() > stem;
                    if (fits && !e.postId().equals(x.postId())) {
                        out.add(e);
                        taken++;
                    }
                }
            }
            return out;
        }

        private int scanLimit() {
            return nearCandidates * ENTRIES_PER_CANDIDATE;
        }

        /** Counts a scan that filled its limit. */
        private List<ClaimIndexReader.Entry> bounded(List<ClaimIndexReader.Entry> entries) {
            if (entries.size() >= scanLimit()) {
                boundedScans++;
            }
            return entries;
        }
    }

    private OptionalDouble near(String original, String copy) {
        return rules.nearCopy(original, copy, this::facts, this::shingles);
    }

    private long[] shingles(String key) {
        return shingleCache.get(key, Shingles::of);
    }

    private List<String> facts(String key) {
        return factCache.get(key, FactTokens::of);
    }

    /** For tests: the characters of the paragraph keys both text caches hold. */
    long cachedCharacters() {
        return shingleCache.asMap().keySet().stream().mapToLong(String::length).sum()
                + factCache.asMap().keySet().stream().mapToLong(String::length).sum();
    }

    /**
     * A cache of at most {@link #TEXT_CACHE_CHARACTERS} characters of keys. Its upkeep runs on the caller's thread
     * (the stream thread): the judge is used by one thread, and evictions then happen at once, not on a pool's.
     */
    private static <V> Cache<String, V> textCache() {
        return Caffeine.newBuilder().maximumWeight(TEXT_CACHE_CHARACTERS)
                .weigher((String key, V value) -> key.length()).executor(Runnable::run).build();
    }

    private static String ref(String postId, int position) {
        return position + "\u0000" + postId;
    }
}
