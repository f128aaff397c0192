/**
 * How many of a page's scored cards are highlighted: one in twenty, at least one and at most ten
 * (a highlight on every other card would say nothing).
 */
export function topCount(scored: number): number {
  return Math.min(10, Math.max(1, Math.round(scored * 0.05)));
}

/**
 * The `count` best of `entries` by score, among those above zero (a page of papers the reader
 * would all hide has no top), in one pass: a page of 2,000 is never sorted for ten of them.
 */
export function bestOf<T>(entries: Iterable<T>, scoreOf: (entry: T) => number, count: number): Set<T> {
  const best: Array<{ entry: T; score: number }> = [];
  if (count <= 0) return new Set();
  for (const entry of entries) {
    const score = scoreOf(entry);
    if (!(score > 0) || (best.length === count && score <= best.at(-1)!.score)) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < score) at--;
    best.splice(at, 0, { entry, score });
    if (best.length > count) best.pop();
  }
  return new Set(best.map(({ entry }) => entry));
}
