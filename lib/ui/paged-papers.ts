import type { PapershelfDatabase } from '../db/database';
import { requested } from '../db/library-connection';
import type { IndexWithRecords } from '../db/newest-saved';
import type { PaperRecord } from '../paper/model';
import type { ShowMode } from '../search';

/** Papers a page of the hidden or "all" view reads at a time. */
export const PAGE_SIZE = 500;

/** Where the next page starts: after the last record read, in the view's reading order. */
export interface PageCursor {
  /** The hidden view: the last date hidden read, and the ids read with that date (a Replace hides many at one instant). */
  hiddenAt?: number;
  sameInstant?: readonly string[];
  /** The "all" view: the last id read (primary-key order). */
  id?: string;
}

export interface Page {
  papers: PaperRecord[];
  next: PageCursor | undefined;
}

/**
 * One page of a view too large to hold (LiveLibrary's `paged`): the hidden view newest hidden
 * first, through the sparse `hiddenAt` index; the "all" view in id order. Each page is one range
 * read that starts where the last one stopped, so reading page n costs the same as page 1 however
 * deep it is (no offset walks). `next` is undefined after the last page.
 */
export async function readPage(db: PapershelfDatabase, show: Exclude<ShowMode, 'saved'>, after: PageCursor | undefined, size = PAGE_SIZE): Promise<Page> {
  if (show === 'all') {
    const collection = after?.id === undefined ? db.papers.orderBy(':id') : db.papers.where(':id').above(after.id);
    const papers = await collection.limit(size).toArray();
    return { papers, next: papers.length < size ? undefined : { id: papers[papers.length - 1]!.id } };
  }
  const seen = new Set(after?.sameInstant ?? []);
  // The papers of the last instant read are read again (ties have no order here): a few extra.
  const read = await hiddenBackwards(db, after?.hiddenAt, size + seen.size);
  const papers = read.filter((paper) => !seen.has(paper.id));
  if (read.length < size + seen.size) return { papers, next: undefined };
  const last = papers[papers.length - 1]?.hiddenAt ?? after?.hiddenAt;
  if (last === undefined) return { papers, next: undefined };
  const sameInstant = read.filter((paper) => paper.hiddenAt === last).map((paper) => paper.id);
  return { papers, next: { hiddenAt: last, sameInstant } };
}

/**
 * The newest `count` hidden papers hidden at `upTo` or before (all when undefined), newest first.
 * One request where the browser can read an index backwards in one (Chromium 141+): the page
 * asks while LiveLibrary reads the library, and IndexedDB serves one request at a time, so each
 * cursor step of the fallback waits its turn behind that read's chunks.
 */
async function hiddenBackwards(db: PapershelfDatabase, upTo: number | undefined, count: number): Promise<PaperRecord[]> {
  await db.open();
  const index = db.backendDB().transaction('papers', 'readonly').objectStore('papers').index('hiddenAt') as IndexWithRecords;
  if (typeof index.getAllRecords === 'function') {
    const query = upTo === undefined ? db.keyRange.lowerBound(0, true) : db.keyRange.bound(0, upTo, true, false);
    return (await requested(index.getAllRecords({ query, direction: 'prev', count }))).map((record) => record.value as PaperRecord);
  }
  const range = upTo === undefined ? db.papers.where('hiddenAt').above(0) : db.papers.where('hiddenAt').between(0, upTo, false, true);
  return range.reverse().limit(count).toArray();
}

/**
 * How many papers a page holds at most before it pages (LiveLibrary's maxInMemory): its default,
 * or a smaller number from the page's address (`popup.html?maxInMemory=100`), so that a test can
 * page a small library instead of writing 150,000 papers first.
 */
export function maxInMemoryAsked(search: string = globalThis.location?.search ?? ''): { maxInMemory?: number } {
  const asked = Number(new URLSearchParams(search).get('maxInMemory'));
  return Number.isInteger(asked) && asked > 0 ? { maxInMemory: asked } : {};
}
