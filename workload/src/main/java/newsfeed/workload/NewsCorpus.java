package newsfeed.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic stream of news posts shaped like the real channel dumps, with planted repeats whose answer is known:
 * the input of the dedup volume tests and of the pipeline benchmark.
 *
 * <p>Each post is a headline, {@link Settings#contentParagraphs} paragraphs of {@link Settings#minWords}–{@link
 * Settings#maxWords} words, a {@value #READ_IN_FULL} line, and then its first {@link Settings#repeatedInBody}
 * paragraphs again (the preview-then-full-text shape of the seed dump). Words come from a {@link ZipfVocabulary} of
 * {@link Settings#vocabularySize} pseudo-words (frequent words short, as in natural language), with a few number
 * tokens (fact tokens: a near copy never changes them); a share of the paragraphs opens with one of a few shared
 * 8-word templates, the way agencies open bulletins alike. These are what fill locality-sensitive buckets: shared
 * openings and frequent words.
 *
 * <p>Planted repeats, on a fixed schedule so that their counts are exact:
 * <ul>
 *   <li>every {@link Settings#verbatimEvery}-th post repeats, verbatim, one original paragraph of the post
 *       {@link Settings#verbatimDistance} before it;</li>
 *   <li>every {@link Settings#nearEvery}-th post carries a copy, one word changed, of an original paragraph of the
 *       post {@link Settings#nearDistance} before it.</li>
 * </ul>
 * Only original paragraphs are copied (never a planted one), so the expected {@code duplicateOf} of every planted
 * repeat is the post it was copied from, and no other paragraph has an earlier copy. Posts are published in index
 * order, {@link Settings#spacing} apart. The same settings always give the same corpus.
 */
public final class NewsCorpus {

    /** The link-text line between a post's paragraphs and their repetition; the normalizer drops it. */
    public static final String READ_IN_FULL = "Read in full";

    /**
     * @param posts             how many posts
     * @param seed              the random seed: the same seed gives the same corpus
     * @param vocabularySize    distinct words
     * @param zipfExponent      exponent s of the Zipf law of word frequencies (1.0 for natural language)
     * @param templates         how many shared paragraph openings
     * @param templateWords     words in each opening
     * @param templatedShare    share of original paragraphs that open with a template, in [0, 1]
     * @param contentParagraphs paragraphs per post, after the headline
     * @param minWords          fewest words of a paragraph; at least 15, or a one-word edit scores below dedup's
     *                          0.60 shingle Jaccard threshold of a near copy
     * @param maxWords          most words of a paragraph
     * @param repeatedInBody    how many of the first paragraphs are repeated after the {@value #READ_IN_FULL} line
     * @param verbatimEvery     every how many posts a verbatim repeat is planted (0: none)
     * @param verbatimDistance  how many posts back its original is
     * @param nearEvery         every how many posts a near copy is planted (0: none)
     * @param nearDistance      how many posts back its original is
     * @param firstPublished    publication time of post 0
     * @param spacing           time between two posts' publication
     */
    public record Settings(int posts, long seed, int vocabularySize, double zipfExponent, int templates,
            int templateWords, double templatedShare, int contentParagraphs, int minWords, int maxWords,
            int repeatedInBody, int verbatimEvery, int verbatimDistance, int nearEvery, int nearDistance,
            Instant firstPublished, Duration spacing) {

        public Settings {
            if (posts < 0 || vocabularySize < 10 || templates < 1 || templateWords < 1 || contentParagraphs < 1
                    || minWords < 15 || maxWords < minWords || repeatedInBody < 0
                    || repeatedInBody > contentParagraphs || verbatimEvery < 0 || nearEvery < 0
                    || verbatimDistance < 1 || nearDistance < 1 || !(templatedShare >= 0 && templatedShare <= 1)) {
                throw new IllegalArgumentException("invalid corpus settings: " + this);
            }
        }

        /**
         * The shape the benchmark and the volume tests use: 30,000 words (Zipf, s = 1), 20 templates of 8 words
         * opening 20 % of paragraphs, 6 paragraphs of 18–40 words, the first 4 repeated; a verbatim repeat from 5
         * posts back in 10 % of posts, a one-word-changed copy from 3 posts back in 5 %; one post a minute, the last
         * one published at {@code lastPublished}.
         */
        public static Settings standard(int posts, long seed, Instant lastPublished) {
            Duration spacing = Duration.ofMinutes(1);
            return new Settings(posts, seed, 30_000, 1.0, 20, 8, 0.2, 6, 18, 40, 4, 10, 5, 20, 3,
                    lastPublished.minus(spacing.multipliedBy(Math.max(0, posts - 1))), spacing);
        }

        public Settings withVocabulary(int size) {
            return new Settings(posts, seed, size, zipfExponent, templates, templateWords, templatedShare,
                    contentParagraphs, minWords, maxWords, repeatedInBody, verbatimEvery, verbatimDistance, nearEvery,
                    nearDistance, firstPublished, spacing);
        }

        public Settings withTemplates(int count, double share) {
            return new Settings(posts, seed, vocabularySize, zipfExponent, count, templateWords, share,
                    contentParagraphs, minWords, maxWords, repeatedInBody, verbatimEvery, verbatimDistance, nearEvery,
                    nearDistance, firstPublished, spacing);
        }
    }

    /** What a planted repeat copies. */
    public enum RepeatKind {
        /** The same text. */
        VERBATIM,
        /** The same text with one word changed. */
        NEAR
    }

    /**
     * A planted repeat: paragraph {@code paragraph} of post {@code post} copies paragraph {@code originalParagraph}
     * of post {@code originalPost}. Paragraph indexes count the content paragraphs from 0, headline excluded.
     */
    public record Planted(int post, int paragraph, RepeatKind kind, int originalPost, int originalParagraph) {
    }

    /**
     * One post.
     *
     * @param index       its place in the stream, from 0
     * @param publishedAt its publication time
     * @param headline    its first line
     * @param paragraphs  its content paragraphs, each once
     */
    public record Post(int index, Instant publishedAt, String headline, List<String> paragraphs, int repeatedInBody) {

        public Post {
            paragraphs = List.copyOf(paragraphs);
        }

        /** The post's text as a channel dump shows it: blank lines between paragraphs. */
        public String body() {
            return String.join("\n\n", lines());
        }

        /**
         * The paragraphs the normalizer makes of {@link #body()}: the headline, the content paragraphs and their
         * repetition; the {@value #READ_IN_FULL} line is dropped.
         */
        public List<String> normalizedParagraphs() {
            List<String> all = new ArrayList<>();
            all.add(headline);
            all.addAll(paragraphs);
            all.addAll(paragraphs.subList(0, repeatedInBody));
            return all;
        }

        /** The position of content paragraph {@code paragraph} among {@link #normalizedParagraphs()}. */
        public static int normalizedPosition(int paragraph) {
            return paragraph + 1;
        }

        private List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(headline);
            lines.addAll(paragraphs);
            lines.add(READ_IN_FULL);
            lines.addAll(paragraphs.subList(0, repeatedInBody));
            return lines;
        }
    }

    private final Settings settings;
    private final List<Post> posts;
    private final List<Planted> planted;

    private NewsCorpus(Settings settings, List<Post> posts, List<Planted> planted) {
        this.settings = settings;
        this.posts = List.copyOf(posts);
        this.planted = List.copyOf(planted);
    }

    public static NewsCorpus generate(Settings settings) {
        return new Generator(settings).run();
    }

    public Settings settings() {
        return settings;
    }

    /** The posts, in publication order. */
    public List<Post> posts() {
        return posts;
    }

    /** The planted repeats, by post. */
    public List<Planted> planted() {
        return planted;
    }

    public long count(RepeatKind kind) {
        return planted.stream().filter(p -> p.kind() == kind).count();
    }

    private static final class Generator {

        private final Settings settings;
        private final SplittableRandom random;
        private final ZipfVocabulary vocabulary;
        private final List<List<String>> templates = new ArrayList<>();
        private final Set<String> headlines = new HashSet<>();

        Generator(Settings settings) {
            this.settings = settings;
            this.random = new SplittableRandom(settings.seed());
            this.vocabulary = new ZipfVocabulary(settings.vocabularySize(), settings.zipfExponent(),
                    random.nextLong());
            for (int t = 0; t < settings.templates(); t++) {
                List<String> words = new ArrayList<>();
                for (int w = 0; w < settings.templateWords(); w++) {
                    words.add(vocabulary.sample(random));
                }
                templates.add(words);
            }
        }

        NewsCorpus run() {
            List<Post> posts = new ArrayList<>(settings.posts());
            List<Planted> planted = new ArrayList<>();
            // which content paragraphs of each post are originals (not planted), so that only those are copied
            List<boolean[]> original = new ArrayList<>(settings.posts());
            for (int i = 0; i < settings.posts(); i++) {
                List<String> paragraphs = new ArrayList<>();
                boolean[] isOriginal = new boolean[settings.contentParagraphs()];
                for (int p = 0; p < settings.contentParagraphs(); p++) {
                    paragraphs.add(paragraph());
                    isOriginal[p] = true;
                }
                List<Integer> free = new ArrayList<>();
                for (int p = 0; p < paragraphs.size(); p++) {
                    free.add(p);
                }
                Collections.shuffle(free, new java.util.Random(random.nextLong()));
                if (schedule(i, settings.verbatimEvery(), settings.verbatimDistance(), 5)) {
                    int from = i - settings.verbatimDistance();
                    int source = pickOriginal(original.get(from));
                    int at = free.remove(0);
                    paragraphs.set(at, posts.get(from).paragraphs().get(source));
                    isOriginal[at] = false;
                    planted.add(new Planted(i, at, RepeatKind.VERBATIM, from, source));
                }
                if (schedule(i, settings.nearEvery(), settings.nearDistance(), 13)) {
                    int from = i - settings.nearDistance();
                    int source = pickOriginal(original.get(from));
                    int at = free.remove(0);
                    paragraphs.set(at, oneWordChanged(posts.get(from).paragraphs().get(source)));
                    isOriginal[at] = false;
                    planted.add(new Planted(i, at, RepeatKind.NEAR, from, source));
                }
                Instant publishedAt = settings.firstPublished().plus(settings.spacing().multipliedBy(i));
                posts.add(new Post(i, publishedAt, headline(), paragraphs, settings.repeatedInBody()));
                original.add(isOriginal);
            }
            return new NewsCorpus(settings, posts, planted);
        }

        /** Whether post {@code i} gets a repeat of this kind: every {@code every}-th post, at its own offset. */
        private static boolean schedule(int i, int every, int distance, int offset) {
            return every > 0 && i >= distance && i % every == offset % every;
        }

        private int pickOriginal(boolean[] isOriginal) {
            List<Integer> originals = new ArrayList<>();
            for (int p = 0; p < isOriginal.length; p++) {
                if (isOriginal[p]) {
                    originals.add(p);
                }
            }
            return originals.get(random.nextInt(originals.size()));
        }

        private String headline() {
            while (true) {
                int words = 6 + random.nextInt(7);
                List<String> out = new ArrayList<>();
                for (int w = 0; w < words; w++) {
                    out.add(vocabulary.sample(random));
                }
                String headline = capitalized(String.join(" ", out));
                if (headlines.add(headline)) {
                    return headline;
                }
            }
        }

        /** One to three sentences, {@code minWords}–{@code maxWords} words in all, perhaps opening with a template. */
        private String paragraph() {
            int words = settings.minWords() + random.nextInt(settings.maxWords() - settings.minWords() + 1);
            List<String> tokens = new ArrayList<>(words);
            if (random.nextDouble() < settings.templatedShare()) {
                tokens.addAll(templates.get(random.nextInt(templates.size())));
            }
            while (tokens.size() < words) {
                tokens.add(random.nextInt(50) == 0 ? number() : vocabulary.sample(random));
            }
            StringBuilder text = new StringBuilder();
            boolean sentenceStart = true;
            for (int t = 0; t < tokens.size(); t++) {
                String token = tokens.get(t);
                if (t > 0) {
                    text.append(' ');
                }
                text.append(sentenceStart ? capitalized(token) : token);
                sentenceStart = false;
                boolean last = t == tokens.size() - 1;
                if (last || (t >= 8 && tokens.size() - t > 8 && random.nextInt(12) == 0)) {
                    text.append('.');
                    sentenceStart = true;
                } else if (random.nextInt(14) == 0) {
                    text.append(',');
                }
            }
            return text.toString();
        }

        private String number() {
            return switch (random.nextInt(3)) {
                case 0 -> Integer.toString(2 + random.nextInt(98));
                case 1 -> (1 + random.nextInt(40)) + "." + random.nextInt(10) + "%";
                default -> Integer.toString(1990 + random.nextInt(40));
            };
        }

        /** The paragraph with one word (never a number) replaced by another word, punctuation kept. */
        private String oneWordChanged(String paragraph) {
            String[] tokens = paragraph.split(" ");
            while (true) {
                int at = random.nextInt(tokens.length);
                String token = tokens[at];
                int end = token.length();
                while (end > 0 && !Character.isLetterOrDigit(token.charAt(end - 1))) {
                    end--;
                }
                String word = token.substring(0, end);
                if (word.isEmpty() || word.chars().anyMatch(Character::isDigit)) {
                    continue;
                }
                String replacement = vocabulary.sample(random);
                if (replacement.equalsIgnoreCase(word)) {
                    continue;
                }
                if (Character.isUpperCase(word.charAt(0))) {
                    replacement = capitalized(replacement);
                }
                tokens[at] = replacement + token.substring(end);
                return String.join(" ", tokens);
            }
        }

        private static String capitalized(String text) {
            return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
    }
}
