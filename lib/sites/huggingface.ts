/**
 * Hugging Face papers lists (`/papers/date/…`, and the week, month, trending and search views that
 * share the markup). Pure: reads the root it is given, returns records, never writes the DOM.
 *
 * Two sources on one page (fixture: ../shared/pages/huggingface/papers-daily-2026-09-28.html):
 * - the server-rendered cards (`article`), which carry the id, title and upvotes and are the
 *   elements the controls attach to;
 * - the JSON in the list's `data-props` attribute, the only place with authors, abstract and date.
 * The cards decide what is found; the JSON only enriches a card with the same id, so a missing or
 * broken JSON costs the extra fields, never a card.
 */
import { z } from 'zod';
import { canonicalArxivId } from '../paper/arxiv-id';
import type { PaperInput } from '../paper/model';
import { readAllCards } from './read-all';
import { validatePaper } from './validate';
import type { AdapterResult, CardRef, FindResult, SiteAdapter } from './types';

const SITE_ORIGIN = 'https://huggingface.co';
const SITE_HOST = 'huggingface.co';
const PAPER_PATH_PREFIX = '/papers/';

/**
 * List pages. `/papers/<arxiv-id>` (one paper) is deliberately absent: it has no card list.
 * Only the daily list is captured; the others are reported to render the same element (PROVENANCE.md).
 */
const LIST_PATHS: readonly RegExp[] = [
  /^\/papers\/?$/, // `/papers` (redirects to a period page) and search `/papers?q=…`
  /^\/papers\/date\/\d{4}-\d{2}-\d{2}\/?$/, // daily
  /^\/papers\/week\/\d{4}-W\d{1,2}\/?$/, // weekly
  /^\/papers\/month\/\d{4}-\d{2}\/?$/, // monthly
  /^\/papers\/trending\/?$/, // trending
];

// Selectors, each list ordered by preference, each entry dated by the page variant it matches.
/** The card: one `article` per paper (daily list, 2026-09). */
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
  matches(url) {
    return url.protocol === 'https:' && url.hostname === SITE_HOST && LIST_PATHS.some((path) => path.test(url.pathname));
  },
  findCards(root) {
    const result: FindResult = { cards: [], skipped: 0, problems: [] };
    try {
      locateCards(root, result);
    } catch (error) {
      // Only a root that is not a DOM node gets here; the host page must never see the error.
      result.problems.push(`page could not be read: ${describe(error)}`);
    }
    return result;
  },
  readPaper(card, root) {
    try {
      return readPaper(card, embeddedPapersAround(card.element, root).get(card.id));
    } catch (error) {
      return describe(error);
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
};

/**
 * Finds cards from their title links: one query for the whole root, then `closest()` per link.
 * Only the id is read here; the title is read on first use (the stub of a hidden card, an action),
 * because reading 2000 titles up front would cost more than mounting all the controls.
 */
function locateCards(root: ParentNode, result: FindResult): void {
  const seen = new Set<Element>();
  const links = root.querySelectorAll(TITLE_LINK_SELECTORS.join(','));
  for (let index = 0; index < links.length; index++) {
    const link = links[index]!;
    try {
      const element = link.closest(CARD_SELECTORS.join(','));
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
      result.cards.push(lazyTitleRef(element, id, link, root));
    } catch (error) {
      result.skipped += 1;
      result.problems.push(`card ${seen.size}: ${describe(error)}`);
    }
  }
}

/** A card whose title is read from its link on first access (the embedded JSON stands in when empty). */
function lazyTitleRef(element: Element, id: string, link: Element, root: ParentNode): CardRef {
  let title: string | undefined;
  return {
    element,
    id,
    get title() {
      title ??= collapse(link.textContent ?? '') || embeddedPapersAround(element, root).get(id)?.title || '';
      return title;
    },
  };
}

/** One found card → a validated paper, or the reason it cannot be read. */
function readPaper(card: CardRef, fromJson: EmbeddedPaper | undefined): PaperInput | string {
  const { element, id } = card;
  const paper: PaperInput = {
    id,
    title: card.title || fromJson?.title || '',
    site: 'huggingface',
    url: `${SITE_ORIGIN}${PAPER_PATH_PREFIX}${id}`,
  };
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
  if (fromJson?.abstract) paper.abstract = fromJson.abstract;
  if (fromJson?.publishedAt) paper.publishedAt = fromJson.publishedAt;
  return validatePaper(paper);
}

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
 * "3 authors" (search view, reported). Read from text nodes outside the title so a title that
 * mentions "2 authors" is not taken for the count.
 */
function readAuthorCount(card: Element): number | undefined {
  const doc = card.ownerDocument;
  // NodeFilter.SHOW_TEXT, spelled out: the adapter may get nodes of a document whose window
  // globals are not this realm's.
  const walker = doc.createTreeWalker(card, 0x4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const match = /^\s*·?\s*(\d{1,6})\s+authors?\s*$/i.exec(node.textContent ?? '');
    if (match?.[1] && !node.parentElement?.closest('h3')) return Number(match[1]);
  }
  return undefined;
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

/** Props elements inside `root`, plus the one around it when `root` is a subtree of the list. */
function propsElements(root: ParentNode): Element[] {
  const selector = PROPS_SELECTORS.join(',');
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

function parsePropsUncached(props: string): PropsCacheEntry {
  let data: unknown;
  try {
    data = JSON.parse(props);
  } catch {
    return { props, papers: new Map(), problem: 'data-props is not valid JSON; cards read from the page alone' };
  }
  const papers = new Map<string, EmbeddedPaper>();
  for (const key of PROPS_LIST_KEYS) {
    const list = isRecord(data) ? data[key] : undefined;
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const read = readEmbeddedItem(item);
      if (read && !papers.has(read.id)) papers.set(read.id, read.paper);
    }
  }
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
// Small helpers

function firstMatch(scope: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const element = scope.querySelector(selector);
    if (element) return element;
  }
  return null;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
