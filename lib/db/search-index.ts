import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware, Transaction } from 'dexie';
import type { PaperRecord } from '../paper/model';
import { bucketOf, changedBucket, encodeBucket, indexedPaper, SEARCH_BUCKETS, type IndexedPaper, type SearchBucket } from '../search/search-buckets';
import type { PapershelfDatabase } from './database';
import { papersIndexMiddleware } from './papers-index-middleware';

/** The store of the saved papers' search index (schema v6), one record per bucket (lib/search/search-buckets.ts). */
export const SEARCH_INDEX_TABLE = 'searchBuckets';
/** The schema version that brought the index. */
export const SEARCH_INDEX_VERSION = 6;

/**
 * Keeps the search index in step with `papers`, as one Dexie DBCore middleware: every write to the
 * papers table, whoever makes it (the repository, an upgrade, a test), passes here, so no writer
 * has to remember the index, and the index changes in the same transaction as the papers (a write
 * that fails or aborts leaves both as they were).
 *
 * - Read-write transactions that include `papers` also include the index store.
 * - After each write to `papers`, the buckets of the papers it wrote or deleted are rewritten
 *   (saved papers in, the rest out). A delete by key range (`clear()`) rebuilds the index from
 *   the saved papers.
 * - Writes in one transaction update the index one after another, so two writes in flight never
 *   rewrite the same bucket from the same old copy.
 * - Schema upgrades are left alone: v6's upgrade builds the whole index after the earlier
 *   upgrades, and an upgrade that rewrites papers after it rebuilds the index (v7's does).
 */
export function searchIndexMiddleware(): Middleware<DBCore> {
  return papersIndexMiddleware('papershelf-search-index', [SEARCH_INDEX_TABLE], updateIndex);
}

/** Every key (Dexie's own "any" range, as `clear()` sends it). */
const ANY_KEY: DBCoreKeyRange = { type: 3, lower: -Infinity, lowerOpen: false, upper: [[]], upperOpen: false };

async function updateIndex(down: DBCore, papers: DBCoreTable, request: DBCoreMutateRequest): Promise<void> {
  const index = down.table(SEARCH_INDEX_TABLE);
  const { trans } = request;
  if (request.type === 'deleteRange') {
    await rebuildWith(index, trans, await savedPapersOf(papers, trans));
    return;
  }
  // What each named paper is now: the values written (a put or add always carries whole records,
  // even Dexie's update and modify), nothing for a delete.
  const now = new Map<string, PaperRecord | undefined>();
  if (request.type === 'delete') for (const key of request.keys) now.set(String(key), undefined);
  else for (const value of request.values as Array<PaperRecord | undefined>) if (value && typeof value.id === 'string') now.set(value.id, value);
  if (now.size === 0) return;
  const changes = new Map<number, Map<string, IndexedPaper | undefined>>();
  for (const [key, record] of now) {
    const bucket = bucketOf(key);
    let changed = changes.get(bucket);
    if (changed === undefined) changes.set(bucket, (changed = new Map()));
    changed.set(key, record ? indexedPaper(record) : undefined);
  }
  const numbers = [...changes.keys()];
  const stored = (await index.getMany({ trans, keys: numbers })) as Array<SearchBucket | undefined>;
  const values = numbers.map((number, position) => changedBucket(number, stored[position], changes.get(number)!));
  await index.mutate({ type: 'put', trans, values });
}

/** Every saved paper, through the sparse `savedAt` index. */
async function savedPapersOf(papers: DBCoreTable, trans: DBCoreTransaction): Promise<PaperRecord[]> {
  const result = await papers.query({ trans, values: true, query: { index: papers.schema.getIndexByKeyPath('savedAt')!, range: ANY_KEY } });
  return result.result as PaperRecord[];
}

async function rebuildWith(index: DBCoreTable, trans: DBCoreTransaction, saved: readonly PaperRecord[]): Promise<void> {
  await index.mutate({ type: 'deleteRange', trans, range: ANY_KEY });
  await index.mutate({ type: 'put', trans, values: buildBuckets(saved) });
}

/** The whole index for these records (those not saved are left out). */
export function buildBuckets(records: Iterable<PaperRecord>): SearchBucket[] {
  const byBucket: IndexedPaper[][] = Array.from({ length: SEARCH_BUCKETS }, () => []);
  for (const record of records) {
    const paper = indexedPaper(record);
    if (paper) byBucket[bucketOf(paper.id)]!.push(paper);
  }
  return byBucket.map((papers, bucket) => encodeBucket(bucket, papers));
}

/**
 * Schema v6's upgrade: the index of every saved paper already in the library, read through the
 * `savedAt` index a chunk at a time (hidden papers are never read).
 */
export async function buildSearchIndex(tx: Transaction): Promise<void> {
  const papers = tx.table<PaperRecord, string>('papers');
  const byBucket: IndexedPaper[][] = Array.from({ length: SEARCH_BUCKETS }, () => []);
  await papers.where('savedAt').above(0).each((record) => {
    const paper = indexedPaper(record);
    if (paper) byBucket[bucketOf(paper.id)]!.push(paper);
  });
  await tx.table<SearchBucket, number>(SEARCH_INDEX_TABLE).bulkPut(byBucket.map((list, bucket) => encodeBucket(bucket, list)));
}

/** The whole index, in one read: what a page searches before (or instead of) reading the saved papers. */
export async function readSearchIndex(db: PapershelfDatabase): Promise<SearchBucket[]> {
  return db.table<SearchBucket, number>(SEARCH_INDEX_TABLE).toArray();
}
