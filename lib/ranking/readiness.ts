/** Enough signal to rank: fewer saves or hides teach the model little more than noise. */
export const MIN_SAVES = 5;
export const MIN_HIDES = 20;

/**
 * How many judged papers a model learns from at most: the newest saves (up to MAX_SAVES) and the
 * newest hides filling the rest (lib/for-you/judged-papers.ts). Interests drift, and a year of
 * hides would make every update slower; the benchmark's rebuild from 5,000 papers is the budget.
 * The library also trims hides older than this window (lib/db/hidden-trim.ts): no model reads them.
 */
export const MAX_SAVES = 2_000;
export const MAX_EXAMPLES = 6_000;

export interface Readiness {
  ready: boolean;
  savesNeeded: number;
  hidesNeeded: number;
}

export function readiness(saved: number, hidden: number): Readiness {
  const savesNeeded = Math.max(0, MIN_SAVES - saved);
  const hidesNeeded = Math.max(0, MIN_HIDES - hidden);
  return { ready: savesNeeded === 0 && hidesNeeded === 0, savesNeeded, hidesNeeded };
}
