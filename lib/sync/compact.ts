import { compareHlc, type Hlc } from './clock';
import type { ReplicaState } from './merge';
import type { Operation } from './operation';

/**
 * The fewest operations that rebuild `state`: for each field, setting and rule only the write
 * that won; for each paper its last creation and deletion; every tag add still standing; and the
 * removals as the add ids they had seen (kept even when the add itself is not here yet: it may
 * arrive later from a device whose log is still on its way, and must stay removed then).
 */
export function compactOperations(state: ReplicaState): Operation[] {
  const operations: Operation[] = [];
  const latest = latestKnownClock(state);
  for (const [paper, replica] of state.papers) {
    if (replica.created) operations.push({ kind: 'create', paper, clock: replica.created });
    if (replica.deleted) operations.push({ kind: 'delete', paper, clock: replica.deleted });
    for (const [field, register] of replica.fields) operations.push({ kind: 'set', paper, field, value: register.value as never, clock: register.clock });
    for (const adds of replica.adds.values()) {
      for (const [id, add] of adds) if (!replica.removed.has(id)) operations.push({ kind: 'tagAdd', paper, tag: add.label, clock: add.clock });
    }
    // A removal's clock decides nothing in the merge (removals are a union): any known clock will do.
    if (replica.removed.size > 0) operations.push({ kind: 'tagRemove', paper, tag: 'removed', seen: [...replica.removed].sort(), clock: latest });
  }
  for (const [key, register] of state.settings) operations.push({ kind: 'setting', key, value: register.value as never, clock: register.clock });
  for (const [rule, register] of state.rules) operations.push({ kind: 'rule', rule, value: register.value as never, clock: register.clock });
  return operations;
}

function latestKnownClock(state: ReplicaState): Hlc {
  let latest: Hlc | undefined;
  for (const clock of state.frontier.values()) if (!latest || compareHlc(clock, latest) > 0) latest = clock;
  return latest ?? { wall: 0, counter: 0, device: 'none' };
}
