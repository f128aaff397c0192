import type { CardRef } from '../sites/types';

/** A batch this small is mounted at once: its cards never show without their controls. */
const SMALL_BATCH = 100;
/**
 * Of a larger batch (a 2000-entry listing), the cards mounted before the page's next frame: more
 * than a screen holds (an arXiv entry is 100–200 px tall, a Hugging Face card about 400 px).
 */
const FIRST_SCREEN = 24;
/**
 * The rest is mounted in slices of this many cards, each its own task, so the page keeps painting
 * and scrolling between them. Few and large rather than many and small: after each slice the
 * browser lays the whole page out again (a 2000-entry arXiv list), which costs more than the slice.
 */
const SLICE_CARDS = 500;
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

/**
 * The cards of a scan that wait for their controls. Every one is mounted within a few slices of
 * the scan (the benchmark prints how long the last one takes); each slice reports what it mounted.
 */
export function createMountQueue(
  mount: (card: CardRef) => void,
  onSlice: (mounted: number, startedAt: number) => void,
  signal: AbortSignal,
): MountQueue {
  const waiting = new Map<Element, CardRef>();
  const before: Array<() => void> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
    waiting.clear();
    before.length = 0;
  }, { once: true });

  const slice = () => {
    timer = undefined;
    if (signal.aborted) return;
    const startedAt = performance.now();
    for (const task of before.splice(0)) task();
    let mounted = 0;
    for (const [element, card] of waiting) {
      waiting.delete(element);
      mount(card);
      mounted += 1;
      if (mounted >= SLICE_CARDS) break;
    }
    if (waiting.size > 0) timer = setTimeout(slice, 0);
    onSlice(mounted, startedAt);
  };
  /**
   * The first slice waits for the page's next frame, so only the first screen delays it; a tab in
   * the background paints no frames, and there the slices start after a moment anyway.
   */
  const start = () => {
    if (timer !== undefined || frame !== undefined) return;
    const go = () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      frame = undefined;
      clearTimeout(timer);
      timer = setTimeout(slice, 0);
    };
    timer = setTimeout(go, FRAME_WAIT_MS);
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(go);
  };

  return {
    add(cards) {
      const now = cards.length <= SMALL_BATCH ? cards.length : FIRST_SCREEN;
      for (let index = 0; index < now; index++) mount(cards[index]!);
      for (let index = now; index < cards.length; index++) waiting.set(cards[index]!.element, cards[index]!);
      if (waiting.size > 0) start();
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
