import type { CardMount } from './card-mount';
import type { Relevance } from './controls-view';

/**
 * For you's marks, drawn on the cards near the view and on the others as they come near it. A
 * score goes on every card at once (the page contract, and what the order needs); the mark beside
 * the controls only matters where a reader can see or reach it, and on a 2,000-entry page drawing
 * all 2,000 (an element each in its own shadow root, then the page's style and layout over all of
 * them) was For you's largest cost after reading the cards (scripts/bench-ranking.ts --page).
 */
export interface MarksNearView {
  /** The mark this card should show: drawn now if it already shows one, else once it comes near the view. */
  show(mount: CardMount, relevance: () => Relevance): void;
  /** Takes the card's mark away (drawn or waiting). */
  remove(mount: CardMount): void;
  /** Takes every mark away. */
  clear(): void;
}

/** What is needed of IntersectionObserver (tests hand in their own). */
export type ObserverFactory = (callback: IntersectionObserverCallback, options: IntersectionObserverInit) => Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'>;

/**
 * How far from the view a card counts as near: a view's height above and below, so a reader who
 * scrolls or steps through the cards with the keyboard finds the marks already drawn.
 */
const NEAR = '100% 0px 100% 0px';

/** `observe` undefined (no IntersectionObserver): every mark is drawn at once. */
export function createMarksNearView(observe: ObserverFactory | undefined, signal: AbortSignal): MarksNearView {
  /** Marks waiting for their card to come near the view, by the card's element. */
  const waiting = new Map<Element, { mount: CardMount; relevance: () => Relevance }>();
  const drawn = new Set<CardMount>();

  const draw = (mount: CardMount, relevance: () => Relevance) => {
    mount.showRelevance(relevance());
    drawn.add(mount);
  };
  const observer = observe?.(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const mark = waiting.get(entry.target);
        observer!.unobserve(entry.target);
        if (!mark) continue;
        waiting.delete(entry.target);
        draw(mark.mount, mark.relevance);
      }
    },
    { rootMargin: NEAR },
  );
  signal.addEventListener('abort', () => observer?.disconnect(), { once: true });

  return {
    show(mount, relevance) {
      if (!observer || drawn.has(mount)) return draw(mount, relevance);
      const element = mount.card.element;
      // Already waiting (a new round's score, or a newer mount of a card the site drew again): the newest waits.
      if (!waiting.has(element)) observer.observe(element);
      waiting.set(element, { mount, relevance });
    },
    remove(mount) {
      const element = mount.card.element;
      // Another mount of the same element may be the one waiting (the site drew the card again).
      if (waiting.get(element)?.mount === mount) {
        waiting.delete(element);
        observer?.unobserve(element);
      }
      if (drawn.delete(mount)) mount.showRelevance(undefined);
    },
    clear() {
      for (const mount of drawn) mount.showRelevance(undefined);
      drawn.clear();
      for (const element of waiting.keys()) observer?.unobserve(element);
      waiting.clear();
    },
  };
}
