import { isHiddenHere } from './card-display';
import type { CardMount } from './card-mount';

/**
 * "12 hidden": the distinct papers hidden on the page, by hand or by rule, counted once per batch
 * of changes (a microtask after the first) and told only when the number changes.
 */
export interface HiddenCount {
  /** Something may have changed the count: count again before the next paint. */
  schedule(): void;
  /** Tell the next count even if the number is the same (the panel's switch changed its words). */
  forceNext(): void;
}

export function createHiddenCount(
  mounts: () => Iterable<CardMount>,
  revealedAll: () => boolean,
  onHiddenCount: (hidden: number, revealedAll: boolean) => void,
  signal: AbortSignal,
): HiddenCount {
  let last = -1;
  let scheduled = false;
  return {
    schedule() {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        if (signal.aborted) return;
        const hidden = new Set<string>();
        for (const mount of mounts()) if (isHiddenHere(mount.display)) hidden.add(mount.card.id);
        if (hidden.size === last) return;
        last = hidden.size;
        onHiddenCount(hidden.size, revealedAll());
      });
    },
    forceNext() {
      last = -1;
    },
  };
}
