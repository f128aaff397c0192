import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { LIMITS } from '../../../lib/paper/model';
import { normalizeTags } from '../../../lib/paper/tags';

describe('normalizeTags', () => {
  it('trims every tag', () => {
    expect(normalizeTags(['  llm ', '\tvision\n'])).toEqual(['llm', 'vision']);
  });

  it('de-duplicates case-insensitively, keeping the first spelling and order', () => {
    expect(normalizeTags(['LLM', 'Vision', 'llm', ' vision ', 'RL', 'Llm'])).toEqual(['LLM', 'Vision', 'RL']);
    expect(normalizeTags(['Ünïcode', 'ÜNÏCODE'])).toEqual(['Ünïcode']);
  });

  it('returns an empty list for no tags', () => {
    expect(normalizeTags([])).toEqual([]);
  });

  it.each([[''], ['   '], ['\n\t']])('rejects an empty tag %j', (tag) => {
    expect(() => normalizeTags(['ok', tag])).toThrow(ZodError);
    expect(() => normalizeTags([tag])).toThrow(/empty/);
  });

  it('accepts a 64-character tag and rejects a 65-character one', () => {
    expect(LIMITS.tag).toBe(64);
    const max = 'x'.repeat(64);
    expect(normalizeTags([max])).toEqual([max]);
    expect(() => normalizeTags(['y'.repeat(65)])).toThrow(ZodError);
    expect(() => normalizeTags(['y'.repeat(65)])).toThrow(/at most 64/);
    // Length is judged after trimming.
    expect(normalizeTags([`  ${max}  `])).toEqual([max]);
  });
});
