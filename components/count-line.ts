import type { LibraryQuery } from '../lib/search';
import type { LibrarySnapshot } from '../lib/ui/library-snapshot';

/** What a page (the popup, the library's Papers section) knows when it writes its count line. */
export interface CountFacts {
  phase: string;
  query: LibraryQuery;
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

/** "12 of 3,456 saved papers", or what the page is still reading, in words. */
export function countLine(facts: CountFacts): string {
  const { phase, query, shown, done, searchable, total, loaded, all, partialRead, pagedRead } = facts;
  const noun = query.show === 'saved' ? 'saved papers' : query.show === 'hidden' ? 'hidden papers' : 'papers';
  const count = (n: number | undefined) => (n === undefined ? '…' : n.toLocaleString('en'));
  if (partialRead !== undefined) return `${count(shown)}${done ? '' : '+'} found in the newest ${count(partialRead)} of ${count(total)} saved papers, reading the rest…`;
  if (pagedRead !== undefined) return `${count(shown)}${done ? '' : '+'} found in the ${count(pagedRead)} read so far of ${count(total)} ${noun}`;
  if (phase === 'opening') return 'Opening your library…';
  if (phase === 'error') return '';
  if (searchable) return done ? `${count(shown)} of ${count(total)} ${noun}` : `${count(shown)}+ of ${count(total)} ${noun}, searching…`;
  const reading = `Reading the library: ${count(loaded)} of ${count(phase === 'first' && query.show === 'saved' ? total : all)} papers…`;
  return shown > 0 ? `Newest of ${count(total)} ${noun}. ${reading}` : reading;
}

/**
 * How many papers the view holds: counted, or, in the saved view before the counts, the saved
 * papers once all are read (or their number when read by keys, known before them).
 */
export function viewTotal(library: Pick<LibrarySnapshot, 'counts' | 'papers' | 'savedTotal'>, query: LibraryQuery, searchable: boolean): number | undefined {
  return library.counts?.[query.show] ?? (query.show !== 'saved' ? undefined : searchable ? library.papers.length : library.savedTotal);
}
