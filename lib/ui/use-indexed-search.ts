import { useEffect, useState } from 'preact/hooks';
import type { PapershelfDatabase } from '../db/database';
import { readSearchIndex } from '../db/search-index';
import type { PaperRecord } from '../paper/model';
import { queryKey, type LibraryQuery } from '../search';
import { indexedCount, searchBuckets, type SearchBucket } from '../search/search-buckets';

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

// One read of the index per database and page: a page that uses this is open for seconds, until
// its saved papers are read and searched in memory (lib/ui/use-library-filter.ts).
const indexes = new WeakMap<PapershelfDatabase, Promise<SearchBucket[]>>();

/**
 * The saved papers matching `query`, from the search index in IndexedDB (lib/db/search-index.ts):
 * one read of the whole index (a hundred-odd records), the search in memory, then the first `rows`
 * matching papers by key. What a page shows for a search typed while it still reads the saved
 * papers, so that the answer is complete at once instead of "found among the newest read so far".
 * `db` undefined: nothing to do (the page searches its papers itself).
 */
export function useIndexedSearch(db: PapershelfDatabase | undefined, query: LibraryQuery, rows: number): IndexedAnswer | undefined {
  const [answer, setAnswer] = useState<IndexedAnswer>();
  const key = queryKey(query);
  useEffect(() => {
    if (!db) return;
    let cancelled = false;
    void (async () => {
      let index = indexes.get(db);
      if (!index) indexes.set(db, (index = readSearchIndex(db)));
      const buckets = await index;
      if (cancelled) return;
      const ids = searchBuckets(buckets, query);
      const records = await db.papers.bulkGet(ids.slice(0, rows));
      if (cancelled) return;
      const papers = records.filter((record): record is PaperRecord => record?.savedAt !== undefined);
      setAnswer({ key, found: ids.length, saved: indexedCount(buckets), papers });
      // For measuring (scripts/bench-library-scale.ts): a complete answer from the index.
      performance.mark('papershelf:indexed-search', { detail: { found: ids.length } });
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
    // The query's fields, through its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, key, rows]);
  return db && answer?.key === key ? answer : undefined;
}
