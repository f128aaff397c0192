/**
 * Hugging Face papers pages. Pure: reads the root and URL it is given, returns records, never
 * writes the DOM, never reads the global `document`.
 *
 * Lists: daily (`/papers/date/…`), weekly, monthly, trending and search (`/papers?q=…`). Only the
 * daily list is captured (../shared/pages/huggingface/papers-daily-2026-09-28.html); the others
 * are reported to render the same element (PROVENANCE.md) and are covered by hand-written
 * fixtures. Two sources on one page:
 * - the server-rendered cards (`article`), which carry the id, title and upvotes and are the
 *   elements the controls attach to;
 * - the JSON in the list's `data-props` attribute, with authors, abstract and date.
 * The cards decide what is found; the JSON only enriches a card with the same id, so a missing or
 * broken JSON costs the extra fields, never a card. Where the JSON lacks a field, what the card
 * shows stands in: search results show the abstract, "N authors" and the date on each card
 * (test/fixtures/huggingface/search-seed.html, built from ../shared/seed).
 *
 * The single paper page (`/papers/<arxiv-id>`, no capture; test/fixtures/huggingface/paper-page.html
 * reproduces what is publicly described) has exactly one card, the paper of the page: its id comes
 * from the URL, its title from the page's `h1`. Cards of other papers on that page ("papers citing
 * this") are never taken for it.
 *
 * `findCards` runs on every DOM change of lists with up to 2000 cards: one query for all title
 * links, a `closest()` per link, the id from the href, and the title read lazily. Everything else
 * is read by `readPaper`, for one card, when it is needed.
 */
import { z } from 'zod';
import { arxivIdFromUrl, canonicalArxivId } from '../paper/arxiv-id';
import type { PaperInput } from '../paper/model';
import { collapse, describe, firstMatch, unreadableCard } from './dom-helpers';
import { validatePaper } from './validate';
import type { CardRef, FindResult, SiteAdapter, SiteTestPages } from './types';

const SITE_ORIGIN = 'https://huggingface.co';
const SITE_HOST = 'huggingface.co';
const PAPER_PATH_PREFIX = '/papers/';

/**
 * List pages. The single paper page (`/papers/<arxiv-id>`) is recognised separately: it needs a
 * valid id. Only the daily list is captured; the others are reported to render the same element.
 */
const LIST_PATHS: readonly RegExp[] = [
  /^\/papers\/?$/, // `/papers` (redirects to a period page) and search `/papers?q=…`
  /^\/papers\/date\/\d{4}-\d{2}-\d{2}\/?$/, // daily
  /^\/papers\/week\/\d{4}-W\d{1,2}\/?$/, // weekly
  /^\/papers\/month\/\d{4}-\d{2}\/?$/, // monthly
  /^\/papers\/trending\/?$/, // trending
];

// Selectors, each list ordered by preference, each entry dated by the page variant it matches.
/** The card: one `article` per paper (daily list, 2026-09; search, weekly, monthly, trending reported). */
const CARD_SELECTORS = ['article'];
/** The title link inside a card: `h3 > a[href="/papers/<id>"]` (daily list, 2026-09). */
const TITLE_LINK_SELECTORS = [
  'h3 a[href^="/papers/"]', // daily list, 2026-09: relative href
  'h3 a[href^="https://huggingface.co/papers/"]', // not seen yet; absolute form of the same link
];
/** The upvote count, inside the `/login?next=…` vote link; "-" when zero (daily list, 2026-09). */
const UPVOTE_SELECTORS = ['[role="checkbox"] .leading-none'];
/** The element whose `data-props` JSON lists every paper (`div.SVELTE_HYDRATER`, daily list, 2026-09). */
const PROPS_SELECTORS = ['[data-target="DailyPapers"][data-props]'];
/** Lists inside the props, searched in order; search results first (reported, not captured). */
const PROPS_LIST_KEYS = ['searchResults', 'dailyPapers'] as const;

/**
 * The single paper page's `data-props` element, `{ paper: {...}, comments: [...] }`; no capture
 * (test/fixtures/huggingface/paper-page.html reproduces it).
 */
const PAPER_PAGE_PROPS_SELECTORS = [
  '[data-target="PaperContent"][data-props]', // paper page, 2026-05: named by two public scrapers; no capture
  '[data-target="PaperPage"][data-props]', // a guessed name, never seen; harmless when absent
];
/** The paper page's title. Headings inside cards or inside a list's props are not the page's. */
const PAPER_TITLE_SELECTORS = ['h1'];
const NOT_PAGE_TITLE_SELECTOR = ['article', '[data-target="DailyPapers"]'].join(',');
/**
 * The block around the paper page's title that becomes the card: the header `section` (title,
 * date, authors, links), as publicly described; not seen in a capture.
 */
const PAPER_HEADER_SELECTORS = ['header', 'section'];
const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6';

/**
 * "Authors:" label before the names on the paper page (publicly described). These patterns run on
 * raw text nodes, so no two `\s*` may be able to share one run of whitespace: a 10,000-space node
 * made `\s*:?\s*` backtrack quadratically (0.1 s per node, 15 s at 100,000; mutation.test.ts).
 */
const AUTHORS_LABEL = /^\s*Authors?\s*(?::\s*)?$/i;
/** Links and buttons in the authors row that are controls, not names ("+ 12", "Show more"). */
const NOT_A_NAME = /^(?:\+\s*\d+|\d+\s+more\b|(?:show|hide|view|see|more|less|claim)\b)/i;
/** The paper page's "Abstract" heading. */
const ABSTRACT_HEADING = /^abstract$/i;
/** The generated summary box shown above the abstract on paper pages (publicly seen 2025, not captured). */
const AI_SUMMARY_LABEL = /^AI[- ]generated summary/i; // no \b: the label's text runs into the summary's

/** "3 authors" / "· 4 authors" (daily list 2026-09; search view per ../shared/seed). */
const AUTHOR_COUNT_LINE = /^\s*(?:[·•]\s*)?(\d{1,6})\s+authors?\s*$/i;
/**
 * A shown date, alone in its text node: "Feb 20, 2024" (search view, ../shared/seed), "May 29"
 * (this year's papers: the year is not shown), "Published on Feb 20, 2024" (paper page, reported).
 */
const SHOWN_DATE =
  /^\s*(?:[·•]\s*)?(published(?:\s+on)?\s+|submitted(?:\s+on)?\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?\s*$/i;
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
/**
 * A card's abstract is its longest `p` of at least this many characters: arXiv abstracts are
 * sentences, while the short lines of a card (author count, date, "Submitted by …") are not.
 */
const MIN_CARD_ABSTRACT = 80;

/** What the adapter takes from one embedded paper; every other field is ignored. */
interface EmbeddedPaper {
  title?: string;
  authors?: string[];
  abstract?: string;
  publishedAt?: string;
  upvotes?: number;
}

export const huggingfaceAdapter: SiteAdapter = {
  site: 'huggingface',
  matchPatterns: [
    // Every page, because the site navigates into its listings (daily, weekly, monthly, trending,
    // search, single paper pages) without a page load; on other pages the script only compares
    // addresses (lib/content/location-watch.ts). The install prompt is the same: a browser names
    // hosts, not paths.
    'https://huggingface.co/*',
  ],
  matches(url) {
    if (url.protocol !== 'https:' || url.hostname !== SITE_HOST) return false;
    return LIST_PATHS.some((path) => path.test(url.pathname)) || paperPageId(url) !== null;
  },
  findCards(root, url) {
    const result: FindResult = { cards: [], skipped: 0, problems: [] };
    try {
      const pageId = paperPageId(url);
      if (pageId) locatePaperPageCard(root, pageId, result);
      else locateCards(root, result);
    } catch (error) {
      // Only a root that is not a DOM node gets here; the host page must never see the error.
      result.problems.push(`page could not be read: ${describe(error)}`);
    }
    return result;
  },
  readPaper(card, root, url) {
    try {
      // On a paper page the only card is the page's paper; everything else is a list card.
      if (paperPageId(url) === card.id) return readPagePaper(card, root);
      return readListPaper(card, embeddedPapersAround(card.element, root).get(card.id));
    } catch (error) {
      return unreadableCard();
    }
  },
  pageNotes(root) {
    const notes: string[] = [];
    try {
      for (const element of propsElements(root)) {
        const problem = parseProps(element.getAttribute('data-props') ?? '').problem;
        if (problem) notes.push(problem);
      }
    } catch {
      // A root that cannot be read is already reported by findCards.
    }
    return notes;
  },
  paperUrl(id) {
    return `${SITE_ORIGIN}${PAPER_PATH_PREFIX}${id}`;
  },
  // Hugging Face switches dark mode with a class on <html> (Tailwind).
  styles: `html.dark {
  --papershelf-fg: #d1d5db;
  --papershelf-muted: #9ca3af;
  --papershelf-border: #374151;
  --papershelf-btn-bg: #111827;
  --papershelf-btn-hover: #1f2937;
  --papershelf-panel-bg: #111827;
  --papershelf-chip-bg: #1e1b4b;
  --papershelf-chip-fg: #c7d2fe;
  --papershelf-accent-bg: #451a03;
  --papershelf-accent-fg: #fde68a;
  --papershelf-accent-border: #92400e;
  --papershelf-focus: #60a5fa;
  --papershelf-danger: #f87171;
}
`,
};

/** Only the daily list is captured; the other list kinds and the paper page are hand-written fixtures. */
export const testPages: SiteTestPages = {
  fixtures: [
    { file: 'daily-mini.html', url: 'https://huggingface.co/papers/date/2026-09-28', kind: 'hf-list', cards: 4, skipped: 1 },
    { file: 'daily-no-props.html', url: 'https://huggingface.co/papers/date/2026-09-28', kind: 'hf-list', cards: 3, skipped: 0 },
    { file: 'search-mini.html', url: 'https://huggingface.co/papers?q=diffusion', kind: 'hf-list', cards: 4, skipped: 0 },
    { file: 'search-seed.html', url: 'https://huggingface.co/papers?q=machine+learning+systems', kind: 'hf-list', cards: 8, skipped: 0 },
    { file: 'week-mini.html', url: 'https://huggingface.co/papers/week/2026-W39', kind: 'hf-list', cards: 2, skipped: 0 },
    { file: 'month-mini.html', url: 'https://huggingface.co/papers/month/2026-09', kind: 'hf-list', cards: 2, skipped: 0 },
    { file: 'trending-mini.html', url: 'https://huggingface.co/papers/trending', kind: 'hf-list', cards: 2, skipped: 0 },
    { file: 'paper-page.html', url: 'https://huggingface.co/papers/2609.40001', kind: 'hf-paper', cards: 1, skipped: 0 },
  ],
  captures: [{ name: /^papers-daily-(\d{4}-\d{2}-\d{2})\.html$/, url: (match) => `https://huggingface.co/papers/date/${match[1]}`, kind: 'hf-list' }],
  captureCounts: { 'papers-daily-2026-09-28.html': { cards: 28, skipped: 0 } },
  e2e: [
    { url: 'https://huggingface.co/papers', fixture: 'daily-mini.html' },
    { url: 'https://huggingface.co/papers/date/2026-09-28', fixture: 'daily-mini.html' },
    { url: 'https://huggingface.co/papers/week/2026-W39', fixture: 'daily-mini.html' },
    { url: 'https://huggingface.co/papers/month/2026-09', fixture: 'daily-mini.html' },
    { url: 'https://huggingface.co/papers/trending', fixture: 'daily-mini.html' },
    { url: 'https://huggingface.co/papers?q=diffusion', fixture: 'search-mini.html' },
    { url: 'https://huggingface.co/papers?q=machine+learning+systems', fixture: 'search-seed.html' },
    { url: 'https://huggingface.co/papers/week/2026-W40', fixture: 'week-mini.html' },
    { url: 'https://huggingface.co/papers/month/2026-10', fixture: 'month-mini.html' },
    { url: 'https://huggingface.co/papers/trending?x=1', fixture: 'trending-mini.html' },
    { url: 'https://huggingface.co/papers/2609.40001', fixture: 'paper-page.html' },
  ],
};

/**
 * The arXiv id of a single paper page (`/papers/2402.12345`, `…v2`, `…#community`), or null for
 * every other URL, lists included. Never throws, whatever it is given.
 */
function paperPageId(url: URL | undefined): string | null {
  if (!url || url.hostname !== SITE_HOST || !url.pathname.startsWith(PAPER_PATH_PREFIX)) return null;
  if (LIST_PATHS.some((path) => path.test(url.pathname))) return null;
  return arxivIdFromUrl(url.href, SITE_ORIGIN);
}

// ---------------------------------------------------------------------------------------------
// Lists

/**
 * Finds cards from their title links: one query for the whole root, then `closest()` per link.
 * Only the id is read here; the title is read on first use (the stub of a hidden card, an action),
 * because reading 2000 titles up front would cost more than mounting all the controls.
 */
function locateCards(root: ParentNode, result: FindResult): void {
  const seen = new Set<Element>();
  const links = root.querySelectorAll(TITLE_LINK_SELECTORS.join(','));
  const cardSelector = CARD_SELECTORS.join(',');
  for (let index = 0; index < links.length; index++) {
    const link = links[index]!;
    try {
      const element = link.closest(cardSelector);
      // A card is the nearest card around its first title link; further links change nothing.
      if (!element || seen.has(element)) continue;
      seen.add(element);
      const href = link.getAttribute('href') ?? '';
      const id = arxivIdFromHref(href);
      if (!id) {
        result.skipped += 1;
        result.problems.push(`card ${seen.size}: title link "${href.slice(0, 80)}" is not an arXiv paper`);
        continue;
      }
      result.cards.push(lazyTitleRef(element, id, link, () => embeddedPapersAround(element, root).get(id)));
    } catch (error) {
      result.skipped += 1;
      result.problems.push(`card ${seen.size}: ${describe(error)}`);
    }
  }
}

/**
 * A card whose title is read from `heading` on first access; the embedded JSON stands in when the
 * heading is empty, and is only parsed then.
 */
function lazyTitleRef(element: Element, id: string, heading: Element, fromJson: () => EmbeddedPaper | undefined): CardRef {
  let title: string | undefined;
  return {
    element,
    id,
    get title() {
      title ??= collapse(heading.textContent ?? '') || fromJson()?.title || '';
      return title;
    },
  };
}

/** The common part of every paper: what the card knows, the JSON's title when the card has none. */
function basePaper(card: CardRef, fromJson: EmbeddedPaper | undefined): PaperInput {
  return {
    id: card.id,
    title: card.title || fromJson?.title || '',
    site: 'huggingface',
    url: huggingfaceAdapter.paperUrl(card.id),
  };
}

/**
 * One list card → a validated paper, or the reason it cannot be read. The JSON is preferred for
 * authors, abstract and date (full names, the full abstract, an ISO date); what the card shows
 * fills what the JSON lacks (search results: abstract, "N authors", date).
 */
function readListPaper(card: CardRef, fromJson: EmbeddedPaper | undefined): PaperInput | string {
  const { element } = card;
  const paper = basePaper(card, fromJson);
  // The shown count is live (the page updates it on a vote); the JSON one is from page load.
  const upvotes = readUpvotes(element) ?? fromJson?.upvotes;
  if (upvotes !== undefined) paper.upvotes = upvotes;
  if (fromJson?.authors?.length) {
    paper.authors = fromJson.authors;
  } else {
    // Names only exist in the JSON; without them the card's "· N authors" still says how many.
    const authorCount = readAuthorCount(element);
    if (authorCount !== undefined) paper.authorCount = authorCount;
  }
  const shownAbstract = fromJson?.abstract ? null : readCardAbstract(element);
  const abstract = fromJson?.abstract ?? shownAbstract?.text;
  if (abstract) paper.abstract = abstract;
  const publishedAt = fromJson?.publishedAt ?? readShownDate(element, shownAbstract?.element ?? null);
  if (publishedAt) paper.publishedAt = publishedAt;
  return validatePaper(paper);
}

/**
 * The abstract a card shows (search results): its longest `p`, outside headings, that is not the
 * author-count or date line, of at least MIN_CARD_ABSTRACT characters, whitespace collapsed.
 * Daily cards have no `p` at all (captured 2026-09), so nothing is found there.
 */
function readCardAbstract(card: Element): { element: Element; text: string } | null {
  let best: { element: Element; text: string } | null = null;
  for (const paragraph of Array.from(card.querySelectorAll('p'))) {
    if (paragraph.closest(HEADING_SELECTOR)) continue;
    const text = collapse(paragraph.textContent ?? '');
    if (text.length < MIN_CARD_ABSTRACT || AUTHOR_COUNT_LINE.test(text) || SHOWN_DATE.test(text)) continue;
    if (!best || text.length > best.text.length) best = { element: paragraph, text };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// The single paper page

/**
 * The page's one card. The element is the block around the title that the page reserves for this
 * paper: the nearest `header`/`section` around the `h1`, unless that block is the page frame
 * (`body`, `main`, a `data-props` wrapper) or holds cards of other papers; else the `h1`'s parent
 * (same exclusions); else the `h1` itself. A missing `h1` is counted: the page is not what it was.
 */
function locatePaperPageCard(root: ParentNode, id: string, result: FindResult): void {
  const heading = pageTitleHeading(root);
  if (!heading) {
    result.skipped += 1;
    result.problems.push(`paper page ${id}: no title heading (h1)`);
    return;
  }
  const element = pageCardElement(heading);
  result.cards.push(lazyTitleRef(element, id, heading, () => embeddedPaperOfPage(element, root, id)));
}

/** The first `h1` that is not inside a card or a list (a client-side navigation may leave one). */
function pageTitleHeading(root: ParentNode): Element | null {
  for (const selector of PAPER_TITLE_SELECTORS) {
    for (const heading of Array.from(root.querySelectorAll(selector))) {
      if (!heading.closest(NOT_PAGE_TITLE_SELECTOR)) return heading;
    }
  }
  return null;
}

function pageCardElement(heading: Element): Element {
  const block = heading.closest(PAPER_HEADER_SELECTORS.join(','));
  if (block && !isPageFrame(block) && !block.querySelector(CARD_SELECTORS.join(','))) return block;
  const parent = heading.parentElement;
  return parent && !isPageFrame(parent) ? parent : heading;
}

/** Elements too large to stand for one paper: the controls would land at the end of the page. */
function isPageFrame(element: Element): boolean {
  const name = element.localName;
  return name === 'html' || name === 'body' || name === 'main' || element.hasAttribute('data-props');
}

/**
 * The page's paper: the embedded JSON when it has this id (a JSON about another paper, say after a
 * client-side navigation, is ignored), else what the page shows.
 */
function readPagePaper(card: CardRef, root: ParentNode): PaperInput | string {
  const { element, id } = card;
  const fromJson = embeddedPaperOfPage(element, root, id);
  const paper = basePaper(card, fromJson);
  const upvotes = readUpvotes(element) ?? fromJson?.upvotes;
  if (upvotes !== undefined) paper.upvotes = upvotes;
  const authors = fromJson?.authors?.length ? fromJson.authors : readPageAuthors(element);
  if (authors.length) {
    paper.authors = authors;
  } else {
    const authorCount = readAuthorCount(element);
    if (authorCount !== undefined) paper.authorCount = authorCount;
  }
  const abstract = fromJson?.abstract ?? readPageAbstract(root, element);
  if (abstract) paper.abstract = abstract;
  const publishedAt = fromJson?.publishedAt ?? readShownDate(element, null);
  if (publishedAt) paper.publishedAt = publishedAt;
  return validatePaper(paper);
}

/** The paper page's JSON: the props element around the card, else the first one in `root`. */
function embeddedPaperOfPage(card: Element, root: ParentNode, id: string): EmbeddedPaper | undefined {
  const selector = PAPER_PAGE_PROPS_SELECTORS.join(',');
  const element = card.closest(selector) ?? firstMatch(root, PAPER_PAGE_PROPS_SELECTORS);
  return element ? parseProps(element.getAttribute('data-props') ?? '').papers.get(id) : undefined;
}

/**
 * The names after the "Authors:" label, one per link or button (linked users and plain names
 * alike), in order; controls such as "+ 12" or "Show more" are left out. The row is the label's
 * parent, or the one above it when the parent holds only the label; never the whole card, whose
 * other links are not names. No label, no names: nothing is guessed.
 */
function readPageAuthors(scope: Element): string[] {
  const label = findText(scope, (node) => AUTHORS_LABEL.test(node.nodeValue ?? ''));
  let row = label?.parentElement ?? null;
  for (let depth = 0; row && row !== scope && depth < 2; depth++, row = row.parentElement) {
    const names: string[] = [];
    for (const item of Array.from(row.querySelectorAll('a, button'))) {
      if (item.contains(label ?? null)) continue;
      const outer = item.parentElement?.closest('a, button');
      if (outer && row.contains(outer)) continue; // a link inside a button counts once
      const name = collapse(item.textContent ?? '');
      if (name && /\p{L}/u.test(name) && !NOT_A_NAME.test(name)) names.push(name);
    }
    if (names.length) return names;
  }
  return [];
}

/**
 * The text under the "Abstract" heading: its following siblings up to the next heading, `p`s
 * taken whole and `p`s inside other siblings, leaving out a box labelled "AI-generated summary";
 * whitespace collapsed. When the heading is wrapped (heading and a toggle in a row), the row's
 * siblings are read instead. The card's own heading is preferred; then the page's, outside cards.
 */
function readPageAbstract(root: ParentNode, scope: Element): string {
  const heading = abstractHeading(scope) ?? abstractHeading(root);
  for (let anchor: Element | null = heading, depth = 0; anchor && depth < 2 && !isPageFrame(anchor); anchor = anchor.parentElement, depth++) {
    const parts: string[] = [];
    for (let sibling = anchor.nextElementSibling; sibling && !sibling.matches(HEADING_SELECTOR); sibling = sibling.nextElementSibling) {
      if (AI_SUMMARY_LABEL.test(collapse(sibling.textContent ?? ''))) continue;
      const paragraphs = sibling.localName === 'p' ? [sibling] : Array.from(sibling.querySelectorAll('p'));
      for (const paragraph of paragraphs) {
        const text = collapse(paragraph.textContent ?? '');
        if (text && !AI_SUMMARY_LABEL.test(text)) parts.push(text);
      }
    }
    if (parts.length) return parts.join(' ');
  }
  return '';
}

function abstractHeading(scope: ParentNode): Element | null {
  for (const heading of Array.from(scope.querySelectorAll(HEADING_SELECTOR))) {
    if (ABSTRACT_HEADING.test(collapse(heading.textContent ?? '')) && !heading.closest('article')) return heading;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// What a card shows, shared by lists and the paper page

/** The common relative form, parsed without building a URL (thousands of cards per page). */
const RELATIVE_PAPER_HREF = /^\/papers\/(\d{4}\.\d{4,5})(?:v\d+)?(?:[?#]|$)/;

/** `/papers/2609.31620v2?x#community` → `2609.31620`; anything else (dates, users) → null. */
function arxivIdFromHref(href: string): string | null {
  if (!href) return null;
  const fast = RELATIVE_PAPER_HREF.exec(href);
  if (fast?.[1]) return fast[1];
  let url: URL;
  try {
    url = new URL(href, SITE_ORIGIN);
  } catch {
    return null;
  }
  if (url.hostname !== SITE_HOST || !url.pathname.startsWith(PAPER_PATH_PREFIX)) return null;
  const rest = url.pathname.slice(PAPER_PATH_PREFIX.length).replace(/\/$/, '');
  try {
    // Old-style ids (`hep-th/9901001`) keep their slash; an encoded one (`%2F`) is decoded.
    return canonicalArxivId(decodeURIComponent(rest));
  } catch {
    return null;
  }
}

/** The shown count: "110" → 110, "1,234" → 1234, "-" (no votes yet) → 0, "1.2k" → unknown. */
function readUpvotes(card: Element): number | undefined {
  const text = collapse(firstMatch(card, UPVOTE_SELECTORS)?.textContent ?? '');
  if (text === '-') return 0;
  if (/^\d{1,3}(,\d{3})*$|^\d+$/.test(text)) return Number(text.replace(/,/g, ''));
  return undefined;
}

/**
 * "· 4 authors" (avatar row of a card without an organisation badge, daily list 2026-09) or
 * "• 3 authors" (search view, ../shared/seed). Read from text nodes outside headings so a title
 * that mentions "2 authors" is not taken for the count.
 */
function readAuthorCount(card: Element): number | undefined {
  const node = findText(card, (text) => AUTHOR_COUNT_LINE.test(text.nodeValue ?? '') && !text.parentElement?.closest(HEADING_SELECTOR));
  const match = node ? AUTHOR_COUNT_LINE.exec(node.nodeValue ?? '') : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

/**
 * The date a card shows, as `YYYY-MM-DD`, only when the page gives the year: a `time[datetime]`
 * first; else a text node that is only a date ("Feb 20, 2024", "Published on Feb 20, 2024"),
 * outside headings and outside `skip` (the abstract), a "Published" one before a bare one. A date
 * without a year ("May 29": this year's papers) gives nothing: the year is never guessed.
 */
function readShownDate(card: Element, skip: Element | null): string | undefined {
  const outside = (node: Node) => !node.parentElement?.closest(HEADING_SELECTOR) && !skip?.contains(node);
  for (const time of Array.from(card.querySelectorAll('time[datetime]'))) {
    const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(time.getAttribute('datetime') ?? '');
    const date = day && outside(time) ? isoDate(Number(day[1]), Number(day[2]), Number(day[3])) : undefined;
    if (date) return date;
  }
  let bare: RegExpExecArray | null = null;
  const walker = card.ownerDocument.createTreeWalker(card, 0x4); // NodeFilter.SHOW_TEXT
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const match = outside(node) ? SHOWN_DATE.exec(node.nodeValue ?? '') : null;
    if (!match) continue;
    if (/^published/i.test(match[1] ?? '')) return dateOf(match);
    bare ??= match;
  }
  return bare ? dateOf(bare) : undefined;
}

/** A SHOWN_DATE match → `YYYY-MM-DD`; nothing when it has no year. */
function dateOf(match: RegExpExecArray): string | undefined {
  const [, , month = '', day = '', year] = match;
  return year ? isoDate(Number(year), MONTHS[month.slice(0, 3).toLowerCase()], Number(day)) : undefined;
}

/** A real calendar day as `YYYY-MM-DD` ("Feb 30" is not one). */
function isoDate(year: number, month: number | undefined, day: number): string | undefined {
  if (!month || !Number.isInteger(year) || !Number.isInteger(day) || year < 1000 || year > 9999) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first text node under `scope` that `test` accepts. */
function findText(scope: Element, test: (node: Text) => boolean): Text | null {
  // NodeFilter.SHOW_TEXT, spelled out: the adapter may get nodes of a document whose window
  // globals are not this realm's.
  const walker = scope.ownerDocument.createTreeWalker(scope, 0x4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (test(node as Text)) return node as Text;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The embedded JSON

/** Lenient: a field of the wrong type is dropped, not fatal; per-item failures skip that item. */
const EmbeddedPaperSchema = z.object({
  id: z.string(),
  title: z.string().optional().catch(undefined),
  summary: z.string().optional().catch(undefined),
  publishedAt: z.string().optional().catch(undefined),
  upvotes: z.number().int().nonnegative().optional().catch(undefined),
  authors: z.array(z.unknown()).optional().catch(undefined),
});
const EmbeddedAuthorSchema = z.object({ name: z.string() });

interface PropsCacheEntry {
  props: string;
  papers: ReadonlyMap<string, EmbeddedPaper>;
  problem?: string;
}

/**
 * Parsed props by their exact attribute text. The attribute is ~400 KB and `readCards` runs on
 * every mutation batch; the text only changes when the list does, so a hit is the common case.
 * Keyed on the whole string, so the result is what a fresh parse would give. Small and bounded:
 * a page has one list (a few entries cover client-side tab switches).
 */
const propsCache: PropsCacheEntry[] = [];
const PROPS_CACHE_SIZE = 4;

/**
 * The embedded papers of the list a card belongs to: the props element around the card, else the
 * first one in `root`. Per card this is a `closest()` and a cache hit, so reading every card of a
 * long list stays linear.
 */
function embeddedPapersAround(card: Element, root: ParentNode): ReadonlyMap<string, EmbeddedPaper> {
  const selector = PROPS_SELECTORS.join(',');
  const element = card.closest(selector) ?? root.querySelector(selector);
  return element ? parseProps(element.getAttribute('data-props') ?? '').papers : EMPTY_PAPERS;
}
const EMPTY_PAPERS: ReadonlyMap<string, EmbeddedPaper> = new Map();

/** Props elements (lists and paper page) inside `root`, plus the one around it when `root` is a subtree. */
function propsElements(root: ParentNode): Element[] {
  const selector = [...PROPS_SELECTORS, ...PAPER_PAGE_PROPS_SELECTORS].join(',');
  const found = Array.from(root.querySelectorAll(selector));
  const around = 'closest' in root && typeof root.closest === 'function' ? (root as Element).closest(selector) : null;
  if (around && !found.includes(around)) found.unshift(around);
  return found;
}

function parseProps(props: string): PropsCacheEntry {
  const cached = propsCache.find((entry) => entry.props === props);
  if (cached) return cached;
  const entry = parsePropsUncached(props);
  propsCache.unshift(entry);
  propsCache.length = Math.min(propsCache.length, PROPS_CACHE_SIZE);
  return entry;
}

/**
 * Every paper the props hold, by id, first one wins: the lists (`searchResults`, then
 * `dailyPapers`), then the paper page's `paper`. One parser for both kinds of page.
 */
function parsePropsUncached(props: string): PropsCacheEntry {
  let data: unknown;
  try {
    data = JSON.parse(props);
  } catch {
    return { props, papers: new Map(), problem: 'data-props is not valid JSON; cards read from the page alone' };
  }
  const papers = new Map<string, EmbeddedPaper>();
  const add = (item: unknown) => {
    const read = readEmbeddedItem(item);
    if (read && !papers.has(read.id)) papers.set(read.id, read.paper);
  };
  if (!isRecord(data)) return { props, papers };
  for (const key of PROPS_LIST_KEYS) {
    const list = data[key];
    if (Array.isArray(list)) list.forEach(add);
  }
  // The paper page: `{ paper: {...}, comments: [...] }`.
  if (isRecord(data.paper)) add(data.paper);
  return { props, papers };
}

/** `{ paper: {...} }` on the daily list; a bare paper object is accepted too. */
function readEmbeddedItem(item: unknown): { id: string; paper: EmbeddedPaper } | null {
  const raw = isRecord(item) && isRecord(item.paper) ? item.paper : item;
  const parsed = EmbeddedPaperSchema.safeParse(raw);
  if (!parsed.success) return null;
  const id = canonicalArxivId(parsed.data.id);
  if (!id) return null;
  const { title, summary, publishedAt, upvotes, authors } = parsed.data;
  const paper: EmbeddedPaper = {};
  const cleanTitle = title === undefined ? '' : collapse(title);
  if (cleanTitle) paper.title = cleanTitle;
  if (authors) paper.authors = authorNames(authors);
  const abstract = summary?.trim();
  if (abstract) paper.abstract = abstract;
  // An ISO datetime at midnight UTC (the arXiv day): its date part, not a local-time conversion.
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(publishedAt ?? '')?.[1];
  if (day) paper.publishedAt = day;
  if (upvotes !== undefined) paper.upvotes = upvotes;
  return { id, paper };
}

/** Names in order; entries without a usable name are left out rather than invented. */
function authorNames(authors: unknown[]): string[] {
  const names: string[] = [];
  for (const author of authors) {
    const parsed = EmbeddedAuthorSchema.safeParse(author);
    const name = parsed.success ? collapse(parsed.data.name) : '';
    if (name) names.push(name);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Small helpers (the DOM ones are shared: dom-helpers.ts)



function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

