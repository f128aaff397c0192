import { paperBucketOf } from '../search/word-index';
import { holdLibraryFollowers } from '../ui/library-hold';

/**
 * Long library edits (tag 12,000 papers, delete 50,000 hidden ones) go to the background in
 * chunks rather than as one request, for three reasons: the page can say how far the work is
 * ("4,000 of 12,000"); each answer carries the chunk's records as they were (for Undo) and stays
 * far below Chromium's 64 MiB message limit and the repository's Undo cap (MAX_UNDO_BYTES, about
 * 30,000 papers with abstracts).
 *
 * Dexie names any write of 50 records or more as the whole table, and an open page reads its
 * library again after such a write (at a million records, its 50,000 saved papers: seconds each,
 * while the next chunk is being written). So over more than one chunk every open page holds off
 * following the library until the last has answered, then reads it once (lib/ui/library-hold.ts),
 * as after a restore.
 *
 * Each chunk is one transaction, so a failure part-way leaves the chunks before it done and the
 * rest untouched; the result says how far it got, and what was done can still be undone.
 */
export const CHUNK_SIZE = 2_000;

/** What one chunk's request answered: the records it changed, as they were; or why it failed. */
export type ChunkAnswer<R> = { ok: true; previous: readonly R[] } | { ok: false; error: string };

export interface ChunkedResult<R> {
  /** How many of the items were sent and answered ok. */
  done: number;
  /** Every record the answered chunks changed, as it was before: their Undo. */
  previous: R[];
  /** The first failure, in words; the chunks after it were not sent. */
  error?: string;
}

/**
 * Sends `items` in chunks of `size`, one after the other, and calls `onProgress` with how many are
 * done after each. Stops at the first chunk that fails.
 */
export async function runInChunks<T, R>(
  items: readonly T[],
  send: (chunk: T[]) => Promise<ChunkAnswer<R>>,
  onProgress: (done: number) => void = () => {},
  size = CHUNK_SIZE,
): Promise<ChunkedResult<R>> {
  const previous: R[] = [];
  let done = 0;
  const hold = items.length > size ? holdLibraryFollowers() : undefined;
  try {
    for (let start = 0; start < items.length; start += size) {
      const chunk = items.slice(start, start + size);
      const answer = await send(chunk);
      if (!answer.ok) return { done, previous, error: answer.error };
      for (const record of answer.previous) previous.push(record);
      done += chunk.length;
      hold?.renew();
      onProgress(done);
    }
    return { done, previous };
  } finally {
    hold?.release();
  }
}

/**
 * {@link runInChunks} for papers (ids or records): the chunks grouped by the search index's
 * bucket of each paper ({@link inIndexBuckets}), which is what every long library edit sends.
 */
export function runPaperChunks<T, R>(
  items: readonly T[],
  idOf: (item: T) => string,
  send: (chunk: T[]) => Promise<ChunkAnswer<R>>,
  onProgress?: (done: number) => void,
): Promise<ChunkedResult<R>> {
  return runInChunks(inIndexBuckets(items, idOf), send, onProgress);
}

/**
 * `items` grouped by the search index's bucket of their paper (lib/search/word-index.ts), in the
 * order they came within a bucket. A write to a saved paper rewrites its bucket whole, and the
 * 2,000 papers of a chunk in the order a reader selected them fall in nearly every one of the 512
 * buckets: grouped, each chunk of a 10,000-paper edit rewrites about a fifth of them. What the
 * edit does is the same in any order; only the chunks' make-up changes.
 */
export function inIndexBuckets<T>(items: readonly T[], idOf: (item: T) => string): T[] {
  if (items.length <= CHUNK_SIZE) return items.slice();
  const buckets = items.map((item) => paperBucketOf(idOf(item)));
  return items
    .map((_, index) => index)
    .sort((a, b) => buckets[a]! - buckets[b]! || a - b)
    .map((index) => items[index]!);
}
