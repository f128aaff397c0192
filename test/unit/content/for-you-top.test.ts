import { describe, expect, it } from 'vitest';
import { bestOf, topCount } from '../../../lib/content/for-you-top';

describe('the best of a page', () => {
  it('highlights one card in twenty, at least one and at most ten', () => {
    expect(topCount(1)).toBe(1);
    expect(topCount(60)).toBe(3);
    expect(topCount(2000)).toBe(10);
  });

  it('keeps the best by score, only above zero, whatever the order they come in', () => {
    const scores = new Map([0.2, -1, 3, 0.5, 0, 2, 2.5, 0.1].entries());
    expect([...bestOf(scores, 3)].sort()).toEqual([2, 5, 6]);
    expect(bestOf(new Map([['a', -1], ['b', 0]]), 3).size).toBe(0);
    expect(bestOf(new Map([['a', 1], ['b', 2]]), 0).size).toBe(0);
  });

  it('is the same as sorting a large page', () => {
    const scores = Array.from({ length: 2000 }, (_, index) => Math.sin(index * 7.3) * 3);
    const sorted = [...scores.keys()].filter((index) => scores[index]! > 0).sort((a, b) => scores[b]! - scores[a]!).slice(0, 10);
    expect([...bestOf(new Map(scores.entries()), 10)].sort()).toEqual(sorted.sort());
  });
});
