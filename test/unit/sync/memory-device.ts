import { HlcClock } from '../../../lib/sync/clock';
import type { SyncStore } from '../../../lib/sync/engine';
import { applyOperation, emptyReplica, mergedLibrary, frontierKeys, type ReplicaState } from '../../../lib/sync/merge';
import type { Operation, PaperField } from '../../../lib/sync/operation';

type Change = { kind: 'create' | 'delete'; paper: string } | { kind: 'set'; paper: string; field: PaperField; value: unknown } | { kind: 'tagAdd' | 'tagRemove'; paper: string; tag: string };

/**
 * A device's library side of sync held in memory, for the engine tests: the library itself is a
 * replica of the merge, as the background's will be. The server side is always a real one.
 */
export class MemoryDevice implements SyncStore {
  readonly clock: HlcClock;
  state: ReplicaState = emptyReplica();
  pending: Operation[] = [];
  uploaded = new Map<string, number>();
  merged = new Set<string>();

  constructor(
    readonly deviceId: string,
    now: () => number,
    readonly deviceName = `${deviceId}'s browser`,
  ) {
    this.clock = new HlcClock(deviceId, now);
  }

  change(change: Change): void {
    const clock = this.clock.tick();
    let operation: Operation;
    if (change.kind === 'tagRemove') operation = { ...change, kind: 'tagRemove', seen: frontierKeys(this.state), clock };
    else if (change.kind === 'tagAdd') operation = { ...change, kind: 'tagAdd', clock };
    else if (change.kind === 'set') operation = { kind: 'set', paper: change.paper, field: change.field, value: change.value as never, clock };
    else operation = { kind: change.kind, paper: change.paper, clock };
    applyOperation(this.state, operation);
    this.pending.push(operation);
  }

  library(): string {
    return JSON.stringify(mergedLibrary(this.state));
  }

  async pendingOperations(limit: number): Promise<Operation[]> {
    return this.pending.slice(0, limit);
  }
  async markUploaded(operations: readonly Operation[], fileName: string, size: number): Promise<void> {
    this.pending = this.pending.slice(operations.length);
    this.uploaded.set(fileName, size);
  }
  async uploadedFiles(): Promise<ReadonlyMap<string, number>> {
    return this.uploaded;
  }
  async mergedFiles(): Promise<ReadonlySet<string>> {
    return this.merged;
  }
  async mergeRemote(operations: readonly Operation[], files: readonly string[]): Promise<void> {
    for (const operation of operations) {
      applyOperation(this.state, operation);
      this.clock.observe(operation.clock);
    }
    for (const file of files) this.merged.add(file);
  }
  async replica(): Promise<ReplicaState> {
    return this.state;
  }
  async forgetUploaded(files: readonly string[]): Promise<void> {
    for (const file of files) this.uploaded.delete(file);
  }
}
