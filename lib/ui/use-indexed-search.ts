import { useEffect, useState } from 'preact/hooks';
import type { EarlySearchIndex } from '../db/search-index-early';
import type { PaperRecord } from '../paper/model';
import { isNewestSavedView, queryKey, type LibraryQuery } from '../search';
import { searchWordIndex, wordIndexCount } from '../search/word-index';

/** A search answered from the stored index: complete, before the saved papers themselves are read. */
export interface IndexedAnswer {
  /** The query it answers (queryKey). */
  key: string;
  /** How many saved papers match: final. */
  found: number;
  /** How many saved papers the index holds. */
  saved: number;
  /** The first matching papers, in the query's order. */
  papers: readonly PaperRecord[];
}

/**
 * The saved papers matching `query`, from the search index in IndexedDB (lib/db/word-index.ts):
 * one read of the whole index (a few hundred records, started when the page opened), the search in
 * memory, then the first `firstRows` matching papers by key (a screenful: shown at once), then the
 * first `rows` (what the list scrolls through). What a page shows for a search typed while
 * it still reads the saved papers, so that the answer is complete at once instead of "found among
 * the newest read so far". `index` undefined: nothing to do (the page searches its papers itself).
 */
export function useIndexedSearch(index: EarlySearchIndex | undefined, query: LibraryQuery, rows: number, firstRows = rows): IndexedAnswer | undefined {
  const [answer, setAnswer] = useState<IndexedAnswer>();
  const key = queryKey(query);
  useEffect(() => {
    if (!index) return;
    let cancelled = false;
    void (async () => {
      const stored = await index.index();
      if (cancelled || !stored) return;
      const ids = searchWordIndex(stored, query);
      const saved = wordIndexCount(stored);
      // A screenful first (a few reads), then the rest of the rows a list scrolls through.
      const first = await index.papers(ids.slice(0, Math.min(firstRows, rows)));
      if (cancelled || !first) return;
      setAnswer({ key, found: ids.length, saved, papers: first.filter((record) => record.savedAt !== undefined) });
      // For measuring (scripts/bench-library-scale.ts): a complete answer from the index.
      performance.mark('papershelf:indexed-search', { detail: { found: ids.length } });
      if (ids.length <= firstRows || rows <= firstRows) return;
      const more = await index.papers(ids.slice(0, rows));
      if (cancelled || !more) return;
      setAnswer({ key, found: ids.length, saved, papers: more.filter((record) => record.savedAt !== undefined) });
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
    // The query's fields, through its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, key, rows, firstRows]);
  return index && answer?.key === key ? answer : undefined;
}

/**
 * How a page (the popup, the library's Papers section) uses the stored index: for a search or a
 * filter of the saved view while the page cannot yet search that view in memory (`searchable`);
 * the newest saved papers, the view a page opens on, come from its own first read. Once every
 * saved paper is in memory (`savedInMemory`) the index is not needed again and its memory goes.
 */
export function useSavedViewIndex(
  index: EarlySearchIndex | undefined,
  query: LibraryQuery,
  page: { searchable: boolean; savedInMemory: boolean; rows: number; firstRows: number },
): IndexedAnswer | undefined {
  const asked = !page.searchable && query.show === 'saved' && !isNewestSavedView(query);
  const answer = useIndexedSearch(asked ? index : undefined, query, page.rows, page.firstRows);
  useEffect(() => {
    if (page.savedInMemory) index?.release();
  }, [page.savedInMemory, index]);
  return answer;
}
