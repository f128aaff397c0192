import type { PapershelfDatabase } from '../db/database';
import { trimOlderHides, type OlderHidesCursor } from '../db/hidden-trim';

/** How far the trim got, in the settings table (a key sync does not record, nor a backup restore). */
export const TRIM_PROGRESS_KEY = 'olderHidesTrim';

type Progress = { done: true } | { cursor: OlderHidesCursor };

/**
 * Trims, a batch at a time with a pause between (so the background answers cards and pages
 * first), the hides of a library that predates trimming (lib/db/hidden-trim.ts, trimOlderHides).
 * How far it got is kept after each batch, so a service worker stopped part-way goes on where it
 * stopped when it starts again; once every older hide is read, it never runs again (every hide
 * since trims the one leaving the ranker's window). Answers how many records it trimmed.
 */
export async function trimOlderHidesInBatches(
  db: PapershelfDatabase,
  pause: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 1_000)),
  batch = 500,
  window?: number,
): Promise<number> {
  const kept = (await db.settings.get(TRIM_PROGRESS_KEY))?.value as Progress | undefined;
  if (kept && 'done' in kept) return 0;
  let cursor = kept && 'cursor' in kept ? kept.cursor : undefined;
  let trimmed = 0;
  for (;;) {
    const result = await trimOlderHides(db, cursor, batch, window);
    trimmed += result.trimmed;
    const progress: Progress = result.next ? { cursor: result.next } : { done: true };
    await db.settings.put({ key: TRIM_PROGRESS_KEY, value: progress });
    if (!result.next) return trimmed;
    cursor = result.next;
    await pause();
  }
}
