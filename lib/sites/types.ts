import type { PaperInput, Site } from '../paper/model';

/**
 * A paper card as found on a page: what mounting its controls needs, and nothing more. Finding
 * must stay cheap enough to run on every DOM change of a 2000-entry listing, so the rest of what
 * the page says (authors, abstract, …) is read only when it is needed, by `readPaper`.
 */
export interface CardRef {
  /** The element that stands for the paper; it gets `data-papershelf-id` and the controls. */
  element: Element;
  /**
   * Other elements of the same paper (an arXiv `dt` beside its `dd`): they get the same
   * `data-papershelf-id` and disappear entirely while the paper is hidden.
   */
  companions?: Element[];
  /** Canonical arXiv id (no version). */
  id: string;
  /** The title as shown, whitespace collapsed; never empty. */
  title: string;
}

/** The words of a card that rules look at, read as the page shows them, without validation. */
export interface CardText {
  title: string;
  abstract?: string;
  authors?: string[];
  /** Every category the card lists, primary first. */
  categories?: string[];
}

/** Which of a card's words a read needs: For you reads no categories, rules read them all. */
export interface CardTextFields {
  /** False: the categories are not read (and `categories` stays absent). True by default. */
  categories?: boolean;
  /**
   * False: the words as the ranker takes them, read for less where a site can (arXiv: an
   * abstract's text with its whitespace as the page has it, the authors' line cut at its commas).
   * The ranker folds case, accents and whitespace away, so it sees the same features; rules,
   * which match the record's exact words, never read this way. True by default.
   */
  exact?: boolean;
}

/** A card with everything the page says about its paper, validated. */
export interface FoundCard extends CardRef {
  paper: PaperInput;
}

export interface FindResult {
  cards: CardRef[];
  /** Card-like elements without a readable id or title (counted, never thrown). */
  skipped: number;
  /**
   * Short reasons for the skipped cards, and page-level notes (e.g. unreadable embedded data), for
   * the console and for tests; it may hold more entries than `skipped`.
   */
  problems: string[];
  /** True when the finder stopped at the `limit` it was given and the page holds more cards. */
  more?: boolean;
}

export interface AdapterResult extends FindResult {
  cards: FoundCard[];
}

/**
 * A site adapter is pure: it reads the root and URL it is given and returns records. It never
 * writes the DOM, never calls browser APIs and never reads the global `document` (DESIGN.md).
 */
export interface SiteAdapter {
  /** The site's name: the key of `sources` in a record and the folder of its test pages. */
  site: Site;
  /**
   * Manifest match patterns of the pages this adapter reads (the content script's `matches`,
   * lib/sites/matches.ts). Plain data, one pattern a line: a host or path added is a one-line change.
   */
  matchPatterns: readonly string[];
  /** True for the page kinds this adapter reads (a pattern cannot say "new, recent or YYYY-MM"). */
  matches(url: URL): boolean;
  /** The paper's own page on this site: the link a record keeps in `sources[site]`. */
  paperUrl(id: string): string;
  /**
   * Light-DOM CSS for this site's pages, added to the stylesheet the manifest injects with the
   * content script (wxt.config.ts). It may style only Papershelf's own elements, attributes and
   * custom properties: the site's elements keep their styling.
   */
  styles: string;
  /**
   * Finds every card under `root` with its id and title. Must not throw. With a `limit`, an adapter
   * may stop after that many (saying `more`): a long listing's first screen is found before the
   * page's next frame, the rest after it.
   */
  findCards(root: ParentNode, url: URL, limit?: number): FindResult;
  /**
   * Everything the page says about one found card, validated against PaperInputSchema; a reason
   * in words when it cannot be read. `root` gives access to page-level data. Must not throw.
   */
  readPaper(card: CardRef, root: ParentNode, url: URL): PaperInput | string;
  /**
   * Optional, for pages that grow (infinite scroll, "show more"): the cards that elements the site
   * just added make up, contain or complete (an arXiv `dd` added after its `dt`), found without
   * looking at the rest of the page, so a card added to a 2000-entry listing costs that card.
   * Adapters without it get a full `findCards` on every such change. Must not throw.
   */
  findCardsIn?(added: readonly Element[], url: URL): FindResult;
  /**
   * Optional: only the words rules and For you look at (title, abstract, authors, categories),
   * without validating a whole record, for every card of a long listing; the same words
   * `readPaper` gives. Undefined for a card it does not read this way (then `readPaper` is used).
   * Must not throw.
   */
  readCardText?(card: CardRef, root: ParentNode, url: URL, fields?: CardTextFields): CardText | undefined;
  /**
   * True when the page's HTML as the site serves it holds every card with its words (arXiv's
   * listings, not Hugging Face's script-built lists): For you may then read them from the page's
   * bytes in its relay frame, off the page's main thread (lib/frame/page-words.ts).
   */
  cardsInSource?: boolean;
  /** Page-level problems a full read should report (e.g. unreadable embedded data). Must not throw. */
  pageNotes?(root: ParentNode, url: URL): string[];
}

/**
 * The pages a site's tests read, kept beside its adapter so that a new site brings them in its one
 * module; test/site-pages.ts finds them by the export name `testPages` (the content script never
 * imports them). Page kinds name the tests' per-kind tables (test/unit/sites/field-slots.ts).
 */
export interface SiteTestPages {
  /** test/fixtures/<site>/<file>, read at `url`, with what `readAllCards` gives on it. */
  fixtures: ReadonlyArray<{ file: string; url: string; kind: string; cards: number; skipped: number }>;
  /**
   * Real captures in ../shared/pages/<site>/, recognised by their file name; `url` builds the page's
   * address from the name's match. `counts`: what `readAllCards` gives, checked by hand, by file.
   */
  captures: ReadonlyArray<{ name: RegExp; url: (match: RegExpExecArray) => string; kind: string }>;
  captureCounts: Readonly<Record<string, { cards: number; skipped: number }>>;
  /** Pages the e2e test opens at their real URL: a fixture file of this site, or a capture. */
  e2e: ReadonlyArray<{ url: string; fixture: string } | { url: string; capture: string }>;
}
