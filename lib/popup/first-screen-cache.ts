import type { PaperRecord } from '../paper/model';

/**
 * The popup's last first screen (the newest saved papers), kept in the extension origin's
 * `localStorage`, so that the next popup paints its rows in its very first frame.
 *
 * Why: `localStorage` is read synchronously before the first render, while even the smallest
 * IndexedDB read answers only after the page opened a connection and the database's thread served
 * it (tens to hundreds of milliseconds on a busy machine). The rows shown may be stale: a paper
 * saved or deleted since the last popup (the background cannot reach `localStorage` to say so).
 * They are replaced by what IndexedDB holds as soon as the popup's own read of the newest saved
 * papers answers (main.tsx), and that read is also what writes the cache again. A stale row is
 * on screen for that moment only, and only in the default view.
 *
 * What is kept is the records as the library holds them (validated when they were written); what
 * is read back is checked for the fields a row shows and links to, and ignored when anything is
 * off (another version's shape, a hand-edited value): then the popup waits for IndexedDB as
 * before.
 */
export const FIRST_SCREEN_KEY = 'papershelf:first-screen';

/** The cached first screen, newest saved first; undefined when there is none or it is not usable. */
export function readCachedFirstScreen(storage: Storage | undefined = globalStorage()): PaperRecord[] | undefined {
  try {
    const text = storage?.getItem(FIRST_SCREEN_KEY);
    if (!text) return undefined;
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value) || !value.every(isShowable)) return undefined;
    return value as PaperRecord[];
  } catch {
    return undefined;
  }
}

/** Keeps `papers` (the newest saved, as IndexedDB answered) for the next popup. */
export function writeCachedFirstScreen(papers: readonly PaperRecord[], storage: Storage | undefined = globalStorage()): void {
  try {
    storage?.setItem(FIRST_SCREEN_KEY, JSON.stringify(papers));
  } catch {
    // Full or unavailable: the next popup reads IndexedDB first, as without the cache.
  }
}

function globalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // a page that may not use storage
  }
}

/** The fields a popup row reads (components/PaperRow.tsx), with the types the library gives them. */
function isShowable(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.id === 'string' &&
    typeof record.title === 'string' &&
    typeof record.savedAt === 'number' &&
    isStrings(record.authors) &&
    isStrings(record.tags) &&
    optional(record.publishedAt, 'string') &&
    optional(record.authorCount, 'number') &&
    optional(record.abstract, 'string') &&
    optional(record.primaryCategory, 'string') &&
    optional(record.hiddenAt, 'number') &&
    typeof record.sources === 'object' &&
    record.sources !== null &&
    // The title links to one of these: web pages only.
    Object.values(record.sources).every((url) => typeof url === 'string' && url.startsWith('https://'))
  );
}

function isStrings(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function optional(value: unknown, type: 'string' | 'number'): boolean {
  return value === undefined || typeof value === type;
}
