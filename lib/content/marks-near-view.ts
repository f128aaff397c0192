import type { CardMount } from './card-mount';
import type { Relevance } from './controls-view';
import { cardsNear, type Band, type ViewProbe } from './view-range';

/**
 * For you's marks, drawn on the cards near the view and on the others as they come near it. A
 * score goes on every card at once (the page contract, and what the order needs); the mark beside
 * the controls only matters where a reader can see or reach it, and on a 2,000-entry page drawing
 * all 2,000 (an element each in its own shadow root, then the page's style and layout over all of
 * them) was For you's largest cost after reading the cards (scripts/bench-ranking.ts --page).
 */
export interface MarksNearView<T> {
  /** The mark of `value` on this card: drawn now if the card already shows one, else once it comes near the view. */
  show(mount: CardMount, value: T): void;
  /** Takes the card's mark away (drawn or waiting). */
  remove(mount: CardMount): void;
  /** Takes every mark away. */
  clear(): void;
}

/** What finding the cards near the view needs: where they are, and a frame to look in. */
export interface NearViewOptions {
  probe: ViewProbe;
  /** The run's cards in page order (after For you's reordering too: the page's order is the document's). */
  inPageOrder(): readonly CardMount[];
  /**
   * Runs `look` once the next frame is drawn, its layout done: reading the cards' positions then
   * costs no layout of its own (read before it, they would make the page lay itself out on For
   * you's time, after the scores' attributes changed it). Returns a way to cancel it.
   */
  afterNextFrame(look: () => void): () => void;
}

/**
 * How far from the view a card counts as near: a view's height above and below, so a reader who
 * scrolls or steps through the cards with the keyboard finds the marks already drawn. At most
 * `max` cards a look: a view's height of the smallest cards (a collapsed stub) is well under it.
 */
export const NEAR: Band = { above: 1, below: 1, max: 300 };

/**
 * `near` undefined (no layout to look at): every mark is drawn at once. `relevanceOf` says what a
 * value's mark shows, worked out only when it is drawn.
 *
 * The cards near the view are found by a binary search on their positions (view-range.ts) once
 * after the next frame when new marks wait, and once per frame while the reader scrolls, not by
 * an IntersectionObserver watching each card: observing 2,000 cards was a fifth of For you's time
 * on a 2,000-entry page, and the browser then computed every watched card's intersection in
 * each frame of a scroll.
 */
export function createMarksNearView<T>(near: NearViewOptions | undefined, signal: AbortSignal, relevanceOf: (value: T) => Relevance): MarksNearView<T> {
  /** Marks waiting for their card to come near the view. */
  const waiting = new Map<CardMount, T>();
  const drawn = new Set<CardMount>();
  let cancelLook: (() => void) | undefined;
  let listening = false;

  const draw = (mount: CardMount, value: T) => {
    mount.showRelevance(relevanceOf(value));
    drawn.add(mount);
  };

  /** Draws the waiting marks of the cards near the view; stops listening once none waits. */
  const look = () => {
    cancelLook = undefined;
    if (signal.aborted || !near) return;
    const started = performance.now();
    let cards = 0;
    for (const mount of cardsNear(near.inPageOrder(), (each) => each.card.element, near.probe, NEAR)) {
      if (!waiting.has(mount)) continue;
      const value = waiting.get(mount)!;
      waiting.delete(mount);
      draw(mount, value);
      cards++;
    }
    if (waiting.size === 0) listen(false);
    // For you's own main-thread time on the page, with its other parts (benchmarks, DevTools); a
    // look that drew nothing (most frames of a scroll) leaves no entry, or a long read would leave thousands.
    if (cards > 0) performance.measure('papershelf:scores', { start: started, detail: { cards } });
  };
  const lookSoon = () => {
    if (near && cancelLook === undefined && !signal.aborted) cancelLook = near.afterNextFrame(look);
  };
  const listen = (on: boolean) => {
    if (!near || listening === on) return;
    listening = on;
    near.probe.onScroll(lookSoon, on);
  };
  const stop = () => {
    cancelLook?.();
    cancelLook = undefined;
    listen(false);
  };
  signal.addEventListener('abort', stop, { once: true });

  return {
    show(mount, value) {
      if (!near || drawn.has(mount)) return draw(mount, value);
      // Already waiting (a new round's score): the newest waits.
      waiting.set(mount, value);
      listen(true);
      lookSoon();
    },
    remove(mount) {
      waiting.delete(mount);
      if (drawn.delete(mount)) mount.showRelevance(undefined);
      if (waiting.size === 0) stop();
    },
    clear() {
      for (const mount of drawn) mount.showRelevance(undefined);
      drawn.clear();
      waiting.clear();
      stop();
    },
  };
}
