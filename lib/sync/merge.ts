import { tagKey } from '../paper/tags';
import { compareHlc, hlcKey, laterHlc, parseHlcKey, type Hlc } from './clock';
import { operationId, PAPER_FIELDS, type Operation, type PaperField } from './operation';

/**
 * The merge of every device's operations, as a state that any order of arrival, any repetition
 * and any grouping of the same operations brings to the same place (a state-based CRDT: each
 * part only grows, by a union or a maximum). That is what lets every device read everyone's files
 * and agree without a lock or a server.
 */
interface Register {
  value: unknown;
  clock: Hlc;
}

interface TagAdd {
  /** The spelling as typed: the library shows the spelling of the earliest add still standing. */
  label: string;
  clock: Hlc;
}

interface PaperReplica {
  created?: Hlc;
  deleted?: Hlc;
  fields: Map<PaperField, Register>;
  /** Adds per tag key, by add id. */
  adds: Map<string, Map<string, TagAdd>>;
  /**
   * Per tag key, how far removals reach into each device's adds: an add of device D is removed
   * when its clock is at most `removedUpTo.get(key).get(D)`. The pointwise maximum of removals is
   * exact, since each add belongs to one device.
   */
  removedUpTo: Map<string, Map<string, Hlc>>;
}

export interface ReplicaState {
  papers: Map<string, PaperReplica>;
  settings: Map<string, Register>;
  rules: Map<string, Register>;
  /** The latest clock seen from each device: what this device tells others it has merged. */
  frontier: Map<string, Hlc>;
}

export function emptyReplica(): ReplicaState {
  return { papers: new Map(), settings: new Map(), rules: new Map(), frontier: new Map() };
}

function paperReplica(state: ReplicaState, id: string): PaperReplica {
  let paper = state.papers.get(id);
  if (!paper) {
    paper = { fields: new Map(), adds: new Map(), removedUpTo: new Map() };
    state.papers.set(id, paper);
  }
  return paper;
}

function writeRegister<K>(registers: Map<K, Register>, key: K, value: unknown, clock: Hlc): void {
  const current = registers.get(key);
  const order = current ? compareHlc(clock, current.clock) : 1;
  // Equal clocks mean one device id used on two machines (a copied profile) until sync notices and
  // splits them: the larger value wins, so every replica still agrees.
  if (order > 0 || (order === 0 && JSON.stringify(value) > JSON.stringify(current!.value))) registers.set(key, { value, clock });
}

/**
 * Applies one operation in place. Every part of the state only grows by a maximum or a union, so
 * the order of operations does not matter and applying one twice changes nothing: no record of
 * which operations were applied is needed (at a million operations it would cost more than the state).
 */
export function applyOperation(state: ReplicaState, operation: Operation): void {
  const device = operation.clock.device;
  state.frontier.set(device, laterHlc(state.frontier.get(device), operation.clock)!);
  switch (operation.kind) {
    case 'create': {
      const paper = paperReplica(state, operation.paper);
      paper.created = laterHlc(paper.created, operation.clock);
      return;
    }
    case 'delete': {
      const paper = paperReplica(state, operation.paper);
      paper.deleted = laterHlc(paper.deleted, operation.clock);
      return;
    }
    case 'set':
      writeRegister(paperReplica(state, operation.paper).fields, operation.field, operation.value, operation.clock);
      return;
    case 'tagAdd': {
      const paper = paperReplica(state, operation.paper);
      const key = tagKey(operation.tag);
      const adds = paper.adds.get(key) ?? new Map<string, TagAdd>();
      adds.set(operationId(operation), { label: operation.tag, clock: operation.clock });
      paper.adds.set(key, adds);
      return;
    }
    case 'tagRemove': {
      const paper = paperReplica(state, operation.paper);
      const key = tagKey(operation.tag);
      const reach = paper.removedUpTo.get(key) ?? new Map<string, Hlc>();
      for (const [device, clockKey] of Object.entries(operation.seen)) {
        const clock = parseHlcKey(clockKey);
        if (clock && clock.device === device) reach.set(device, laterHlc(reach.get(device), clock)!);
      }
      paper.removedUpTo.set(key, reach);
      return;
    }
    case 'setting':
      writeRegister(state.settings, operation.key, operation.value, operation.clock);
      return;
    case 'rule':
      writeRegister(state.rules, operation.rule, operation.value, operation.clock);
      return;
  }
}

export function mergeOperations(operations: Iterable<Operation>, into: ReplicaState = emptyReplica()): ReplicaState {
  for (const operation of operations) applyOperation(into, operation);
  return into;
}

/** A paper as the merge sees it: its fields and its tags, in the order they were first added. */
export interface MergedPaper {
  id: string;
  fields: Partial<Record<PaperField, unknown>>;
  tags: string[];
}

export interface MergedLibrary {
  papers: MergedPaper[];
  settings: Record<string, unknown>;
  rules: Record<string, unknown>;
}

/** True while the paper is in the library: created, and not deleted since. */
function isAlive(paper: PaperReplica): boolean {
  return paper.created !== undefined && (paper.deleted === undefined || compareHlc(paper.created, paper.deleted) > 0);
}

/** Writes older than the last deletion belong to the paper as it was before it was deleted. */
function afterDeletion(paper: PaperReplica, clock: Hlc): boolean {
  return paper.deleted === undefined || compareHlc(clock, paper.deleted) > 0;
}

function isRemoved(paper: PaperReplica, key: string, add: TagAdd): boolean {
  const reach = paper.removedUpTo.get(key)?.get(add.clock.device);
  return reach !== undefined && compareHlc(add.clock, reach) <= 0;
}

export function mergedPaper(state: ReplicaState, id: string): MergedPaper | undefined {
  const paper = state.papers.get(id);
  if (!paper || !isAlive(paper)) return undefined;
  const fields: Partial<Record<PaperField, unknown>> = {};
  // In the declared field order, so that equal libraries serialise equally.
  for (const field of PAPER_FIELDS) {
    const register = paper.fields.get(field);
    if (register && afterDeletion(paper, register.clock) && register.value !== null) fields[field] = register.value;
  }
  const tags: { label: string; clock: Hlc }[] = [];
  for (const [key, adds] of paper.adds) {
    let earliest: TagAdd | undefined;
    for (const add of adds.values()) {
      if (isRemoved(paper, key, add) || !afterDeletion(paper, add.clock)) continue;
      if (!earliest || compareHlc(add.clock, earliest.clock) < 0) earliest = add;
    }
    if (earliest) tags.push(earliest);
  }
  tags.sort((a, b) => compareHlc(a.clock, b.clock));
  return { id, fields, tags: tags.map((tag) => tag.label) };
}

function liveRegisters(registers: Map<string, Register>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of [...registers.keys()].sort()) {
    const value = registers.get(key)!.value;
    if (value !== null) out[key] = value;
  }
  return out;
}

/** The library every device arrives at from the same operations, in a canonical order. */
export function mergedLibrary(state: ReplicaState): MergedLibrary {
  const papers: MergedPaper[] = [];
  for (const id of [...state.papers.keys()].sort()) {
    const paper = mergedPaper(state, id);
    if (paper) papers.push(paper);
  }
  return { papers, settings: liveRegisters(state.settings), rules: liveRegisters(state.rules) };
}

/**
 * What this replica has merged from each device, as clock keys: the `seen` of a tag removal made
 * here, and what the device tells others it has merged.
 */
export function frontierKeys(state: ReplicaState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [device, clock] of [...state.frontier].sort(([a], [b]) => (a < b ? -1 : 1))) out[device] = hlcKey(clock);
  return out;
}
