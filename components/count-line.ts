import type { LibraryQuery, ShowMode } from '../lib/search';
import { t, type KeyWithValues } from '../lib/i18n/t';
import type { LibrarySnapshot } from '../lib/ui/library-snapshot';

/** What a page (the popup, the library's Papers section) knows when it writes its count line. */
export interface CountFacts {
  phase: string;
  query: Pick<LibraryQuery, 'show'>;
  /** Rows that match now. */
  shown: number;
  /** The search went through every paper it had. */
  done: boolean;
  /** Every paper of the view is read: the count is final. */
  searchable: boolean;
  /** Papers in the view (undefined until known). */
  total: number | undefined;
  /** Papers read so far, and in the whole library. */
  loaded: number;
  all: number | undefined;
  /** While the saved papers are still read, a search runs on the newest read so far: how many. */
  partialRead?: number;
  /** A view read a page at a time (a library too large to hold): how many papers are read so far. */
  pagedRead?: number;
}

/** The count line's sentences, one per view (saved, hidden, all papers): a translation can inflect each. */
const SHOWN_OF: Readonly<Record<ShowMode, KeyWithValues>> = { saved: 'shownOfSaved', hidden: 'shownOfHidden', all: 'shownOfAll' };
const SEARCHING_OF: Readonly<Record<ShowMode, KeyWithValues>> = { saved: 'searchingOfSaved', hidden: 'searchingOfHidden', all: 'searchingOfAll' };
const FOUND_IN_READ: Readonly<Record<ShowMode, KeyWithValues>> = { saved: 'foundInReadSaved', hidden: 'foundInReadHidden', all: 'foundInReadAll' };
const NEWEST_OF: Readonly<Record<ShowMode, KeyWithValues>> = { saved: 'newestOfSaved', hidden: 'newestOfHidden', all: 'newestOfAll' };

/** "12 of 3,456 saved papers", or what the page is still reading, in words. */
export function countLine(facts: CountFacts): string {
  const { phase, query, shown, done, searchable, total, loaded, all, partialRead, pagedRead } = facts;
  const view = query.show;
  const count = (n: number | undefined) => (n === undefined ? '…' : n.toLocaleString('en'));
  // "12" when the search is done, "12+" while it runs.
  const found = done ? count(shown) : t('atLeast', count(shown));
  if (partialRead !== undefined) return t('foundInNewestSaved', found, count(partialRead), count(total));
  if (pagedRead !== undefined) return t(FOUND_IN_READ[view], found, count(pagedRead), count(total));
  if (phase === 'opening') return t('openingYourLibrary');
  if (phase === 'error') return '';
  if (searchable) return done ? t(SHOWN_OF[view], count(shown), count(total)) : t(SEARCHING_OF[view], count(shown), count(total));
  const reading = t('readingTheLibrary', count(loaded), count(phase === 'first' && query.show === 'saved' ? total : all));
  return shown > 0 ? t(NEWEST_OF[view], count(total), reading) : reading;
}

/**
 * How many papers the view holds: counted, or, in the saved view before the counts, the saved
 * papers once all are read (or their number when read by keys, known before them).
 */
export function viewTotal(library: Pick<LibrarySnapshot, 'counts' | 'papers' | 'savedTotal'>, query: LibraryQuery, searchable: boolean): number | undefined {
  return library.counts?.[query.show] ?? (query.show !== 'saved' ? undefined : searchable ? library.papers.length : library.savedTotal);
}

/** The count's search facts: the stored index's answer is complete and final; else the page's own search so far. */
export function searchFacts(indexed: { found: number } | undefined, own: Pick<CountFacts, 'shown' | 'done' | 'searchable'>): Pick<CountFacts, 'shown' | 'done' | 'searchable'> {
  return indexed ? { shown: indexed.found, done: true, searchable: true } : own;
}
