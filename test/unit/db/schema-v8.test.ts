// @vitest-environment node
/**
 * Schema v8 (the search index as one vocabulary and packed buckets, lib/db/word-index.ts): a
 * library written by version 7, its index kept in v6's layout as it was written, is reopened at
 * the latest version. The papers are as they were, v6's index store is gone, and the new index
 * finds exactly what a full scan finds, then follows the writes made after.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PaperRepository } from '../../../lib/db/repository';
import { LATEST_SCHEMA_VERSION } from '../../../lib/db/schema';
import { readSearchIndex, SEARCH_INDEX_TABLE } from '../../../lib/db/search-index';
import { PAPER_BUCKETS_TABLE, readWordIndex, VOCABULARY_TABLE } from '../../../lib/db/word-index';
import { filterPapers } from '../../../lib/search';
import { indexedCount } from '../../../lib/search/search-buckets';
import { searchWordIndex, wordIndexCount, PAPER_BUCKETS } from '../../../lib/search/word-index';
import { DATA_PRESENT } from '../../../scripts/ranking-protocol';
import { realRecord } from '../../../scripts/real-library';
import { queriesFrom, seeded } from '../search/real-queries';
import { libraryOpener } from './library-at-version';

const openAt = libraryOpener('schema-v8-test');

const SIZE = 1_200;

describe.skipIf(!DATA_PRESENT)('schema v8: the search index in one vocabulary and packed buckets', { timeout: 120_000 }, () => {
  it('is built from a version 7 library, drops the old index, and follows writes after', async () => {
    const factory = new IDBFactory();
    const v7 = openAt(factory, 7);
    const records = Array.from({ length: SIZE }, (_, index) => realRecord(index, { size: SIZE, savedEvery: 3, hidden: 'trimmed' }));
    await v7.papers.bulkPut(records);
    const saved = records.filter((record) => record.savedAt !== undefined);
    expect(indexedCount(await readSearchIndex(v7))).toBe(saved.length);
    v7.close();

    const latest = openAt(factory);
    await latest.open();
    expect(latest.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(8);
    expect(latest.tables.map((table) => table.name)).not.toContain(SEARCH_INDEX_TABLE);
    expect(await latest.papers.toArray()).toEqual([...records].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(await latest.table(PAPER_BUCKETS_TABLE).count()).toBe(PAPER_BUCKETS);
    expect(await latest.table(VOCABULARY_TABLE).count()).toBeGreaterThan(1);

    const queries = queriesFrom(records, 80, seeded(21));
    const agree = async () => {
      const papers = await latest.papers.toArray();
      const index = await readWordIndex(latest);
      expect(wordIndexCount(index)).toBe(papers.filter((paper) => paper.savedAt !== undefined).length);
      for (const query of queries) expect(searchWordIndex(index, query), JSON.stringify(query)).toEqual(filterPapers(papers, { ...query, show: 'saved' }).map((paper) => paper.id));
    };
    await agree();

    // Writes after the upgrade: a hidden paper saved (its words join the vocabulary), a saved one unsaved, a note.
    const repo = new PaperRepository(latest, () => 1_900_000_000_000);
    await repo.setTagsOf(records[1]!.id, ['from-v8']);
    await repo.unsave(records[0]!.id);
    await repo.setNote(records[3]!.id, 'Zyxwvut reading group');
    await agree();
    const index = await readWordIndex(latest);
    expect(searchWordIndex(index, { ...queries[0]!, text: 'zyxwvut', tags: [] })).toEqual([records[3]!.id]);
  });
});
