import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PaperRecord } from '../paper/model';
import type { LibraryQuery } from '../search';
import type { LibrarySnapshot } from './library-snapshot';
import { useLibraryFilter, type FilterState } from './use-library-filter';
import { usePagedPapers, type PagedPapers, type PagedSource } from './use-paged-papers';

export interface LibraryView {
  /** The view shows pages read from the records (`pages`), not the library held in memory. */
  paged: boolean;
  pages: PagedPapers;
  /** How many papers the pages' view has read so far (the "all" view adds the saved papers held). */
  read: number;
  /** The view's papers are all in memory and searched there: its count is final once `filtered` is done. */
  searchable: boolean;
  /** What the view shows: the pages read so far, or the library in memory, filtered by the query. */
  filtered: FilterState;
}

/**
 * Where a page's (the popup's, the library's Papers section's) list comes from, for the query's view.
 *
 * The saved view: the saved papers in memory once LiveLibrary has read them all. The hidden and
 * "all" views: pages of the hidden records (lib/ui/paged-papers.ts, newest hidden first, 500 a read)
 * from the moment they are asked for, and the library in memory once LiveLibrary holds every
 * paper. Why pages first: at 100,000 records, every paper read takes seconds after the saved
 * ones, and a reader who opens the hidden view wants its newest rows, which one read of the
 * `hiddenAt` index gives at once. A library too large to hold stays on pages.
 *
 * The hand-over waits until the view in memory has found at least as many rows as the pages
 * show (or found them all): the rows in view and the scroll position stay where they are, as
 * both lists are in the same order. From then on, the view stays in memory for as long as the
 * library is held whole (a new search there does not go back to pages).
 */
export function useLibraryView(library: LibrarySnapshot, query: LibraryQuery, source: PagedSource | undefined, firstScreen: number): LibraryView {
  const heldWhole = library.phase === 'complete' && library.paged !== true;
  const otherView = query.show !== 'saved';
  // The saved view searches the saved papers once they are all read (a paged library keeps them live).
  const inMemory = otherView ? heldWhole : library.phase === 'complete' || library.phase === 'saved';
  const memory = useLibraryFilter(inMemory ? library.papers : undefined, query, firstScreen);

  // A page opened on a library held whole already has nothing to hand over.
  const [handedOver, setHandedOver] = useState(heldWhole);
  const paged = otherView && !(heldWhole && handedOver);
  // Until the library is held whole, the "all" view is the hidden pages and the saved papers held:
  // the same order as the view in memory, as far as the pages go (a paper neither saved nor hidden,
  // rare, waits for the hand-over). A library too large to hold reads "all" in id order instead.
  const early = library.paged !== true;
  const pages = usePagedPapers(paged ? source : undefined, early ? 'hidden' : query.show);
  const read = useMemo(() => (early && query.show === 'all' ? withHeld(pages.papers, library.papers) : pages.papers), [early, query.show, pages.papers, library.papers]);
  const fromPages = useLibraryFilter(paged ? read : undefined, query, firstScreen);
  // Caught up: the view in memory shows at least what the pages show (a prefix of the same order).
  // The saved view shows no pages: once the library is held whole, the other views need none either.
  const caughtUp = heldWhole && (!otherView || memory.done || memory.matches.length >= fromPages.matches.length);

  useEffect(() => {
    if (caughtUp && !handedOver) setHandedOver(true);
    // Held no more (a large restore made the library too large to hold): pages again.
    if (!heldWhole && handedOver) setHandedOver(false);
  }, [caughtUp, heldWhole, handedOver]);

  const showPages = paged && !caughtUp;
  return { paged: showPages, pages, read: read.length, searchable: inMemory && !showPages, filtered: showPages ? fromPages : memory };
}

/** The papers of the pages and those held, each once (a saved paper may be hidden too). */
function withHeld(pages: readonly PaperRecord[], held: readonly PaperRecord[]): readonly PaperRecord[] {
  if (held.length === 0) return pages;
  const ids = new Set(held.map((paper) => paper.id));
  return [...held, ...pages.filter((paper) => !ids.has(paper.id))];
}
