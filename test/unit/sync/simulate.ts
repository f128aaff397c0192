import fc from 'fast-check';
import { expect } from 'vitest';
import { HlcClock } from '../../../lib/sync/clock';
import { applyOperation, emptyReplica, mergedLibrary, frontierKeys, type ReplicaState } from '../../../lib/sync/merge';
import { OperationSchema, type Operation } from '../../../lib/sync/operation';

/** Three simulated devices making random changes and exchanging some of their operations now and then. */
export const DEVICES = ['laptop', 'desktop', 'tablet'] as const;
export const PAPERS = ['arxiv:2401.00001', 'arxiv:2401.00002'];
const TAGS = ['x', 'y', 'LLM', 'llm'];

/** One device: its clock, its own replica (what it has merged so far) and the operations it made. */
export interface Device {
  clock: HlcClock;
  replica: ReplicaState;
  made: Operation[];
}

type Action =
  | { kind: 'create' | 'delete'; device: number; paper: number }
  | { kind: 'set'; device: number; paper: number; field: 'savedAt' | 'hiddenAt' | 'note'; value: boolean | string | null }
  | { kind: 'tagAdd' | 'tagRemove'; device: number; paper: number; tag: number }
  | { kind: 'setting'; device: number; key: number; value: number }
  | { kind: 'sync'; device: number; from: number; share: number }
  | { kind: 'clockStep'; device: number; ms: number };

const device = fc.integer({ min: 0, max: DEVICES.length - 1 });
const paper = fc.integer({ min: 0, max: PAPERS.length - 1 });
// Weighted towards what the merge must get right: tags added and removed on papers that exist.
export const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), device, paper }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device, paper }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('set' as const), device, paper, field: fc.constantFrom('savedAt' as const, 'hiddenAt' as const, 'note' as const), value: fc.oneof(fc.boolean(), fc.string({ maxLength: 3 }), fc.constant(null)) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constantFrom('tagAdd' as const, 'tagRemove' as const), device, paper, tag: fc.integer({ min: 0, max: TAGS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('setting' as const), device, key: fc.integer({ min: 0, max: 2 }), value: fc.integer() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), device, from: device, share: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  // Wall clocks that jump (a device 3 days behind, NTP steps backwards) must not break the order.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clockStep' as const), device, ms: fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }) }) },
);

/** Runs the actions on three devices that exchange some of their operations now and then. */
export function simulate(actions: readonly Action[]): Device[] {
  const offsets = DEVICES.map(() => 0);
  let time = 1_700_000_000_000;
  const devices: Device[] = DEVICES.map((name, index) => ({ clock: new HlcClock(name, () => time + offsets[index]!), replica: emptyReplica(), made: [] }));
  const emit = (at: Device, operation: Operation) => {
    expect(OperationSchema.safeParse(operation).success).toBe(true);
    at.made.push(operation);
    applyOperation(at.replica, operation);
  };
  for (const step of actions) {
    time += 7;
    const at = devices[step.device]!;
    switch (step.kind) {
      case 'create':
      case 'delete':
        emit(at, { kind: step.kind, paper: PAPERS[step.paper]!, clock: at.clock.tick() });
        break;
      case 'set':
        emit(at, { kind: 'set', paper: PAPERS[step.paper]!, field: step.field, value: step.value, clock: at.clock.tick() });
        break;
      case 'tagAdd':
        emit(at, { kind: 'tagAdd', paper: PAPERS[step.paper]!, tag: TAGS[step.tag]!, clock: at.clock.tick() });
        break;
      case 'tagRemove':
        emit(at, { kind: 'tagRemove', paper: PAPERS[step.paper]!, tag: TAGS[step.tag]!, seen: frontierKeys(at.replica), clock: at.clock.tick() });
        break;
      case 'setting':
        emit(at, { kind: 'setting', key: `key${step.key}`, value: step.value, clock: at.clock.tick() });
        break;
      case 'sync': {
        const from = devices[step.from]!;
        const shared = from.made.slice(0, Math.floor(from.made.length * step.share));
        for (const operation of shared) {
          at.clock.observe(operation.clock);
          applyOperation(at.replica, operation);
        }
        break;
      }
      case 'clockStep':
        offsets[step.device]! += step.ms;
        break;
    }
  }
  return devices;
}

export const allOperations = (devices: readonly Device[]) => devices.flatMap((d) => d.made);
export const canonical = (state: ReplicaState) => JSON.stringify(mergedLibrary(state));

