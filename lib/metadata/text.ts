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
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  // Rejects 2024-02-30 and friends, which Date would roll over into March.
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return undefined;
  return `${year}-${month}-${day}`;
}

/** `text` when it is non-empty and at most `max` characters, else undefined (too long is dropped, not cut). */
export function within(text: string | undefined, max: number): string | undefined {
  return text !== undefined && text.length > 0 && text.length <= max ? text : undefined;
}
