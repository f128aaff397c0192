/**
 * A checksum of library records, to tell that a restore lost nothing: FNV-1a (32 bits) over each
 * record's JSON with its keys sorted, in the order given (a library read in id order, a backup as
 * written). Self-contained (no outside names), so that the benchmark can send its text to a page.
 */
export function recordChecksum(hash: number, record: unknown): number {
  const canonical = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== undefined);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
    }
    return JSON.stringify(value);
  };
  const text = canonical(record);
  let next = hash >>> 0;
  for (let index = 0; index < text.length; index++) {
    next ^= text.charCodeAt(index);
    next = Math.imul(next, 0x01000193) >>> 0;
  }
  // Records end with a separator, so that two lists of the same text split differently differ.
  return Math.imul(next ^ 0x1e, 0x01000193) >>> 0;
}

export const CHECKSUM_START = 0x811c9dc5;
