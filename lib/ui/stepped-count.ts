import { requested } from '../db/library-connection';

/**
 * Counts of the library made of many short requests instead of one long one.
 *
 * Why: IndexedDB counts by walking every entry (95,000 hidden papers: ~1 s in Chromium's backend on
 * this machine, ten times that at a million), and a request once sent runs to its end even when
 * the page that sent it has closed. A popup closed just after reading its saved papers left its
 * count running, and the next popup's first reads waited behind it (scripts/profile-popup-open.ts:
 * the newest papers answered at 1.6 s instead of 0.2 s). Counted in steps of a few thousand
 * entries, a closed page leaves at most one step behind (its transaction ends with it), and other
 * pages' requests are served between steps.
 */

/** Entries each request walks, at most. */
export const COUNT_STEP = 4_000;

/** How many records `store` holds, walked `step` entries a request. `keyRange`: its IndexedDB's IDBKeyRange. */
export async function countStoreInSteps(store: IDBObjectStore, keyRange: typeof IDBKeyRange, step = COUNT_STEP): Promise<number> {
  // A key cursor jumps `step` entries a request; past the last jump, the rest (fewer than `step`)
  // is counted after its key: primary keys are unique, so that count is exact.
  const jumped = await jumps(store.openKeyCursor(), step);
  if (jumped.last === undefined) return 0;
  return jumped.count + (await requested(store.count(keyRange.lowerBound(jumped.last, true))));
}

/**
 * How many entries `index` (of whole numbers: dates in milliseconds) holds, counted in slices of
 * the key that hold about `step` entries each: the first a 64th of the span from the smallest key
 * to the largest, each next one as wide as the last one's count says holds `step`.
 */
export async function countNumberIndexInSteps(index: IDBIndex, keyRange: typeof IDBKeyRange, step = COUNT_STEP): Promise<number> {
  const first = await requested(index.openKeyCursor(null, 'next'));
  const last = await requested(index.openKeyCursor(null, 'prev'));
  if (!first || !last) return 0;
  const low = first.key as number;
  const high = last.key as number;
  const range = keyRange;
  if (low === high) return requested(index.count(range.only(low)));
  // A first slice a 64th of the span wide says how dense the keys are; the rest is cut to match.
  let width = Math.max(1, (high - low) / 64);
  let count = 0;
  let from = low;
  while (from <= high) {
    const to = from + width;
    const slice = to >= high ? range.bound(from, high) : range.bound(from, to, false, true);
    const found = await requested(index.count(slice));
    count += found;
    if (to >= high) break;
    from = to;
    // At least a millisecond: the keys are whole numbers, and a slice must move on.
    width = Math.max(1, found === 0 ? width * 2 : (width * step) / found);
  }
  return count;
}

/** Follows a key cursor `step` entries a request: how many entries it stood on, and the last key. */
function jumps(request: IDBRequest<IDBCursor | null>, step: number): Promise<{ count: number; last: IDBValidKey | undefined }> {
  return new Promise((resolve, reject) => {
    let count = 0;
    let last: IDBValidKey | undefined;
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve({ count, last });
      // The first entry, then one `step` further each time.
      count = count === 0 ? 1 : count + step;
      last = cursor.primaryKey;
      cursor.advance(step);
    };
  });
}
