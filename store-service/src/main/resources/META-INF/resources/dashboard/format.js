// Formatting shared by the views. Times are shown in UTC, as the API gives them, so that a bulletin reads the same
// for every viewer and matches what curl shows.

/** "2025-03-03 10:15 UTC" from an ISO-8601 instant; the input itself when it is not one. */
export function formatInstant(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return String(iso);
  }
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "10:15:42 UTC" from an ISO-8601 instant. */
export function formatClock(iso) {
  return `${new Date(iso).toISOString().slice(11, 19)} UTC`;
}

/** A rate with one decimal below 100 records/s and none above, where the decimal is noise. */
export function formatRate(value) {
  const rate = Number(value) || 0;
  return rate >= 100 ? rate.toFixed(0) : rate.toFixed(1);
}

/** "1 removed paragraph", "3 removed paragraphs". */
export function plural(count, singular, pluralForm = `${singular}s`) {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
