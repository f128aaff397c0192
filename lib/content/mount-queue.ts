import type { CardRef } from '../sites/types';
import { cardsInView, windowProbe, type ViewProbe } from './view-range';

/** A batch this small is mounted at once: its cards never show without their controls. */
const SMALL_BATCH = 100;
/**
 * Of a larger batch (a 2000-entry listing), the cards mounted before the page's next frame: more
 * than a screen holds (an arXiv entry is 100–200 px tall, a Hugging Face card about 400 px). After
 * a scroll, at most this many around the view (`cardsInView`).
 */
export const FIRST_SCREEN = 24;
/**
 * The rest is mounted in slices of at most this long, each its own task, so the page keeps
 * painting, scrolling and answering input between them; a slice stops at the first card past the
 * budget, whatever a card costs on this machine.
 */
const SLICE_MS = 8;
/**
 * How long the first slice waits for a frame that does not come (a background tab paints none).
 * Long enough for the first frame after a 2000-entry page on a loaded machine, which can take
 * hundreds of milliseconds: a shorter wait lets the slices run before the frame they must follow.
 */
const FRAME_WAIT_MS = 500;

export interface MountQueue {
  /** Mounts the first cards of `cards` now and the rest in slices; returns how many it mounted now. */
  add(cards: readonly CardRef[]): number;
  /** True when this card (same element and paper) waits to be mounted. */
  has(card: CardRef): boolean;
  /** Runs `task` at the start of the next slice (before its mounting). */
  beforeNextSlice(task: () => void): void;
  readonly size: number;
}

/** How the queue puts a card's controls on the page, in two steps. */
export interface MountSteps {
  /** Builds the card's controls off the page (no reads or writes of the page); a second call does nothing. */
  prepare(card: CardRef): void;
  /**
   * Puts them on the page (preparing them first if needed). `bulk`: one of the many attached in one
   * task, off screen, where work that can wait (matching rules) should.
   */
  mount(card: CardRef, bulk: boolean): void;
}

/**
 * The cards of a scan that wait for their controls. The first screen's are mounted at once, the
 * ones in view when the first slice runs next; the rest are built off the page in slices after the page's next frame, top of the page first, and put on
 * the page together in one task: the browser lays a 2000-entry page out again after every change
 * to it, which costs far more than building the controls, so the page changes once. A reader who
 * jumps ahead (the End key, the scroll bar, a link to an entry) never sees a card without controls:
 * each scroll mounts the waiting cards around the new view at once, in the scroll steps that run
 * before that frame is drawn. Each slice reports what it mounted (the benchmark prints how long the
 * last one takes) and leaves a `papershelf:prepare` measure when it only built controls.
 * (`content-visibility: auto` on the hosts would let the browser skip their style and layout off
 * screen, an eighth of the attaching's cost, but Chromium then leaves those controls out of the
 * accessibility tree: a screen reader could not list them.)
 */
export function createMountQueue(steps: MountSteps, onSlice: (mounted: number, startedAt: number) => void, signal: AbortSignal, probe: ViewProbe = windowProbe()): MountQueue {
  const waiting = new Map<Element, CardRef>();
  /** The waiting cards in page order (mounted ones stay until the slices pass them). */
  let pending: CardRef[] = [];
  /** How far the slices have built controls in `pending`. */
  let built = 0;
  const before: Array<() => void> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  let started = false;
  let listening = false;
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
    stopListening();
    waiting.clear();
    pending = [];
    before.length = 0;
  }, { once: true });

  const isWaiting = (card: CardRef) => waiting.get(card.element) === card;
  const mountWaiting = (card: CardRef, bulk: boolean) => {
    waiting.delete(card.element);
    steps.mount(card, bulk);
  };

  /** The waiting cards in or near the view now, mounted in the task that asks (a scroll, a scan). */
  const mountInView = (): number => {
    let mounted = 0;
    for (const card of cardsInView(pending, probe, FIRST_SCREEN)) {
      if (!isWaiting(card)) continue;
      mountWaiting(card, false);
      mounted += 1;
    }
    return mounted;
  };

  const onScroll = () => {
    if (signal.aborted || waiting.size === 0) return;
    const startedAt = performance.now();
    const mounted = mountInView();
    if (mounted > 0) onSlice(mounted, startedAt);
  };
  function stopListening() {
    if (!listening) return;
    listening = false;
    probe.onScroll(onScroll, false);
  }

  /** Builds controls off the page until the budget is spent; once all are built, attaches them in a task of its own. */
  const slice = () => {
    timer = undefined;
    if (signal.aborted) return;
    const startedAt = performance.now();
    for (const task of before.splice(0)) task();
    // A page opened scrolled down (a reload, a link to an entry) shows other cards than the first.
    const inView = mountInView();
    if (inView > 0) onSlice(inView, startedAt);
    while (built < pending.length && performance.now() - startedAt < SLICE_MS) {
      const card = pending[built++]!;
      if (isWaiting(card)) steps.prepare(card);
    }
    performance.measure('papershelf:prepare', { start: startedAt, detail: { built } });
    // A task of this slice (a scan that found more cards) may have scheduled one already.
    clearTimeout(timer);
    timer = setTimeout(built < pending.length ? slice : attachAll, 0);
  };
  const attachAll = () => {
    timer = undefined;
    if (signal.aborted) return;
    const startedAt = performance.now();
    for (const task of before.splice(0)) task();
    let mounted = 0;
    for (const card of pending) {
      if (!isWaiting(card)) continue;
      mountWaiting(card, true);
      mounted += 1;
    }
    pending = [];
    built = 0;
    stopListening();
    onSlice(mounted, startedAt);
  };
  /**
   * The first slice waits for the page's next frame, so only the first screen delays it; a tab in
   * the background paints no frames, and there the slices start after a moment anyway.
   */
  const start = () => {
    if (!listening && waiting.size > 0) {
      listening = true;
      probe.onScroll(onScroll, true);
    }
    if (timer !== undefined || frame !== undefined) return;
    if (started) {
      timer = setTimeout(slice, 0);
      return;
    }
    const go = () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      frame = undefined;
      clearTimeout(timer);
      started = true;
      timer = setTimeout(slice, 0);
    };
    timer = setTimeout(go, FRAME_WAIT_MS);
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(go);
  };

  return {
    add(cards) {
      if (cards.length <= SMALL_BATCH) {
        for (const card of cards) steps.mount(card, false);
        return cards.length;
      }
      // Before the frame, the first cards in page order: where they are is not asked, as that
      // would make the browser lay the page out now (the first slice asks, once it is laid out).
      const now = Math.min(FIRST_SCREEN, cards.length);
      for (let index = 0; index < now; index++) steps.mount(cards[index]!, false);
      for (let index = now; index < cards.length; index++) waiting.set(cards[index]!.element, cards[index]!);
      pending.push(...cards.slice(now));
      start();
      return now;
    },
    has(card) {
      return waiting.get(card.element)?.id === card.id;
    },
    beforeNextSlice(task) {
      before.push(task);
      start();
    },
    get size() {
      return waiting.size;
    },
  };
}

