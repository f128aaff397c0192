import { canonicalArxivId } from '../../../lib/paper/arxiv-id';
import type { CardRef } from '../../../lib/sites/types';
import { shown } from './hostile';
import { isRecord, textNodesUnder } from './mutate';
import type { PageEdits } from './page-edits';

/**
 * What each page kind (a site's `testPages`, lib/sites/<site>.ts) shows, written down here without
 * the adapters' code: where its cards are (CARD_CANDIDATES) and where a card shows its title,
 * authors and abstract (FIELD_SLOTS), so a hostile string can be put exactly where an adapter reads and then looked
 * for in the record. Where a page has two sources for a field (arXiv's abstract page: meta tag and
 * visible block), the string goes into both, so whichever the adapter prefers holds it.
 */

export type Field = 'title' | 'authors' | 'abstract';

export interface FieldSlot {
  field: Field;
  /** Puts `text` where this field of `card` is read; false when the card shows no such field. */
  inject(card: CardRef, doc: Document, text: string, pick: number, edits: PageEdits): boolean;
  /** Pieces of `text` the record's field must hold, read as the adapter reads that place. */
  expected(text: string): string[];
}

/** Text of an element the way a reader sees it: no labels, no script or MathJax output. */
function visibleText(node: Text, scope: Element, skipLinks: boolean): boolean {
  for (let element = node.parentElement; element && element !== scope.parentElement; element = element.parentElement) {
    const name = element.localName;
    if (name === 'script' || name === 'style' || name === 'noscript' || name === 'mjx-container') return false;
    if (element.classList.contains('descriptor') || /\bMathJax/.test(element.className)) return false;
    if (skipLinks && name === 'a') return false;
  }
  return true;
}

/** Replaces one visible text node in one of the elements `locate` gives. */
function textSlot(field: Field, locate: (card: Element) => Element[], options: { skipLinks?: boolean } = {}): FieldSlot {
  return {
    field,
    inject(card, _doc, text, pick, edits) {
      const elements = locate(card.element);
      const element = elements[pick % Math.max(elements.length, 1)];
      if (!element) return false;
      const nodes = textNodesUnder(element, (node) => visibleText(node, element, options.skipLinks ?? false));
      const node = nodes[Math.floor(pick / elements.length) % Math.max(nodes.length, 1)];
      if (!node) return false;
      edits.setText(node, text);
      return true;
    },
    expected: (text) => [shown(text)].filter(Boolean),
  };
}

/** The `content` of one `<meta name=…>` of the page, plus the visible place, when there is one. */
function metaSlot(field: Field, name: string, visible: FieldSlot | null, expected: (text: string) => string[]): FieldSlot {
  return {
    field,
    inject(card, doc, text, pick, edits) {
      const metas = Array.from(doc.querySelectorAll(`meta[name="${name}"]`));
      const meta = metas[pick % Math.max(metas.length, 1)];
      if (meta) edits.setAttribute(meta, 'content', text);
      const shownToo = visible?.inject(card, doc, text, pick, edits) ?? false;
      return Boolean(meta) || shownToo;
    },
    expected,
  };
}

/** "Family, Given" meta names are shown given name first: both halves must be in the name. */
function nameHalves(text: string): string[] {
  const name = shown(text);
  const comma = name.indexOf(',');
  return (comma < 0 ? [name] : [name.slice(0, comma), name.slice(comma + 1)]).map(shown).filter(Boolean);
}

/**
 * A field of this card's paper in the Hugging Face `data-props` JSON: every embedded entry with
 * the card's id gets the text (lists may hold a paper twice; the adapter takes one of them).
 */
function jsonSlot(field: 'authors' | 'abstract'): FieldSlot {
  return {
    field,
    inject(card, doc, text, pick, edits) {
      let injected = false;
      for (const holder of Array.from(doc.querySelectorAll('[data-props]'))) {
        let data: unknown;
        try {
          data = JSON.parse(holder.getAttribute('data-props') ?? '');
        } catch {
          continue;
        }
        let changed = false;
        for (const paper of embeddedPapers(data)) {
          if (typeof paper.id !== 'string' || canonicalArxivId(paper.id) !== card.id) continue;
          if (field === 'abstract') {
            paper.summary = text;
            changed = true;
          } else if (Array.isArray(paper.authors)) {
            const authors = paper.authors as unknown[];
            const author = authors[pick % Math.max(authors.length, 1)];
            if (!isRecord(author) || typeof author.name !== 'string') continue;
            author.name = text;
            changed = true;
          }
        }
        if (changed) edits.setAttribute(holder, 'data-props', JSON.stringify(data));
        injected ||= changed;
      }
      return injected;
    },
    // The embedded abstract is only trimmed (its line breaks are the author's); names are collapsed.
    expected: (text) => [field === 'abstract' ? text.trim() : shown(text)].filter(Boolean),
  };
}

function embeddedPapers(data: unknown): Record<string, unknown>[] {
  if (!isRecord(data)) return [];
  const items = [data.searchResults, data.dailyPapers].flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : []));
  items.push(data.paper);
  return items.map((item) => (isRecord(item) && isRecord(item.paper) ? item.paper : item)).filter(isRecord);
}

const all = (selector: string) => (card: Element) => Array.from(card.querySelectorAll(selector));
const selfOrInside = (selector: string) => (card: Element) => (card.matches(selector) ? [card] : all(selector)(card));
const inDocument = (selector: string) => (card: Element) => Array.from(card.ownerDocument.querySelectorAll(selector));

/** How many cards the page kind shows, found the page's way: each must come out as a card or a skip. */
export const CARD_CANDIDATES: Readonly<Record<string, (doc: Document) => number>> = {
  // Hugging Face lists: the distinct `article`s around paper title links.
  'hf-list': (doc) => {
    const links = doc.querySelectorAll('h3 a[href^="/papers/"], h3 a[href^="https://huggingface.co/papers/"]');
    return new Set(Array.from(links, (link) => link.closest('article')).filter(Boolean)).size;
  },
  // Its paper page: exactly one (the page's paper, or a skip when its `h1` is gone).
  'hf-paper': () => 1,
  'arxiv-list': arxivEntries,
  'arxiv-search': arxivEntries,
  // The abstract block too, on an abstract page.
  'arxiv-abs': (doc) => arxivEntries(doc) + (doc.querySelector('#abs') ?? doc.querySelector('h1.title')?.parentElement ? 1 : 0),
};

/** arXiv: every `dt` of an entry list and every search result (every arXiv page runs every finder). */
function arxivEntries(doc: Document): number {
  let count = 0;
  for (const list of Array.from(doc.querySelectorAll('dl#articles, #dlpage dl'))) {
    count += Array.from(list.children).filter((child) => child.localName === 'dt').length;
  }
  return count + doc.querySelectorAll('li.arxiv-result').length;
}

export const FIELD_SLOTS: Readonly<Record<string, readonly FieldSlot[]>> = {
  'hf-list': [
    textSlot('title', all('h3 a[href^="/papers/"], h3 a[href^="https://huggingface.co/papers/"]')),
    jsonSlot('authors'),
    jsonSlot('abstract'),
  ],
  'hf-paper': [textSlot('title', selfOrInside('h1')), jsonSlot('authors'), jsonSlot('abstract')],
  'arxiv-list': [textSlot('title', all('.list-title')), textSlot('authors', all('.list-authors a')), textSlot('abstract', all('p.mathjax'))],
  'arxiv-search': [
    textSlot('title', all('p.title')),
    textSlot('authors', all('p.authors a')),
    textSlot('abstract', all('.abstract-full'), { skipLinks: true }),
  ],
  'arxiv-abs': [
    metaSlot('title', 'citation_title', textSlot('title', inDocument('h1.title')), (text) => [shown(text)].filter(Boolean)),
    metaSlot('authors', 'citation_author', textSlot('authors', all('.authors a')), nameHalves),
    metaSlot('abstract', 'citation_abstract', textSlot('abstract', all('blockquote.abstract')), (text) => [shown(text)].filter(Boolean)),
  ],
};
