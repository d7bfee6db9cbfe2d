package newsfeed.ingest.normalize;

import com.ibm.icu.text.Normalizer2;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import newsfeed.contracts.Dateline;
import newsfeed.contracts.ParagraphKind;
import newsfeed.contracts.text.Hashtags;
import newsfeed.contracts.text.ParagraphKey;
import newsfeed.contracts.text.VisibleText;
import org.nibor.autolink.LinkExtractor;
import org.nibor.autolink.LinkSpan;
import org.nibor.autolink.LinkType;

/**
 * Recognises the special lines of a channel post (DESIGN §4): link-text boilerplate, {@code Forwarded from}
 * headers, datelines, hashtag lines and elision markers. Thread-safe; built once from configuration.
 *
 * <p>Every rule runs in time linear in its input and in constant stack depth, whatever the text: a post of a million
 * characters, one run of dots or tags, must not stall or stop the normalizer. Where a regular expression would
 * backtrack over a run (a lazy group before {@code \s*$}) or recurse per repetition (a repeated group, which
 * {@code java.util.regex} matches recursively), the rule is a scan; the expressions that remain only ever meet a
 * bounded stretch of text around fixed literals.
 */
public final class ParagraphRules {

    /**
     * Link texts dropped by default, comma-separated (the default of {@code newsfeed.normalizer.link-texts}); each
     * compares after leading emoji, arrows and a trailing colon are removed.
     */
    public static final String DEFAULT_LINK_TEXTS = "Read in full,Read more,Read the full text,Full text,"
            + "Continue reading,Читать полностью,Читать далее,Подробнее";

    private static final String FORWARDED_PREFIX = "Forwarded from";
    private static final Pattern ELISION = Pattern.compile("^[<\\[(]\\s*(?:…|\\.{3})\\s*[>\\])]$");
    /** A date with the month first, {@code July 25, 2024}, or the day first, {@code 28 июля 2024 года}. */
    private static final String DATE = "(?:(?<month>\\p{L}+\\.?)\\s+(?<day>\\d{1,2}),\\s*(?<year>\\d{4})"
            + "|(?<dayFirst>\\d{1,2})\\s+(?<monthAfter>\\p{L}+\\.?)\\s+(?<yearAfter>\\d{4})(?:\\s*(?:года|г\\.?))?)";
    private static final Pattern DATELINE = Pattern.compile("^📍\\s*(?<place>\\S.*?),\\s*" + DATE + "\\s*$");
    /** The same place and date in parentheses, closing a headline: {@code ... (Vientiane, July 25, 2024)}. */
    private static final Pattern HEADLINE_DATE = Pattern.compile(
            "^\\(\\s*(?<place>[^()]*?\\S),\\s*" + DATE + "\\s*\\)\\s*$");
    /**
     * URLs in plain text, by autolink-java's rules: trailing punctuation ({@code .,:;!?}) and unbalanced closing
     * brackets and quotes stay outside the URL, so {@code Read more: https://example.org/a.} and
     * {@code (https://example.org/b)} give {@code https://example.org/a} and {@code https://example.org/b}.
     */
    private static final LinkExtractor URLS = LinkExtractor.builder().linkTypes(EnumSet.of(LinkType.URL)).build();
    /** The most words a link text has, with a word of decoration before it ({@code 👉 Read the full text}). */
    private static final int MAX_LINK_TEXT_WORDS = 6;
    /** Brackets left empty where a URL was taken out: {@code Read in full (https://…)}. */
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*\\)|\\[\\s*]|<\\s*>");
    private static final Normalizer2 CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    /**
     * Month names in English (full and abbreviated) and in Russian, whose dates take the genitive ({@code июля}),
     * which is CLDR's format form of Russian month names; any letter case.
     */
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(dateFormat("MMMM d uuuu", Locale.ENGLISH),
            dateFormat("MMM d uuuu", Locale.ENGLISH), dateFormat("MMMM d uuuu", Locale.forLanguageTag("ru")));

    private final Set<String> linkTexts;

    /** @param linkTexts link texts to drop (case-insensitive; decoration around them is ignored) */
    public ParagraphRules(List<String> linkTexts) {
        this.linkTexts = linkTexts.stream().map(ParagraphRules::bare).collect(Collectors.toUnmodifiableSet());
    }

    public static ParagraphRules defaults() {
        return new ParagraphRules(List.of(DEFAULT_LINK_TEXTS.split(",")));
    }

    /**
     * The X of a {@code Forwarded from X} line, if the line is one: the line, stripped, is {@code Forwarded from},
     * ASCII white space, then X, which holds no line terminator after its first character. A scan: the expression
     * it replaces, {@code ^Forwarded from\s+(\S.*?)\s*$}, was quadratic in a run of spaces inside X.
     */
    public Optional<String> forwardedFrom(String line) {
        String stripped = VisibleText.strip(line);
        if (!stripped.startsWith(FORWARDED_PREFIX)) {
            return Optional.empty();
        }
        int from = FORWARDED_PREFIX.length();
        int name = from;
        while (name < stripped.length() && isAsciiSpace(stripped.charAt(name))) {
            name++;
        }
        // strip left no white space at the end, so X runs to the end of the line
        if (name == from || name == stripped.length()) {
            return Optional.empty();
        }
        // as in the expression, "\S.*?": the first character may be any but ASCII white space
        for (int i = name + 1; i < stripped.length(); i++) {
            if (isLineTerminator(stripped.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(stripped.substring(name));
    }

    /**
     * Whether a paragraph is link-text boilerplate such as {@code 📄 Read in full} or {@code Read more: https://…}.
     * The URL, if any, is reported by {@link #urls(String)}.
     */
    public boolean isLinkText(String paragraph) {
        return paragraph.contains("://") ? isLinkText(paragraph, webUrls(paragraph))
                : linkTexts.contains(bare(paragraph));
    }

    private boolean isLinkText(String paragraph, List<LinkSpan> spans) {
        // the link text test drops the whole run of non-space characters around each URL, the punctuation autolink
        // leaves outside it too ("Read more: https://example.org/a," is link text); urls() keeps the URL alone
        StringBuilder withoutUrls = new StringBuilder(paragraph.length());
        int from = 0;
        for (LinkSpan span : spans) {
            int start = span.getBeginIndex();
            if (start >= from) {
                while (start > from && !Character.isWhitespace(paragraph.charAt(start - 1))) {
                    start--;
                }
                withoutUrls.append(paragraph, from, start).append(' ');
            }
            // a URL in the run already dropped ("https://a,https://b") only extends it
            from = Math.max(from, span.getEndIndex());
            while (from < paragraph.length() && !Character.isWhitespace(paragraph.charAt(from))) {
                from++;
            }
        }
        withoutUrls.append(paragraph, from, paragraph.length());
        return linkTexts.contains(bare(EMPTY_BRACKETS.matcher(withoutUrls).replaceAll(" ")));
    }

    /**
     * Where a line's link text starts: 0 when the whole line is link text ({@link #isLinkText}); above 0 when the line
     * ends with a link text and its URL after a sentence of its own: {@code The council approved the budget. Read
     * more: https://example.org/a} gives the index of {@code Read}. The link text is one of {@link #isLinkText}'s,
     * with its decoration ({@code 👉 Read more:}); the URL may be in brackets and followed by punctuation; the text
     * before it ends a sentence ({@code .!?…}, perhaps inside a closing quote or bracket) or with a symbol or emoji.
     * Why: written on the line of the text, the link text and URL were words of the paragraph, so a later post that
     * repeated the paragraph with {@code Read more: …} was no copy of it, and the URL was not in the post's links (a
     * review). A link text inside a sentence ({@code He said read more: https://…}) is not cut.
     *
     * @param line a line, stripped
     * @return the index where the link text (or its decoration) starts; -1 when the line neither is nor ends with one
     */
    public int linkTextStart(String line) {
        if (!line.contains("://")) {
            return linkTexts.contains(bare(line)) ? 0 : -1;
        }
        List<LinkSpan> spans = webUrls(line);
        if (isLinkText(line, spans)) {
            return 0;
        }
        if (spans.isEmpty()) {
            return -1;
        }
        LinkSpan last = spans.get(spans.size() - 1);
        for (int i = last.getEndIndex(); i < line.length(); ) {
            int cp = line.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                return -1;
            }
            i += Character.charCount(cp);
        }
        int end = last.getBeginIndex();
        while (end > 0 && (Character.isWhitespace(line.charAt(end - 1)) || "([<".indexOf(line.charAt(end - 1)) >= 0)) {
            end--;
        }
        // the link text's first word: one of the last few words before the URL, the longest link text first
        int start = end;
        for (int words = 0; words < MAX_LINK_TEXT_WORDS && start > 0; words++) {
            while (start > 0 && Character.isWhitespace(line.charAt(start - 1))) {
                start--;
            }
            while (start > 0 && !Character.isWhitespace(line.charAt(start - 1))) {
                start--;
            }
        }
        for (int from = start; from < end; from = nextWord(line, from)) {
            if (from > 0 && linkTexts.contains(bare(line.substring(from, end))) && endsASentence(line, from)) {
                return from;
            }
        }
        return -1;
    }

    private static int nextWord(String line, int from) {
        int i = from;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Whether the text before {@code at} ends a sentence ({@code .!?…}, in a closing quote or bracket) or a symbol. */
    private static boolean endsASentence(String line, int at) {
        String before = VisibleText.strip(line.substring(0, at));
        if (before.isEmpty()) {
            return false;
        }
        int last = before.codePointBefore(before.length());
        int type = Character.getType(last);
        if (type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL) {
            return true;
        }
        if ((type == Character.END_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION || last == '"')
                && before.length() > 1) {
            last = before.codePointBefore(before.length() - Character.charCount(last));
        }
        return ".!?…".indexOf(last) >= 0;
    }

    /** The http(s) URLs in a paragraph, in order, without the punctuation around them ({@link #URLS}). */
    public static List<String> urls(String paragraph) {
        if (!paragraph.contains("://")) {
            return List.of();
        }
        return webUrls(paragraph).stream().map(span -> paragraph.substring(span.getBeginIndex(), span.getEndIndex()))
                .toList();
    }

    private static List<LinkSpan> webUrls(String paragraph) {
        List<LinkSpan> spans = new ArrayList<>();
        for (LinkSpan span : URLS.extractLinks(paragraph)) {
            String scheme = paragraph.substring(span.getBeginIndex(), Math.min(span.getEndIndex(),
                    span.getBeginIndex() + 8)).toLowerCase(Locale.ROOT);
            if (scheme.startsWith("http://") || scheme.startsWith("https://")) {
                spans.add(span);
            }
        }
        return spans;
    }

    public static boolean isElision(String paragraph) {
        String stripped = VisibleText.strip(paragraph);
        // every marker opens with a bracket: the pattern is only worth trying then
        return !stripped.isEmpty() && "<[(".indexOf(stripped.charAt(0)) >= 0 && ELISION.matcher(stripped).matches();
    }

    private static DateTimeFormatter dateFormat(String pattern, Locale locale) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(locale)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * The dateline of a {@code 📍 Place, Month D, YYYY} or {@code 📍 Place, D Month YYYY} paragraph (English or
     * Russian month names; {@code года} or {@code г.} may follow a Russian year); empty if the paragraph is not one.
     */
    public static Optional<Dateline> dateline(String paragraph) {
        String stripped = VisibleText.strip(paragraph);
        if (!stripped.startsWith("📍")) {
            return Optional.empty();
        }
        return placeAndDate(DATELINE.matcher(stripped));
    }

    /**
     * The place and date in parentheses that close a headline, as in the seed's {@code 🎙 ... opening remarks
     * (Vientiane, July 25, 2024)}: the dateline's place and date written where channels put them when a post has no
     * {@code 📍} line. Only the last parenthesis counts, and only when nothing but white space follows it.
     *
     * @param headline the post's title, or its first paragraph where it has none
     * @return the place and date; empty when the headline does not end so, or the date is not a real one
     */
    public static Optional<Dateline> headlineDate(String headline) {
        int open = headline.lastIndexOf('(');
        return open < 0 ? Optional.empty() : placeAndDate(HEADLINE_DATE.matcher(headline.substring(open)));
    }

    /** The place and date of a matcher of {@link #DATELINE} or {@link #HEADLINE_DATE}, if it matches a real date. */
    private static Optional<Dateline> placeAndDate(Matcher m) {
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean dayFirst = m.group("dayFirst") != null;
        String month = (dayFirst ? m.group("monthAfter") : m.group("month")).replace(".", "");
        // the AP stylebook's "Sept." (Jan., Feb., Aug., Oct., Nov. and Dec. are the JDK's own abbreviations)
        month = month.equalsIgnoreCase("sept") ? "Sep" : month;
        String date = month + " "
                + (dayFirst ? m.group("dayFirst") : m.group("day")) + " "
                + (dayFirst ? m.group("yearAfter") : m.group("year"));
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                return Optional.of(new Dateline(m.group("place"), LocalDate.parse(date, format)));
            } catch (DateTimeParseException e) {
                // try the next format; a month name no format knows means this is not a date
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the paragraph, stripped, is only hashtags: words separated by white space, each of tags ({@code #} and a
     * name, {@link ParagraphKey#tagNameEnd}), punctuation and symbols, and digits after a tag ({@code #COVID-19},
     * {@code #a,#b}, {@code ⚡️#срочно}, {@code (#news)}), or of punctuation and symbols alone ({@code |}, {@code •},
     * {@code 🔥}); at least one tag. Why the separators: a review found {@code #markets | #stocks | #economy} and
     * {@code #COVID-19 #vaccine} taken for text and removed across posts, which hashtag lines never are (DESIGN §5), so
     * that a post whose only new sentence was short became a repost. A scan in constant stack depth: the expression it
     * replaced, {@code ^#tag(?:[\s,]+#tag)*$}, recursed once per tag and overflowed the stack on a few thousand.
     */
    public static boolean isHashtagLine(String paragraph) {
        String stripped = VisibleText.strip(paragraph);
        int length = stripped.length();
        boolean tag = false;
        int i = 0;
        while (i < length) {
            int cp = stripped.codePointAt(i);
            if (VisibleText.isSpace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            // a word: tags, punctuation and symbols, and digits once a tag began it
            boolean tagWord = false;
            while (i < length && !VisibleText.isSpace(cp = stripped.codePointAt(i))) {
                int next = cp == '#' && startsATag(stripped, i) ? ParagraphKey.tagNameEnd(stripped, i + 1) : -1;
                if (next > 0) {
                    i = next;
                    tagWord = true;
                    tag = true;
                    continue;
                }
                if (Character.isLetter(cp) || Character.isDigit(cp) && !tagWord) {
                    return false;
                }
                i += Character.charCount(cp);
            }
        }
        return tag;
    }

    /**
     * Whether the {@code #} at {@code hash} may start a tag: not after a character of a word
     * ({@link ParagraphKey#isTagChar}), an {@code &} (an HTML entity, {@code &#x1F525;}) or a {@code /} (a URL's
     * fragment). The name after it is read by {@link ParagraphKey#tagNameEnd}, the dedup key's rule (all-digit tags are
     * not tags). The one rule of where a tag starts, for {@link #isHashtagLine} and {@link #collectHashtags}; scans, not
     * an expression: one of the name ({@link ParagraphKey#TAG_NAME}) recursed once per character and overflowed the
     * services' 512 KiB thread stacks on a tag of 800 (a review).
     */
    private static boolean startsATag(String text, int hash) {
        if (hash == 0) {
            return true;
        }
        int before = text.codePointBefore(hash);
        return !ParagraphKey.isTagChar(before) && before != '&' && before != '/';
    }

    /**
     * A paragraph cut where a line of it is a paragraph of its own kind (DESIGN §4: a dateline is kept as a paragraph
     * of kind {@code dateline}, a line of hashtags as one of kind {@code hashtags}): its first line when that is a
     * dateline, and its last lines when they are hashtags, each become a paragraph, unless the line above them ends
     * with a character that joins them to it ({@link ParagraphKey#joinsAList}: {@code in the following regions:} and
     * the regions' tags under it, a third review); the text between stays one. Why:
     * written in one block with the text ({@code …asked to stay in shelters\n#news #Ukraine}, or in HTML a
     * {@code <br>} before them), the tags were words of the text's dedup key, so a repost of the text alone was no
     * copy of it, and the dateline was neither parsed nor kept apart (a review).
     *
     * @param paragraph a paragraph, lines separated by {@code \n}
     * @return the paragraphs it makes, in order; the paragraph alone when no line stands apart
     */
    public static List<String> withStandaloneLines(String paragraph) {
        if (paragraph.indexOf('\n') < 0 || isHashtagLine(paragraph)) {
            return List.of(paragraph);
        }
        List<String> lines = paragraph.lines().toList();
        int first = dateline(lines.get(0)).isPresent() ? 1 : 0;
        int tags = lines.size();
        while (tags - 1 > first && isHashtagLine(lines.get(tags - 1))) {
            tags--;
        }
        if (tags < lines.size()) {
            // tags under a line that ends joined to them ("regions:", "in #Kharkiv &") are the sentence's: not cut
            String above = VisibleText.strip(lines.get(tags - 1));
            if (!above.isEmpty() && ParagraphKey.joinsAList(above.codePointBefore(above.length()))) {
                tags = lines.size();
            }
        }
        if (first == 0 && tags == lines.size()) {
            return List.of(paragraph);
        }
        List<String> parts = new ArrayList<>(3);
        if (first == 1) {
            parts.add(VisibleText.strip(lines.get(0)));
        }
        parts.add(VisibleText.strip(String.join("\n", lines.subList(first, tags))));
        if (tags < lines.size()) {
            parts.add(VisibleText.strip(String.join("\n", lines.subList(tags, lines.size()))));
        }
        return parts;
    }

    /** The kind of a paragraph that is not boilerplate nor a forwarded header. */
    public static ParagraphKind kindOf(String paragraph) {
        if (isElision(paragraph)) {
            return ParagraphKind.ELISION;
        }
        if (dateline(paragraph).isPresent()) {
            return ParagraphKind.DATELINE;
        }
        if (isHashtagLine(paragraph)) {
            return ParagraphKind.HASHTAGS;
        }
        return ParagraphKind.TEXT;
    }

    /**
     * Adds the tags of a paragraph (without {@code #}) to {@code tags}, keyed case-insensitively so that the first
     * spelling wins.
     */
    public static void collectHashtags(String paragraph, Map<String, String> tags) {
        if (paragraph.indexOf('#') < 0) {
            return;
        }
        int hash = paragraph.indexOf('#');
        while (hash >= 0) {
            int end = startsATag(paragraph, hash) ? ParagraphKey.tagNameEnd(paragraph, hash + 1) : -1;
            if (end < 0) {
                hash = paragraph.indexOf('#', hash + 1);
                continue;
            }
            String tag = paragraph.substring(hash + 1, end);
            tags.putIfAbsent(Hashtags.fold(tag), tag);
            hash = paragraph.indexOf('#', end);
        }
    }

    /** The distinct tags of the given paragraphs, in order of first use. */
    public static List<String> hashtags(List<String> paragraphs) {
        Map<String, String> tags = new LinkedHashMap<>();
        paragraphs.forEach(p -> collectHashtags(p, tags));
        return List.copyOf(tags.values());
    }

    /**
     * The text without the decoration around it, case-folded: leading symbols, marks, dashes, format characters,
     * white space, arrows, bullets and colons, and trailing white space, colons, dots, ellipses and arrows, removed
     * until none is left. One scan from each end, linear in the text: "remove the decoration, then strip, until
     * nothing changes" removes exactly the leading run of decoration and white space and the trailing one, and
     * done in rounds it was quadratic when each round peeled off only one character.
     */
    static String bare(String text) {
        int start = 0;
        int end = text.length();
        while (start < end) {
            int cp = text.codePointAt(start);
            if (!isLeadingDecoration(cp) && !Character.isWhitespace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        // every trailing decoration and white-space character is in the BMP: a surrogate stops the scan
        while (end > start && (isTrailingDecoration(text.charAt(end - 1))
                || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        return CASEFOLD.normalize(text.substring(start, end));
    }

    private static boolean isLeadingDecoration(int cp) {
        if (isAsciiSpace(cp) || cp == '→' || cp == '»' || cp == '>' || cp == '•' || cp == ':') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.OTHER_SYMBOL, Character.MODIFIER_SYMBOL, Character.MATH_SYMBOL, Character.DASH_PUNCTUATION,
                    Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
                    Character.COMBINING_SPACING_MARK -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean isTrailingDecoration(char c) {
        return isAsciiSpace(c) || c == ':' || c == '.' || c == '…' || c == '→' || c == '»' || c == '>';
    }

    /** {@code \\s} of a regular expression: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isAsciiSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** What ends a line for {@code .} of a regular expression: LF, CR, NEL, U+2028, U+2029. */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
