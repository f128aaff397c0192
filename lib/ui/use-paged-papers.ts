import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PapershelfDatabase } from '../db/database';
import type { PaperRecord } from '../paper/model';
import type { ShowMode } from '../search';
import { readPage, type PageCursor } from './paged-papers';

export interface PagedPapers {
  /** The pages read so far, in reading order (a new array per page). */
  papers: readonly PaperRecord[];
  /** Every page is read. */
  done: boolean;
  loading: boolean;
  /** Reads the next page. */
  more: () => void;
}

/** Where pages come from: the library, and a way to hear of writes to its papers (Dexie's storagemutated). */
export interface PagedSource {
  db: PapershelfDatabase;
  onPapersWritten: (listener: () => void) => () => void;
}

/**
 * The hidden or "all" view of a library too large to hold (LiveLibrary's `paged`), a page at a
 * time (lib/ui/paged-papers.ts): the first page at once, the next when asked. Any write to the
 * papers starts again from the first page, so what shows is never stale. `source` undefined:
 * nothing (the view is held in memory, or the library code is still loading). No Dexie import:
 * the popup's first paint must not wait for Dexie.
 */
export function usePagedPapers(source: PagedSource | undefined, show: ShowMode): PagedPapers {
  const db = source?.db;
  const [state, setState] = useState<{ papers: readonly PaperRecord[]; next: PageCursor | undefined; done: boolean; loading: boolean }>({ papers: [], next: undefined, done: false, loading: false });
  const generation = useRef(0);
  const current = useRef(state);
  current.current = state;

  const read = useCallback(
    (fromStart: boolean) => {
      if (!db || show === 'saved') return;
      const mine = fromStart ? ++generation.current : generation.current;
      const after = fromStart ? undefined : current.current.next;
      setState((before) => ({ ...before, loading: true }));
      void readPage(db, show, after).then(
        (page) => {
          if (mine !== generation.current) return;
          setState((before) => ({ papers: fromStart ? page.papers : [...before.papers, ...page.papers], next: page.next, done: page.next === undefined, loading: false }));
        },
        () => mine === generation.current && setState((before) => ({ ...before, loading: false })),
      );
    },
    [db, show],
  );

  useEffect(() => {
    if (!db || show === 'saved') return;
    setState({ papers: [], next: undefined, done: false, loading: false });
    read(true);
    const stop = source!.onPapersWritten(() => read(true));
    return () => {
      generation.current++;
      stop();
    };
    // The source is made once per page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, show, read]);

  const more = useCallback(() => {
    if (!current.current.loading && !current.current.done) read(false);
  }, [read]);
  return { ...state, more };
}
