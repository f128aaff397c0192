import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { HlcClock, hlcKey, type Hlc } from '../sync/clock';
import type { Operation } from '../sync/operation';
import { operationsForChange, settingOperations } from '../sync/record-operations';
import type { PaperRecord } from '../paper/model';
import { RULES_KEY, SETTINGS_KEY } from '../settings';

/**
 * The operation log (schema v5): every write to the library's papers, settings and rules, whoever
 * makes it (a card, the library page, Undo, an import, a Replace, enrichment), is recorded as sync
 * operations in the same IndexedDB transaction. It is a Dexie middleware rather than calls in each
 * repository method, so that a write path added later is recorded without knowing about sync.
 *
 * Nothing is recorded until the user connects a folder (`syncState` has a device): a library that
 * never syncs keeps no log. Connecting records the library as it is then (sync-store.ts).
 */
export const SYNC_OPS = 'syncOps';
export const SYNC_STATE = 'syncState';
const RECORDED_TABLES: ReadonlySet<string> = new Set(['papers', 'settings']);

export interface OperationRow {
  /** The clock key, then what the operation changes: unique even for a snapshot's synthetic clocks. */
  key: string;
  /** The paper id, or `setting:<key>` for settings and rules. */
  target: string;
  op: Operation;
  /** Present (1) while the operation is this device's and not yet uploaded: a sparse index. */
  pending?: 1;
}

export interface SyncStateRow {
  key: string;
  value: unknown;
}

/** This device as sync knows it, in `syncState` under 'device'. */
export interface DeviceRow {
  id: string;
  name: string;
}

export function operationRow(op: Operation, pending: boolean): OperationRow {
  const target = op.kind === 'setting' ? `setting:${op.key}` : op.kind === 'rule' ? `rule:${op.rule}` : op.paper;
  const what = op.kind === 'set' ? op.field : op.kind === 'tagAdd' || op.kind === 'tagRemove' ? op.tag : '';
  const row: OperationRow = { key: `${hlcKey(op.clock)}|${op.kind}|${target}|${what}`, target, op };
  if (pending) row.pending = 1;
  return row;
}

/** Reads and writes of the log's own rows, in whatever transaction the caller holds. */
export interface LogAccess {
  getState(key: string): Promise<unknown>;
  putState(key: string, value: unknown): Promise<void>;
  addOperations(rows: OperationRow[]): Promise<void>;
}

export interface RecordedChange {
  table: 'papers' | 'settings';
  before: unknown;
  after: unknown;
}

/**
 * Records `changes` as this device's operations, with clocks after every clock it has issued or
 * seen. Returns how many operations it recorded (0 when sync is not connected).
 */
export async function recordChanges(access: LogAccess, changes: readonly RecordedChange[]): Promise<number> {
  const device = (await access.getState('device')) as DeviceRow | undefined;
  if (!device) return 0;
  const clock = new HlcClock(device.id, Date.now, ((await access.getState('clock')) as Hlc | undefined) ?? undefined);
  const frontier = ((await access.getState('frontier')) as Record<string, string> | undefined) ?? {};
  const context = { tick: () => clock.tick(), seen: () => ({ ...frontier, [device.id]: hlcKey(clock.current) }) };
  const operations: Operation[] = [];
  for (const change of changes) {
    if (change.table === 'papers') operations.push(...operationsForChange(change.before as PaperRecord | undefined, change.after as PaperRecord | undefined, context));
    else {
      const before = change.before as { key?: string; value?: unknown } | undefined;
      const after = change.after as { key?: string; value?: unknown } | undefined;
      const key = after?.key ?? before?.key;
      if (key === SETTINGS_KEY || key === RULES_KEY) operations.push(...settingOperations(key, before?.value, after?.value, context));
    }
  }
  if (operations.length === 0) return 0;
  await access.addOperations(operations.map((op) => operationRow(op, true)));
  await access.putState('clock', clock.current);
  return operations.length;
}

/** IndexedDB transactions whose writes are not this device's changes (other devices' operations being merged, the trim of an old hide): not recorded. */
const mergeTransactions = new WeakSet<object>();

export function markAsMerge(transaction: object): void {
  mergeTransactions.add(transaction);
}

function keysOf(table: DBCoreTable, request: DBCoreMutateRequest): unknown[] | undefined {
  if (request.type === 'delete') return request.keys;
  if (request.type === 'add') return request.keys ?? request.values.map((value) => table.schema.primaryKey.extractKey!(value));
  if (request.type === 'put') return request.keys ?? request.updates?.keys ?? request.values.map((value) => table.schema.primaryKey.extractKey!(value));
  return undefined;
}

async function valuesBefore(table: DBCoreTable, trans: DBCoreTransaction, request: DBCoreMutateRequest): Promise<unknown[]> {
  if (request.type === 'deleteRange') {
    const found = await table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: request.range } });
    return found.result;
  }
  return table.getMany({ trans, keys: keysOf(table, request)! });
}

function dbCoreAccess(core: DBCore, trans: DBCoreTransaction): LogAccess {
  const state = core.table(SYNC_STATE);
  const log = core.table(SYNC_OPS);
  return {
    getState: async (key) => ((await state.get({ trans, key })) as SyncStateRow | undefined)?.value,
    putState: async (key, value) => void (await state.mutate({ trans, type: 'put', values: [{ key, value }] })),
    addOperations: async (rows) => void (await log.mutate({ trans, type: 'put', values: rows })),
  };
}

/** The middleware; `onRecorded` hears of every transaction that recorded operations (sync schedules a round). */
export function operationLogMiddleware(onRecorded: () => void = () => undefined): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'papershelf-operation-log',
    create(down) {
      if (!down.schema.tables.some((table) => table.name === SYNC_OPS)) return down;
      return {
        ...down,
        // A write to papers or settings must be able to write its operations in the same transaction.
        transaction(stores, mode, options) {
          const widened = mode === 'readwrite' && stores.some((store) => RECORDED_TABLES.has(store)) ? [...new Set([...stores, SYNC_OPS, SYNC_STATE])] : stores;
          return down.transaction(widened, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (!RECORDED_TABLES.has(name)) return table;
          return {
            ...table,
            async mutate(request) {
              const trans = request.trans as DBCoreTransaction & { mode?: string };
              // Schema upgrades run before the log's stores exist, and merges are other devices' operations.
              if (trans.mode === 'versionchange' || mergeTransactions.has(trans)) return table.mutate(request);
              const access = dbCoreAccess(down, trans);
              if (!(await access.getState('device'))) return table.mutate(request);
              const before = await valuesBefore(table, trans, request);
              const result = await table.mutate(request);
              // Read back rather than trusting `values`: an update request may carry only the changes.
              const after = request.type === 'put' || request.type === 'add' ? await table.getMany({ trans, keys: keysOf(table, request)! }) : before.map(() => undefined);
              const changes = before.map((value, index) => ({ table: name as 'papers' | 'settings', before: value, after: after[index] }));
              if ((await recordChanges(access, changes)) > 0) onRecorded();
              return result;
            },
          };
        },
      };
    },
  };
}
