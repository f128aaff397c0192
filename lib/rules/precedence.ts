import type { RuleAction } from './model';

/**
 * Which action wins when several rules match one paper: what the user asked to see is never muted
 * by a broader rule, and hiding is stronger than dimming. Lower ranks win.
 */
const ACTION_RANK: Readonly<Record<RuleAction, number>> = { highlight: 0, hide: 1, dim: 2 };

/** Orders items by the action they carry, keeping list order within one action (the sort is stable). */
export function byPrecedence<T>(items: readonly T[], actionOf: (item: T) => RuleAction): T[] {
  return [...items].sort((a, b) => ACTION_RANK[actionOf(a)] - ACTION_RANK[actionOf(b)]);
}
