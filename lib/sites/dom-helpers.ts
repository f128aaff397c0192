/** Small DOM reading helpers shared by the site adapters (pure, like the adapters). */
import { t } from '../i18n/t';
import { OTHER_WHITESPACE } from '../text/whitespace';

/** The first element matching any of `selectors`, tried in order (preferred variant first). */
export function firstMatch(scope: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const element = queryFirst(scope, selector);
    if (element) return element;
  }
  return null;
}

/**
 * `scope.querySelector(selector)`, with a selector of the form "outer inner" run as two queries
 * (outer first, then inner within it). Chromium answers an element-scoped query with a descendant
 * combinator about 15x slower than the two steps (measured: 150 ms against 11 ms for
 * `.list-authors a` on the 2000 entries of an arXiv list), and adapters run such queries per card.
 */
export function queryFirst(scope: ParentNode, selector: string): Element | null {
  const split = splitDescendant(selector);
  if (!split) return scope.querySelector(selector);
  for (const outer of scope.querySelectorAll(split[0])) {
    const inner = queryFirst(outer, split[1]);
    if (inner) return inner;
  }
  return null;
}

/** `scope.querySelectorAll(selector)` in document order, in steps as {@link queryFirst} explains. */
export function queryAll(scope: ParentNode, selector: string): Element[] {
  const split = splitDescendant(selector);
  if (!split) return Array.from(scope.querySelectorAll(selector));
  const found = new Set<Element>();
  for (const outer of scope.querySelectorAll(split[0])) for (const inner of queryAll(outer, split[1])) found.add(inner);
  // Nested outers can find the same element twice and out of order: keep each once, in page order.
  return [...found].sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
}

/**
 * "outer inner" split at its first descendant combinator, or undefined for anything else: a
 * selector list, another combinator, or a space inside brackets, quotes or parentheses.
 */
function splitDescendant(selector: string): [string, string] | undefined {
  const text = selector.trim();
  if (/[,>+~]/.test(text.replace(/\[[^\]]*\]|\([^)]*\)|"[^"]*"|'[^']*'/g, ''))) return undefined;
  let depth = 0;
  let quote = '';
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quote) {
      if (character === quote) quote = '';
    } else if (character === '"' || character === "'") quote = character;
    else if (character === '[' || character === '(') depth++;
    else if (character === ']' || character === ')') depth--;
    else if (depth === 0 && /\s/.test(character)) return [text.slice(0, index), text.slice(index).trim()];
  }
  return undefined;
}

/**
 * Whitespace collapsed and trimmed, as text is shown. Most fields are one line between a line
 * break and some indentation (an arXiv abstract): trimmed, nothing is left to collapse, and a test
 * that finds nothing is cheaper than rebuilding 1,500 characters around their 250 spaces.
 */
export function collapse(text: string): string {
  const trimmed = text.trim();
  // Two whitespace characters in a row are two spaces once no other whitespace is there.
  return OTHER_WHITESPACE.test(trimmed) || trimmed.includes('  ') ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** An error's own text, for the console's skipped-card notes (developers read those). */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why a card could not be read, for the card itself: never the exception's text. */
export const unreadableCard = (): string => t('cardMarkupUnexpected');
