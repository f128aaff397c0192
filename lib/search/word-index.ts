import type { LibraryQuery } from './query';
import { tagKey } from '../paper/tags';
import { queryWords } from './search-text';
import { hasWantedTags, orderedIds, type OrderedPaper } from './search-order';
import type { IndexedPaper } from './search-buckets';
import { packedAt, packedCount, packedRange, packStrings, unpackStrings, type PackedStrings } from './packed-strings';

/**
 * The saved papers' search index as schema v8 lays it out and v9 packs it (lib/db/word-index.ts
 * keeps it on every write): one vocabulary shared by every paper, and the papers in buckets, each
 * paper's words as numbers into that vocabulary.
 *
 * Why this layout (schema v6's, lib/search/search-buckets.ts, gave each of 128 buckets its own
 * word list and 32-bit word numbers): a page reads the whole index when it opens, and v6's was
 * 11 MB at 5,000 saved papers and 71 MB at 50,000, over half of it the same words repeated bucket
 * after bucket; its records, over 64 KB each, were stored by Chromium as separate files, each read
 * apart (650 ms for the read alone at 5,000 saved, docs/PERFORMANCE.md). Here a word is stored once, a paper's word numbers
 * are sorted and written as the differences between them, 7 bits a byte (most take one or two
 * bytes), and every record stays well under 64 KB: vocabulary chunks of VOCABULARY_CHUNK words,
 * and PAPER_BUCKETS buckets of papers.
 *
 * The vocabulary only grows: a word, once numbered, keeps its number (a write never renumbers
 * another paper's words), and a word no saved paper holds any more is left in it; it only ever
 * marks nothing.
 */

/** Words per vocabulary chunk: ~20 KB of text, ~40 KB were it in two-byte characters. */
export const VOCABULARY_CHUNK = 2_048;
/** Buckets of papers: ~40 KB each at 50,000 saved papers, and a write rewrites one. */
export const PAPER_BUCKETS = 512;
/** The key of the vocabulary's head record in its store (chunks are numbered from 0). */
export const VOCABULARY_HEAD = -1;

/** The vocabulary's head: which vocabulary this is, and how many words it holds. */
export interface VocabularyHead {
  chunk: typeof VOCABULARY_HEAD;
  /** Made when the vocabulary is created: a page's copy of another vocabulary is never taken for this one. */
  id: string;
  size: number;
}

/** Words `chunk × VOCABULARY_CHUNK` onwards, as "\nword\nword\n". */
export interface VocabularyChunk {
  chunk: number;
  words: string;
}

export type VocabularyRecord = VocabularyHead | VocabularyChunk;

/**
 * A bucket of saved papers (bucketOf picks it by id). Its strings are packed (lib/search/packed-strings.ts,
 * schema v9): a page opening reads all 512 buckets at once, and IndexedDB rebuilding 50,000 saved
 * papers' ids, dates, title keys and tag lists one string at a time was the longest task a search
 * typed at open waited on (117 ms of 144 at a million records; 62–67 ms packed).
 */
export interface PaperBucket {
  bucket: number;
  ids: PackedStrings;
  savedAt: Float64Array;
  /** `YYYY-MM-DD`, or '' when unknown. */
  published: PackedStrings;
  titleKeys: PackedStrings;
  /** Every paper's tag keys, paper after paper. */
  tagKeys: PackedStrings;
  /** Where each paper's tag keys end in `tagKeys`. */
  tagEnds: Uint32Array;
  /** Each paper's sorted word numbers as differences, 7 bits a byte, paper after paper. */
  words: Uint8Array;
  /** Where each paper's words end in `words`. */
  wordEnds: Uint32Array;
}

/** How many papers a bucket holds. */
export function bucketSize(bucket: PaperBucket): number {
  return packedCount(bucket.ids);
}

/** The tag keys of the bucket's `paper`-th paper. */
function tagKeysOf(bucket: PaperBucket, paper: number): string[] {
  return packedRange(bucket.tagKeys, paper === 0 ? 0 : bucket.tagEnds[paper - 1]!, bucket.tagEnds[paper]!);
}

/** One saved paper as a bucket holds it: its word numbers, ascending. */
export interface NumberedPaper extends Omit<IndexedPaper, 'words'> {
  words: number[];
}

/** The bucket of a paper: a hash of its id (FNV-1a), so that the same paper always lands in the same one. */
export function paperBucketOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % PAPER_BUCKETS;
}

export function isVocabularyHead(record: VocabularyRecord): record is VocabularyHead {
  return record.chunk === VOCABULARY_HEAD;
}

/** Gives words their numbers in a vocabulary, numbering the new ones. */
export interface WordNumbering {
  numberOf(word: string): number;
}

/**
 * The stored vocabulary as a page or worker holds it: words by number and numbers by word. Only
 * grows (`numberOf` a new word, `append` words stored by others), as the stored one does.
 */
export class Vocabulary implements WordNumbering {
  readonly words: string[];
  private readonly numbers: Map<string, number>;

  constructor(
    readonly id: string,
    words: readonly string[] = [],
  ) {
    this.words = [...words];
    this.numbers = new Map(this.words.map((word, number) => [word, number]));
  }

  /** The vocabulary stored under `head`, from its records (the head among them or not). */
  static read(head: VocabularyHead, records: readonly VocabularyRecord[]): Vocabulary {
    const words: string[] = [];
    const chunks = records.filter((record): record is VocabularyChunk => !isVocabularyHead(record));
    for (const chunk of chunks.sort((a, b) => a.chunk - b.chunk)) words.push(...chunkWords(chunk));
    return new Vocabulary(head.id, words.slice(0, head.size));
  }

  get size(): number {
    return this.words.length;
  }

  /** The number of `word`, numbering it when new. */
  numberOf(word: string): number {
    let number = this.numbers.get(word);
    if (number === undefined) {
      number = this.words.length;
      this.append([word]);
    }
    return number;
  }

  /** The number of `word` if it is among the first `size` words. */
  numberAmong(word: string, size: number): number | undefined {
    const number = this.numbers.get(word);
    return number !== undefined && number < size ? number : undefined;
  }

  /** Words numbered after the last, in order (stored by another page, or by a write that committed). */
  append(words: readonly string[]): void {
    for (const word of words) {
      this.numbers.set(word, this.words.length);
      this.words.push(word);
    }
  }

  /** Every record of this vocabulary (a vocabulary built at once). */
  allRecords(): VocabularyRecord[] {
    return recordsFrom(this.id, this.words, 0);
  }
}

/**
 * The words one write numbers on top of a vocabulary, without copying it (at 50,000 saved papers it
 * holds ~220,000 words): what the write stores, and what the vocabulary takes once it committed.
 */
export class VocabularyDraft implements WordNumbering {
  private readonly addedWords: string[] = [];
  private readonly addedNumbers = new Map<string, number>();
  private readonly baseSize: number;

  constructor(readonly base: Vocabulary) {
    this.baseSize = base.size;
  }

  get id(): string {
    return this.base.id;
  }

  get size(): number {
    return this.baseSize + this.addedWords.length;
  }

  /** Words numbered by this draft. */
  get added(): number {
    return this.addedWords.length;
  }

  numberOf(word: string): number {
    let number = this.base.numberAmong(word, this.baseSize) ?? this.addedNumbers.get(word);
    if (number === undefined) {
      number = this.size;
      this.addedWords.push(word);
      this.addedNumbers.set(word, number);
    }
    return number;
  }

  /** The head, and the chunks holding the words this draft added (to store). */
  changedRecords(): VocabularyRecord[] {
    const from = Math.floor(this.baseSize / VOCABULARY_CHUNK) * VOCABULARY_CHUNK;
    return recordsFrom(this.id, [...this.base.words.slice(from, this.baseSize), ...this.addedWords], from, this.size);
  }

  /** Gives the base this draft's words; false when the base has moved on since (it must be read again). */
  commit(): boolean {
    if (this.base.size !== this.baseSize) return false;
    this.base.append(this.addedWords);
    return true;
  }
}

/** The head (of `size` words) and the chunks holding `words`, the first of which is word number `from` (a chunk's first). */
function recordsFrom(id: string, words: readonly string[], from: number, size = from + words.length): VocabularyRecord[] {
  const records: VocabularyRecord[] = [{ chunk: VOCABULARY_HEAD, id, size }];
  for (let at = 0; at < words.length; at += VOCABULARY_CHUNK) records.push({ chunk: (from + at) / VOCABULARY_CHUNK, words: joinWords(words.slice(at, at + VOCABULARY_CHUNK)) });
  return records;
}

function joinWords(words: readonly string[]): string {
  return words.length === 0 ? '\n' : `\n${words.join('\n')}\n`;
}

/** The words of one stored chunk, in order. */
export function chunkWords(chunk: VocabularyChunk): string[] {
  return chunk.words.length <= 1 ? [] : chunk.words.slice(1, -1).split('\n');
}

/** A paper with its words numbered in `vocabulary` (new words numbered), ascending. */
export function numberedPaper(paper: IndexedPaper, vocabulary: WordNumbering): NumberedPaper {
  const words = paper.words.map((word) => vocabulary.numberOf(word)).sort((a, b) => a - b);
  return { ...paper, words };
}

export function encodePaperBucket(bucket: number, papers: readonly NumberedPaper[]): PaperBucket {
  let bytes = 0;
  for (const paper of papers) bytes += paper.words.length * 3;
  const words = new Uint8Array(bytes);
  const wordEnds = new Uint32Array(papers.length);
  let at = 0;
  papers.forEach((paper, index) => {
    let previous = 0;
    for (const number of paper.words) {
      let gap = number - previous;
      previous = number;
      while (gap >= 0x80) {
        words[at++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      words[at++] = gap;
    }
    wordEnds[index] = at;
  });
  return { bucket, ...packedFields(papers), words: words.slice(0, at), wordEnds };
}

/** A bucket's fields other than its words. */
export type PackedFields = Pick<PaperBucket, 'ids' | 'savedAt' | 'published' | 'titleKeys' | 'tagKeys' | 'tagEnds'>;

/** The papers' ids, dates, title keys and tag keys as a bucket packs them (encodePaperBucket, and v9's upgrade of v8's buckets). */
export function packedFields(papers: ReadonlyArray<Omit<IndexedPaper, 'words'>>): PackedFields {
  let tags = 0;
  return {
    ids: packStrings(papers.map((paper) => paper.id)),
    savedAt: Float64Array.from(papers, (paper) => paper.savedAt),
    published: packStrings(papers.map((paper) => paper.published)),
    titleKeys: packStrings(papers.map((paper) => paper.titleKey)),
    tagKeys: packStrings(papers.flatMap((paper) => paper.tagKeys)),
    tagEnds: Uint32Array.from(papers, (paper) => (tags += paper.tagKeys.length)),
  };
}

export function decodePaperBucket(stored: PaperBucket): NumberedPaper[] {
  return unpackStrings(stored.ids).map((id, index) => {
    const words: number[] = [];
    const end = stored.wordEnds[index]!;
    let at = index === 0 ? 0 : stored.wordEnds[index - 1]!;
    let number = 0;
    while (at < end) {
      let gap = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = stored.words[at++]!;
        gap |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80);
      number += gap;
      words.push(number);
    }
    return { id, savedAt: stored.savedAt[index]!, published: packedAt(stored.published, index), titleKey: packedAt(stored.titleKeys, index), tagKeys: tagKeysOf(stored, index), words };
  });
}

/**
 * The bucket after `changes` (each id mapped to its paper as it is now; undefined: no longer saved,
 * or deleted); undefined when nothing in it changes (a hide of a paper that was never saved).
 */
export function changedPaperBucket(bucket: number, stored: PaperBucket | undefined, changes: ReadonlyMap<string, NumberedPaper | undefined>): PaperBucket | undefined {
  const held = stored ? unpackStrings(stored.ids) : [];
  let touched = false;
  for (const [id, paper] of changes) if (paper !== undefined || held.includes(id)) touched = true;
  if (!touched) return undefined;
  const papers = stored ? decodePaperBucket(stored).filter((paper) => !changes.has(paper.id)) : [];
  for (const paper of changes.values()) if (paper) papers.push(paper);
  return encodePaperBucket(bucket, papers);
}

/** The whole index as a page reads it: the vocabulary's records and the buckets. */
export interface StoredWordIndex {
  vocabulary: readonly VocabularyRecord[];
  buckets: readonly PaperBucket[];
}

/** How many saved papers the index holds. */
export function wordIndexCount(index: StoredWordIndex): number {
  let count = 0;
  for (const bucket of index.buckets) count += bucketSize(bucket);
  return count;
}

/**
 * The ids of the saved papers matching `query`, in its order: the same papers, in the same order,
 * as lib/search's `filterPapers` finds among the records themselves.
 */
export function searchWordIndex(index: StoredWordIndex, query: LibraryQuery): string[] {
  const words = queryWords(query.text);
  const wanted = [...new Set(query.tags.map(tagKey))];
  const marks = words.map((word) => wordsContainingIn(index.vocabulary, word));
  const found: OrderedPaper[] = [];
  for (const bucket of index.buckets) {
    const size = bucketSize(bucket);
    for (let paper = 0; paper < size; paper++) {
      if (wanted.length > 0 && !hasWantedTags(tagKeysOf(bucket, paper), wanted, query.tagMode)) continue;
      if (marks.length > 0 && !holdsAll(bucket, paper, marks)) continue;
      found.push({ id: packedAt(bucket.ids, paper), savedAt: bucket.savedAt[paper]!, published: packedAt(bucket.published, paper), titleKey: packedAt(bucket.titleKeys, paper) });
    }
  }
  return orderedIds(found, query);
}

/** 1 at each word number whose word contains `part`, over every chunk of the vocabulary. */
function wordsContainingIn(vocabulary: readonly VocabularyRecord[], part: string): Uint8Array {
  let size = 0;
  for (const record of vocabulary) if (isVocabularyHead(record)) size = record.size;
  const marks = new Uint8Array(size);
  for (const record of vocabulary) {
    if (isVocabularyHead(record)) continue;
    const text = record.words;
    const first = record.chunk * VOCABULARY_CHUNK;
    // Word numbers follow the newlines: the word at a hit is the one after the last newline before it.
    let from = 0;
    let number = first - 1;
    let counted = 0;
    for (;;) {
      const hit = text.indexOf(part, from);
      if (hit === -1) break;
      for (let at = text.indexOf('\n', counted); at !== -1 && at < hit; at = text.indexOf('\n', at + 1)) {
        number++;
        counted = at + 1;
      }
      if (number < size) marks[number] = 1;
      // The rest of this word can only find it again.
      const end = text.indexOf('\n', hit);
      from = end === -1 ? text.length : end;
    }
  }
  return marks;
}

function holdsAll(bucket: PaperBucket, paper: number, marks: readonly Uint8Array[]): boolean {
  const start = paper === 0 ? 0 : bucket.wordEnds[paper - 1]!;
  const end = bucket.wordEnds[paper]!;
  const bytes = bucket.words;
  let missing = marks.length;
  const seen = marks.length > 1 ? new Uint8Array(marks.length) : undefined;
  let number = 0;
  let at = start;
  while (at < end) {
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++]!;
      gap |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    number += gap;
    if (seen === undefined) {
      if (marks[0]![number] === 1) return true;
      continue;
    }
    for (let word = 0; word < marks.length; word++) {
      if (seen[word] === 0 && marks[word]![number] === 1) {
        seen[word] = 1;
        if (--missing === 0) return true;
      }
    }
  }
  return false;
}
