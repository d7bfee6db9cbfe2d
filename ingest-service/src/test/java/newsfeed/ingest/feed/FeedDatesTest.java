package newsfeed.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedDatesTest {

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // RFC 822 / RFC 1123, English
            "Thu, 25 Jul 2024 10:15:00 GMT         | 2024-07-25T10:15:00Z",
            "Thu, 25 Jul 2024 10:15:00 +0000       | 2024-07-25T10:15:00Z",
            "Thu, 25 Jul 2024 12:15:00 +02:00      | 2024-07-25T10:15:00Z",
            "Thu, 25 Jul 2024 06:15:00 EDT         | 2024-07-25T10:15:00Z",
            "Thu, 25 Jul 2024 02:15:00 PST         | 2024-07-25T10:15:00Z",
            "25 Jul 2024 10:15 UT                  | 2024-07-25T10:15:00Z",
            "Thursday, 25 July 2024 10:15:00 Z     | 2024-07-25T10:15:00Z",
            "Jul 25, 2024 10:15:00 GMT             | 2024-07-25T10:15:00Z",
            "Thu, 25 Jul 2024 13:15:00 +0300 (MSK) | 2024-07-25T10:15:00Z",
            "Thu, 25 Jul 2024 10:15:00 A           | 2024-07-25T10:15:00Z",
            "Sat, 30 Jun 2012 23:59:60 +0000       | 2012-06-30T23:59:59Z",
            // Russian: genitive, nominative, abbreviations, MSK
            "Чт, 25 июля 2024 13:15:00 +0300       | 2024-07-25T10:15:00Z",
            "Пт, 26 июл 2024 09:00:00 MSK          | 2024-07-26T06:00:00Z",
            "25 Май 2024 10:00:00 +0300            | 2024-05-25T07:00:00Z",
            "1 мая 2024 г. в 10:00                 | 2024-05-01T10:00:00Z",
            "Вс, 03 ноя. 2024 08:00:00 +0300       | 2024-11-03T05:00:00Z",
            // German
            "Do, 25. Juli 2024 12:15:00 +0200      | 2024-07-25T10:15:00Z",
            "Mo, 04 Mär 2024 09:00:00 CET          | 2024-03-04T08:00:00Z",
            "Di, 15 Okt 2024 08:00:00 +0200        | 2024-10-15T06:00:00Z",
            "Dienstag, 17. Dez. 2024 um 18:30 Uhr  | 2024-12-17T18:30:00Z",
            // French
            "jeu., 25 juil. 2024 12:15:00 +0200    | 2024-07-25T10:15:00Z",
            "lun., 12 févr. 2024 08:00:00 +0100    | 2024-02-12T07:00:00Z",
            "mer., 14 août 2024 10:00:00 GMT       | 2024-08-14T10:00:00Z",
            "le 3 décembre 2024 à 09:05            | 2024-12-03T09:05:00Z",
            // Spanish
            "jue, 25 jul 2024 12:15:00 CEST        | 2024-07-25T10:15:00Z",
            "mar, 05 mar 2024 10:00:00 +0100       | 2024-03-05T09:00:00Z",
            "mié, 18 dic 2024 10:00:00 +0000       | 2024-12-18T10:00:00Z",
            "25 de septiembre de 2024 10:00        | 2024-09-25T10:00:00Z",
            "sáb, 02 ene 2021 00:00:00 GMT         | 2021-01-02T00:00:00Z",
            // Two-digit years: RFC 5322 §4.3 pivot
            "25 Jul 24 06:15 EDT                   | 2024-07-25T10:15:00Z",
            "Mon, 06 Sep 99 08:00:00 +0000         | 1999-09-06T08:00:00Z",
            "Sat, 01 Jan 00 00:00:00 GMT           | 2000-01-01T00:00:00Z",
            "Fri, 31 Dec 49 23:00:00 GMT           | 2049-12-31T23:00:00Z",
            "Sat, 01 Jan 50 00:00:00 GMT           | 1950-01-01T00:00:00Z",
            // No zone: UTC; no time: midnight
            "Thu, 25 Jul 2024 10:15:00             | 2024-07-25T10:15:00Z",
            "25 Jul 2024                           | 2024-07-25T00:00:00Z",
            // ISO 8601 / RFC 3339 / W3CDTF
            "2024-07-25T13:15:00+03:00             | 2024-07-25T10:15:00Z",
            "2024-07-25T10:15:00Z                  | 2024-07-25T10:15:00Z",
            "2024-07-25T10:15:00.250Z              | 2024-07-25T10:15:00Z",
            "2024-07-25t10:15z                     | 2024-07-25T10:15:00Z",
            "2024-07-25 13:15:00 +0300             | 2024-07-25T10:15:00Z",
            "2024-07-25T10:15:00                   | 2024-07-25T10:15:00Z",
            "2024-07-25                            | 2024-07-25T00:00:00Z",
    })
    void parses(String raw, String expected) {
        assertThat(FeedDates.parse(raw)).contains(at(expected.strip()));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "   ", "sometime last Tuesday", "31 Feb 2024 10:00 GMT", "Thu, 25 Foo 2024 10:00 GMT",
            "Thu, 25 Jul 2024 10:15:00 XYZ", "Blursday, 25 Jul 2024 10:15:00 GMT", "25 Jul", "2024",
            "Thu, 25 Jul 2024 25:15:00 GMT", "2024-13-01T00:00:00Z", "12 Jul 2024 10:00 +0300 +0400 extra"})
    void rejects(String raw) {
        assertThat(FeedDates.parse(raw)).isEmpty();
    }

    @Test
    void aReadingSaysWhetherUtcWasAssumedAndKeepsTheRawTextOfAnUnparseableDate() {
        // Issue 12: a date without zone was taken as UTC silently, and an unparseable one left no trace to log
        assertThat(FeedDates.read("Thu, 25 Jul 2024 10:15:00")).isEqualTo(new FeedDates.Reading(
                "Thu, 25 Jul 2024 10:15:00", at("2024-07-25T10:15:00Z"), true));
        assertThat(FeedDates.read("2024-07-25T10:15:00")).isEqualTo(new FeedDates.Reading("2024-07-25T10:15:00",
                at("2024-07-25T10:15:00Z"), true));
        assertThat(FeedDates.read("25 Jul 2024").zoneAssumed()).isTrue();
        assertThat(FeedDates.read("2024-07-25").zoneAssumed()).isTrue();
        assertThat(FeedDates.read("1 мая 2024 г. в 10:00").zoneAssumed()).isTrue();
        for (String zoned : new String[] {"Thu, 25 Jul 2024 10:15:00 GMT", "Thu, 25 Jul 2024 10:15:00 +0000",
                "Thu, 25 Jul 2024 10:15:00 A", "25 Jul 2024 10:15 UT", "2024-07-25T10:15:00Z",
                "2024-07-25 13:15:00 +0300", "Thu, 25 Jul 2024 13:15:00 +0300 (MSK)"}) {
            FeedDates.Reading reading = FeedDates.read(zoned);
            assertThat(reading.zoneAssumed()).as(zoned).isFalse();
            assertThat(reading.unparseable()).as(zoned).isFalse();
            assertThat(reading.instant()).as(zoned).isEqualTo(FeedDates.parse(zoned).orElseThrow());
        }

        FeedDates.Reading bad = FeedDates.read(" sometime last Tuesday ");
        assertThat(bad).isEqualTo(new FeedDates.Reading(" sometime last Tuesday ", null, false));
        assertThat(bad.unparseable()).isTrue();
        assertThat(FeedDates.read("31 Feb 2024 10:00").unparseable()).isTrue();
        assertThat(FeedDates.read("31 Feb 2024 10:00").zoneAssumed()).isFalse();

        for (String none : new String[] {null, "", "  "}) {
            FeedDates.Reading reading = FeedDates.read(none);
            assertThat(reading.instant()).isNull();
            assertThat(reading.unparseable()).as("no date is not an unparseable one").isFalse();
            assertThat(reading.zoneAssumed()).isFalse();
        }
    }

    @Test
    void nullIsNoDate() {
        assertThat(FeedDates.parse(null)).isEmpty();
    }

    @Test
    void theResultDoesNotDependOnTheDefaultLocaleOrTimeZone() {
        String[] samples = {"Thu, 25 Jul 2024 10:15:00 GMT", "Do, 25. Juli 2024 12:15:00 +0200",
                "jeu., 25 juil. 2024 12:15:00", "Чт, 25 июля 2024 13:15:00 +0300", "mié, 18 dic 2024 10:00:00",
                "25 Jul 24 06:15", "2024-07-25T10:15:00", "2024-07-25", "Mon, 06 Sep 99 08:00:00"};
        Map<String, Optional<Instant>> reference = new LinkedHashMap<>();
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            Locale.setDefault(Locale.ROOT);
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            for (String sample : samples) {
                reference.put(sample, FeedDates.parse(sample));
            }
            assertThat(reference.values()).allMatch(Optional::isPresent);
            for (Locale other : new Locale[] {new Locale("ru", "RU"), Locale.GERMANY, Locale.FRANCE,
                    new Locale("es", "ES"), new Locale("tr", "TR"), Locale.JAPAN, new Locale("ar", "SA")}) {
                for (String zoneId : new String[] {"Europe/Moscow", "America/Los_Angeles", "Pacific/Kiritimati",
                        "Asia/Kolkata"}) {
                    Locale.setDefault(other);
                    TimeZone.setDefault(TimeZone.getTimeZone(zoneId));
                    for (String sample : samples) {
                        assertThat(FeedDates.parse(sample)).as("%s under %s / %s", sample, other, zoneId)
                                .isEqualTo(reference.get(sample));
                    }
                }
            }
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void twoDigitYearPivotFollowsRfc5322() {
        assertThat(FeedDates.year(0, 2)).isEqualTo(2000);
        assertThat(FeedDates.year(49, 2)).isEqualTo(2049);
        assertThat(FeedDates.year(50, 2)).isEqualTo(1950);
        assertThat(FeedDates.year(99, 2)).isEqualTo(1999);
        assertThat(FeedDates.year(124, 3)).isEqualTo(2024);
        assertThat(FeedDates.year(2024, 4)).isEqualTo(2024);
    }
}
