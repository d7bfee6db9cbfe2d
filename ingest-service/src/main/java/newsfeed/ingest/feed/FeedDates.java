package newsfeed.ingest.feed;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the publication dates of feed items into instants, with explicit tables only: the result never depends on
 * the JVM's default locale or time zone.
 *
 * <p>Two families are accepted:
 * <ul>
 *   <li><b>ISO 8601 / RFC 3339 / W3CDTF</b> (Atom {@code published}/{@code updated}, RFC 4287 §3.3; {@code dc:date}):
 *       {@code 2024-07-25}, {@code 2024-07-25T10:15Z}, {@code 2024-07-25T10:15:00.250+03:00},
 *       {@code 2024-07-25 10:15:00+0300}. A date alone is 00:00.</li>
 *   <li><b>RFC 822 §5 / RFC 1123 §5.2.14</b> (RSS 2.0 {@code pubDate}): {@code [weekday ","] day month year
 *       [hh:mm[:ss]] [zone]}, tolerating what real feeds write: month names and abbreviations in English, Russian
 *       (nominative and genitive), German, French and Spanish, with or without a trailing dot or diacritics
 *       ({@code Thu, 25 Jul 2024}, {@code Чт, 25 июля 2024}, {@code Do, 25. Juli 2024}, {@code jeu., 25 juil. 2024},
 *       {@code jue, 25 jul 2024}); the month before the day ({@code Jul 25, 2024}); weekday names of those languages
 *       (ignored, never checked against the date); filler words ({@code de}, {@code à}, {@code um}, {@code Uhr},
 *       {@code в}, {@code г.}, {@code at}); comments in parentheses.</li>
 * </ul>
 *
 * <p>Rules, each documented here because feeds break them:
 * <ul>
 *   <li><b>Zone</b>: numeric {@code +hhmm}, {@code +hh:mm} or {@code +hh}; {@code UT}, {@code UTC}, {@code GMT},
 *       {@code Z} and the US zones of RFC 822 ({@code EST} −5 … {@code PDT} −7); the European abbreviations
 *       {@code WET} 0, {@code WEST}/{@code CET} +1, {@code CEST}/{@code EET} +2, {@code EEST}/{@code MSK} +3.
 *       RFC 822's one-letter military zones are read as UTC, as RFC 1123 §5.2.14 advises (their signs were
 *       defined backwards). <b>No zone means UTC</b>, and the {@link Reading} says so ({@link Reading#zoneAssumed()})
 *       so that the caller can tell it. Any other zone word makes the date unparseable.</li>
 *   <li><b>Two-digit years</b> (RFC 822 §5 has only those) use the pivot of RFC 5322 §4.3: 00–49 → 2000–2049,
 *       50–99 → 1950–1999; three-digit years add 1900.</li>
 *   <li>Seconds {@code 60} (a leap second) are read as 59; a date that does not exist ({@code 31 Feb}) or any
 *       unknown word makes the whole date unparseable.</li>
 * </ul>
 * Unparseable means {@link Optional#empty()} ({@link Reading#unparseable()}): the caller keeps the raw string
 * ({@code RawPost.ATTR_UNPARSED_DATE}) rather than guessing, and tells it. Thread-safe and stateless.
 */
public final class FeedDates {

    /**
     * What was read from a feed's date.
     *
     * @param raw          the date as the feed wrote it, or null
     * @param instant      the instant, or null when there is no date or it is unparseable
     * @param zoneAssumed  true when the date parsed but named no zone (nor offset), so it was read as UTC; a date
     *                     without a time (read as 00:00 UTC) has none either
     */
    public record Reading(String raw, Instant instant, boolean zoneAssumed) {

        /** Whether the feed wrote a date (not blank) that is not one by the rules of {@link FeedDates}. */
        public boolean unparseable() {
            return instant == null && raw != null && !raw.isBlank();
        }
    }

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d{1,9})?)?)?"
                    + "\\s*(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern OFFSET = Pattern.compile("[+-](\\d{2}):?(\\d{2})?");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");
    private static final Pattern COMMENTS = Pattern.compile("\\([^)]*\\)");
    private static final Pattern LEADING_WEEKDAY = Pattern.compile("^\\s*([^\\d\\s,]+)\\s*,");
    private static final Pattern TOKEN_SEPARATORS = Pattern.compile("[\\s,]+");

    private static final Map<String, Integer> MONTHS = new HashMap<>();
    private static final Set<String> WEEKDAYS;
    private static final Set<String> FILLERS = Set.of("de", "a", "um", "uhr", "в", "г", "года", "at", "le", "el");
    private static final Map<String, Integer> ZONES = new HashMap<>();

    static {
        months(1, "january", "jan", "январь", "января", "янв", "januar", "jänner", "janvier", "janv", "enero", "ene");
        months(2, "february", "feb", "февраль", "февраля", "фев", "февр", "februar", "feber", "février", "févr",
                "fév", "febrero");
        months(3, "march", "mar", "март", "марта", "мар", "märz", "mär", "mrz", "mars", "marzo");
        months(4, "april", "apr", "апрель", "апреля", "апр", "avril", "avr", "abril", "abr");
        months(5, "may", "май", "мая", "mai", "mayo");
        months(6, "june", "jun", "июнь", "июня", "июн", "juni", "juin", "junio");
        months(7, "july", "jul", "июль", "июля", "июл", "juli", "juillet", "juil", "julio");
        months(8, "august", "aug", "август", "августа", "авг", "août", "aoû", "agosto", "ago");
        months(9, "september", "sep", "sept", "сентябрь", "сентября", "сен", "сент", "septembre", "septiembre",
                "setiembre", "set");
        months(10, "october", "oct", "октябрь", "октября", "окт", "oktober", "okt", "octobre", "octubre");
        months(11, "november", "nov", "ноябрь", "ноября", "ноя", "нояб", "novembre", "noviembre");
        months(12, "december", "dec", "декабрь", "декабря", "дек", "dezember", "dez", "décembre", "déc",
                "diciembre", "dic");
        WEEKDAYS = Set.of(
                // English
                "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday",
                "wednesday", "thursday", "friday", "saturday", "sunday",
                // Russian
                "пн", "вт", "ср", "чт", "пт", "сб", "вс", "пнд", "втр", "срд", "чтв", "птн", "суб", "вск",
                "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
                // German
                "mo", "di", "mi", "do", "fr", "sa", "so", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
                "samstag", "sonnabend", "sonntag",
                // French
                "lun", "mar", "mer", "jeu", "ven", "sam", "dim", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
                "samedi", "dimanche",
                // Spanish
                "mie", "jue", "vie", "sab", "dom", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado",
                "domingo").stream().map(FeedDates::fold).collect(java.util.stream.Collectors.toUnmodifiableSet());
        for (String utc : new String[] {"ut", "utc", "gmt", "z", "wet"}) {
            ZONES.put(utc, 0);
        }
        ZONES.put("est", -5 * 60);
        ZONES.put("edt", -4 * 60);
        ZONES.put("cst", -6 * 60);
        ZONES.put("cdt", -5 * 60);
        ZONES.put("mst", -7 * 60);
        ZONES.put("mdt", -6 * 60);
        ZONES.put("pst", -8 * 60);
        ZONES.put("pdt", -7 * 60);
        ZONES.put("west", 60);
        ZONES.put("cet", 60);
        ZONES.put("cest", 2 * 60);
        ZONES.put("eet", 2 * 60);
        ZONES.put("eest", 3 * 60);
        ZONES.put("msk", 3 * 60);
        for (char military = 'a'; military <= 'y'; military++) {
            if (military != 'j') {
                ZONES.put(String.valueOf(military), 0);
            }
        }
    }

    private FeedDates() {
    }

    private static void months(int month, String... names) {
        for (String name : names) {
            Integer previous = MONTHS.put(fold(name), month);
            if (previous != null && previous != month) {
                throw new IllegalStateException("month name " + name + " is ambiguous");
            }
        }
    }

    /** Lower case (root locale), NFC, diacritics removed, trailing dots removed: the key of every table. */
    private static String fold(String word) {
        String decomposed = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        String bare = decomposed.replaceAll("\\p{M}+", "");
        int end = bare.length();
        while (end > 0 && bare.charAt(end - 1) == '.') {
            end--;
        }
        return bare.substring(0, end);
    }

    /**
     * @param raw a date as a feed wrote it; null or blank gives empty
     * @return the instant, or empty when the text is not a date by the rules above
     */
    public static Optional<Instant> parse(String raw) {
        return Optional.ofNullable(read(raw).instant());
    }

    /**
     * @param raw a date as a feed wrote it, or null
     * @return the instant (null when {@code raw} is null, blank or not a date by the rules above) and whether UTC
     *         was assumed for want of a zone
     */
    public static Reading read(String raw) {
        if (raw == null || raw.isBlank()) {
            return new Reading(raw, null, false);
        }
        String text = COMMENTS.matcher(raw.strip()).replaceAll(" ").strip();
        try {
            Matcher iso = ISO.matcher(text);
            if (iso.matches()) {
                return iso(raw, iso);
            }
            return rfc822(raw, text);
        } catch (DateTimeException | NumberFormatException e) {
            return new Reading(raw, null, false);
        }
    }

    private static Reading iso(String raw, Matcher m) {
        LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                : time(m.group(4), m.group(5), m.group(6));
        ZoneOffset offset = m.group(7) == null ? ZoneOffset.UTC : offset(m.group(7));
        return new Reading(raw, LocalDateTime.of(date, time).toInstant(offset), m.group(7) == null);
    }

    private static Reading rfc822(String raw, String text) {
        Reading unparseable = new Reading(raw, null, false);
        Matcher weekday = LEADING_WEEKDAY.matcher(text);
        if (weekday.find()) {
            if (!WEEKDAYS.contains(fold(weekday.group(1)))) {
                return unparseable;
            }
            text = text.substring(weekday.end());
        }
        Integer month = null;
        String monthWord = null;
        Integer first = null;
        Integer second = null;
        int secondDigits = 0;
        LocalTime time = null;
        ZoneOffset offset = null;
        for (String token : TOKEN_SEPARATORS.split(text.strip())) {
            if (token.isEmpty()) {
                continue;
            }
            String folded = fold(token);
            if (TIME.matcher(token).matches() && time == null) {
                Matcher t = TIME.matcher(token);
                t.matches();
                time = time(t.group(1), t.group(2), t.group(3));
            } else if (NUMBER.matcher(folded).matches()) {
                if (first == null) {
                    first = Integer.valueOf(folded);
                } else if (second == null) {
                    second = Integer.valueOf(folded);
                    secondDigits = folded.length();
                } else {
                    return unparseable;
                }
            } else if ((time != null || second != null) && offset == null && OFFSET.matcher(token).matches()) {
                offset = offset(token);
            } else if (MONTHS.containsKey(folded) && (month == null
                    // "mar 25 jul": a weekday that is also a month name, written without its comma
                    || (first == null && WEEKDAYS.contains(monthWord)))) {
                month = MONTHS.get(folded);
                monthWord = folded;
            } else if (time != null && offset == null && ZONES.containsKey(folded)) {
                offset = ZoneOffset.ofTotalSeconds(ZONES.get(folded) * 60);
            } else if (ZONES.containsKey(folded) && folded.length() > 1 && offset == null && second != null) {
                offset = ZoneOffset.ofTotalSeconds(ZONES.get(folded) * 60);
            } else if (FILLERS.contains(folded) || (first == null && WEEKDAYS.contains(folded))) {
                continue;
            } else {
                return unparseable;
            }
        }
        if (month == null || first == null || second == null) {
            return unparseable;
        }
        // Day month year (RFC 822) or month day year: either way the first number is the day.
        LocalDate date = LocalDate.of(year(second, secondDigits), month, first);
        return new Reading(raw, LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time)
                .toInstant(offset == null ? ZoneOffset.UTC : offset), offset == null);
    }

    /** RFC 5322 §4.3: two-digit years 00–49 are 2000–2049, 50–99 are 1950–1999; three-digit years add 1900. */
    static int year(int value, int digits) {
        if (digits <= 2) {
            return value < 50 ? 2000 + value : 1900 + value;
        }
        if (digits == 3) {
            return 1900 + value;
        }
        return value;
    }

    private static LocalTime time(String hours, String minutes, String seconds) {
        int s = seconds == null ? 0 : Integer.parseInt(seconds);
        return LocalTime.of(Integer.parseInt(hours), Integer.parseInt(minutes), s == 60 ? 59 : s);
    }

    private static ZoneOffset offset(String zone) {
        if (zone.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
        if (minutes > 59) {
            throw new DateTimeException("minutes of zone " + zone);
        }
        return ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60));
    }
}
