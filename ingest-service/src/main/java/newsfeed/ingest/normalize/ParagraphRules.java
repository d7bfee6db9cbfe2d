package newsfeed.ingest.normalize;

import com.ibm.icu.text.Normalizer2;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
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

/**
 * Recognises the special lines of a channel post (DESIGN §4): link-text boilerplate, {@code Forwarded from}
 * headers, datelines, hashtag lines and elision markers. Thread-safe; built once from configuration.
 */
public final class ParagraphRules {

    /**
     * Link texts dropped by default, comma-separated (the default of {@code newsfeed.normalizer.link-texts}); each
     * compares after leading emoji, arrows and a trailing colon are removed.
     */
    public static final String DEFAULT_LINK_TEXTS = "Read in full,Read more,Read the full text,Full text,"
            + "Continue reading,Читать полностью,Читать далее,Подробнее";

    private static final Pattern FORWARDED = Pattern.compile("^Forwarded from\\s+(\\S.*?)\\s*$");
    private static final Pattern ELISION = Pattern.compile("^[<\\[(]\\s*(?:…|\\.{3})\\s*[>\\])]$");
    private static final Pattern DATELINE = Pattern.compile(
            "^📍\\s*(?<place>\\S.*?),\\s*(?<month>\\p{L}+\\.?)\\s+(?<day>\\d{1,2}),\\s*(?<year>\\d{4})\\s*$");
    private static final String TAG = "#[\\p{L}\\p{N}_]+";
    private static final Pattern HASHTAG_LINE = Pattern.compile("^" + TAG + "(?:[\\s,]+" + TAG + ")*$");
    /** A tag starts after a character that cannot be part of a word or an HTML entity; all-digit tags are not tags. */
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&/])#([\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*)");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Normalizer2 CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ofPattern("MMMM d uuuu", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("MMM d uuuu", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT));

    private final Set<String> linkTexts;

    /** @param linkTexts link texts to drop (case-insensitive; decoration around them is ignored) */
    public ParagraphRules(List<String> linkTexts) {
        this.linkTexts = linkTexts.stream().map(ParagraphRules::bare).collect(Collectors.toUnmodifiableSet());
    }

    public static ParagraphRules defaults() {
        return new ParagraphRules(List.of(DEFAULT_LINK_TEXTS.split(",")));
    }

    /** The X of a {@code Forwarded from X} line, if the line is one. */
    public Optional<String> forwardedFrom(String line) {
        Matcher m = FORWARDED.matcher(line.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Whether a paragraph is link-text boilerplate such as {@code 📄 Read in full} or {@code Read more: https://…}.
     * The URL, if any, is reported by {@link #urls(String)}.
     */
    public boolean isLinkText(String paragraph) {
        String withoutUrls = paragraph.contains("http") ? URL.matcher(paragraph).replaceAll(" ") : paragraph;
        return linkTexts.contains(bare(withoutUrls));
    }

    /** The http(s) URLs in a paragraph, in order. */
    public static List<String> urls(String paragraph) {
        List<String> urls = new ArrayList<>();
        Matcher m = URL.matcher(paragraph);
        while (m.find()) {
            urls.add(m.group());
        }
        return urls;
    }

    public static boolean isElision(String paragraph) {
        String stripped = paragraph.strip();
        // every marker opens with a bracket: the pattern is only worth trying then
        return !stripped.isEmpty() && "<[(".indexOf(stripped.charAt(0)) >= 0 && ELISION.matcher(stripped).matches();
    }

    /** The dateline of a {@code 📍 Place, Month D, YYYY} paragraph; empty if the paragraph is not one. */
    public static Optional<Dateline> dateline(String paragraph) {
        String stripped = paragraph.strip();
        if (!stripped.startsWith("📍")) {
            return Optional.empty();
        }
        Matcher m = DATELINE.matcher(stripped);
        if (!m.matches()) {
            return Optional.empty();
        }
        String date = m.group("month").replace(".", "") + " " + m.group("day") + " " + m.group("year");
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                return Optional.of(new Dateline(m.group("place"), LocalDate.parse(date, format)));
            } catch (DateTimeParseException e) {
                // try the next format; a month name no format knows means this is not a dateline
            }
        }
        return Optional.empty();
    }

    public static boolean isHashtagLine(String paragraph) {
        String stripped = paragraph.strip();
        return stripped.startsWith("#") && HASHTAG_LINE.matcher(stripped).matches();
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
        Matcher m = HASHTAG.matcher(paragraph);
        while (m.find()) {
            tags.putIfAbsent(CASEFOLD.normalize(m.group(1)), m.group(1));
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
     * until none is left. A scan of each end, linear in the text.
     */
    static String bare(String text) {
        String previous;
        String current = text.strip();
        do {
            previous = current;
            int start = 0;
            while (start < current.length() && isLeadingDecoration(current.codePointAt(start))) {
                start += Character.charCount(current.codePointAt(start));
            }
            int end = current.length();
            while (end > start && isTrailingDecoration(current.charAt(end - 1))) {
                end--;
            }
            current = current.substring(start, end).strip();
        } while (!current.equals(previous));
        return CASEFOLD.normalize(current);
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
}
