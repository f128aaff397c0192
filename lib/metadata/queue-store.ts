import { z } from 'zod';
import { PaperIdSchema } from '../paper/model';
import { FetchSourceSchema, type FetchSource } from './fetched';

/**
 * The persistent state of the enrichment queue: one entry per paper waiting for metadata, and a
 * small meta row. It lives in IndexedDB (lib/db/enrichment-store.ts) because a Manifest V3
 * service worker is stopped whenever idle: everything the scheduler must remember across a stop,
 * including when it last spoke to a server, is here and nowhere else.
 */
export const QueueEntrySchema = z.object({
  /** The paper's PaperId (schema v7; a bare arXiv id before). */
  id: PaperIdSchema,
  addedAt: z.number(),
  /** Consecutive failed attempts on the current source. */
  attempts: z.number().int().nonnegative(),
  /** Not tried before this time (ms since the epoch). */
  nextAttemptAt: z.number(),
  lastError: z.string().max(500).optional(),
  /** Which service to ask next: arXiv first; Hugging Face when arXiv has no data or keeps failing. */
  source: FetchSourceSchema,
  /** When both services last gave up on the paper: it waits a long back-off, and the UI shows it as incomplete. */
  stalledAt: z.number().optional(),
});
export type QueueEntry = z.infer<typeof QueueEntrySchema>;

export const QueueMetaSchema = z.object({
  /** When the last request was sent, to whichever service: the 3-second spacing survives a restart. */
  lastRequestAt: z.number().optional(),
  /** A server asked us to wait (Retry-After): no request at all before then. */
  pausedUntil: z.number().optional(),
});
export type QueueMeta = z.infer<typeof QueueMetaSchema>;

export interface QueueStore {
  /** Entries for `source` due at `now` (nextAttemptAt ≤ now), the longest-waiting first, at most `limit`. */
  due(now: number, limit: number, source: FetchSource): Promise<QueueEntry[]>;
  /** The entries of these ids, `undefined` where none is queued, in the same order. */
  get(ids: readonly string[]): Promise<(QueueEntry | undefined)[]>;
  /** Adds or replaces entries. */
  put(entries: readonly QueueEntry[]): Promise<void>;
  /** Rewrites entries that are still queued; one removed meanwhile (its paper deleted) stays removed. */
  update(entries: readonly QueueEntry[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  size(): Promise<number>;
  /** The earliest nextAttemptAt in the queue, or undefined when it is empty. */
  nextDueAt(): Promise<number | undefined>;
  readMeta(): Promise<QueueMeta>;
  writeMeta(meta: QueueMeta): Promise<void>;
}
