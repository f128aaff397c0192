// @vitest-environment node
/**
 * The saved papers' search index (lib/search/search-buckets.ts) answers exactly what the full scan
 * (filterPapers over the records) answers: the same papers in the same order, for words, parts of
 * words, LaTeX, accented names, ids, tags (all/any) and every sort, on the real arXiv papers of
 * ../shared/data. Also after buckets are rewritten paper by paper, as writes do.
 */
import { describe, expect, it } from 'vitest';
import { filterPapers, type LibraryQuery } from '../../../lib/search';
import { bucketOf, changedBucket, decodeBucket, encodeBucket, indexedPaper, searchBuckets, type SearchBucket } from '../../../lib/search/search-buckets';
import type { PaperRecord } from '../../../lib/paper/model';
import { bucketsOf, queriesFrom, seeded } from './real-queries';
import { DATA_PRESENT } from '../../../scripts/ranking-protocol';
import { realRecord } from '../../../scripts/real-library';

const scanIds = (records: readonly PaperRecord[], query: LibraryQuery) => filterPapers(records, { ...query, show: 'saved' }).map((paper) => paper.id);

describe.skipIf(!DATA_PRESENT)('the search index on the real arXiv data', { timeout: 120_000 }, () => {
  // 6,000 records, 1 in 3 saved: 2,000 saved papers with their real titles, abstracts and authors.
  const records = Array.from({ length: 6_000 }, (_, index) => realRecord(index, { size: 6_000, savedEvery: 3, hidden: 'trimmed' }));

  it('finds exactly what the full scan finds, in the same order', () => {
    const buckets = bucketsOf(records);
    const queries = queriesFrom(records, 300, seeded(7));
    let nonEmpty = 0;
    for (const query of queries) {
      const expected = scanIds(records, query);
      if (expected.length > 0) nonEmpty++;
      expect(searchBuckets(buckets, query), JSON.stringify(query)).toEqual(expected);
    }
    // The queries are not all trivially empty: most find something.
    expect(nonEmpty).toBeGreaterThan(200);
  }, 120_000);

  it('decodes what it encodes, and a bucket rewritten paper by paper equals one built at once', () => {
    const saved = records.filter((record) => record.savedAt !== undefined);
    const inBucket = saved.filter((record) => bucketOf(record.id) === 5);
    const papers = inBucket.map((record) => indexedPaper(record)!);
    expect(decodeBucket(encodeBucket(5, papers))).toEqual(papers);

    let bucket: SearchBucket | undefined;
    for (const paper of papers) bucket = changedBucket(5, bucket, new Map([[paper.id, paper]]));
    // Then the first one unsaved: it leaves the bucket.
    bucket = changedBucket(5, bucket, new Map([[papers[0]!.id, undefined]]));
    expect(decodeBucket(bucket).map((paper) => paper.id).sort()).toEqual(papers.slice(1).map((paper) => paper.id).sort());
  });

  it('holds saved papers only', () => {
    expect(indexedPaper(records[1]!)).toBeUndefined(); // hidden
    expect(indexedPaper(records[0]!)?.id).toBe(records[0]!.id);
  });
});
