import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { IncomingPaper } from '../../lib/import/plan';
import type { PaperRecord } from '../../lib/paper/model';
import { filterPapers } from '../../lib/search';
import { searchWordIndex, wordIndexCount, type StoredWordIndex } from '../../lib/search/word-index';
import { PAPER_BUCKETS_TABLE, VOCABULARY_TABLE } from '../../lib/db/word-index-stores';
import { DATA_FILE, DATA_PRESENT } from '../../scripts/ranking-protocol';
import { realRecord } from '../../scripts/real-library';
import { queriesFrom, seeded } from '../unit/search/real-queries';
import { BROWSER_PATH, launch, removeProfile, type Session } from './harness.ts';

/**
 * The saved papers' search index as the built extension keeps it in Chromium's IndexedDB: after
 * imports, tag edits, unsaves, unhides, deletes and their Undo, each sent to the background as the
 * library page sends them, a search of the stored index finds exactly the papers, in the same
 * order, that a full scan of the stored papers finds, for queries drawn from the real arXiv data.
 * (test/unit/db/search-index.test.ts does the same on fake-indexeddb with more writes.)
 */
const SIZE = 240;
const records = DATA_PRESENT ? Array.from({ length: SIZE }, (_, index) => realRecord(index, { size: SIZE, savedEvery: 2, hidden: 'full' })) : [];
const TAGS = ['to-read', 'LLM', 'Vision', 'vision', 'cite-in-thesis'];

if (!DATA_PRESENT) {
  const message = `the real arXiv papers are missing (${DATA_FILE}): the search index's end-to-end test needs them`;
  if (process.env.CI) throw new Error(`${message} (required because CI is set)`);
  console.warn(`\n!!! ${message}; it is SKIPPED here and required in CI !!!\n`);
}

function incoming(record: PaperRecord, tags: string[], saved: boolean): IncomingPaper {
  const metadata = { id: record.id, title: record.title, authors: record.authors, ...(record.abstract ? { abstract: record.abstract } : {}) };
  return { entry: record.id, metadata, tags, saved, ...(saved ? {} : { hiddenAt: 1_800_000_000_000 }) };
}

/** A typed array as plain JSON (page.evaluate returns JSON), and back. */
type Wire = { typed: 'Uint8Array' | 'Uint32Array' | 'Float64Array'; values: number[] } | Wire[] | { [key: string]: Wire } | string | number | boolean | null;
const TYPED = { Uint8Array, Uint32Array, Float64Array } as const;
function fromWire(value: Wire): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value === null || typeof value !== 'object') return value;
  if ('typed' in value && 'values' in value && Array.isArray(value.values)) return TYPED[value.typed as keyof typeof TYPED].from(value.values as number[]);
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, fromWire(inner as Wire)]));
}

/** The stored index and every paper, read from the extension's IndexedDB in one of its pages. */
async function readStored(page: Page): Promise<{ index: StoredWordIndex; papers: PaperRecord[] }> {
  const wire = await page.evaluate(
    ({ vocabularyTable, bucketsTable }) =>
      new Promise<unknown>((resolve, reject) => {
        const toWire = (value: unknown): unknown => {
          if (value instanceof Uint8Array || value instanceof Uint32Array || value instanceof Float64Array) return { typed: value.constructor.name, values: Array.from(value) };
          if (Array.isArray(value)) return value.map(toWire);
          if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toWire(inner)]));
          return value;
        };
        const open = indexedDB.open('papershelf');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction([vocabularyTable, bucketsTable, 'papers'], 'readonly');
          const all = (name: string) => new Promise<unknown[]>((done) => (tx.objectStore(name).getAll().onsuccess = (event) => done((event.target as IDBRequest<unknown[]>).result)));
          void Promise.all([all(vocabularyTable), all(bucketsTable), all('papers')]).then(([vocabulary, buckets, papers]) => {
            db.close();
            resolve(toWire({ index: { vocabulary, buckets }, papers }));
          });
        };
      }),
    { vocabularyTable: VOCABULARY_TABLE, bucketsTable: PAPER_BUCKETS_TABLE },
  );
  return fromWire(wire as Wire) as { index: StoredWordIndex; papers: PaperRecord[] };
}

describe.skipIf(!BROWSER_PATH || !DATA_PRESENT)('the search index in the built extension', () => {
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await launch(undefined, { intercept: false });
    ({ page } = await session.openLibrary());
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.userDataDir);
  });

  /** A request to the background, as the library page sends it. */
  const send = async (message: Record<string, unknown>) =>
    (await page.evaluate((sent) => (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(sent), message)) as { ok: boolean; result?: unknown; error?: string };

  const expectAgrees = async (queries: ReturnType<typeof queriesFrom>) => {
    const { index, papers } = await readStored(page);
    const saved = papers.filter((paper) => paper.savedAt !== undefined);
    expect(saved.length).toBeGreaterThan(0);
    expect(wordIndexCount(index)).toBe(saved.length);
    let matched = 0;
    for (const query of queries) {
      const expected = filterPapers(papers, { ...query, show: 'saved' }).map((paper) => paper.id);
      matched += expected.length;
      expect(searchWordIndex(index, query), JSON.stringify(query)).toEqual(expected);
    }
    // The queries find papers: an index that answers nothing would not pass.
    expect(matched).toBeGreaterThan(queries.length);
  };

  test('finds what a full scan finds after imports, tag edits, unsaves, unhides, deletes and Undo', { timeout: 180_000 }, async () => {
    const random = seeded(5);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const queries = queriesFrom(records, 40, seeded(9));
    const first = await send({ type: 'ui:import', mode: 'merge', papers: records.slice(0, 160).map((record, i) => incoming(record, i % 3 === 0 ? [pick(TAGS)] : [], i % 4 !== 3)) });
    expect(first.ok, first.error).toBe(true);
    await expectAgrees(queries);

    let undo: unknown[] = [];
    const idsIn = async () => (await readStored(page)).papers.map((paper) => paper.id);
    for (let step = 0; step < 40; step++) {
      const record = pick(records);
      const roll = random();
      let reply;
      if (roll < 0.2) reply = await send({ type: 'ui:import', mode: 'merge', papers: [incoming(record, random() < 0.5 ? [pick(TAGS)] : [], random() < 0.7)] });
      else if (roll < 0.35) reply = await send({ type: 'ui:setTags', id: pick(await idsIn()), tags: random() < 0.2 ? [] : [pick(TAGS)] });
      else if (roll < 0.5) reply = await send({ type: 'ui:unsave', ids: [pick(await idsIn())] });
      else if (roll < 0.58) reply = await send({ type: 'ui:unhide', ids: [pick(await idsIn())] });
      else if (roll < 0.7) {
        reply = await send({ type: 'ui:deletePapers', ids: [pick(await idsIn()), pick(await idsIn())] });
        undo = (reply.result as { deleted: unknown[] } | undefined)?.deleted ?? [];
      } else if (roll < 0.8 && undo.length > 0) {
        reply = await send({ type: 'ui:restorePapers', papers: undo });
        undo = [];
      } else if (roll < 0.92) reply = await send({ type: 'ui:bulkTags', ids: (await idsIn()).slice(0, 30), add: [pick(TAGS)], remove: random() < 0.5 ? [pick(TAGS)] : [] });
      else reply = await send({ type: 'ui:renameTag', from: pick(TAGS), to: pick(TAGS) });
      // A tag that no paper holds, or one renamed to itself, is refused in words: nothing to check then.
      if (!reply.ok) expect(reply.error, JSON.stringify(reply)).toMatch(/\w/);
      if (step % 10 === 9) await expectAgrees(queries);
    }
  });
});
