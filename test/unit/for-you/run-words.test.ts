import { describe, expect, it } from 'vitest';
import { RunWords } from '../../../lib/for-you/run-words';

describe('the words each listing run sent', () => {
  it('finds a paper by the run that sent it, and only by that run', () => {
    const words = new RunWords<string>();
    words.remember('run1', '2609.00001', 'splatting');
    expect(words.recall('run1', '2609.00001')).toBe('splatting');
    expect(words.recall('run2', '2609.00001')).toBeUndefined();
    expect(words.recall('run1', '2609.00002')).toBeUndefined();
  });

  it('keeps the newest runs (a run used again is the newest) and forgets the oldest', () => {
    const words = new RunWords<string>(2);
    words.remember('a', '1', 'a1');
    words.remember('b', '1', 'b1');
    expect(words.recall('a', '1')).toBe('a1'); // a is the newest now
    words.remember('c', '1', 'c1');
    expect(words.recall('b', '1')).toBeUndefined();
    expect(words.recall('a', '1')).toBe('a1');
    expect(words.recall('c', '1')).toBe('c1');
  });

  it('holds at most so many papers per run, and still updates the ones it holds', () => {
    const words = new RunWords<string>(6, 2);
    words.remember('a', '1', 'one');
    words.remember('a', '2', 'two');
    words.remember('a', '3', 'three');
    words.remember('a', '1', 'one again');
    expect(words.recall('a', '3')).toBeUndefined();
    expect(words.recall('a', '1')).toBe('one again');
  });
});
