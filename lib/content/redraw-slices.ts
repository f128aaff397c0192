import type { CardMount } from './card-mount';

/** Cards redrawn at once when rules change what many cards show: more than a screen holds. */
const FIRST_SCREEN = 24;
/** The rest, this many per task: matching 50 rules costs tens of microseconds a card. */
const SLICE_CARDS = 250;

/**
 * Redraws that read and match rules on many cards (a rule list arriving on a 2000-entry page, or
 * the library's answer for all of it): the first screen at once, the rest in slices of their
 * own tasks, top of the page first, so the page paints and scrolls meanwhile. Each slice leaves a
 * `papershelf:rules-slice` measure and the last one a `papershelf:rules-applied` mark (benchmarks).
 */
export interface RedrawSlices {
  /** Redraws these mounts (in this order) soon; a mount already waiting keeps its place. */
  add(mounts: Iterable<CardMount>): void;
}

export function createRedrawSlices(redraw: (mount: CardMount) => void, signal: AbortSignal): RedrawSlices {
  const waiting = new Set<CardMount>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    waiting.clear();
  }, { once: true });

  const run = (count: number) => {
    const startedAt = performance.now();
    let done = 0;
    for (const mount of waiting) {
      if (done >= count) break;
      waiting.delete(mount);
      redraw(mount);
      done += 1;
    }
    performance.measure('papershelf:rules-slice', { start: startedAt, detail: { cards: done } });
    if (waiting.size === 0) performance.mark('papershelf:rules-applied');
  };
  const next = () => {
    timer = undefined;
    if (signal.aborted) return;
    run(SLICE_CARDS);
    if (waiting.size > 0) timer = setTimeout(next, 0);
  };

  return {
    add(mounts) {
      const idle = waiting.size === 0;
      for (const mount of mounts) waiting.add(mount);
      if (waiting.size === 0) return;
      if (idle) run(FIRST_SCREEN);
      if (waiting.size > 0 && timer === undefined) timer = setTimeout(next, 0);
    },
  };
}
