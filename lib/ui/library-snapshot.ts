import type { PaperRecord } from '../paper/model';

/**
 * What an extension page knows of the library at a moment (lib/ui/live-library.ts keeps it
 * current). A plain data shape in its own module so that components can read it without
 * importing the database code that produces it.
 */
export type LibraryPhase = 'opening' | 'first' | 'saved' | 'complete' | 'error';

export interface LibrarySnapshot {
  phase: LibraryPhase;
  /**
   * `first`: the newest saved papers, newest first; `saved`: every saved paper; `complete`: every
   * paper. Only `first` has an order.
   */
  papers: readonly PaperRecord[];
  /** Saved, hidden and all papers (from the indexes until complete, then from `papers`); undefined until counted. */
  counts: { saved: number; hidden: number; all: number } | undefined;
  /** While loading everything: how many papers are read so far. */
  loaded: number;
  /**
   * `first` only, once some are read: the saved papers read so far, newest saved first (a new array
   * each time). A page can search these while the rest is still on its way: at 100,000 papers
   * reading every saved one takes seconds, and a user types at once.
   */
  partial?: readonly PaperRecord[];
  /** `first` only, when the saved papers are read by keys: how many there are, known before they are read. */
  savedTotal?: number;
  /**
   * `saved` only: the library holds more papers than a page keeps in memory, so this snapshot stays
   * at the saved papers (kept current) and the other views page through the records.
   */
  paged?: boolean;
  /**
   * `first` only: the papers are the last page's first screen (lib/popup/first-screen-cache.ts),
   * possibly stale, until the library itself answers.
   */
  cached?: boolean;
  /** In words, when the library could not be read. */
  error?: string;
}
