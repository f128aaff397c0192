import type { PaperInput, Site } from '../paper/model';

/** One paper card found on a page. */
export interface FoundCard {
  /** The element that stands for the paper; it gets `data-papershelf-id` and the controls. */
  element: Element;
  /**
   * Other elements of the same paper (an arXiv `dt` beside its `dd`): they get the same
   * `data-papershelf-id` and disappear entirely while the paper is hidden.
   */
  companions?: Element[];
  paper: PaperInput;
}

export interface AdapterResult {
  cards: FoundCard[];
  /** Card-like elements that could not be read into a valid paper (counted, never thrown). */
  skipped: number;
  /**
   * Short reasons for the skipped cards, and page-level notes (e.g. unreadable embedded data), for
   * the console and for tests; it may hold more entries than `skipped`.
   */
  problems: string[];
}

/**
 * A site adapter is pure: it reads the root and URL it is given and returns records. It never
 * writes the DOM, never calls browser APIs and never reads the global `document` (DESIGN.md).
 */
export interface SiteAdapter {
  site: Site;
  /** True for the page kinds this adapter reads. */
  matches(url: URL): boolean;
  /** Reads every paper card under `root`. Must not throw. */
  readCards(root: ParentNode, url: URL): AdapterResult;
}
