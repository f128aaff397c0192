/**
 * arXiv pages: the listings (`/list/<cat>/new|recent|pastweek|YYYY-MM|YYMM`), catch-up, search
 * results and the abstract page. Pure: reads the root it is given, returns records, never writes
 * the DOM, never reads the global `document`.
 *
 * Three markups, each found and read by its own small functions; all finders run on every page
 * because each keys on a container only its own page kind has (the abstract page also needs its
 * URL), and `readPaper` tells them apart by the card's element:
 * - listings and catch-up: `dt`/`dd` pairs inside `dl#articles` (the id is repeated, one `dl` per
 *   section; fixture ../shared/pages/arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html). The `dd`
 *   is the card, its `dt` a companion.
 * - search results: one `li.arxiv-result` per paper (no capture; test/fixtures/arxiv/search-mini.html
 *   reproduces the publicly described markup).
 * - the abstract page: one card, `div#abs`, read mostly from its Highwire `citation_*` meta tags
 *   (../shared/pages/arxiv/abs-2609.22268.html, abs-1706.03762.html).
 *
 * `findCards` runs on every mutation batch and a `?show=2000` listing has 2000 entries: it makes
 * one query for all `dt`s, then uses `nextElementSibling` and queries scoped to the entry's own
 * `dt` and `dd`, and reads only the id and title. Authors, abstract and the rest are read by
 * `readPaper`, for one card, when the user acts on it.
 */
import { arxivAbsUrl, arxivIdFromUrl, canonicalArxivId } from '../paper/arxiv-id';
import type { PaperInput } from '../paper/model';
import { collapse, describe, firstMatch, queryAll, unreadableCard } from './dom-helpers';
import { validatePaper } from './validate';
import type { CardRef, CardText, FindResult, SiteAdapter, SiteTestPages } from './types';

const SITE_HOSTS: ReadonlySet<string> = new Set(['arxiv.org', 'www.arxiv.org']);
const SITE_ORIGIN = 'https://arxiv.org';

/** An arXiv category in a URL: `cs.LG`, `cond-mat.mtrl-sci`, `hep-th`, `math`. */
const CATEGORY = String.raw`[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?`;

/** Page kinds with entries to read; `/abs/<id>` is recognised separately (it needs a valid id). */
const PAGE_PATHS: readonly RegExp[] = [
  new RegExp(String.raw`^/list/${CATEGORY}/(?:new|recent|pastweek)/?$`), // daily and weekly listings; `?skip=&show=` pages
  new RegExp(String.raw`^/list/${CATEGORY}/(?:\d{4}-\d{2}|\d{4})/?$`), // monthly: `2026-09` (2024 on) and `2609` (older links)
  new RegExp(String.raw`^/catchup/${CATEGORY}/\d{4}-\d{2}-\d{2}/?$`), // catch-up (2024 on)
  /^\/catchup\/?$/, // catch-up, query form `?smonth=…&sday=…&archive=…` (older links)
  /^\/search(?:\/.*)?$/, // search results: `/search/?query=…`, `/search/cs?searchtype=author…`, `/search/advanced?…`
];
const ABSTRACT_PAGE_PATH = /^\/abs\//;

// Selectors, each list ordered by preference, each entry dated by the page variant it matches.

/** The lists of entries, whose `dt`/`dd` children are the papers. */
const ENTRY_LIST_SELECTORS = [
  'dl#articles', // /new 2026-09: three `dl#articles`, one per section (the id is repeated)
  '#dlpage dl', // older listings: plain `dl`s in the listing container (Zotero's hook, #dlpage)
];
/** The id link in a listing `dt`; its text is `arXiv:<id>`, its href `/abs/<id>`. */
const ENTRY_ID_LINK_SELECTORS = [
  'a[title="Abstract"]', // /new 2026-09, and inside `span.list-identifier` on older listings
  '.list-identifier a[href*="/abs/"]', // older listings, should the title attribute be missing
];
const ENTRY_TITLE_SELECTORS = ['.list-title']; // /new 2026-09 and older: `div.list-title` after "Title:"
const ENTRY_AUTHOR_SELECTORS = ['.list-authors a']; // /new 2026-09 (links only); older: after an "Authors:" span
const ENTRY_ABSTRACT_SELECTORS = ['p.mathjax']; // /new 2026-09 and catch-up; absent on /recent and /pastweek

/** Search results (arxiv.org/search, 2024–2026 as publicly described; no capture). */
const RESULT_SELECTORS = ['li.arxiv-result'];
const RESULT_ID_LINK_SELECTORS = ['.list-title a[href*="/abs/"]']; // `p.list-title > a` "arXiv:<id>"
const RESULT_TITLE_SELECTORS = ['p.title'];
const RESULT_AUTHOR_SELECTORS = ['p.authors a'];
const RESULT_ABSTRACT_FULL_SELECTORS = ['.abstract-full'];
const RESULT_ABSTRACT_SHORT_SELECTORS = ['.abstract-short'];
/** `p.is-size-7` "Submitted 2 August, 2023; v1 submitted 12 June, 2017; originally announced …". */
const RESULT_DATE_SELECTORS = ['p.is-size-7'];

/** The abstract page's block (2026): title, authors, abstract and the metadata table. */
const ABS_BLOCK_SELECTORS = ['#abs'];
const ABS_TITLE_SELECTORS = ['h1.title'];
const ABS_AUTHOR_SELECTORS = ['.authors a'];
const ABS_ABSTRACT_SELECTORS = ['blockquote.abstract'];

/** Shared by listing entries, search results and the abstract page. */
const PRIMARY_SUBJECT_SELECTORS = [
  '.primary-subject', // listing `dd` and abstract-page metadata table (2026): "Materials Science (cond-mat.mtrl-sci)"
  '.tags .tag.is-link', // search results: the primary category's tag ("cs.CL"); cross-lists are grey
];
/** The whole subjects line: the primary category and the cross-lists. */
const SUBJECTS_SELECTORS = [
  '.list-subjects', // listing `dd` (2026): "Subjects: Computation and Language (cs.CL); Machine Learning (cs.LG)"
  'td.subjects', // abstract-page metadata table (2026)
  '.tags', // search results: one `.tag` per category, the primary one first
];
const COMMENTS_SELECTORS = [
  '.list-comments', // listing `dd` (2026), after a "Comments:" descriptor
  'td.comments', // abstract-page metadata table (2026)
  'p.comments', // search results
];

/** The "Title:", "Authors:", "Abstract:", "Comments:" labels, when not in a `.descriptor` span. */
const LEADING_LABEL = /^(?:title|authors?|abstract|comments)\s*:\s*/i;


export const arxivAdapter: SiteAdapter = {
  site: 'arxiv',
  cardsInSource: true,
  // arXiv answers on arxiv.org (www.arxiv.org redirects there), so only that host is listed.
  matchPatterns: [
    // Listings: /list/<cat>/new, /recent, /pastweek, /YYYY-MM.
    'https://arxiv.org/list/*',
    // Catch-up: /catchup/<cat>/<date> and /catchup?…
    'https://arxiv.org/catchup*',
    // Search results: /search/?query=…, /search/advanced?…, /search/<archive>?…
    'https://arxiv.org/search*',
    // Abstract pages: one paper.
    'https://arxiv.org/abs/*',
  ],
  matches(url) {
    if (url.protocol !== 'https:' || !SITE_HOSTS.has(url.hostname)) return false;
    if (PAGE_PATHS.some((path) => path.test(url.pathname))) return true;
    return ABSTRACT_PAGE_PATH.test(url.pathname) && arxivIdFromUrl(url.href) !== null;
  },
  findCards(root, url, limit = Infinity) {
    const result: FindResult = { cards: [], skipped: 0, problems: [] };
    try {
      const base = linkBase(url);
      // Walking the entries is cheap; reading each one's id is what a 2000-entry list pays for.
      const terms = entryTerms(root);
      if (terms.length > limit) result.more = true;
      collect(result.more ? terms.slice(0, limit) : terms, 'entry', result, (dt) => locateEntry(dt, base));
      collect(root.querySelectorAll(RESULT_SELECTORS.join(',')), 'search result', result, (item) => locateResult(item, base));
      if (isAbstractPage(url)) {
        const block = abstractBlock(root);
        if (block) collect([block], 'abstract page', result, (element) => locateAbstract(element, url));
      }
    } catch (error) {
      // Only a root that is not a DOM node (or a URL that is not a URL) gets here; the host page
      // must never see the error.
      result.problems.push(`page could not be read: ${describe(error)}`);
    }
    return result;
  },
  findCardsIn(added, url) {
    const result: FindResult = { cards: [], skipped: 0, problems: [] };
    try {
      const base = linkBase(url);
      const terms = new Set<Element>();
      const results = new Set<Element>();
      for (const element of added) {
        // An element of an entry (its `dt`, its `dd`, or inside one) stands for that entry.
        const entry = element.closest('dt, dd');
        const term = entry?.localName === 'dd' ? entry.previousElementSibling : entry;
        if (term?.localName === 'dt' && term.parentElement?.matches(ENTRY_LIST_SELECTORS.join(','))) {
          terms.add(term);
          continue;
        }
        for (const list of element.matches(ENTRY_LIST_SELECTORS.join(',')) ? [element] : element.querySelectorAll(ENTRY_LIST_SELECTORS.join(','))) {
          for (let child = list.firstElementChild; child; child = child.nextElementSibling) if (child.localName === 'dt') terms.add(child);
        }
        const item = element.closest(RESULT_SELECTORS.join(','));
        if (item) results.add(item);
        else for (const inside of element.querySelectorAll(RESULT_SELECTORS.join(','))) results.add(inside);
      }
      collect(terms, 'entry', result, (dt) => locateEntry(dt, base));
      collect(results, 'search result', result, (item) => locateResult(item, base));
    } catch (error) {
      result.problems.push(`page could not be read: ${describe(error)}`);
    }
    return result;
  },
  readCardText(card, _root, _url, fields = {}) {
    // Listing entries only: the page kind a 2000-entry list comes in.
    if (card.element.localName !== 'dd') return undefined;
    try {
      const dd = card.element;
      const parts = entryParts(dd);
      const text: CardText = { title: card.title };
      const forRanking = fields.exact === false;
      const abstractLine = parts ? parts.abstract : firstMatch(dd, ENTRY_ABSTRACT_SELECTORS);
      const abstract = forRanking && abstractLine?.childElementCount === 0 ? withoutLabel(abstractLine.textContent ?? '') : fieldText(abstractLine);
      if (abstract) text.abstract = abstract;
      const authors = parts ? (parts.authors ? (forRanking ? lineNames(parts.authors) : linkNames(parts.authors)) : []) : entryNamesOf(dd);
      if (authors.length) text.authors = authors;
      if (fields.categories === false) return text;
      const categories = parts ? entryCategories(parts) : selectorCategories(dd).categories;
      if (categories.length) text.categories = categories;
      return text;
    } catch {
      return undefined;
    }
  },
  readPaper(card) {
    try {
      const { element } = card;
      // The element says which page kind found it: a listing `dd`, a search result, or `#abs`.
      if (element.localName === 'dd') return readEntryPaper(card);
      if (RESULT_SELECTORS.some((selector) => element.matches(selector))) return readResultPaper(card);
      return readAbstractPaper(card);
    } catch (error) {
      return unreadableCard();
    }
  },
  paperUrl: arxivAbsUrl,
  // Entries are plain text blocks: the controls sit flush under the entry, no card padding.
  styles: `dd > [data-papershelf-host] {
  --papershelf-padding: 4px 0 10px;
  --papershelf-stub-padding: 2px 0;
}
`,
};

/** Listings are captured; pastweek, catch-up and search only as hand-written fixtures. */
export const testPages: SiteTestPages = {
  fixtures: [
    { file: 'list-new-mini.html', url: 'https://arxiv.org/list/cond-mat.mtrl-sci/new', kind: 'arxiv-list', cards: 6, skipped: 3 },
    { file: 'list-pastweek-mini.html', url: 'https://arxiv.org/list/cs.LG/pastweek?show=2000', kind: 'arxiv-list', cards: 5, skipped: 0 },
    { file: 'catchup-mini.html', url: 'https://arxiv.org/catchup/cs.LG/2026-09-20', kind: 'arxiv-list', cards: 3, skipped: 1 },
    { file: 'search-mini.html', url: 'https://arxiv.org/search/?query=attention&searchtype=all', kind: 'arxiv-search', cards: 4, skipped: 1 },
    { file: 'abs-mini.html', url: 'https://arxiv.org/abs/2609.00501v2', kind: 'arxiv-abs', cards: 1, skipped: 0 },
  ],
  captures: [
    { name: /^list-(.+)-(new|recent|pastweek)-\d{4}-\d{2}-\d{2}\.html$/, url: (match) => `https://arxiv.org/list/${match[1]}/${match[2]}`, kind: 'arxiv-list' },
    // Old-style ids cannot hold their slash in a file name; such a file spells it `_`.
    { name: /^abs-(.+)\.html$/, url: (match) => `https://arxiv.org/abs/${match[1]?.replace('_', '/')}`, kind: 'arxiv-abs' },
  ],
  captureCounts: {
    'list-cond-mat.mtrl-sci-new-2026-09-22.html': { cards: 101, skipped: 0 },
    'abs-2609.22268.html': { cards: 1, skipped: 0 },
    'abs-1706.03762.html': { cards: 1, skipped: 0 },
  },
  e2e: [
    { url: 'https://arxiv.org/list/hep-th/new', fixture: 'list-new-mini.html' },
    { url: 'https://arxiv.org/list/hep-th/recent', fixture: 'list-pastweek-mini.html' },
    { url: 'https://arxiv.org/list/hep-th/pastweek?show=2000', fixture: 'list-pastweek-mini.html' },
    { url: 'https://arxiv.org/list/hep-th/2026-09', fixture: 'list-pastweek-mini.html' },
    { url: 'https://arxiv.org/catchup/hep-th/2026-09-21', fixture: 'catchup-mini.html' },
    { url: 'https://arxiv.org/search/?query=attention&searchtype=all', fixture: 'search-mini.html' },
    { url: 'https://arxiv.org/abs/2609.00501', fixture: 'abs-mini.html' },
    { url: 'https://arxiv.org/list/cond-mat.mtrl-sci/new', capture: 'list-cond-mat.mtrl-sci-new-2026-09-22.html' },
    { url: 'https://arxiv.org/abs/2609.22268', capture: 'abs-2609.22268.html' },
    { url: 'https://arxiv.org/abs/1706.03762', capture: 'abs-1706.03762.html' },
  ],
};

/** Relative links resolve against the page, or arxiv.org when the page URL is not arXiv's. */
function linkBase(url: URL): string {
  return SITE_HOSTS.has(url.hostname) ? url.href : `${SITE_ORIGIN}/`;
}

function isAbstractPage(url: URL): boolean {
  return SITE_HOSTS.has(url.hostname) && ABSTRACT_PAGE_PATH.test(url.pathname);
}

/** Runs `locate` on each element, collecting cards and counting (never throwing) failures. */
function collect(elements: Iterable<Element>, kind: string, result: FindResult, locate: (element: Element) => CardRef | string): void {
  let index = 0;
  for (const element of elements) {
    index += 1;
    let found: CardRef | string;
    try {
      found = locate(element);
    } catch (error) {
      found = describe(error);
    }
    if (typeof found === 'string') {
      result.skipped += 1;
      result.problems.push(`${kind} ${index}: ${found}`);
    } else {
      result.cards.push(found);
    }
  }
}

/** The common part of every paper: what the card already knows. */
function basePaper(card: CardRef): PaperInput {
  return { id: card.id, title: card.title, site: 'arxiv', url: arxivAdapter.paperUrl(card.id) };
}

// ---------------------------------------------------------------------------------------------
// Listings and catch-up: dt/dd pairs. One query finds the few lists; their `dt`s are then walked
// with `nextElementSibling` (a document-wide `… > dt` selector costs several times more), and
// each entry is read inside its own `dt` and `dd`.

/** Every `dt` of every entry list in or around `root`, in page order. */
function entryTerms(root: ParentNode): Element[] {
  const selector = ENTRY_LIST_SELECTORS.join(',');
  const lists = Array.from(root.querySelectorAll(selector));
  const around = elementAround(root, selector);
  if (around) lists.unshift(around);
  const terms: Element[] = [];
  for (const list of lists) {
    for (let child = list.firstElementChild; child; child = child.nextElementSibling) {
      if (child.localName === 'dt') terms.push(child);
    }
  }
  return terms;
}

/**
 * One `dt` and the `dd` right after it → the card, or the reason it was skipped. The title is read
 * on first use: a 2000-entry listing must not pay for 2000 titles before its controls appear.
 */
function locateEntry(dt: Element, base: string): CardRef | string {
  const dd = dt.nextElementSibling;
  const idLink = abstractLinkChild(dt) ?? firstMatch(dt, ENTRY_ID_LINK_SELECTORS);
  const id = idLink ? idFromLink(idLink, base) : null;
  if (!dd || dd.localName !== 'dd') return `${id ?? 'a dt'} has no dd after it`;
  if (!id) return 'no arXiv id link in the dt';
  let title: string | undefined;
  return {
    element: dd,
    companions: [dt],
    id,
    get title() {
      title ??= fieldText(entryTitleLine(dd));
      return title;
    },
  };
}

/**
 * The entry's title line: in 2026 markup the first line of `.meta`, the first element in document
 * order that the selector could match, found without a query (rules and For you read every title
 * of a 2,000-entry list).
 */
function entryTitleLine(dd: Element): Element | null {
  const meta = dd.firstElementChild;
  const line = meta?.className === 'meta' ? meta.firstElementChild : null;
  return line && TITLE_CLASS.test(line.className) ? line : firstMatch(dd, ENTRY_TITLE_SELECTORS);
}
const TITLE_CLASS = /(?:^|\s)list-title(?:\s|$)/;

function readEntryPaper(card: CardRef): PaperInput | string {
  if (!card.title) return 'no title';
  const dd = card.element;
  const paper = basePaper(card);
  const authors = namesOf(dd, ENTRY_AUTHOR_SELECTORS);
  if (authors.length) paper.authors = authors;
  const abstract = fieldText(firstMatch(dd, ENTRY_ABSTRACT_SELECTORS));
  if (abstract) paper.abstract = abstract;
  Object.assign(paper, readArxivEntryDetails(dd));
  return validatePaper(paper);
}

// ---------------------------------------------------------------------------------------------
// Search results

function locateResult(item: Element, base: string): CardRef | string {
  const idLink = firstMatch(item, RESULT_ID_LINK_SELECTORS);
  const id = idLink ? idFromLink(idLink, base) : null;
  if (!id) return 'no arXiv id link';
  const title = fieldText(firstMatch(item, RESULT_TITLE_SELECTORS));
  if (!title) return `${id}: no title`;
  return { element: item, id, title };
}

function readResultPaper(card: CardRef): PaperInput | string {
  const item = card.element;
  const paper = basePaper(card);
  const authors = namesOf(item, RESULT_AUTHOR_SELECTORS);
  if (authors.length) paper.authors = authors;
  const abstract = readResultAbstract(item);
  if (abstract) paper.abstract = abstract;
  const publishedAt = readResultDate(item);
  if (publishedAt) paper.publishedAt = publishedAt;
  Object.assign(paper, readArxivEntryDetails(item));
  return validatePaper(paper);
}

/**
 * The full abstract (hidden until "More" is clicked, but in the page), without its "△ Less"
 * toggle. Only when it is missing, the shortened one, marked with "…" as the page shows it.
 */
function readResultAbstract(item: Element): string {
  const full = fieldText(firstMatch(item, RESULT_ABSTRACT_FULL_SELECTORS), { skipLinks: true });
  if (full) return full;
  const short = fieldText(firstMatch(item, RESULT_ABSTRACT_SHORT_SELECTORS), { skipLinks: true });
  return short ? `${withoutTrailingDots(short)}…` : '';
}

/**
 * `text` without its closing dots and ellipses. Scanned from the end: `/[.…]+$/` retries every run
 * of dots in the text, quadratic in a long one (0.1 s for 10,000 dots, 6 s for 100,000).
 */
function withoutTrailingDots(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '.' || text[end - 1] === '…')) end -= 1;
  return text.slice(0, end);
}

/**
 * The first version's date, like the abstract page's `citation_date`: "v1 submitted 12 June, 2017"
 * when the paper was revised, else "Submitted 12 June, 2017".
 */
function readResultDate(item: Element): string | undefined {
  for (const selector of RESULT_DATE_SELECTORS) {
    for (const line of Array.from(item.querySelectorAll(selector))) {
      const text = collapse(line.textContent ?? '');
      const match = /\bv1 submitted\s+(\d{1,2}) ([A-Za-z]+),? (\d{4})/i.exec(text) ?? /\bsubmitted\s+(\d{1,2}) ([A-Za-z]+),? (\d{4})/i.exec(text);
      const date = match ? isoDate(match[3], MONTHS[match[2]?.toLowerCase().slice(0, 3) ?? ''], match[1]) : undefined;
      if (date) return date;
    }
  }
  return undefined;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

// ---------------------------------------------------------------------------------------------
// The abstract page: one card. The `citation_*` meta tags are arXiv's own machine-readable record
// (title with its TeX intact, names split into family and given); the visible block is the card
// and the fallback for every field. The meta tags are in <head>: they are read from the block's
// own document, never the global one.

/** `#abs` in or around `root`; else the element holding the title. */
function abstractBlock(root: ParentNode): Element | null {
  return elementInOrAround(root, ABS_BLOCK_SELECTORS) ?? firstMatch(root, ABS_TITLE_SELECTORS)?.parentElement ?? null;
}

function locateAbstract(block: Element, url: URL): CardRef | string {
  const doc = block.ownerDocument;
  const id = canonicalArxivId(metaContents(doc, 'citation_arxiv_id')[0] ?? '') ?? arxivIdFromUrl(url.href);
  if (!id) return 'no arXiv id in the meta tags or the URL';
  const title = fieldText(firstMatch(block, ABS_TITLE_SELECTORS)) || collapse(metaContents(doc, 'citation_title')[0] ?? '');
  if (!title) return `${id}: no title`;
  return { element: block, id, title };
}

function readAbstractPaper(card: CardRef): PaperInput | string {
  const block = card.element;
  const doc = block.ownerDocument;
  const paper = basePaper(card);
  // The meta title keeps the TeX even when MathJax has typeset the visible one with v3.
  const metaTitle = collapse(metaContents(doc, 'citation_title')[0] ?? '');
  if (metaTitle) paper.title = metaTitle;

  const fromMeta = metaContents(doc, 'citation_author').map(givenNameFirst).filter(Boolean);
  const shown = namesOf(block, ABS_AUTHOR_SELECTORS);
  // arXiv writes at most 100 citation_author tags; the page itself shows every name.
  const authors = shown.length > fromMeta.length ? shown : fromMeta;
  if (authors.length) paper.authors = authors;

  const abstract = fieldText(firstMatch(block, ABS_ABSTRACT_SELECTORS)) || collapse(metaContents(doc, 'citation_abstract')[0] ?? '');
  if (abstract) paper.abstract = abstract;
  // citation_date is the first version's day (missing for some journal refs); online_date the shown version's.
  const published = metaContents(doc, 'citation_date')[0] ?? metaContents(doc, 'citation_online_date')[0];
  const match = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(published?.trim() ?? '');
  const publishedAt = match ? isoDate(match[1], Number(match[2]), match[3]) : undefined;
  if (publishedAt) paper.publishedAt = publishedAt;
  Object.assign(paper, readArxivEntryDetails(block));
  return validatePaper(paper);
}

function metaContents(doc: Document, name: string): string[] {
  return Array.from(doc.querySelectorAll(`meta[name="${name}"]`), (meta) => meta.getAttribute('content') ?? '');
}

/**
 * `citation_author` is "Family Suffix, Given" ("Upadhyay, Manas V."); the page shows "Manas V.
 * Upadhyay". A name without a comma (a collaboration, a mononym) stays as it is.
 */
function givenNameFirst(name: string): string {
  const text = collapse(name);
  const comma = text.indexOf(',');
  if (comma < 0) return text;
  const family = text.slice(0, comma).trim();
  const given = text.slice(comma + 1).trim();
  return collapse(`${given} ${family}`);
}

// ---------------------------------------------------------------------------------------------
// Details shared by every page kind

export interface ArxivEntryDetails {
  /** The primary category's code, `cond-mat.mtrl-sci` out of "Materials Science (cond-mat.mtrl-sci)". */
  primaryCategory?: string;
  /** Every category the entry lists, primary first (rules match cross-lists too). */
  categories?: string[];
  /** The authors' comments line, without its "Comments:" label. */
  comments?: string;
}

/**
 * The primary category and comments of one entry: a listing `dd`, a search result `li`, or the
 * abstract page's block. Fields the entry does not show are absent.
 */
export function readArxivEntryDetails(entry: Element): ArxivEntryDetails {
  const details: ArxivEntryDetails = {};
  const { primaryCategory, categories } = selectorCategories(entry);
  if (primaryCategory) details.primaryCategory = primaryCategory;
  if (categories.length) details.categories = categories;
  const comments = fieldText(firstMatch(entry, COMMENTS_SELECTORS));
  if (comments) details.comments = comments;
  return details;
}

/** The primary category and every category of an entry of any page kind, found by the selectors. */
function selectorCategories(entry: Element): { primaryCategory: string | undefined; categories: string[] } {
  const primaryCategory = categoryOf(fieldText(firstMatch(entry, PRIMARY_SUBJECT_SELECTORS)));
  return { primaryCategory, categories: categoriesOf(fieldText(firstMatch(entry, SUBJECTS_SELECTORS)), primaryCategory) };
}

/**
 * Every category code in a subjects line, primary first, without repeats: "(cs.CL); Machine
 * Learning (cs.LG)" or, on search results, bare codes side by side.
 */
function categoriesOf(subjects: string, primary: string | undefined): string[] {
  const codes = new Set<string>(primary ? [primary] : []);
  // Listings name each category "Name (code)"; search results show bare codes only.
  const found = subjects.includes('(')
    ? Array.from(subjects.matchAll(CATEGORY_IN_PARENTHESES), (match) => match[1] ?? '')
    : subjects.split(/[\s;,]+/).filter((word) => WHOLE_CATEGORY.test(word));
  for (const code of found) if (code) codes.add(code);
  return [...codes].slice(0, 20);
}
const CATEGORY_IN_PARENTHESES = new RegExp(String.raw`\((${CATEGORY})\)`, 'g');
const WHOLE_CATEGORY = new RegExp(`^${CATEGORY}$`);

/** "Materials Science (cond-mat.mtrl-sci)" → "cond-mat.mtrl-sci"; a bare "cs.CL" stays. */
function categoryOf(subject: string): string | undefined {
  const code = /\(([^()]+)\)\s*$/.exec(subject)?.[1] ?? subject;
  return WHOLE_CATEGORY.test(code) ? code : undefined;
}

// ---------------------------------------------------------------------------------------------
// Validation and small helpers

/**
 * The 2026 `dt` holds its Abstract link as a direct child: looking at a handful of children is
 * cheaper than a selector query, which matters 2000 times on `?show=2000`. Older markup falls
 * back to the selectors.
 */
function abstractLinkChild(dt: Element): Element | null {
  for (let child = dt.firstElementChild; child; child = child.nextElementSibling) {
    if (child.localName === 'a' && child.getAttribute('title') === 'Abstract') return child;
  }
  return null;
}

/** `/abs/2609.22268` or `https://arxiv.org/abs/2609.22268v2`: read without building a URL. */
const PLAIN_ABS_HREF = /^(?:https:\/\/arxiv\.org)?\/abs\/(\d{4}\.\d{4,5})(?:v\d+)?$/;

/** The id an entry's link points to; its text (`arXiv:<id>`) when the href says nothing. */
function idFromLink(link: Element, base: string): string | null {
  const href = link.getAttribute('href') ?? '';
  const plain = PLAIN_ABS_HREF.exec(href)?.[1];
  if (plain) return plain;
  return arxivIdFromUrl(href, base) ?? canonicalArxivId(collapse(link.textContent ?? ''));
}

/** Names in order, one per link; empty links are left out. */
function namesOf(scope: Element, selectors: readonly string[]): string[] {
  for (const selector of selectors) {
    const names = queryAll(scope, selector).map((link) => collapse(link.textContent ?? '')).filter(Boolean);
    if (names.length) return names;
  }
  return [];
}

/**
 * The fields of a 2026 listing entry (`dd > div.meta`, the fields its direct children), found in
 * one walk of those children: on a 2,000-entry list, a selector query per field and card cost more
 * than reading the words (docs/PERFORMANCE.md). Undefined for other markup, which the selectors
 * read; also where the walk could find another element than they would (a second authors' line, a
 * line with unknown elements inside). The authors' and subjects lines are taken as lines of links
 * and spans: a paragraph or another field's class inside one of them, never seen on arXiv, is the
 * one shape the selectors would read differently.
 */
interface EntryParts {
  abstract: Element | null;
  authors: Element | null;
  subjects: Element | null;
}
function entryParts(dd: Element): EntryParts | undefined {
  const meta = dd.firstElementChild;
  if (!meta || meta.localName !== 'div' || meta.className !== 'meta') return undefined;
  const parts: EntryParts = { abstract: null, authors: null, subjects: null };
  for (let child = meta.firstElementChild; child; child = child.nextElementSibling) {
    const kind = child.className;
    if (kind === 'list-authors') {
      if (parts.authors) return undefined;
      parts.authors = child;
    } else if (kind === 'list-subjects') {
      parts.subjects ??= child;
    } else if (child.localName === 'p' && MATHJAX_CLASS.test(kind)) {
      parts.abstract ??= child;
    } else if (child.childElementCount > 0 && !isLabelledText(child)) {
      // Any other line with elements inside could hold one of the fields the selectors look for.
      return undefined;
    }
  }
  return parts;
}
/** A class attribute naming `mathjax` (a string test: `classList` would make an object per entry). */
const MATHJAX_CLASS = /(?:^|\s)mathjax(?:\s|$)/;
/** A line of its label and text only (the title, the comments before MathJax typesets them). */
function isLabelledText(line: Element): boolean {
  if (line.childElementCount !== 1) return false;
  const label = line.firstElementChild!;
  return label.className === 'descriptor' && label.childElementCount === 0;
}

/** Every category of the entry's subjects line, primary first, as `readArxivEntryDetails` gives them. */
function entryCategories({ subjects }: EntryParts): string[] {
  if (!subjects) return [];
  let primary: Element | null = null;
  let plain = true;
  for (let child = subjects.firstElementChild; child; child = child.nextElementSibling) {
    const kind = child.className;
    if (kind === 'primary-subject') primary ??= child;
    else if (kind !== 'descriptor' || child.textContent !== 'Subjects:') plain = false;
    if (child.childElementCount > 0) plain = false;
  }
  // A line of plain spans after the usual label: its text holds the same category codes as the
  // field read without its label, and the codes are all `categoriesOf` takes from it.
  const line = plain ? (subjects.textContent ?? '') : fieldText(subjects);
  return categoriesOf(line, categoryOf(fieldText(primary)));
}

/**
 * `namesOf` for a listing entry, with one lookup of the authors' line (a class, not a selector
 * query): the line is one element in every listing seen, and anything else (several lines, none)
 * takes `namesOf`. Its links are read one by one: splitting the line's whole text at its commas
 * is not exact (a real entry has a note between two names: "<a>Richard</a> (Yu)Liu"), and proving
 * a split exact cost more in Chromium than the links (an XPath test, the line's HTML: measured).
 */
function entryNamesOf(dd: Element): string[] {
  const lines = dd.getElementsByClassName('list-authors');
  return lines.length === 1 ? linkNames(lines[0]!) : namesOf(dd, ENTRY_AUTHOR_SELECTORS);
}

/**
 * The names of an authors' line for the ranker: its text cut at the commas, each name as the page
 * has it (the ranker folds its whitespace and case). One read of the line instead of one per link
 * (about 12,000 links on a 2,000-entry list: docs/PERFORMANCE.md). Where the line holds a parenthesis
 * (real entries list affiliations so: "Ju Li (2) ((1) The University of Osaka, Japan, …)"), or
 * its commas do not part it into as many names as it has links, its links are read one by one.
 * A line that still holds more than links and commas (a note after a name) costs the ranker one
 * author feature on that card, which is why rules never read names this way.
 */
function lineNames(line: Element): string[] {
  const text = withoutLabel(line.textContent ?? '');
  if (text.includes('(')) return linkNames(line);
  const names: string[] = [];
  for (const name of text.split(',')) if (/\S/.test(name)) names.push(name);
  return names.length === line.getElementsByTagName('a').length ? names : linkNames(line);
}

/** Text read as the page holds it, without a leading "Abstract:" or "Authors:" label. */
function withoutLabel(text: string): string {
  return text.trimStart().replace(LEADING_LABEL, '');
}

/** The names of the links of one authors' line, as `namesOf` reads them. */
function linkNames(line: Element): string[] {
  const names: string[] = [];
  for (const link of line.getElementsByTagName('a')) {
    const name = collapse(link.textContent ?? '');
    if (name) names.push(name);
  }
  return names;
}

/**
 * The text of a field, whitespace collapsed, without its descriptor label. Reads text nodes rather
 * than cloning, so the page is never touched; elements are classified by tag and class, not by
 * selector matching, because this runs for every field of thousands of entries.
 *
 * arXiv typesets titles and abstracts with MathJax after load, and `readCards` runs again on those
 * mutations: the rendered math is skipped and the TeX source put back, so a re-read gives the
 * text of the first read (`$\alpha$`), not glyph soup.
 */
function fieldText(element: Element | null, options: { skipLinks?: boolean } = {}): string {
  if (!element) return '';
  // Plain text (an abstract before MathJax typesets it): its text nodes are all there is to read.
  if (element.childElementCount === 0) return collapse(element.textContent ?? '').replace(LEADING_LABEL, '');
  const labelled = textAfterLabel(element);
  if (labelled !== undefined) return collapse(labelled).replace(LEADING_LABEL, '');
  const parts: string[] = [];
  const visit = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        parts.push(child.nodeValue ?? '');
      } else if (child.nodeType === 1) {
        const rule = textRule(child as Element, options.skipLinks ?? false);
        if (rule === 'descend') visit(child);
        else if (rule !== 'skip') parts.push(rule.text);
      }
    }
  };
  visit(element);
  // A label written as plain text rather than a descriptor span (search results) goes too.
  return collapse(parts.join('')).replace(LEADING_LABEL, '');
}

/**
 * The text of a line that holds only its label and text (`<span class="descriptor">Title:</span>
 * The title`, as every listing entry's title is before MathJax typesets it), without the label's
 * text: what `fieldText`'s walk gives, from two `textContent` reads. Undefined for any other shape.
 */
function textAfterLabel(line: Element): string | undefined {
  if (!isLabelledText(line)) return undefined;
  const label = line.firstElementChild!;
  const first = line.firstChild!;
  // Text before the label, if any, is one text node (a comment between would not be in `textContent`).
  const lead = first === label ? '' : first.nodeType === 3 && first.nextSibling === label ? (first.nodeValue ?? '') : undefined;
  if (lead === undefined) return undefined;
  return lead + (line.textContent ?? '').slice(lead.length + (label.textContent ?? '').length);
}

/** MathJax 2 output elements; the TeX stays beside them in `script[type^="math/tex"]`. */
const MATHJAX2_OUTPUT = ['MathJax', 'MathJax_Preview', 'MathJax_Display', 'MathJax_CHTML', 'MathJax_SVG', 'MathJax_SVG_Display', 'MathJax_MathML'];

function textRule(element: Element, skipLinks: boolean): 'skip' | 'descend' | { text: string } {
  const name = element.localName;
  const classes = element.classList;
  if (classes.contains('descriptor')) return 'skip'; // "Title:", "Abstract:" …
  if (skipLinks && name === 'a') return 'skip'; // the "… More" / "△ Less" toggles of search results
  if (name === 'script') {
    // MathJax 2 keeps the source as `<script type="math/tex">` (`; mode=display` for displays).
    const type = element.getAttribute('type') ?? '';
    if (!type.startsWith('math/tex')) return 'skip';
    const fence = type.includes('mode=display') ? '$$' : '$';
    return { text: `${fence}${element.textContent ?? ''}${fence}` };
  }
  if (name === 'style' || name === 'noscript') return 'skip';
  // MathJax 3 drops the source; its assistive MathML is the closest plain text. (Its container
  // also has the class "MathJax", hence this test first.)
  if (name === 'mjx-container') return { text: element.querySelector('mjx-assistive-mml')?.textContent ?? '' };
  if (MATHJAX2_OUTPUT.some((output) => classes.contains(output))) return 'skip';
  return 'descend';
}

function isoDate(year: string | undefined, month: number | undefined, day: string | undefined): string | undefined {
  const y = Number(year);
  const d = Number(day);
  if (!month || !Number.isInteger(y) || !Number.isInteger(d) || d < 1 || d > 31) return undefined;
  return `${y}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}


/** The first match inside `root`, or the one around it when `root` lies inside the block. */
function elementInOrAround(root: ParentNode, selectors: readonly string[]): Element | null {
  return firstMatch(root, selectors) ?? elementAround(root, selectors.join(','));
}

/** `root` itself or its nearest ancestor matching `selector`, when `root` is an element. */
function elementAround(root: ParentNode, selector: string): Element | null {
  const element = root as Partial<Element>;
  return typeof element.closest === 'function' ? element.closest(selector) : null;
}


