import { compareHlc, hlcKey, type Hlc } from './clock';
import type { ReplicaState } from './merge';
import type { Operation } from './operation';

/**
 * The fewest operations that rebuild `state`: for each field, setting and rule only the write
 * that won; for each paper its last creation and deletion; every tag add still standing; and each
 * tag's removals as how far they reach into each device's adds.
 */
export function compactOperations(state: ReplicaState): Operation[] {
  const operations: Operation[] = [];
  const latest = latestKnownClock(state);
  for (const [paper, replica] of state.papers) {
    if (replica.created) operations.push({ kind: 'create', paper, clock: replica.created });
    if (replica.deleted) operations.push({ kind: 'delete', paper, clock: replica.deleted });
    for (const [field, register] of replica.fields) operations.push({ kind: 'set', paper, field, value: register.value as never, clock: register.clock });
    for (const [key, adds] of replica.adds) {
      const reach = replica.removedUpTo.get(key);
      for (const add of adds.values()) {
        const removedTo = reach?.get(add.clock.device);
        if (!removedTo || compareHlc(add.clock, removedTo) > 0) operations.push({ kind: 'tagAdd', paper, tag: add.label, clock: add.clock });
      }
    }
    // Removals stay, as their reach: an add they cover may still arrive from a slow device.
    // Their clock decides nothing in the merge (reaches combine by maximum), so any known clock will do.
    for (const [key, reach] of replica.removedUpTo) {
      const seen: Record<string, string> = {};
      for (const [device, clock] of reach) seen[device] = hlcKey(clock);
      operations.push({ kind: 'tagRemove', paper, tag: key, seen, clock: latest });
    }
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
