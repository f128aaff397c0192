import type { DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware, Transaction } from 'dexie';
import type { PaperRecord } from '../paper/model';
import { papersIndexMiddleware } from './papers-index-middleware';
import { indexedPaper } from '../search/search-buckets';
import {
  changedPaperBucket,
  chunkWords,
  encodePaperBucket,
  numberedPaper,
  PAPER_BUCKETS,
  paperBucketOf,
  Vocabulary,
  VocabularyDraft,
  VOCABULARY_CHUNK,
  VOCABULARY_HEAD,
  type NumberedPaper,
  type PaperBucket,
  type StoredWordIndex,
  type VocabularyChunk,
  type VocabularyHead,
  type VocabularyRecord,
  type WordNumbering,
} from '../search/word-index';
import type { PapershelfDatabase } from './database';
import { PAPER_BUCKETS_TABLE, VOCABULARY_TABLE } from './word-index-stores';

// The stores' names, kept where the early reader can import them alone (word-index-stores.ts).
export { PAPER_BUCKETS_TABLE, VOCABULARY_TABLE };
/** The schema version that brought this layout. */
export const WORD_INDEX_VERSION = 8;

/**
 * Keeps the search index in step with `papers` (schema v8), as one Dexie DBCore middleware, as
 * search-index.ts did for v6's layout: every write to the papers table passes here, and the index
 * changes in the same transaction (a write that fails or aborts leaves both as they were).
 *
 * - Read-write transactions that include `papers` also include the index's two stores.
 * - After each write to `papers`, the buckets of the papers it wrote or deleted are rewritten
 *   (saved papers in, the rest out; a bucket nothing changes in is left alone, so hiding a paper
 *   never saved writes nothing here), and new words are added to the vocabulary's last chunk. A
 *   delete by key range (`clear()`) rebuilds the buckets from the saved papers.
 * - Writes in one transaction update the index one after another.
 * - Schema upgrades are left alone: v8's upgrade builds the whole index.
 *
 * The vocabulary a write numbers words with is kept in memory between writes (reading 200,000
 * words on every Save would cost more than the Save): each write reads the vocabulary's head,
 * and reads only the chunks written since when another page or worker added words. The copy in
 * memory takes a transaction's words only once it committed, so a write that aborted never leaves
 * it holding numbers the library does not.
 */
export function wordIndexMiddleware(remembered: VocabularyMemory = pageMemory): Middleware<DBCore> {
  return papersIndexMiddleware('papershelf-word-index', [VOCABULARY_TABLE, PAPER_BUCKETS_TABLE], (down, papers, request) => updateIndex(down, papers, request, remembered));
}

/** Every key (Dexie's own "any" range, as `clear()` sends it). */
const ANY_KEY: DBCoreKeyRange = { type: 3, lower: -Infinity, lowerOpen: false, upper: [[]], upperOpen: false };

/** The last vocabulary a page's or worker's writers read or wrote, by the vocabulary's id. */
export type VocabularyMemory = Map<string, Vocabulary>;
const pageMemory: VocabularyMemory = new Map();
/** Each transaction's words, numbered on top of the remembered vocabulary. */
const inTransaction = new WeakMap<DBCoreTransaction, VocabularyDraft>();

async function vocabularyFor(down: DBCore, trans: DBCoreTransaction, remembered: VocabularyMemory): Promise<VocabularyDraft> {
  const open = inTransaction.get(trans);
  if (open) return open;
  const table = down.table(VOCABULARY_TABLE);
  const head = (await table.get({ trans, key: VOCABULARY_HEAD })) as VocabularyHead | undefined;
  let known = head && remembered.get(head.id);
  if (!head) known = new Vocabulary(newVocabularyId());
  else if (!known || known.size > head.size) {
    // Never seen here, or ahead of what is stored (impossible unless the library was replaced): all of it.
    known = Vocabulary.read(head, (await table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: ANY_KEY } })).result as VocabularyRecord[]);
  } else if (known.size < head.size) {
    // Another page or worker added words since: the chunks from the one that holds our next word.
    const keys: number[] = [];
    for (let chunk = Math.floor(known.size / VOCABULARY_CHUNK); chunk * VOCABULARY_CHUNK < head.size; chunk++) keys.push(chunk);
    const chunks = (await table.getMany({ trans, keys })) as Array<VocabularyChunk | undefined>;
    const words: string[] = [];
    for (const chunk of chunks) if (chunk) words.push(...chunkWords(chunk));
    known.append(words.slice(known.size - keys[0]! * VOCABULARY_CHUNK, head.size - keys[0]! * VOCABULARY_CHUNK));
  }
  remembered.set(known.id, known);
  const draft = new VocabularyDraft(known);
  inTransaction.set(trans, draft);
  // The words this transaction numbered are everyone's only once it committed.
  (trans as unknown as EventTarget).addEventListener?.('complete', () => {
    if (!draft.commit()) remembered.delete(draft.id);
  });
  return draft;
}

function newVocabularyId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

async function updateIndex(down: DBCore, papers: DBCoreTable, request: DBCoreMutateRequest, remembered: VocabularyMemory): Promise<void> {
  const buckets = down.table(PAPER_BUCKETS_TABLE);
  const { trans } = request;
  if (request.type === 'deleteRange') {
    const vocabulary = await vocabularyFor(down, trans, remembered);
    await buckets.mutate({ type: 'deleteRange', trans, range: ANY_KEY });
    await buckets.mutate({ type: 'put', trans, values: bucketsOf(await savedPapersOf(papers, trans), vocabulary) });
    await storeVocabulary(down, trans, vocabulary);
    return;
  }
  // What each named paper is now: the values written (a put or add always carries whole records,
  // even Dexie's update and modify), nothing for a delete.
  const now = new Map<string, PaperRecord | undefined>();
  if (request.type === 'delete') for (const key of request.keys) now.set(String(key), undefined);
  else for (const value of request.values as Array<PaperRecord | undefined>) if (value && typeof value.id === 'string') now.set(value.id, value);
  if (now.size === 0) return;
  const anySaved = [...now.values()].some((record) => record?.savedAt !== undefined);
  const vocabulary = anySaved ? await vocabularyFor(down, trans, remembered) : undefined;
  const changes = new Map<number, Map<string, NumberedPaper | undefined>>();
  for (const [key, record] of now) {
    const bucket = paperBucketOf(key);
    let changed = changes.get(bucket);
    if (changed === undefined) changes.set(bucket, (changed = new Map()));
    const paper = record && indexedPaper(record);
    changed.set(key, paper && vocabulary ? numberedPaper(paper, vocabulary) : undefined);
  }
  const numbers = [...changes.keys()];
  const stored = (await buckets.getMany({ trans, keys: numbers })) as Array<PaperBucket | undefined>;
  const values: PaperBucket[] = [];
  numbers.forEach((number, position) => {
    const next = changedPaperBucket(number, stored[position], changes.get(number)!);
    if (next) values.push(next);
  });
  if (values.length > 0) await buckets.mutate({ type: 'put', trans, values });
  if (vocabulary) await storeVocabulary(down, trans, vocabulary);
}

/** The vocabulary's head and the chunks holding words added in this transaction. */
async function storeVocabulary(down: DBCore, trans: DBCoreTransaction, vocabulary: VocabularyDraft): Promise<void> {
  if (vocabulary.added === 0) return;
  await down.table(VOCABULARY_TABLE).mutate({ type: 'put', trans, values: vocabulary.changedRecords() });
}

/** Every saved paper, through the sparse `savedAt` index. */
async function savedPapersOf(papers: DBCoreTable, trans: DBCoreTransaction): Promise<PaperRecord[]> {
  const result = await papers.query({ trans, values: true, query: { index: papers.schema.getIndexByKeyPath('savedAt')!, range: ANY_KEY } });
  return result.result as PaperRecord[];
}

/** Every bucket for these records (those not saved are left out), their words numbered in `vocabulary`. */
export function bucketsOf(records: Iterable<PaperRecord>, vocabulary: WordNumbering): PaperBucket[] {
  const byBucket: NumberedPaper[][] = Array.from({ length: PAPER_BUCKETS }, () => []);
  for (const record of records) {
    const paper = indexedPaper(record);
    if (paper) byBucket[paperBucketOf(paper.id)]!.push(numberedPaper(paper, vocabulary));
  }
  return byBucket.map((list, bucket) => encodePaperBucket(bucket, list));
}

/**
 * Schema v8's upgrade: the index of every saved paper, read through the `savedAt` index (hidden
 * papers are never read), with a new vocabulary.
 */
export async function buildWordIndex(tx: Transaction): Promise<void> {
  const vocabulary = new Vocabulary(newVocabularyId());
  const byBucket: NumberedPaper[][] = Array.from({ length: PAPER_BUCKETS }, () => []);
  await tx
    .table<PaperRecord, string>('papers')
    .where('savedAt')
    .above(0)
    .each((record) => {
      const paper = indexedPaper(record);
      if (paper) byBucket[paperBucketOf(paper.id)]!.push(numberedPaper(paper, vocabulary));
    });
  await tx.table<PaperBucket, number>(PAPER_BUCKETS_TABLE).bulkPut(byBucket.map((list, bucket) => encodePaperBucket(bucket, list)));
  await tx.table<VocabularyRecord, number>(VOCABULARY_TABLE).bulkPut(vocabulary.allRecords());
}

/** The whole index, in one transaction: what a page searches before (or instead of) reading the saved papers. */
export async function readWordIndex(db: PapershelfDatabase): Promise<StoredWordIndex> {
  return db.transaction('r', [VOCABULARY_TABLE, PAPER_BUCKETS_TABLE], async () => ({
    vocabulary: await db.table<VocabularyRecord, number>(VOCABULARY_TABLE).toArray(),
    buckets: await db.table<PaperBucket, number>(PAPER_BUCKETS_TABLE).toArray(),
  }));
}
