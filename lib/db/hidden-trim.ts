import { MAX_EXAMPLES } from '../ranking/readiness';
import { PaperRecordSchema, type PaperRecord } from '../paper/model';
import { Dexie } from 'dexie';
import type { PapershelfDatabase } from './database';
import { markAsMerge } from './operation-log';

/**
 * How many of the newest hides keep everything the page said: the For-you ranker's whole window
 * (it learns from at most MAX_EXAMPLES judged papers, newest first: lib/ranking/readiness.ts),
 * so trimming the older ones never changes a model, rebuilt or not.
 */
export const FULL_HIDES = MAX_EXAMPLES;

/**
 * What a hide older than the ranker's window keeps: its id, when and where it was hidden (`hiddenAt`,
 * `sources`), its title and authors (what the hidden list shows and a rule or a search reads), and
 * its citation key (assigned once). Its abstract, comments and publication data go: a year of
 * triage is ~950,000 hides, and the abstract is four fifths of a record (scripts/bench-library-scale.ts
 * measures the bytes on disk both ways). A paper saved later gets them back from its page and
 * from enrichment. Undefined when there is nothing to trim, or when the paper is more than hidden
 * (saved, tagged, annotated or edited by the user).
 */
export function trimmedHide(record: PaperRecord): PaperRecord | undefined {
  if (record.hiddenAt === undefined || record.savedAt !== undefined || record.tags.length > 0 || record.note !== undefined || record.userEdited !== undefined) return undefined;
  const { id, title, authors, authorCount, sources, citationKey, tags, hiddenAt, createdAt, updatedAt } = record;
  const trimmed: PaperRecord = { id, title, authors, sources, tags, hiddenAt, createdAt, updatedAt };
  if (authorCount !== undefined) trimmed.authorCount = authorCount;
  if (citationKey !== undefined) trimmed.citationKey = citationKey;
  const removes = Object.keys(record).length !== Object.keys(trimmed).length;
  return removes ? trimmed : undefined;
}

/**
 * Trims the hide that a new hide just pushed out of the ranker's window (the FULL_HIDES+1-th
 * newest): one index step and at most one write per hide. Inside the caller's read-write
 * transaction over `papers`.
 */
export async function trimHideLeavingWindow(db: PapershelfDatabase): Promise<void> {
  const leaving = await db.papers.orderBy('hiddenAt').reverse().offset(FULL_HIDES).first();
  const trimmed = leaving && trimmedHide(leaving);
  // Validated like every write, though a subset of a valid record is one.
  if (trimmed) await db.papers.put(PaperRecordSchema.parse(trimmed));
}

/** Where the trim of older hides goes on: hides strictly before `before` (ms) are still to read. */
export interface OlderHidesCursor {
  before: number;
}

/**
 * One batch of the trim of hides that predate trimming (a library hidden into before each hide
 * trimmed the one leaving the window keeps every abstract): the next `batch` hides older than the
 * ranker's window, newest first, each trimmed when trimmedHide says so, in one transaction that
 * sync does not record (how this device stores an old hide is not a change for others to copy).
 * A batch that ends inside an instant (many hidden at once) takes the rest of that instant too.
 * Answers where the next batch starts, or undefined once every older hide is read.
 * `window`: the newest hides kept whole (FULL_HIDES; a test makes it small).
 */
export async function trimOlderHides(
  db: PapershelfDatabase,
  cursor: OlderHidesCursor | undefined,
  batch = 500,
  window = FULL_HIDES,
): Promise<{ trimmed: number; next: OlderHidesCursor | undefined }> {
  return db.transaction('rw', db.papers, async () => {
    markAsMerge(Dexie.currentTransaction.idbtrans);
    let before = cursor?.before;
    let inWindow = new Set<string>();
    if (before === undefined) {
      // From the newest hide outside the window, whose instant the window's oldest may share.
      const edge = await db.papers.orderBy('hiddenAt').reverse().offset(window).first();
      if (!edge) return { trimmed: 0, next: undefined };
      before = edge.hiddenAt!;
      inWindow = new Set((await db.papers.orderBy('hiddenAt').reverse().limit(window).primaryKeys()) as string[]);
    }
    const raw = await db.papers.where('hiddenAt').between(0, before, false, cursor === undefined).reverse().limit(batch).toArray();
    const full = raw.length === batch;
    const read = raw.filter((paper) => !inWindow.has(paper.id));
    if (full) {
      const last = raw[raw.length - 1]!.hiddenAt!;
      const seen = new Set(raw.filter((paper) => paper.hiddenAt === last).map((paper) => paper.id));
      for (const paper of await db.papers.where('hiddenAt').equals(last).toArray()) if (!seen.has(paper.id) && !inWindow.has(paper.id)) read.push(paper);
    }
    const trimmed = read.flatMap((paper) => {
      const smaller = trimmedHide(paper);
      return smaller ? [PaperRecordSchema.parse(smaller)] : [];
    });
    if (trimmed.length > 0) await db.papers.bulkPut(trimmed);
    const next = full ? { before: raw[raw.length - 1]!.hiddenAt! } : undefined;
    return { trimmed: trimmed.length, next };
  });
}
