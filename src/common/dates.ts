const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}(:?\d{2})?)?$/;

/**
 * The forms `normalizeDate` takes, as one regex for the OpenAPI document: a date, or a date-time with
 * `T` or a space, optional seconds, fraction and zone (`Z`, `+02:00`, `+0200`; none: UTC); white space
 * around is trimmed. A bare `+02` fits DATE_TIME but not Date's parser, so normalizeDate refuses it and
 * the pattern leaves it out. The calendar and clock (no 2024-02-30, no 12:60) are beyond a pattern.
 */
export const DATE_INPUT_PATTERN =
  /^\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})?)?\s*$/;

/**
 * A date as stored: `YYYY-MM-DD` stays as given; a date-time becomes ISO 8601 UTC
 * (`2024-05-01T12:00:00.000Z`; no zone means UTC). Null when not a real date.
 */
export function normalizeDate(value: string): string | null {
  const text = value.trim();
  const day = DATE_ONLY.exec(text);
  if (day) {
    const date = new Date(`${text}T00:00:00.000Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? text : null;
  }
  if (!DATE_TIME.test(text)) return null;
  const withZone = /(Z|z|[+-]\d{2}(:?\d{2})?)$/.test(text.slice(10)) ? text : `${text}Z`;
  const date = new Date(withZone.replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) return null;
  // Reject overflowing calendar parts (2024-02-30T…) that Date would roll over.
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return date.toISOString();
}
