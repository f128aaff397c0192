import type { PaperRecord } from '../paper/model';
import { tagKey } from '../paper/tags';
import type { LibraryQuery } from './query';
import { queryWords, searchEntry } from './search-text';
import { titleSortKey } from './sort';
import { hasWantedTags, orderedIds, type OrderedPaper } from './search-order';
import { vocabularyWord } from './vocabulary';

/**
 * The saved papers' search index as IndexedDB stores it (lib/db/search-index.ts keeps it on every
 * write): what a page needs to answer a search over every saved paper within moments of opening,
 * without reading the papers themselves.
 *
 * Why buckets: a page that opens reads the whole index at once, and IndexedDB's cost is per record
 * read (a structured clone each) far more than per byte, so 50,000 small records would cost
 * seconds; a handful of large ones costs tens of milliseconds. A write rewrites one bucket (a few
 * hundred papers), which keeps a Save cheap. Each bucket numbers its own words, so a write never
 * touches anything but the bucket of the paper it changes.
 *
 * A bucket holds, per paper, its id, date saved, publication date, title sort key and tag keys,
 * and the numbers of its distinct words; its words are one string ("\nword\nword\n"), so finding
 * the words that contain a query word is one native `indexOf` scan rather than a loop over
 * strings. The words are exactly those lib/search's full scan reads (searchEntry), so both find
 * the same papers (test/unit/search/search-buckets.test.ts checks it on the real arXiv data).
 */
export interface SearchBucket {
  bucket: number;
  ids: string[];
  savedAt: number[];
  /** `YYYY-MM-DD`, or '' when unknown. */
  published: string[];
  titleKeys: string[];
  tagKeys: string[][];
  /** The bucket's distinct words, each preceded by "\n", ending with "\n". */
  vocabulary: string;
  /** Where each word starts in `vocabulary`. */
  wordStarts: Uint32Array;
  /** Each paper's word numbers, paper after paper. */
  words: Uint32Array;
  /** Where each paper's words start in `words`; one more entry than papers. */
  paperStarts: Uint32Array;
}

/** What the index keeps of one saved paper. */
export interface IndexedPaper {
  id: string;
  savedAt: number;
  published: string;
  titleKey: string;
  tagKeys: string[];
  words: string[];
}

/** Enough buckets that a write rewrites a few hundred papers at 50,000 saved; few enough to read in one go. */
export const SEARCH_BUCKETS = 128;

/** The bucket of a paper: a hash of its id (FNV-1a), so that the same paper always lands in the same one. */
export function bucketOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % SEARCH_BUCKETS;
}

/** What the index keeps of a record; undefined when the record is not saved (the index holds saved papers only). */
export function indexedPaper(record: PaperRecord): IndexedPaper | undefined {
  if (record.savedAt === undefined) return undefined;
  const entry = searchEntry(record);
  return {
    id: record.id,
    savedAt: record.savedAt,
    published: record.publishedAt ?? '',
    titleKey: titleSortKey(record.title),
    tagKeys: [...entry.tagKeys],
    words: entry.words.map(vocabularyWord),
  };
}

export function encodeBucket(bucket: number, papers: readonly IndexedPaper[]): SearchBucket {
  const numbers = new Map<string, number>();
  const vocabulary: string[] = [];
  const starts: number[] = [];
  let length = 0;
  let wordCount = 0;
  for (const paper of papers) wordCount += paper.words.length;
  const words = new Uint32Array(wordCount);
  const paperStarts = new Uint32Array(papers.length + 1);
  let at = 0;
  papers.forEach((paper, index) => {
    paperStarts[index] = at;
    for (const word of paper.words) {
      let number = numbers.get(word);
      if (number === undefined) {
        number = vocabulary.length;
        numbers.set(word, number);
        vocabulary.push(word);
        starts.push(length + 1);
        length += word.length + 1;
      }
      words[at++] = number;
    }
  });
  paperStarts[papers.length] = at;
  return {
    bucket,
    ids: papers.map((paper) => paper.id),
    savedAt: papers.map((paper) => paper.savedAt),
    published: papers.map((paper) => paper.published),
    titleKeys: papers.map((paper) => paper.titleKey),
    tagKeys: papers.map((paper) => paper.tagKeys),
    vocabulary: vocabulary.length === 0 ? '\n' : `\n${vocabulary.join('\n')}\n`,
    wordStarts: Uint32Array.from(starts),
    words,
    paperStarts,
  };
}

export function decodeBucket(stored: SearchBucket): IndexedPaper[] {
  const vocabulary = bucketWords(stored);
  return stored.ids.map((id, index) => {
    const words: string[] = [];
    for (let at = stored.paperStarts[index]!; at < stored.paperStarts[index + 1]!; at++) words.push(vocabulary[stored.words[at]!]!);
    return { id, savedAt: stored.savedAt[index]!, published: stored.published[index]!, titleKey: stored.titleKeys[index]!, tagKeys: stored.tagKeys[index]!, words };
  });
}

function bucketWords(stored: SearchBucket): string[] {
  const text = stored.vocabulary;
  return Array.from(stored.wordStarts, (start) => text.slice(start, text.indexOf('\n', start)));
}

/**
 * The bucket after `changes`: each id mapped to its paper as it is now (undefined: no longer
 * saved, or deleted). Papers not named stay as they were.
 */
export function changedBucket(bucket: number, stored: SearchBucket | undefined, changes: ReadonlyMap<string, IndexedPaper | undefined>): SearchBucket {
  const papers = stored ? decodeBucket(stored).filter((paper) => !changes.has(paper.id)) : [];
  for (const paper of changes.values()) if (paper) papers.push(paper);
  return encodeBucket(bucket, papers);
}

/**
 * The ids of the saved papers matching `query`, in its order: the same papers, in the same order,
 * as lib/search's `filterPapers` finds among the records themselves.
 */
export function searchBuckets(buckets: readonly SearchBucket[], query: LibraryQuery): string[] {
  const words = queryWords(query.text);
  const wanted = [...new Set(query.tags.map(tagKey))];
  const found: OrderedPaper[] = [];
  for (const bucket of buckets) {
    const marks = words.map((word) => marksContaining(bucket, word));
    for (let index = 0; index < bucket.ids.length; index++) {
      if (!hasWantedTags(bucket.tagKeys[index]!, wanted, query.tagMode)) continue;
      if (marks.length > 0 && !holdsAll(bucket, index, marks)) continue;
      found.push({ id: bucket.ids[index]!, savedAt: bucket.savedAt[index]!, published: bucket.published[index]!, titleKey: bucket.titleKeys[index]! });
    }
  }
  return orderedIds(found, query);
}

/** How many saved papers the index holds. */
export function indexedCount(buckets: readonly SearchBucket[]): number {
  let count = 0;
  for (const bucket of buckets) count += bucket.ids.length;
  return count;
}

/** 1 at each of the bucket's word numbers whose word contains `part`. */
function marksContaining(bucket: SearchBucket, part: string): Uint8Array {
  const { vocabulary, wordStarts } = bucket;
  const marks = new Uint8Array(wordStarts.length);
  let from = 0;
  for (;;) {
    const hit = vocabulary.indexOf(part, from);
    if (hit === -1) return marks;
    const number = wordAt(wordStarts, hit);
    marks[number] = 1;
    // The rest of this word can only find it again.
    from = number + 1 < wordStarts.length ? wordStarts[number + 1]! : vocabulary.length;
  }
}

/** The number of the word whose text covers `position` (the last start at or before it). */
function wordAt(starts: Uint32Array, position: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

function holdsAll(bucket: SearchBucket, index: number, marks: readonly Uint8Array[]): boolean {
  const start = bucket.paperStarts[index]!;
  const end = bucket.paperStarts[index + 1]!;
  for (const wordMarks of marks) {
    let found = false;
    for (let at = start; at < end; at++) {
      if (wordMarks[bucket.words[at]!] === 1) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}
