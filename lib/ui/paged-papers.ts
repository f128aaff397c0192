import type { PapershelfDatabase } from '../db/database';
import { requested } from '../db/library-connection';
import type { IndexWithRecords } from '../db/newest-saved';
import type { PaperRecord } from '../paper/model';
import type { ShowMode } from '../search';

/** Papers a page of the hidden or "all" view reads at a time. */
export const PAGE_SIZE = 500;

/** Where the next page starts: after the last record read, in the view's reading order. */
export interface PageCursor {
  /**
   * The hidden view: the date hidden of the last paper read, and its id when more papers were
   * hidden at that instant (a Replace hides thousands; they go by id, as the view in memory sorts
   * them). Without an id, the next page starts strictly before that date.
   */
  hiddenAt?: number;
  afterId?: string;
  /** The "all" view: the last id read (primary-key order). */
  id?: string;
}

export interface Page {
  papers: PaperRecord[];
  next: PageCursor | undefined;
}

/**
 * One page of the hidden or "all" view read from the records (a library too large to hold, or
 * one still being read): the hidden view newest hidden first, through the sparse `hiddenAt` index,
 * ties by id (the order lib/search sorts the view in memory, so a page is exactly its first
 * rows); the "all" view in id order. Each page starts where the last one stopped, so reading page
 * n costs the same as page 1 however deep it is (no offset walks). `next` is undefined after the
 * last page.
 */
export async function readPage(db: PapershelfDatabase, show: Exclude<ShowMode, 'saved'>, after: PageCursor | undefined, size = PAGE_SIZE): Promise<Page> {
  if (show === 'all') {
    const collection = after?.id === undefined ? db.papers.orderBy(':id') : db.papers.where(':id').above(after.id);
    const papers = await collection.limit(size).toArray();
    return { papers, next: papers.length < size ? undefined : { id: papers[papers.length - 1]!.id } };
  }
  await db.open();
  const papers: PaperRecord[] = [];
  // The rest of the instant the last page stopped in.
  if (after?.hiddenAt !== undefined && after.afterId !== undefined) {
    for (const paper of await instantByIds(hiddenIndex(db), db.keyRange, after.hiddenAt, after.afterId, size)) papers.push(paper);
    if (papers.length === size) return { papers, next: { hiddenAt: after.hiddenAt, afterId: papers[size - 1]!.id } };
  }
  const wanted = size - papers.length;
  // One more than wanted: whether the page's last instant goes on past it.
  const older = await hiddenBackwards(db, after?.hiddenAt, wanted + 1);
  if (older.length <= wanted) return { papers: [...papers, ...inViewOrder(older)], next: undefined };
  const last = older[wanted - 1]!.hiddenAt!;
  if (older[wanted]!.hiddenAt !== last) {
    // The page ends with an instant read whole (the usual case: one paper an instant).
    for (const paper of inViewOrder(older.slice(0, wanted))) papers.push(paper);
    return { papers, next: { hiddenAt: last } };
  }
  // The last instant goes on past this page, and a backward read gives its papers from the
  // highest id: that instant's lowest ids are read instead, as the view lists them.
  for (const paper of inViewOrder(older.slice(0, wanted))) if (paper.hiddenAt !== last) papers.push(paper);
  for (const paper of await instantByIds(hiddenIndex(db), db.keyRange, last, undefined, size - papers.length)) papers.push(paper);
  return { papers, next: { hiddenAt: last, afterId: papers[papers.length - 1]!.id } };
}

/** The `hiddenAt` index in a read-only transaction of its own: each request below is one page read. */
function hiddenIndex(db: PapershelfDatabase): IDBIndex {
  return db.backendDB().transaction('papers', 'readonly').objectStore('papers').index('hiddenAt');
}

/** Newest hidden first, papers hidden at one instant by id (lib/search/sort.ts's order for the view). */
function inViewOrder(papers: PaperRecord[]): PaperRecord[] {
  return papers.sort((a, b) => b.hiddenAt! - a.hiddenAt! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The newest `count` hidden papers hidden strictly before `before` (all when undefined), newest
 * first. One request where the browser can read an index backwards in one (Chromium 141+): the
 * page asks while LiveLibrary reads the library, and IndexedDB serves one request at a time, so
 * each cursor step of the fallback waits its turn behind that read's chunks.
 */
async function hiddenBackwards(db: PapershelfDatabase, before: number | undefined, count: number): Promise<PaperRecord[]> {
  const index = hiddenIndex(db) as IndexWithRecords;
  if (typeof index.getAllRecords === 'function') {
    const query = before === undefined ? db.keyRange.lowerBound(0, true) : db.keyRange.bound(0, before, true, true);
    return (await requested(index.getAllRecords({ query, direction: 'prev', count }))).map((record) => record.value as PaperRecord);
  }
  const range = before === undefined ? db.papers.where('hiddenAt').above(0) : db.papers.where('hiddenAt').between(0, before, false, false);
  return range.reverse().limit(count).toArray();
}

/** Up to `count` papers hidden at `instant`, by id, after `afterId` (from the first when undefined). */
function instantByIds(index: IDBIndex, keyRange: typeof IDBKeyRange, instant: number, afterId: string | undefined, count: number): Promise<PaperRecord[]> {
  return new Promise((resolve, reject) => {
    const papers: PaperRecord[] = [];
    if (count <= 0) return resolve(papers);
    const request = index.openCursor(keyRange.only(instant), 'next');
    let positioned = afterId === undefined;
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(papers);
      const id = cursor.primaryKey as string;
      if (!positioned) {
        // One jump to the id the last page stopped at (papers of one instant are in id order here).
        if (id < afterId!) return cursor.continuePrimaryKey(instant, afterId!);
        positioned = true;
        if (id === afterId) return cursor.continue();
      }
      papers.push(cursor.value as PaperRecord);
      if (papers.length < count) cursor.continue();
      else resolve(papers);
    };
  });
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
