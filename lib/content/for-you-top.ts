/**
 * How many of a page's scored cards are highlighted: one in twenty, at least one and at most ten
 * (a highlight on every other card would say nothing).
 */
export function topCount(scored: number): number {
  return Math.min(10, Math.max(1, Math.round(scored * 0.05)));
}

/**
 * The `count` best keys of `scores`, among those scored above zero (a page of papers the reader
 * would all hide has no top), in one pass: a page of 2,000 is never sorted for ten of them, and
 * no entry pair is made per card (this runs once a page, on its thread).
 */
export function bestOf<T>(scores: ReadonlyMap<T, number>, count: number): Set<T> {
  const keys: T[] = [];
  const best: number[] = [];
  if (count <= 0) return new Set();
  scores.forEach((score, key) => {
    if (!(score > 0) || (best.length === count && score <= best[count - 1]!)) return;
    let at = best.length;
    while (at > 0 && best[at - 1]! < score) at--;
    best.splice(at, 0, score);
    keys.splice(at, 0, key);
    if (best.length > count) {
      best.pop();
      keys.pop();
    }
  });
  return new Set(keys);
}
