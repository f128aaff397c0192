import type { CardRef } from '../sites/types';

/** What `cardsInView` needs of the page: the view's height, where cards are, scroll events. */
export interface ViewProbe {
  viewHeight(): number;
  /** Top and bottom edges of an element, relative to the top of the view (getBoundingClientRect). */
  top(element: Element): number;
  bottom(element: Element): number;
  onScroll(listener: () => void, on: boolean): void;
}

/** How far below the view a card counts as near it, in view heights: the next scroll step. */
const BELOW = 0.5;

/**
 * The cards of `cards` (in page order) that are in the view or just below it, at most `max`:
 * a binary search on their positions, about a dozen reads of layout for a 2000-entry page. A card
 * no longer on the page measures 0 and may be among them (the caller checks).
 * When the first card is already below the view, none is (and one read told).
 */
export function cardsInView(cards: readonly CardRef[], probe: ViewProbe, max: number): CardRef[] {
  if (cards.length === 0) return [];
  const height = probe.viewHeight();
  const limit = height * (1 + BELOW);
  if (probe.top(cards[0]!.element) > limit) return [];
  // The first card whose bottom edge is inside the view or below its top.
  let low = 0;
  let high = cards.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (probe.bottom(cards[middle]!.element) <= 0) low = middle + 1;
    else high = middle;
  }
  const found: CardRef[] = [];
  for (let index = low; index < cards.length && found.length < max; index++) {
    const card = cards[index]!;
    if (probe.top(card.element) > limit) break;
    found.push(card);
  }
  return found;
}
