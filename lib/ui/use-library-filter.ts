import { useEffect, useMemo, useState } from 'preact/hooks';
import { LibraryFilter, prepareSearch, type LibraryQuery } from '../search';
import type { PaperRecord } from '../paper/model';
import { nextTask } from './next-task';

export interface FilterState {
  /** The matches found so far, in order; grows until `done`. */
  matches: readonly PaperRecord[];
  done: boolean;
}

/** A keystroke waits for at most this much filtering before the page paints the first rows. */
const FIRST_SLICE_MS = 25;
/** Each later slice, between which the page handles input and paints. */
const SLICE_MS = 10;

/**
 * `papers` filtered by `query` (lib/search), a slice at a time: the render that follows a
 * keystroke has the first `firstScreen` matches, and the rest (the count, the rows below) arrive
 * in the next few tasks. A newer query or papers array abandons the unfinished one. Once a papers
 * array is in, its search entries are built in idle slices, so that the first search is fast too.
 */
export function useLibraryFilter(papers: readonly PaperRecord[] | undefined, query: LibraryQuery, firstScreen: number): FilterState {
  const { text, tags, tagMode, show, sort, direction } = query;
  const filter = useMemo(() => {
    if (!papers) return undefined;
    const created = new LibraryFilter(papers, { text, tags, tagMode, show, sort, direction });
    created.step(FIRST_SLICE_MS, firstScreen);
    return created;
    // The query's fields, not its object: an equal query is the same filter.
  }, [papers, text, tags.join('\n'), tagMode, show, sort, direction]);
  const [, setProgress] = useState(0);

  useEffect(() => {
    if (!filter || filter.done) return;
    let cancelled = false;
    void (async () => {
      while (!cancelled && !filter.step(SLICE_MS)) await nextTask();
      if (!cancelled) setProgress((count) => count + 1);
    })();
    return () => {
      cancelled = true;
    };
  }, [filter]);

  useEffect(() => {
    if (!papers) return;
    let cancelled = false;
    void (async () => {
      while (!cancelled && !prepareSearch(papers, SLICE_MS)) await nextTask();
      // For measuring (scripts/bench-popup.ts): the search entries of this list are all built.
      if (!cancelled) performance.mark('papershelf:search-prepared', { detail: { papers: papers.length } });
    })();
    return () => {
      cancelled = true;
    };
  }, [papers]);

  return { matches: filter?.matches ?? [], done: filter?.done ?? false };
}
