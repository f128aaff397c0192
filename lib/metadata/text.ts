import { isCalendarDate } from '../paper/dates';

/** Small text clean-ups the metadata parsers share. */

/** Trims and turns every run of whitespace (arXiv hard-wraps titles and abstracts) into one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The calendar day of an ISO timestamp (`2017-06-12T17:57:34Z` → `2017-06-12`), or undefined when
 * `value` does not start with a real date. The day is taken as written: both services write UTC.
 */
export function isoDay(value: string): string | undefined {
  const day = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(value.trim())?.[1];
  return day !== undefined && isCalendarDate(day) ? day : undefined;
}

/** `text` when it is non-empty and at most `max` characters, else undefined (too long is dropped, not cut). */
export function within(text: string | undefined, max: number): string | undefined {
  return text !== undefined && text.length > 0 && text.length <= max ? text : undefined;
}
