// @vitest-environment node
/**
 * The saved papers' search index as schema v8 stores it (lib/search/word-index.ts) answers exactly
 * what the full scan (filterPapers over the records) answers: the same papers in the same order,
 * for words, parts of words, LaTeX, accented names, ids, tags (all/any) and every sort, on the real
 * arXiv papers of ../shared/data. Also after buckets are rewritten paper by paper and the
 * vocabulary grows write by write, as writes do.
 */
import { describe, expect, it } from 'vitest';
import { filterPapers, type LibraryQuery } from '../../../lib/search';
import { indexedPaper } from '../../../lib/search/search-buckets';
import {
  changedPaperBucket,
  decodePaperBucket,
  encodePaperBucket,
  numberedPaper,
  paperBucketOf,
  searchWordIndex,
  Vocabulary,
  VocabularyDraft,
  VOCABULARY_CHUNK,
  VOCABULARY_HEAD,
  type PaperBucket,
  type VocabularyRecord,
} from '../../../lib/search/word-index';
import type { PaperRecord } from '../../../lib/paper/model';
import { queriesFrom, seeded, wordIndexOf } from './real-queries';
import { DATA_PRESENT } from '../../../scripts/ranking-protocol';
import { realRecord } from '../../../scripts/real-library';

const scanIds = (records: readonly PaperRecord[], query: LibraryQuery) => filterPapers(records, { ...query, show: 'saved' }).map((paper) => paper.id);

describe.skipIf(!DATA_PRESENT)('the v8 search index on the real arXiv data', { timeout: 120_000 }, () => {
  // 6,000 records, 1 in 3 saved: 2,000 saved papers with their real titles, abstracts and authors.
  const records = Array.from({ length: 6_000 }, (_, index) => realRecord(index, { size: 6_000, savedEvery: 3, hidden: 'trimmed' }));

  it('finds exactly what the full scan finds, in the same order', () => {
    const index = wordIndexOf(records);
    // More than one chunk of words, so that numbers cross chunk boundaries.
    expect(index.vocabulary.length).toBeGreaterThan(3);
    const queries = queriesFrom(records, 300, seeded(7));
    let nonEmpty = 0;
    for (const query of queries) {
      const expected = scanIds(records, query);
      if (expected.length > 0) nonEmpty++;
      expect(searchWordIndex(index, query), JSON.stringify(query)).toEqual(expected);
    }
    expect(nonEmpty).toBeGreaterThan(200);
  }, 120_000);

  it('decodes what it encodes; a bucket rewritten paper by paper, each write numbering its new words, answers as one built at once', () => {
    const inBucket = records.filter((record) => paperBucketOf(record.id) === 5);
    const saved = inBucket.filter((record) => record.savedAt !== undefined);
    const atOnce = saved.map((record) => numberedPaper(indexedPaper(record)!, new Vocabulary('at-once')));
    expect(decodePaperBucket(encodePaperBucket(5, atOnce))).toEqual(atOnce);

    const vocabulary = new Vocabulary('one-by-one');
    let bucket: PaperBucket | undefined;
    const stored: VocabularyRecord[] = [];
    const ids: string[] = [];
    for (const record of saved) {
      // One write: its words numbered on top of the vocabulary, stored, then taken by it.
      const draft = new VocabularyDraft(vocabulary);
      const paper = numberedPaper(indexedPaper(record)!, draft);
      bucket = changedPaperBucket(5, bucket, new Map([[paper.id, paper]]));
      for (const written of draft.changedRecords()) {
        const at = stored.findIndex((old) => old.chunk === written.chunk);
        if (at === -1) stored.push(written);
        else stored[at] = written;
      }
      expect(draft.commit()).toBe(true);
      ids.push(paper.id);
    }
    expect(stored.find((record) => record.chunk === VOCABULARY_HEAD)).toEqual({ chunk: VOCABULARY_HEAD, id: 'one-by-one', size: vocabulary.size });
    expect(Vocabulary.read({ chunk: VOCABULARY_HEAD, id: 'one-by-one', size: vocabulary.size }, stored).words).toEqual(vocabulary.words);
    for (const query of queriesFrom(inBucket, 60, seeded(8))) expect(searchWordIndex({ vocabulary: stored, buckets: [bucket!] }, query), JSON.stringify(query)).toEqual(scanIds(inBucket, query));

    // A hide of a paper the bucket does not hold changes nothing; an unsave takes it out.
    expect(changedPaperBucket(5, bucket, new Map([['arxiv:0000.00000', undefined]]))).toBeUndefined();
    bucket = changedPaperBucket(5, bucket, new Map([[ids[0]!, undefined]]));
    expect(decodePaperBucket(bucket!).map((paper) => paper.id).sort()).toEqual(ids.slice(1).sort());
  });

  it('a draft whose vocabulary moved on meanwhile is not taken', () => {
    const vocabulary = new Vocabulary('moved', ['a', 'b']);
    const first = new VocabularyDraft(vocabulary);
    const second = new VocabularyDraft(vocabulary);
    expect(first.numberOf('c')).toBe(2);
    expect(second.numberOf('d')).toBe(2);
    expect(first.commit()).toBe(true);
    expect(second.commit()).toBe(false);
    expect(vocabulary.words).toEqual(['a', 'b', 'c']);
  });

  it('keeps word numbers across chunks and the words of a chunk in order', () => {
    const vocabulary = new Vocabulary('chunks');
    const words = Array.from({ length: VOCABULARY_CHUNK * 2 + 5 }, (_, index) => `w${index}`);
    for (const word of words) vocabulary.numberOf(word);
    const records = vocabulary.allRecords();
    expect(records.length).toBe(4); // head and three chunks
    const read = Vocabulary.read({ chunk: VOCABULARY_HEAD, id: 'chunks', size: words.length }, records);
    expect(read.words).toEqual(words);
    expect(read.numberOf('w4100')).toBe(4100);
    const draft = new VocabularyDraft(read);
    expect(draft.numberOf('w7')).toBe(7);
    expect(draft.numberOf('new')).toBe(words.length);
    expect(draft.changedRecords().map((record) => record.chunk)).toEqual([VOCABULARY_HEAD, 2]);
    expect(Vocabulary.read({ chunk: VOCABULARY_HEAD, id: 'chunks', size: words.length + 1 }, [...records.slice(0, 3), ...draft.changedRecords()]).words).toEqual([...words, 'new']);
  });
});
