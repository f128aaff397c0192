import { arxivIdFromUrl, canonicalArxivId } from '../paper/arxiv-id';
import type { PaperRecord } from '../paper/model';
import { localIdOf } from '../paper/paper-id';
import { tagKey } from '../paper/tags';
import { leaveOutAbstract } from '../paper/without-abstract';
import { foldText } from '../text/fold';
import { splitWords, WordCollector, wordsContaining } from './vocabulary';

/** What search needs of one record, computed once per record object (see `searchEntry`). */
export interface SearchEntry {
  /**
   * The distinct words (vocabulary numbers) of the id, title, authors, abstract, tags, note and
   * citation key (so a key copied from a LaTeX file finds its paper).
   */
  words: readonly number[];
  /** The record's tags as tagKey compares them. */
  tagKeys: readonly string[];
}

// Records are immutable snapshots: a change in the library arrives as a new object, so an entry
// never goes stale, and it is dropped with the record it describes.
const entries = new WeakMap<PaperRecord, SearchEntry>();
const collector = new WordCollector();

/** The search entry of a record, built on first use. */
export function searchEntry(record: PaperRecord): SearchEntry {
  let entry = entries.get(record);
  if (entry === undefined) {
    collector.reset();
    // The id as the paper's registry writes it (`2409.12345`): the tag would make `arxiv` a word of every paper.
    collector.add(localIdOf(record.id) ?? record.id);
    collector.add(record.title);
    for (const author of record.authors) collector.add(author);
    if (record.abstract) collector.add(record.abstract);
    for (const tag of record.tags) collector.add(tag);
    if (record.note) collector.add(record.note);
    if (record.citationKey) collector.add(record.citationKey);
    entry = { words: collector.result(), tagKeys: record.tags.map(tagKey) };
    entries.set(record, entry);
  }
  return entry;
}

/**
 * The record without its abstract, found by search as the whole record is: its search entry is
 * built now, from every field. For a page that never shows abstracts (the popup): at 50,000 saved
 * papers the abstracts are ~70 MB of the page's heap (scripts/bench-library-scale.ts). Nothing
 * that page writes comes from its records (every write names an id; an Undo puts back the records
 * the background returned), a BibTeX entry has no abstract field, and the copy still counts as
 * having its abstract (lib/paper/without-abstract.ts).
 */
export function withoutAbstract(record: PaperRecord): PaperRecord {
  if (record.abstract === undefined) return record;
  const entry = searchEntry(record);
  const held = leaveOutAbstract(record);
  entries.set(held, entry);
  return held;
}

// How far each papers array has been prepared (see prepareSearch).
const prepared = new WeakMap<readonly PaperRecord[], number>();

/**
 * Builds the search entries of `papers` for up to `budgetMs`, continuing where the last call on
 * the same array stopped; true once all are built. A page calls it in idle moments after loading,
 * so that the first keystroke does not pay for 100,000 entries; a search finishes the rest itself.
 */
export function prepareSearch(papers: readonly PaperRecord[], budgetMs: number): boolean {
  let index = prepared.get(papers) ?? 0;
  const end = performance.now() + budgetMs;
  while (index < papers.length) {
    searchEntry(papers[index]!);
    index++;
    if ((index & 63) === 0 && performance.now() > end) break;
  }
  prepared.set(papers, index);
  return index >= papers.length;
}

/**
 * What a query asks for, compiled against the library's words: for each query word, which of the
 * library's words contain it. Words the library learns later (a paper's entry built after this)
 * are not in it: compile again when vocabularySize() has changed, which costs only the new words.
 */
export type WordQuery = readonly Uint8Array[];

export function compileWords(words: readonly string[]): WordQuery {
  return words.map(wordsContaining);
}

/** True when, for every query word, the entry holds a word containing it. */
export function hasWords(entry: SearchEntry, query: WordQuery): boolean {
  const numbers = entry.words;
  for (const marks of query) {
    let found = false;
    for (let index = 0; index < numbers.length; index++) {
      if (marks[numbers[index]!] === 1) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

const ARXIV_PREFIX = /^arxiv:/i;

/**
 * The words of a query, folded and split as the library's words are: every one must appear in a
 * paper (inside one of its words) for the paper to match. An arXiv id in any form a user pastes
 * ("arXiv:1706.03762v5", an abs/pdf/Hugging Face link) becomes the canonical id.
 */
export function queryWords(query: string): string[] {
  const words: string[] = [];
  for (const raw of query.split(/\s+/)) {
    if (raw === '') continue;
    const id = canonicalArxivId(raw) ?? (raw.includes('/') && raw.includes('.') ? arxivIdFromUrl(raw) : null);
    // A partly typed "arXiv:2409.1" searches for the id's beginning; "arXiv:" alone for nothing yet.
    for (const word of splitWords(foldText(id ?? raw.replace(ARXIV_PREFIX, '')))) if (!words.includes(word)) words.push(word);
  }
  return words;
}
