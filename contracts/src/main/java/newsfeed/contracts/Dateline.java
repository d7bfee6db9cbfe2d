package newsfeed.contracts;

import java.time.LocalDate;

/**
 * The place and date of a dateline such as {@code 📍 Vientiane, July 25, 2024}.
 *
 * @param place the place as written ({@code Vientiane})
 * @param date  the calendar date, without time or zone
 */
public record Dateline(String place, LocalDate date) {
}
