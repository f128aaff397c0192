// @vitest-environment node
/**
 * The search index kept in IndexedDB (schema v8, lib/db/word-index.ts): after random writes
 * through the repository (saves, hides, tag edits, unsaves, deletes and their Undo, imports, a
 * Replace that clears the table), searching the stored index finds exactly what a full scan of
 * the stored papers finds, on the real arXiv data. And the upgrades from versions 4 and 7 build it.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { PaperRepository } from '../../../lib/db/repository';
import { SEARCH_INDEX_TABLE } from '../../../lib/db/search-index';
import { PAPER_BUCKETS_TABLE, readWordIndex, VOCABULARY_TABLE } from '../../../lib/db/word-index';
import { EarlySearchIndex } from '../../../lib/db/search-index-early';
import { LATEST_SCHEMA_VERSION } from '../../../lib/db/schema';
import type { IncomingPaper } from '../../../lib/import/plan';
import type { PaperInput, PaperRecord } from '../../../lib/paper/model';
import { DEFAULT_QUERY, filterPapers, type LibraryQuery } from '../../../lib/search';
import { searchWordIndex, wordIndexCount } from '../../../lib/search/word-index';
import { DATA_PRESENT } from '../../../scripts/ranking-protocol';
import { realRecord } from '../../../scripts/real-library';
import { queriesFrom, seeded } from '../search/real-queries';

const opened: PapershelfDatabase[] = [];
function openAt(factory: IDBFactory, name: string, upToVersion?: number): PapershelfDatabase {
  const db = new PapershelfDatabase(name, { indexedDB: factory, IDBKeyRange, ...(upToVersion === undefined ? {} : { upToVersion }) });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const SIZE = 1_500;
const records = DATA_PRESENT ? Array.from({ length: SIZE }, (_, index) => realRecord(index, { size: SIZE, savedEvery: 3, hidden: 'full' })) : [];

function input(record: PaperRecord): PaperInput {
  const paper: PaperInput = { id: record.id, title: record.title, authors: record.authors, site: 'arxiv', url: `https://arxiv.org/abs/${record.id}` };
  if (record.abstract) paper.abstract = record.abstract;
  if (record.publishedAt) paper.publishedAt = record.publishedAt;
  return paper;
}

function incoming(record: PaperRecord, tags: string[]): IncomingPaper {
  return { entry: record.id, metadata: { id: record.id, title: record.title, authors: record.authors, ...(record.abstract ? { abstract: record.abstract } : {}) }, tags, saved: true };
}

/**
 * Every query gives the same ids from the stored index as from a full scan of the stored papers;
 * with `factory`, also from the index as the popup reads it before Dexie loads (EarlySearchIndex),
 * and the first matching papers by key are the full scan's.
 */
async function expectIndexAgrees(db: PapershelfDatabase, queries: readonly LibraryQuery[], factory?: IDBFactory): Promise<void> {
  const [papers, index] = await Promise.all([db.papers.toArray(), readWordIndex(db)]);
  expect(wordIndexCount(index)).toBe(papers.filter((paper) => paper.savedAt !== undefined).length);
  const early = factory && new EarlySearchIndex(factory, db.name);
  const earlyIndex = await early?.index();
  if (early) expect(earlyIndex).toEqual(index);
  for (const query of queries) {
    const expected = filterPapers(papers, { ...query, show: 'saved' });
    expect(searchWordIndex(index, query), JSON.stringify(query)).toEqual(expected.map((paper) => paper.id));
    if (early) expect(await early.papers(searchWordIndex(earlyIndex!, query).slice(0, 20))).toEqual(expected.slice(0, 20));
  }
}

describe.skipIf(!DATA_PRESENT)('the search index in IndexedDB', { timeout: 300_000 }, () => {
  it('agrees with a full scan after random saves, hides, tag edits, unsaves, deletes, Undo, imports and a Replace', async () => {
    const factory = new IDBFactory();
    const db = openAt(factory, 'search-index-writes');
    let time = 1_800_000_000_000;
    const repo = new PaperRepository(db, () => time++);
    const random = seeded(11);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const queries = queriesFrom(records, 60, seeded(3));
    const tags = ['to-read', 'LLM', 'Vision', 'vision', 'cite-in-thesis'];

    // A library to start from, imported in one go.
    await repo.importPapers(records.slice(0, 600).filter((_, index) => index % 2 === 0).map((record) => incoming(record, index(record) % 4 === 0 ? [pick(tags)] : [])));
    await expectIndexAgrees(db, queries, factory);

    let undo: PaperRecord[] = [];
    for (let step = 0; step < 250; step++) {
      const record = pick(records);
      const roll = random();
      if (roll < 0.25) await repo.save(input(record));
      else if (roll < 0.4) await repo.hide(input(record));
      else if (roll < 0.55) await repo.setTags(input(record), random() < 0.2 ? [] : [pick(tags), ...(random() < 0.3 ? [pick(tags)] : [])]);
      else if (roll < 0.65) await repo.unsave(record.id);
      else if (roll < 0.72) undo = (await repo.deletePapers([record.id, pick(records).id])).previous;
      else if (roll < 0.76 && undo.length > 0) await repo.restorePapers(undo);
      else if (roll < 0.82) {
        const ids = (await db.papers.where('savedAt').above(0).primaryKeys()).slice(0, 40);
        await repo.bulkTags(ids, [pick(tags)], random() < 0.5 ? [pick(tags)] : []).catch(() => undefined);
      } else if (roll < 0.86) await repo.renameTag(pick(tags), pick(tags)).catch(() => undefined);
      else if (roll < 0.9) await repo.setNote(record.id, 'Compare with the LaTeX $\\mathcal{O}(n)$ bound').catch(() => undefined);
      else if (roll < 0.95) await repo.importPapers([incoming(pick(records), [pick(tags)]), incoming(pick(records), [])]);
      else await repo.unsaveMany((await db.papers.where('savedAt').above(0).primaryKeys()).slice(0, 10));
      if (step % 50 === 49) await expectIndexAgrees(db, queries, factory);
    }

    // A Replace clears the papers table (a key range): the index is rebuilt from what is restored.
    await repo.replaceLibrary({ papers: records.slice(900, 1_200).map((record) => incoming(record, [pick(tags)])) });
    await expectIndexAgrees(db, queries, factory);
    expect(await db.table(PAPER_BUCKETS_TABLE).count()).toBeGreaterThan(0);
  });

  it('a write that fails leaves the index as it was (one transaction)', async () => {
    const db = openAt(new IDBFactory(), 'search-index-abort');
    const repo = new PaperRepository(db, () => 1_800_000_000_000);
    await repo.save(input(records[0]!));
    const before = await readWordIndex(db);
    await expect(
      db.transaction('rw', db.papers, async () => {
        await db.papers.put({ ...records[3]!, savedAt: 5 });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await readWordIndex(db)).toEqual(before);
    // Nor does the words it numbered reach the next write: it finds its own words and no other's.
    await repo.save(input(records[6]!));
    await expectIndexAgrees(db, queriesFrom([records[0]!, records[3]!, records[6]!], 20, seeded(9)));
  });

  it('two pages writing in turn (each remembering the vocabulary), one of them aborting, number every word the same', async () => {
    const factory = new IDBFactory();
    // Two writers on one library, each with its own memory of the vocabulary, as two pages have.
    const pageA = new PapershelfDatabase('two-writers', { indexedDB: factory, IDBKeyRange, vocabularyMemory: new Map() });
    const pageB = new PapershelfDatabase('two-writers', { indexedDB: factory, IDBKeyRange, vocabularyMemory: new Map() });
    opened.push(pageA, pageB);
    const paper = (n: number, title: string): PaperRecord => ({ id: `arxiv:2405.0000${n}`, title, authors: [], sources: { arxiv: `https://arxiv.org/abs/2405.0000${n}` }, tags: [], createdAt: n, updatedAt: n, savedAt: n });
    const queries = ['wordaaa', 'wordaab', 'wordbba', 'wordbbb', 'common', '2405'].map((text) => ({ ...DEFAULT_QUERY, text }));
    await pageA.papers.put(paper(1, 'common words'));
    // A numbers three new words (its id and two title words), then aborts.
    await expect(
      pageA.transaction('rw', pageA.papers, async () => {
        await pageA.papers.put(paper(3, 'wordaaa wordaab'));
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    // B adds three other words, at the numbers A's aborted words had.
    await pageB.papers.put(paper(4, 'wordbba wordbbb'));
    // A writes one of its aborted words again: it must not take the number B's word holds now.
    await pageA.papers.put(paper(5, 'wordaaa'));
    await expectIndexAgrees(pageA, queries);
    await expectIndexAgrees(pageB, queries);
  });

  it('is built by the upgrade from version 4, from the saved papers a v4 library holds', async () => {
    const factory = new IDBFactory();
    const v4 = openAt(factory, 'search-index-upgrade', 4);
    await v4.papers.bulkPut(records.slice(0, 300));
    expect(v4.tables.map((table) => table.name)).not.toContain(VOCABULARY_TABLE);
    v4.close();

    const latest = openAt(factory, 'search-index-upgrade');
    await latest.open();
    expect(latest.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await latest.papers.toArray()).toEqual(records.slice(0, 300));
    await expectIndexAgrees(latest, queriesFrom(records.slice(0, 300), 40, seeded(5)));
    // And kept from then on.
    await new PaperRepository(latest, () => 1_900_000_000_000).save(input(records[400]!));
    await expectIndexAgrees(latest, queriesFrom(records.slice(0, 300), 10, seeded(6)));
  });
});

function index(record: PaperRecord): number {
  return Number(record.id.slice(-5));
}
