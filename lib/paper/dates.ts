/**
 * Calendar dates as the library stores them, `YYYY-MM-DD`. Without Zod: the adapters, the API
 * readers and the repository share it, and the popup's first paint must not pull Zod in.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * True when `text` is `YYYY-MM-DD` naming a day that exists, from the year 1000 on: 2024-02-29 is
 * a day, 2026-02-31 and 2026-13-01 are not (Date would roll them over into the next month).
 */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1000) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
