import { MAX_EXAMPLES } from '../ranking/readiness';
import { PaperRecordSchema, type PaperRecord } from '../paper/model';
import type { PapershelfDatabase } from './database';

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
