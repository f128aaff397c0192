/** What `cardsNear` needs of the page: the view's height, where cards are, scroll events. */
export interface ViewProbe {
  viewHeight(): number;
  /** Top and bottom edges of an element, relative to the top of the view (getBoundingClientRect). */
  top(element: Element): number;
  bottom(element: Element): number;
  onScroll(listener: () => void, on: boolean): void;
}

/** How far below the view a card counts as in it for `cardsInView`, in view heights: the next scroll step. */
const BELOW = 0.5;

/** A band around the view, in view heights above its top and below its bottom, and at most how many cards to give. */
export interface Band {
  above: number;
  below: number;
  max: number;
}

/**
 * The items of `items` (in page order) whose element lies in the band around the view, at most
 * `band.max`: a binary search on their positions, about a dozen reads of layout for a 2000-entry
 * page, then one read per item given. An element no longer on the page measures 0 and may be
 * among them (the caller checks). When the first item is already below the band, none is (and one
 * read told).
 */
export function cardsNear<T>(items: readonly T[], elementOf: (item: T) => Element, probe: ViewProbe, band: Band): T[] {
  if (items.length === 0) return [];
  const height = probe.viewHeight();
  const highest = -height * band.above;
  const lowest = height * (1 + band.below);
  if (probe.top(elementOf(items[0]!)) > lowest) return [];
  // The first item whose bottom edge is below the band's top.
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (probe.bottom(elementOf(items[middle]!)) <= highest) low = middle + 1;
    else high = middle;
  }
  const found: T[] = [];
  for (let index = low; index < items.length && found.length < band.max; index++) {
    const item = items[index]!;
    if (probe.top(elementOf(item)) > lowest) break;
    found.push(item);
  }
  return found;
}

/** The cards in the view or just below it (half a view's height), at most `max`. */
export function cardsInView<T extends { element: Element }>(cards: readonly T[], probe: ViewProbe, max: number): T[] {
  return cardsNear(cards, (card) => card.element, probe, { above: 0, below: BELOW, max });
}

/** The page's own window: its height and scroll events (passive, in the capture phase: any scroller). */
export function windowProbe(): ViewProbe {
  return {
    viewHeight: () => window.innerHeight,
    top: (element) => element.getBoundingClientRect().top,
    bottom: (element) => element.getBoundingClientRect().bottom,
    onScroll(listener, on) {
      if (on) window.addEventListener('scroll', listener, { capture: true, passive: true });
      else window.removeEventListener('scroll', listener, { capture: true });
    },
  };
}
