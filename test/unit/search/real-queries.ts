// Queries made from the real arXiv papers, and the index built at once: shared by the tests of
// the search index (test/unit/search/search-buckets.test.ts, word-index.test.ts, test/unit/db/search-index.test.ts).
import { DEFAULT_QUERY, type LibraryQuery } from '../../../lib/search';
import { bucketOf, encodeBucket, indexedPaper, SEARCH_BUCKETS, type IndexedPaper, type SearchBucket } from '../../../lib/search/search-buckets';
import type { PaperRecord } from '../../../lib/paper/model';
import { encodePaperBucket, numberedPaper, PAPER_BUCKETS, paperBucketOf, Vocabulary, type NumberedPaper, type StoredWordIndex } from '../../../lib/search/word-index';

/** A small seeded generator, so a failure names the same queries every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Queries made of the records' own text: whole words, parts of words, LaTeX, names, ids, tags, sorts. */
export function queriesFrom(records: readonly PaperRecord[], count: number, random: () => number): LibraryQuery[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const sorts: Array<Pick<LibraryQuery, 'sort' | 'direction'>> = [
    { sort: 'saved', direction: 'desc' },
    { sort: 'saved', direction: 'asc' },
    { sort: 'published', direction: 'desc' },
    { sort: 'title', direction: 'asc' },
  ];
  const fixed = ['attention', 'transformer', '$\\mathcal', '\\alpha', 'müller', 'zhang', 'graph neural', 'x', 'e', '2-d', 'state-of-the-art', 'arXiv:1501.1', 'https://arxiv.org/abs/1501.10020', 'LLM', 'to-read', ''];
  const queries: LibraryQuery[] = fixed.map((text) => ({ ...DEFAULT_QUERY, text }));
  while (queries.length < count) {
    const record = pick(records);
    const words = `${record.title} ${record.authors.join(' ')} ${record.abstract ?? ''}`.split(/\s+/).filter(Boolean);
    const word = pick(words);
    const start = Math.floor(random() * Math.max(1, word.length - 2));
    const part = random() < 0.5 ? word : word.slice(start, start + 2 + Math.floor(random() * 6));
    const text = random() < 0.3 ? `${part} ${pick(words)}` : random() < 0.1 ? record.id.slice(0, 7) : part;
    const tagged = records.filter((paper) => paper.tags.length > 0);
    const tags = random() < 0.25 && tagged.length > 0 ? [...pick(tagged).tags.slice(0, 1), ...(random() < 0.3 ? pick(tagged).tags.slice(0, 1) : [])] : [];
    queries.push({ ...DEFAULT_QUERY, ...pick(sorts), text, tags, tagMode: random() < 0.5 ? 'all' : 'any' });
  }
  return queries;
}

export function bucketsOf(records: readonly PaperRecord[]): SearchBucket[] {
  const byBucket: IndexedPaper[][] = Array.from({ length: SEARCH_BUCKETS }, () => []);
  for (const record of records) {
    const paper = indexedPaper(record);
    if (paper) byBucket[bucketOf(paper.id)]!.push(paper);
  }
  return byBucket.map((papers, bucket) => encodeBucket(bucket, papers));
}


/** The v8 index (lib/search/word-index.ts) of these records, built at once with a new vocabulary. */
export function wordIndexOf(records: readonly PaperRecord[]): StoredWordIndex {
  const vocabulary = new Vocabulary('test');
  const byBucket: NumberedPaper[][] = Array.from({ length: PAPER_BUCKETS }, () => []);
  for (const record of records) {
    const paper = indexedPaper(record);
    if (paper) byBucket[paperBucketOf(paper.id)]!.push(numberedPaper(paper, vocabulary));
  }
  return { vocabulary: vocabulary.allRecords(), buckets: byBucket.map((papers, bucket) => encodePaperBucket(bucket, papers)) };
}
