// @vitest-environment node
/**
 * Schema v9 (the search index's buckets packed, lib/db/packed-buckets-upgrade.ts): a library
 * written by version 8, its buckets in v8's layout (one string per id, date and title key, one
 * array per paper's tags), is reopened at the latest version. Every bucket is packed, the papers
 * and vocabulary are as they were, and the index finds exactly what a full scan finds, through
 * Dexie and through the popup's early reader, then follows the writes made after. Before the
 * upgrade the early reader leaves v8's buckets alone.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PaperRepository } from '../../../lib/db/repository';
import { LATEST_SCHEMA_VERSION } from '../../../lib/db/schema';
import { EarlySearchIndex } from '../../../lib/db/search-index-early';
import { readWordIndex } from '../../../lib/db/word-index';
import { isPackedBucket, PAPER_BUCKETS_TABLE, VOCABULARY_TABLE } from '../../../lib/db/word-index-stores';
import { filterPapers } from '../../../lib/search';
import { unpackStrings } from '../../../lib/search/packed-strings';
import { decodePaperBucket, PAPER_BUCKETS, searchWordIndex, wordIndexCount, type PaperBucket } from '../../../lib/search/word-index';
import { DATA_PRESENT } from '../../../scripts/ranking-protocol';
import { realRecord } from '../../../scripts/real-library';
import { queriesFrom, seeded } from '../search/real-queries';
import { libraryOpener } from './library-at-version';

const NAME = 'schema-v9-test';
const openAt = libraryOpener(NAME);

/** A bucket as version 8 wrote it. */
function asV8(bucket: PaperBucket) {
  const tagKeys = decodePaperBucket(bucket).map((paper) => paper.tagKeys);
  return { ...bucket, ids: unpackStrings(bucket.ids), savedAt: [...bucket.savedAt], published: unpackStrings(bucket.published), titleKeys: unpackStrings(bucket.titleKeys), tagKeys, tagEnds: undefined };
}

const SIZE = 1_200;

describe.skipIf(!DATA_PRESENT)('schema v9: the search index packed', { timeout: 120_000 }, () => {
  it('packs a version 8 library\'s buckets, reads no paper, and finds what a full scan finds', async () => {
    const factory = new IDBFactory();
    const v8 = openAt(factory, 8);
    const records = Array.from({ length: SIZE }, (_, index) => realRecord(index, { size: SIZE, savedEvery: 3, hidden: 'trimmed' }));
    // Tags with characters a separator might have used, and a paper with none.
    records[0] = { ...records[0]!, tags: ['a\nb', 'x\u0000y', 'ünïcode'], savedAt: records[0]!.savedAt ?? 1 };
    await v8.papers.bulkPut(records);
    const current = (await v8.table<PaperBucket, number>(PAPER_BUCKETS_TABLE).toArray());
    await v8.table(PAPER_BUCKETS_TABLE).bulkPut(current.map(asV8));
    const vocabularyBefore = await v8.table(VOCABULARY_TABLE).toArray();
    expect((await v8.table<{ ids: unknown }, number>(PAPER_BUCKETS_TABLE).toArray()).some(isPackedBucket)).toBe(false);
    expect(await new EarlySearchIndex(factory, NAME).index()).toBeUndefined();
    v8.close();

    const latest = openAt(factory);
    await latest.open();
    expect(latest.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(9);
    const buckets = await latest.table<PaperBucket, number>(PAPER_BUCKETS_TABLE).toArray();
    expect(buckets.length).toBeGreaterThan(PAPER_BUCKETS / 2);
    expect(buckets.every(isPackedBucket)).toBe(true);
    expect(buckets).toEqual(current);
    expect(await latest.table(VOCABULARY_TABLE).toArray()).toEqual(vocabularyBefore);
    expect(await latest.papers.toArray()).toEqual([...records].sort((a, b) => (a.id < b.id ? -1 : 1)));

    const queries = [...queriesFrom(records, 80, seeded(9)), { text: '', tags: ['a\nb'], tagMode: 'all' as const, show: 'saved' as const, sort: 'saved' as const, direction: 'desc' as const }];
    const agree = async () => {
      const papers = await latest.papers.toArray();
      const index = await readWordIndex(latest);
      const early = await new EarlySearchIndex(factory, NAME).index();
      expect(wordIndexCount(index)).toBe(papers.filter((paper) => paper.savedAt !== undefined).length);
      for (const query of queries) {
        const expected = filterPapers(papers, { ...query, show: 'saved' }).map((paper) => paper.id);
        expect(searchWordIndex(index, query), JSON.stringify(query)).toEqual(expected);
        expect(searchWordIndex(early!, query), JSON.stringify(query)).toEqual(expected);
      }
    };
    await agree();

    const repo = new PaperRepository(latest, () => 1_900_000_000_000);
    await repo.setTagsOf(records[1]!.id, ['from-v9']);
    await repo.unsave(records[0]!.id);
    await repo.setNote(records[3]!.id, 'Zyxwvut reading group');
    await agree();
    expect(searchWordIndex(await readWordIndex(latest), { ...queries[0]!, text: 'zyxwvut', tags: [] })).toEqual([records[3]!.id]);
  });
});
