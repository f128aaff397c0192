import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactOperations } from '../../../lib/sync/compact';
import { mergeOperations } from '../../../lib/sync/merge';
import { action, allOperations, canonical, simulate } from './simulate';

/** A snapshot (compacted operations) must stand for everything it replaces, now and after later merges. */
describe('compaction', () => {
  it('rebuilds the same library, and later operations merge into it as into the full log', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 60 }), fc.array(action, { maxLength: 30 }), fc.nat(), (before, after, cut) => {
        const operations = allOperations(simulate([...before, ...after]));
        const split = operations.length === 0 ? 0 : cut % operations.length;
        const full = mergeOperations(operations.slice(0, split));
        const compacted = compactOperations(full);
        expect(compacted.length).toBeLessThanOrEqual(Math.max(split, 0) + 3 * 3);
        const rebuilt = mergeOperations(compacted);
        expect(canonical(rebuilt)).toBe(canonical(full));
        // Including removals of adds that arrive only afterwards.
        mergeOperations(operations.slice(split), full);
        mergeOperations(operations.slice(split), rebuilt);
        expect(canonical(rebuilt)).toBe(canonical(full));
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
