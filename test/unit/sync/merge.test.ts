import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, hlcKey, HlcClock } from '../../../lib/sync/clock';
import { emptyReplica, mergedPaper, mergeOperations, frontierKeys } from '../../../lib/sync/merge';
import { OperationSchema, operationId, type Operation } from '../../../lib/sync/operation';
import { action, allOperations, canonical, PAPERS, simulate } from './simulate';

/**
 * The merge core against the promises sync makes (issue: lock-free sync): every device that has
 * the same operations has the same library, whatever their order, repetition or grouping; no
 * tag add, save or deletion is lost; a removal removes only the adds it had seen.
 */
describe('hybrid logical clock', () => {
  it('never runs backwards on a device, even when its wall clock does', () => {
    let now = 1_000;
    const clock = new HlcClock('a', () => now);
    const first = clock.tick();
    now = 10;
    const second = clock.tick();
    expect(compareHlc(second, first)).toBe(1);
    clock.observe({ wall: 5_000, counter: 3, device: 'b' });
    const third = clock.tick();
    expect(third.wall).toBe(5_000);
    expect(compareHlc(third, { wall: 5_000, counter: 3, device: 'b' })).toBe(1);
  });

  it('gives operation ids that are unique per device and sort with time', () => {
    const clock = new HlcClock('dev-1', () => 42);
    const keys = Array.from({ length: 50 }, () => hlcKey(clock.tick()));
    expect(new Set(keys).size).toBe(50);
    expect([...keys].sort()).toEqual(keys);
  });
});

describe('merge (property tests, 3 replicas)', () => {
  const scenarios = fc.array(action, { minLength: 1, maxLength: 60 });

  it('any order, duplication or grouping of the same operations gives the same library', () => {
    fc.assert(
      fc.property(scenarios, fc.integer(), (actions, seed) => {
        const operations = allOperations(simulate(actions));
        const reference = canonical(mergeOperations(operations));
        const shuffled = fc.sample(fc.shuffledSubarray(operations, { minLength: operations.length, maxLength: operations.length }), { numRuns: 1, seed })[0]!;
        const duplicated = [...shuffled, ...operations.filter((_, index) => index % 3 === 0)];
        expect(canonical(mergeOperations(duplicated))).toBe(reference);
        // Grouped: two halves merged separately, then one replica takes in the other's operations.
        const half = Math.floor(shuffled.length / 2);
        const left = mergeOperations(shuffled.slice(0, half));
        mergeOperations(shuffled.slice(half), left);
        expect(canonical(left)).toBe(reference);
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });

  it('devices that have exchanged everything hold identical libraries', () => {
    fc.assert(
      fc.property(scenarios, (actions) => {
        const devices = simulate(actions);
        const everything = allOperations(devices);
        for (const d of devices) mergeOperations(everything, d.replica);
        const libraries = devices.map((d) => canonical(d.replica));
        expect(new Set(libraries).size).toBe(1);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('merging is idempotent', () => {
    fc.assert(
      fc.property(scenarios, (actions) => {
        const operations = allOperations(simulate(actions));
        const once = mergeOperations(operations);
        const before = canonical(once);
        mergeOperations(operations, once);
        expect(canonical(once)).toBe(before);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('loses no save, tag add or deletion: each outcome follows from the operations alone', () => {
    fc.assert(
      fc.property(scenarios, (actions) => {
        const operations = allOperations(simulate(actions));
        const state = mergeOperations(operations);
        for (const id of PAPERS) {
          const mine = operations.filter((operation) => 'paper' in operation && operation.paper === id);
          const latest = (kind: Operation['kind']) => mine.filter((o) => o.kind === kind).map((o) => o.clock).sort(compareHlc).at(-1);
          const created = latest('create');
          const deleted = latest('delete');
          const alive = created !== undefined && (deleted === undefined || compareHlc(created, deleted) > 0);
          const merged = mergedPaper(state, id);
          expect(merged !== undefined).toBe(alive);
          if (!merged) continue;
          const afterDeletion = (o: Operation) => deleted === undefined || compareHlc(o.clock, deleted) > 0;
          // Last writer wins for every field, among writes after the last deletion.
          for (const field of ['savedAt', 'hiddenAt', 'note'] as const) {
            const writes = mine.filter((o): o is Extract<Operation, { kind: 'set' }> => o.kind === 'set' && o.field === field && afterDeletion(o)).sort((a, b) => compareHlc(a.clock, b.clock));
            const last = writes.at(-1);
            expect(merged.fields[field]).toEqual(last === undefined || last.value === null ? undefined : last.value);
          }
          // A tag is there exactly when some add after the deletion was seen by no removal.
          const removals = mine.filter((o): o is Extract<Operation, { kind: 'tagRemove' }> => o.kind === 'tagRemove');
          const removed = (add: Extract<Operation, { kind: 'tagAdd' }>) =>
            removals.some((r) => r.tag.toLowerCase() === add.tag.toLowerCase() && (r.seen[add.clock.device] ?? '') >= operationId(add));
          const adds = mine.filter((o): o is Extract<Operation, { kind: 'tagAdd' }> => o.kind === 'tagAdd');
          const expectedKeys = new Set(adds.filter((o) => afterDeletion(o) && !removed(o)).map((o) => o.tag.toLowerCase()));
          expect(new Set(merged.tags.map((tag) => tag.toLowerCase()))).toEqual(expectedKeys);
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe('merge rules in the words of the README', () => {
  it('a tag added on one device while another removes it (having never seen it) stays; both tags are kept', () => {
    const a = new HlcClock('deviceA', () => 1_000);
    const b = new HlcClock('deviceB', () => 2_000);
    const replicaB = emptyReplica();
    const shared: Operation[] = [{ kind: 'create', paper: 'P', clock: a.tick() }];
    mergeOperations(shared, replicaB);
    const aOps: Operation[] = [{ kind: 'tagAdd', paper: 'P', tag: 'x', clock: a.tick() }];
    const bOps: Operation[] = [
      { kind: 'tagRemove', paper: 'P', tag: 'x', seen: frontierKeys(replicaB), clock: b.tick() },
      { kind: 'tagAdd', paper: 'P', tag: 'y', clock: b.tick() },
    ];
    const merged = mergedPaper(mergeOperations([...shared, ...aOps, ...bOps]), 'P')!;
    expect(merged.tags.sort()).toEqual(['x', 'y']);
  });

  it('a deleted paper does not come back from a device that edited it without hearing of the deletion', () => {
    const a = new HlcClock('deviceA', () => 1_000);
    const b = new HlcClock('deviceB', () => 5_000);
    const create: Operation = { kind: 'create', paper: 'P', clock: a.tick() };
    const remove: Operation = { kind: 'delete', paper: 'P', clock: a.tick() };
    const lateEdit: Operation = { kind: 'set', paper: 'P', field: 'note', value: 'read later', clock: b.tick() };
    expect(mergedPaper(mergeOperations([create, lateEdit, remove]), 'P')).toBeUndefined();
    // Saving it again after the deletion (a create) brings it back, without what it held before.
    const again: Operation = { kind: 'create', paper: 'P', clock: b.tick() };
    const oldTag: Operation = { kind: 'tagAdd', paper: 'P', tag: 'old', clock: { ...create.clock, device: 'deviceC' } };
    const back = mergedPaper(mergeOperations([create, oldTag, remove, lateEdit, again]), 'P')!;
    expect(back.tags).toEqual([]);
    expect(back.fields.note).toBe('read later');
  });

  it('keeps the spelling of the earliest add of a tag', () => {
    const a = new HlcClock('a', () => 1);
    const ops: Operation[] = [
      { kind: 'create', paper: 'P', clock: a.tick() },
      { kind: 'tagAdd', paper: 'P', tag: 'LLM', clock: a.tick() },
      { kind: 'tagAdd', paper: 'P', tag: 'llm', clock: a.tick() },
    ];
    expect(mergedPaper(mergeOperations([...ops].reverse()), 'P')!.tags).toEqual(['LLM']);
  });

  it('refuses an operation file entry that is not an operation, in words a reader can follow', () => {
    const result = OperationSchema.safeParse({ kind: 'set', paper: 'P', field: 'innerHTML', value: 1, clock: { wall: 1, counter: 0, device: 'a' } });
    expect(result.success).toBe(false);
  });
});
