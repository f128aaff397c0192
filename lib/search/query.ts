import type { PaperRecord } from '../paper/model';
import { tagKey } from '../paper/tags';
import { compileWords, hasWords, queryWords, searchEntry, type SearchEntry, type WordQuery } from './search-text';
import { vocabularySize } from './vocabulary';
import { sortedPapers } from './sort';

/** Which papers a view lists: saved ones, hidden ones, or every paper the library remembers. */
export type ShowMode = 'saved' | 'hidden' | 'all';
/** Date saved (date hidden in the hidden view), date published, or title. */
export type SortKey = 'saved' | 'published' | 'title';
export type SortDirection = 'asc' | 'desc';
/** Several tags picked: a paper must have all of them, or any one. */
export type TagMode = 'all' | 'any';

export interface LibraryQuery {
  /** Words that must all appear in the id, title, authors, abstract, tags, note or citation key. */
  text: string;
  /** Tags picked as a filter, in any spelling (compared with tagKey). */
  tags: readonly string[];
  tagMode: TagMode;
  show: ShowMode;
  sort: SortKey;
  direction: SortDirection;
}

/** The popup's first view: saved papers, most recently saved first. */
export const DEFAULT_QUERY: LibraryQuery = Object.freeze({ text: '', tags: Object.freeze([]) as readonly string[], tagMode: 'all', show: 'saved', sort: 'saved', direction: 'desc' });

/** The direction a sort starts in: newest first for dates, A to Z for titles. */
export function naturalDirection(sort: SortKey): SortDirection {
  return sort === 'title' ? 'asc' : 'desc';
}

export function isShown(record: PaperRecord, show: ShowMode): boolean {
  if (show === 'saved') return record.savedAt !== undefined;
  if (show === 'hidden') return record.hiddenAt !== undefined;
  return true;
}

/** True when the query narrows nothing down (the list is the whole of its show mode). */
/** A string that changes exactly when the query does (a list scrolls back to the top on a new one). */
export function queryKey(query: LibraryQuery): string {
  return [query.text, query.tags.join('\n'), query.tagMode, query.show, query.sort, query.direction].join('\n');
}

export function isUnfiltered(query: LibraryQuery): boolean {
  return query.tags.length === 0 && queryWords(query.text).length === 0;
}

/** The view a page opens on: every saved paper, newest saved first (its first screenful is read at once). */
export function isNewestSavedView(query: LibraryQuery): boolean {
  return isUnfiltered(query) && query.show === 'saved' && query.sort === 'saved' && query.direction === 'desc';
}

/** What a filter asks for, compared with the next query's to see whether that one narrows it. */
interface Answer {
  show: ShowMode;
  tagKeys: readonly string[];
  tagMode: TagMode;
  words: readonly string[];
}

/** What filtering reads for each paper of a sorted view, in view order: no lookups per keystroke. */
interface ViewIndex {
  /** SAVED and HIDDEN bits per position. */
  flags: Uint8Array;
  /** Search entries per position, filled as they are first needed. */
  entries: Array<SearchEntry | undefined>;
  /**
   * The newest filter made on this view that looked at papers, finished or not: a query typed
   * before it finished narrows what it found so far and what it had not looked at yet.
   */
  latest?: LibraryFilter;
}

const SAVED = 1;
const HIDDEN = 2;
const SHOW_FLAGS: Readonly<Record<ShowMode, number>> = { saved: SAVED, hidden: HIDDEN, all: 0 };

const viewIndexes = new WeakMap<readonly PaperRecord[], ViewIndex>();

function viewIndex(view: readonly PaperRecord[]): ViewIndex {
  let index = viewIndexes.get(view);
  if (index === undefined) {
    const flags = new Uint8Array(view.length);
    view.forEach((record, position) => {
      flags[position] = (record.savedAt !== undefined ? SAVED : 0) | (record.hiddenAt !== undefined ? HIDDEN : 0);
    });
    index = { flags, entries: new Array<SearchEntry | undefined>(view.length).fill(undefined) };
    viewIndexes.set(view, index);
  }
  return index;
}

/**
 * The papers matching a query, found a slice at a time: `step(budgetMs)` works until the budget is
 * spent and `matches` is always a prefix of the final answer, in order. A page paints the first
 * screenful after the first step and finishes the count in the moments after, so a query that
 * matches 90,000 papers does not hold up the keystroke that typed it. `filterPapers` is the
 * same in one go.
 *
 * Fast at 100,000 papers (scripts/bench-library-filter.ts) because the expensive parts are kept
 * between calls: the sorted order per papers array (sort.ts), the words of each record and of the
 * library (search-text.ts, vocabulary.ts), and the last filter's progress, which a query that only
 * adds letters narrows instead of looking at every paper again, even when typed before that filter
 * finished (its matches so far and the papers it had not reached yet).
 *
 * `papers` must not be mutated once passed (a changed library is a new array), nor `matches`.
 */
export class LibraryFilter {
  private readonly view: readonly PaperRecord[];
  private readonly index: ViewIndex;
  private readonly answer: Answer;
  /** The view positions to look at (the last answer, when this query narrows it), else all. */
  private readonly candidates: readonly number[] | undefined;
  private readonly total: number;
  private readonly positions: number[] = [];
  private readonly result: PaperRecord[];
  private compiled: WordQuery;
  private compiledFor: number;
  private next = 0;

  constructor(papers: readonly PaperRecord[], query: LibraryQuery) {
    this.view = sortedPapers(papers, query.sort, query.direction, query.show);
    this.index = viewIndex(this.view);
    const words = queryWords(query.text);
    const tagKeys = [...new Set(query.tags.map(tagKey))];
    this.answer = { show: query.show, tagKeys, tagMode: query.tagMode, words };
    this.compiled = compileWords(words);
    this.compiledFor = vocabularySize();
    if (query.show === 'all' && words.length === 0 && tagKeys.length === 0) {
      // Nothing to filter: the sorted view is the answer.
      this.result = this.view.slice();
      this.candidates = undefined;
      this.total = this.next = 0;
      return;
    }
    this.result = [];
    const latest = this.index.latest;
    this.candidates = latest !== undefined && narrows(this.answer, latest.answer) ? latest.left() : undefined;
    this.total = this.candidates?.length ?? this.view.length;
    this.index.latest = this;
  }

  /**
   * The view positions that can still match a query narrowing this one, in view order: its matches
   * so far and the candidates it has not looked at yet. Undefined: every position.
   */
  private left(): readonly number[] | undefined {
    if (this.done) return this.positions;
    if (this.next === 0) return this.candidates;
    const { candidates, next, total } = this;
    const left = this.positions.slice();
    for (let at = next; at < total; at++) left.push(candidates === undefined ? at : candidates[at]!);
    return left;
  }

  get done(): boolean {
    return this.next >= this.total;
  }

  /** The papers found so far, in order: a prefix of the final answer. */
  get matches(): readonly PaperRecord[] {
    return this.result;
  }

  /**
   * Filters until done, or `budgetMs` has passed, or `enough` papers are found (the first
   * screenful); returns `done`.
   */
  step(budgetMs: number, enough = Infinity): boolean {
    if (this.done) return true;
    const { show, tagKeys, tagMode, words } = this.answer;
    const { candidates, total, positions, result, view } = this;
    const { flags, entries } = this.index;
    const wanted = SHOW_FLAGS[show];
    const plain = tagKeys.length === 0 && words.length === 0;
    const end = performance.now() + budgetMs;
    let next = this.next;
    while (next < total) {
      const position = candidates === undefined ? next : candidates[next]!;
      next++;
      if (wanted === 0 || (flags[position]! & wanted) !== 0) {
        let matches = plain;
        if (!plain) {
          let entry = entries[position];
          if (entry === undefined) {
            // Built here when the page has not prepared it yet; it may bring words the compiled
            // query has not seen.
            entry = entries[position] = searchEntry(view[position]!);
            if (this.compiledFor !== vocabularySize()) this.recompile();
          }
          matches = (tagKeys.length === 0 || hasTags(entry.tagKeys, tagKeys, tagMode)) && hasWords(entry, this.compiled);
        }
        if (matches) {
          positions.push(position);
          result.push(view[position]!);
          if (result.length >= enough) break;
        }
      }
      if ((next & 255) === 0 && performance.now() > end) break;
    }
    this.next = next;
    return this.done;
  }

  private recompile(): void {
    this.compiled = compileWords(this.answer.words);
    this.compiledFor = vocabularySize();
  }
}

function hasTags(paperKeys: readonly string[], wanted: readonly string[], mode: TagMode): boolean {
  return mode === 'all' ? wanted.every((key) => paperKeys.includes(key)) : wanted.some((key) => paperKeys.includes(key));
}

/**
 * Every paper matching `next` matches `last`: same view; tags that ask at least as much (`last`
 * asked for none; or, needing all, every earlier tag and maybe more; or, needing any, some of the
 * earlier ones); and each earlier word lies inside one of the new words.
 */
function narrows(next: Answer, last: Answer): boolean {
  return next.show === last.show && tagsNarrow(next, last) && last.words.every((old) => next.words.some((word) => word.includes(old)));
}

function tagsNarrow(next: Answer, last: Answer): boolean {
  if (last.tagKeys.length === 0) return true;
  if (next.tagMode !== last.tagMode || next.tagKeys.length === 0) return false;
  return next.tagMode === 'all' ? last.tagKeys.every((key) => next.tagKeys.includes(key)) : next.tagKeys.every((key) => last.tagKeys.includes(key));
}

/** The papers matching `query`, in its order, all at once (LibraryFilter step by step). */
export function filterPapers(papers: readonly PaperRecord[], query: LibraryQuery): readonly PaperRecord[] {
  const filter = new LibraryFilter(papers, query);
  filter.step(Infinity);
  return filter.matches;
}

export interface ShowCounts {
  saved: number;
  hidden: number;
  all: number;
}

const counts = new WeakMap<readonly PaperRecord[], ShowCounts>();

/** How many papers each show mode holds: the "of M" in "N of M". Kept per papers array. */
export function showCounts(papers: readonly PaperRecord[]): ShowCounts {
  let result = counts.get(papers);
  if (result === undefined) {
    result = { saved: 0, hidden: 0, all: papers.length };
    for (const record of papers) {
      if (record.savedAt !== undefined) result.saved++;
      if (record.hiddenAt !== undefined) result.hidden++;
    }
    counts.set(papers, result);
  }
  return result;
}
