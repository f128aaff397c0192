import { Dexie } from 'dexie';
import { LIMITS, PaperRecordSchema, stateOf, type PaperRecord, type StateMap } from '../paper/model';
import { RULES_KEY, SETTINGS_KEY } from '../settings';
import { HlcClock, hlcKey, laterHlc, type Hlc } from '../sync/clock';
import type { SyncStore } from '../sync/engine';
import { applyOperation, emptyReplica, mergedLibrary, mergedPaper, mergeOperations, type ReplicaState } from '../sync/merge';
import { PAPER_FIELDS, type Operation } from '../sync/operation';
import { recordFromMerged, settingsFromMerged } from '../sync/record-operations';
import type { PapershelfDatabase } from './database';
import { markAsMerge, operationRow, recordChanges, type DeviceRow, type LogAccess, type OperationRow } from './operation-log';

/** The folder and account, kept in the background's IndexedDB only (never sent to a page). */
export interface SyncConnection {
  url: string;
  user: string;
  password: string;
}

/** What a merge changed in the library, for the background to tell tabs and pages. */
export interface MergeOutcome {
  states: StateMap;
  /** Settings or rules changed: listing pages re-read their context. */
  contextChanged: boolean;
}

function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((byte) => byte.toString(36).padStart(2, '0')).join('').slice(0, 20);
}

function dexieAccess(db: PapershelfDatabase): LogAccess {
  return {
    getState: async (key) => (await db.syncState.get(key))?.value,
    putState: async (key, value) => void (await db.syncState.put({ key, value })),
    addOperations: async (rows) => void (await db.syncOps.bulkPut(rows)),
  };
}

const sameRecord = (a: PaperRecord | undefined, b: PaperRecord | undefined): boolean => {
  if (!a || !b) return a === b;
  const strip = ({ updatedAt: _a, ...rest }: PaperRecord) => JSON.stringify([...PAPER_FIELDS, 'tags' as const].map((field) => (rest as Record<string, unknown>)[field] ?? null));
  return strip(a) === strip(b);
};

export async function readConnection(db: PapershelfDatabase): Promise<SyncConnection | undefined> {
  return (await db.syncState.get('connection'))?.value as SyncConnection | undefined;
}

export async function readDevice(db: PapershelfDatabase): Promise<DeviceRow | undefined> {
  return (await db.syncState.get('device'))?.value as DeviceRow | undefined;
}

/**
 * Starts recording under a new device id and records the library as it is now, as this device's
 * operations: the first round uploads them and merges the folder's, so a device that had a library
 * before connecting keeps all of it. Everything sync knew before (another folder, an old id) is
 * forgotten, except, when `keepMerged` (a split after a copied profile), the operations already merged.
 */
export async function startRecording(db: PapershelfDatabase, name: string, connection: SyncConnection | undefined, keepMerged = false): Promise<DeviceRow> {
  const device: DeviceRow = { id: randomDeviceId(), name };
  await db.transaction('rw', [db.papers, db.settings, db.syncOps, db.syncState], async () => {
    const old = await db.syncState.get('connection');
    const clock = (await db.syncState.get('clock'))?.value as Hlc | undefined;
    const frontier = (await db.syncState.get('frontier'))?.value;
    await db.syncState.clear();
    if (keepMerged) {
      await db.syncOps.where('pending').equals(1).delete();
      if (clock) await db.syncState.put({ key: 'clock', value: { ...clock, device: device.id } });
      if (frontier) await db.syncState.put({ key: 'frontier', value: frontier });
    } else await db.syncOps.clear();
    await db.syncState.put({ key: 'device', value: device });
    const kept = connection ?? (old?.value as SyncConnection | undefined);
    if (kept) await db.syncState.put({ key: 'connection', value: kept });
    const papers = await db.papers.toArray();
    const settings = await db.settings.bulkGet([SETTINGS_KEY, RULES_KEY]);
    await recordChanges(dexieAccess(db), [
      ...papers.map((paper) => ({ table: 'papers' as const, before: undefined, after: paper })),
      ...settings.flatMap((row) => (row ? [{ table: 'settings' as const, before: undefined, after: row }] : [])),
    ]);
  });
  return device;
}

/** Forgets the server, the credentials and the log; the library stays as it is and nothing more is recorded. */
export async function stopRecording(db: PapershelfDatabase): Promise<void> {
  await db.transaction('rw', db.syncOps, db.syncState, async () => {
    await db.syncOps.clear();
    await db.syncState.clear();
  });
}

export async function renameDevice(db: PapershelfDatabase, name: string): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    const device = await readDevice(db);
    if (device) await db.syncState.put({ key: 'device', value: { ...device, name } });
  });
}

/** The engine's view of this device's library (lib/sync/engine.ts), over the background's IndexedDB. */
export class DexieSyncStore implements SyncStore {
  private constructor(
    private readonly db: PapershelfDatabase,
    private readonly device: DeviceRow,
    private readonly onMerged: (outcome: MergeOutcome) => void,
  ) {}

  /** The store of the connected device, or undefined when sync is not connected. */
  static async open(db: PapershelfDatabase, onMerged: (outcome: MergeOutcome) => void = () => undefined): Promise<DexieSyncStore | undefined> {
    const device = await readDevice(db);
    return device ? new DexieSyncStore(db, device, onMerged) : undefined;
  }

  get deviceId(): string {
    return this.device.id;
  }

  get deviceName(): string {
    return this.device.name;
  }

  async pendingOperations(limit: number): Promise<Operation[]> {
    const rows = await this.db.syncOps.where('pending').equals(1).limit(limit).toArray();
    return rows.map((row) => row.op);
  }

  async markUploaded(operations: readonly Operation[], fileName: string, size: number): Promise<void> {
    await this.db.transaction('rw', this.db.syncOps, this.db.syncState, async () => {
      const keys = operations.map((op) => operationRow(op, false).key);
      const rows = (await this.db.syncOps.bulkGet(keys)).filter((row): row is OperationRow => row !== undefined);
      await this.db.syncOps.bulkPut(rows.map(({ pending: _uploaded, ...row }) => row));
      const uploaded = await this.uploadedRecord();
      await this.db.syncState.put({ key: 'uploaded', value: { ...uploaded, [fileName]: size } });
    });
  }

  private async uploadedRecord(): Promise<Record<string, number>> {
    return ((await this.db.syncState.get('uploaded'))?.value as Record<string, number> | undefined) ?? {};
  }

  async uploadedFiles(): Promise<ReadonlyMap<string, number>> {
    return new Map(Object.entries(await this.uploadedRecord()));
  }

  async mergedFiles(): Promise<ReadonlySet<string>> {
    return new Set(((await this.db.syncState.get('merged'))?.value as string[] | undefined) ?? []);
  }

  async forgetUploaded(files: readonly string[]): Promise<void> {
    await this.db.transaction('rw', this.db.syncState, async () => {
      const uploaded = await this.uploadedRecord();
      for (const file of files) delete uploaded[file];
      await this.db.syncState.put({ key: 'uploaded', value: uploaded });
    });
  }

  async replica(): Promise<ReplicaState> {
    const state = emptyReplica();
    await this.db.syncOps.each((row) => applyOperation(state, row.op));
    return state;
  }

  /**
   * Stores the other devices' operations and writes the merged state of every paper they touch
   * (a tombstone deletes it), in one transaction that is not recorded again as this device's
   * operations. A merged paper whose citation key another paper of this library holds loses it,
   * and gets a fresh one in a recorded write right after (as any paper entering the library does).
   */
  async mergeRemote(operations: readonly Operation[], files: readonly string[]): Promise<void> {
    const db = this.db;
    const outcome: MergeOutcome = { states: {}, contextChanged: false };
    await db.transaction('rw', [db.papers, db.settings, db.syncOps, db.syncState], async () => {
      markAsMerge(Dexie.currentTransaction.idbtrans);
      await db.syncOps.bulkPut(operations.map((op) => operationRow(op, false)));
      const merged = new Set([...(((await db.syncState.get('merged'))?.value as string[] | undefined) ?? []), ...files]);
      await db.syncState.put({ key: 'merged', value: [...merged] });
      if (operations.length === 0) return;

      const clock = new HlcClock(this.device.id, Date.now, ((await db.syncState.get('clock'))?.value as Hlc | undefined) ?? undefined);
      const frontier = { ...(((await db.syncState.get('frontier'))?.value as Record<string, string> | undefined) ?? {}) };
      let latest: Hlc | undefined;
      for (const op of operations) {
        latest = laterHlc(latest, op.clock);
        const key = hlcKey(op.clock);
        if (op.clock.device !== this.device.id && (frontier[op.clock.device] ?? '') < key) frontier[op.clock.device] = key;
      }
      if (latest) clock.observe(latest);
      await db.syncState.put({ key: 'clock', value: clock.current });
      await db.syncState.put({ key: 'frontier', value: frontier });

      const papers = [...new Set(operations.flatMap((op) => (op.kind === 'setting' || op.kind === 'rule' ? [] : [op.paper])))];
      const state = mergeOperations((await db.syncOps.where('target').anyOf(papers).toArray()).map((row) => row.op));
      const current = await db.papers.bulkGet(papers);
      const puts: PaperRecord[] = [];
      const deletes: string[] = [];
      const now = Date.now();
      papers.forEach((id, index) => {
        const local = current[index];
        const paper = mergedPaper(state, id);
        if (!paper) {
          if (local) {
            deletes.push(id);
            outcome.states[id] = { saved: false, hidden: false, tags: [] };
          }
          return;
        }
        // A field this version cannot store (or another device's damaged value) keeps the paper as it is here.
        const parsed = PaperRecordSchema.safeParse(recordFromMerged(paper, now));
        if (!parsed.success || sameRecord(local, parsed.data)) return;
        puts.push(parsed.data);
        outcome.states[id] = stateOf(parsed.data);
      });
      await writeWithUniqueKeys(db, state, puts, deletes, outcome.states);

      if (operations.some((op) => op.kind === 'setting')) {
        const settingOps = (await db.syncOps.where('target').startsWith('setting:').toArray()).map((row) => row.op);
        const { settings, rules } = settingsFromMerged(mergedLibrary(mergeOperations(settingOps)).settings);
        if (settings) {
          const stored = ((await db.settings.get(SETTINGS_KEY))?.value as Record<string, unknown> | undefined) ?? {};
          const next = { ...stored, ...settings };
          if (JSON.stringify(next) !== JSON.stringify(stored)) {
            await db.settings.put({ key: SETTINGS_KEY, value: next });
            outcome.contextChanged = true;
          }
        }
        if (rules !== undefined && JSON.stringify(rules) !== JSON.stringify((await db.settings.get(RULES_KEY))?.value)) {
          await db.settings.put({ key: RULES_KEY, value: rules });
          outcome.contextChanged = true;
        }
      }
    });
    if (Object.keys(outcome.states).length > 0 || outcome.contextChanged) this.onMerged(outcome);
  }
}

/** When a paper's citation key was set: the earlier setting keeps the key when two papers claim one. */
function keyClock(state: ReplicaState, id: string): string {
  const clock = state.papers.get(id)?.fields.get('citationKey')?.clock;
  return clock ? hlcKey(clock) : '~';
}

/**
 * Writes the merged papers and deletions. Two devices may each give a different paper the same
 * citation key (both are "vaswani2017attention" until one is suffixed): every device resolves it the
 * same way, from the merged state alone, so their libraries still agree without another operation.
 * The paper whose key was set first keeps it; the other gets the key followed by its arXiv id,
 * unique because ids are.
 */
async function writeWithUniqueKeys(db: PapershelfDatabase, state: ReplicaState, puts: PaperRecord[], deletes: readonly string[], states: StateMap): Promise<void> {
  const deleting = new Set(deletes);
  const byId = new Map(puts.map((record) => [record.id, record]));
  // Papers outside this merge that hold a contested key take part with their own history.
  for (const record of [...puts]) {
    const key = record.citationKey;
    if (!key) continue;
    const holders = await db.papers.where('citationKey').equals(key).toArray();
    for (const holder of holders) {
      if (holder.id === record.id || deleting.has(holder.id) || byId.has(holder.id)) continue;
      mergeOperations((await db.syncOps.where('target').equals(holder.id).toArray()).map((row) => row.op), state);
      byId.set(holder.id, holder);
      puts.push(holder);
    }
  }
  const claimants = new Map<string, PaperRecord[]>();
  for (const record of puts) if (record.citationKey) claimants.set(record.citationKey, [...(claimants.get(record.citationKey) ?? []), record]);
  const finalKey = new Map<string, string | undefined>();
  for (const [key, records] of claimants) {
    records.sort((a, b) => (keyClock(state, a.id) < keyClock(state, b.id) ? -1 : keyClock(state, a.id) > keyClock(state, b.id) ? 1 : a.id < b.id ? -1 : 1));
    records.forEach((record, index) => finalKey.set(record.id, index === 0 ? key : `${key}-${record.id.replace(/[^A-Za-z0-9.]/g, '.')}`.slice(0, LIMITS.citationKey)));
  }
  const current = await db.papers.bulkGet(puts.map((record) => record.id));
  // Keys change hands inside one transaction: release every key that moves before any is taken.
  const releasing = current.filter((record): record is PaperRecord => record !== undefined && record.citationKey !== undefined && record.citationKey !== finalKey.get(record.id));
  await db.papers.bulkPut(releasing.map(({ citationKey: _released, ...record }) => record));
  await db.papers.bulkDelete([...deletes]);
  const written = puts.map((record) => {
    const key = finalKey.get(record.id);
    const { citationKey: _merged, ...rest } = record;
    return key === undefined ? rest : { ...rest, citationKey: key };
  });
  await db.papers.bulkPut(written);
  for (const record of written) states[record.id] = stateOf(record);
}
