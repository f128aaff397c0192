import { t } from '../i18n/t';
import type { PapershelfDatabase } from '../db/database';
import { DexieSyncStore, readConnection, readDevice, renameDevice, startRecording, stopRecording, type MergeOutcome, type SyncConnection } from '../db/sync-store';
import type { SyncDevice, SyncStatus, SyncUiRequest } from '../messaging/sync-protocol';
import { syncOnce, type SyncReport } from '../sync/engine';
import { WebDavFolder } from '../webdav/client';
import { isTransient, WebDavError } from '../webdav/errors';
import { checkFolder } from '../sync/connect-check';

/**
 * Sync in the background (issue #15): keeps the connection in the background's IndexedDB, runs a
 * round after changes (debounced), on the alarm, at start and when the network returns, backs off
 * after failures, and says how it went as a SyncStatus. Only the background talks to the server;
 * pages send requests (answer) and hear `background:syncChanged` (push).
 */
export interface SyncServiceOptions {
  fetch: typeof fetch;
  /** Tells extension pages the status changed (`background:syncChanged`). */
  push(status: SyncStatus): void;
  /** Tells tabs and pages what a merge changed in the library. */
  merged(outcome: MergeOutcome): void;
  /** The default name of this device ("Chrome on Linux"). */
  defaultDeviceName: string;
  now?: () => number;
  /** A round this long after the last change (changes made in a burst travel together). */
  debounceMs?: number;
}

export type SyncReply = { ok: true; result: SyncStatus } | { ok: false; error: string };

export interface SyncService {
  answer(request: SyncUiRequest): Promise<SyncReply>;
  /** The library changed here: a round soon. */
  libraryChanged(): void;
  /**
   * The alarm or the worker starting: a round now, unless a failure's back-off is not over.
   * `force` (the network came back): a round now whatever the back-off.
   */
  wake(force?: boolean): Promise<void>;
  /** Runs a round now and waits for it (tests, Sync now). */
  syncNow(): Promise<SyncStatus>;
}

const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 30 * 60_000;
export const SYNC_ALARM = 'papershelf-sync';
export const SYNC_ALARM_MINUTES = 10;

interface Remembered {
  lastSync?: number;
  devices: SyncDevice[];
  failures: number;
  nextAttemptAt?: number;
  problem?: string;
  state: SyncStatus['state'];
}

function describeFailure(error: unknown): { state: 'offline' | 'error'; problem: string } {
  if (error instanceof WebDavError) return { state: isTransient(error) ? 'offline' : 'error', problem: error.message.slice(0, 500) };
  if (error instanceof Error && (error.name === 'QuotaExceededError' || /quota/i.test(error.message))) {
    return { state: 'error', problem: t('syncStorageFull') };
  }
  return { state: 'error', problem: t('syncUnexpectedProblem') };
}

function skippedProblem(report: SyncReport): string | undefined {
  if (report.skipped.length === 0) return undefined;
  const first = report.skipped[0]!;
  const words = report.skipped.length === 1 ? t('syncSkippedOne', first) : t('syncSkippedMany', report.skipped.length, first);
  return words.slice(0, 500);
}

export function startSync(db: PapershelfDatabase, options: SyncServiceOptions): SyncService {
  const now = options.now ?? Date.now;
  const debounceMs = options.debounceMs ?? 3_000;
  let remembered: Remembered | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const load = async (): Promise<Remembered> => {
    remembered ??= ((await db.syncState.get('status'))?.value as Remembered | undefined) ?? { devices: [], failures: 0, state: 'idle' };
    return remembered;
  };
  const save = async (next: Remembered): Promise<void> => {
    remembered = next;
    // Best effort: a status that could not be kept is recomputed by the next round.
    await db.syncState.put({ key: 'status', value: next }).catch(() => undefined);
  };

  /** `settled`: the outcome of the round just awaited, even when another has started since (a change, a retry). */
  const status = async (settled = false): Promise<SyncStatus> => {
    const [connection, device, kept] = await Promise.all([readConnection(db), readDevice(db), load()]);
    const thisDevice: SyncDevice = { id: device?.id ?? '', name: device?.name ?? options.defaultDeviceName, ...(kept.lastSync !== undefined && { lastSync: kept.lastSync }) };
    if (!connection || !device) return { state: 'off', thisDevice, devices: [] };
    const others = kept.devices.filter((entry) => entry.id !== device.id);
    return {
      state: running && !settled ? 'syncing' : kept.state,
      url: connection.url,
      user: connection.user,
      ...(kept.lastSync !== undefined && { lastSync: kept.lastSync }),
      ...(kept.nextAttemptAt !== undefined && { nextAttemptAt: kept.nextAttemptAt }),
      ...(kept.problem !== undefined && { problem: kept.problem }),
      thisDevice,
      devices: [thisDevice, ...others].slice(0, 1000),
    };
  };
  const pushStatus = async () => options.push(await status());

  const scheduleRetry = (delay: number) => {
    if (retry) clearTimeout(retry);
    retry = setTimeout(() => {
      retry = undefined;
      void runRound();
    }, delay);
  };

  async function oneRound(): Promise<void> {
    const connection = await readConnection(db);
    const store = await DexieSyncStore.open(db, options.merged);
    if (!connection || !store) return;
    const folder = new WebDavFolder({ url: connection.url, user: connection.user, password: connection.password, fetch: options.fetch });
    const kept = await load();
    try {
      let report = await syncOnce(folder, store, { now });
      let notice: string | undefined;
      if (report.duplicateDevice) {
        notice = t('syncDuplicateDevice');
        // Another installation writes under this id (a copied profile): this one takes a new id,
        // uploads its library under it and keeps everything it merged.
        await startRecording(db, store.deviceName, undefined, true);
        report = await syncOnce(folder, (await DexieSyncStore.open(db, options.merged))!, { now });
      }
      const devices = report.devices.map((info) => ({ id: info.id, name: info.name.slice(0, 80), lastSync: info.lastSync }));
      const problem = notice ?? skippedProblem(report);
      await save({ lastSync: now(), devices, failures: 0, state: 'idle', ...(problem && { problem }) });
    } catch (error) {
      const failures = kept.failures + 1;
      const delay = Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS);
      const { state, problem } = describeFailure(error);
      await save({ ...kept, failures, state, problem, nextAttemptAt: now() + delay });
      scheduleRetry(delay);
    }
  }

  /** One round at a time; a request during a round runs one more right after it. */
  function runRound(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pushStatus();
          await oneRound();
        } while (again);
      } finally {
        running = undefined;
        await pushStatus().catch(() => undefined);
      }
    })();
    return running;
  }

  function libraryChanged(): void {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = undefined;
      void runRound();
    }, debounceMs);
  }

  return {
    async answer(request) {
      switch (request.type) {
        case 'ui:syncStatus':
          return { ok: true, result: await status() };
        case 'ui:syncNow':
          await runRound();
          return { ok: true, result: await status(true) };
        case 'ui:syncConnect': {
          const connection: SyncConnection = { url: request.url, user: request.user, password: request.password };
          let folder: WebDavFolder;
          try {
            folder = new WebDavFolder({ ...connection, fetch: options.fetch });
          } catch (error) {
            return { ok: false, error: error instanceof Error ? error.message : t('syncFolderUrlUnusable') };
          }
          const problem = await checkFolder(folder);
          if (problem !== undefined) return { ok: false, error: problem };
          if (running) await running;
          await startRecording(db, request.deviceName ?? (await readDevice(db))?.name ?? options.defaultDeviceName, connection);
          await save({ devices: [], failures: 0, state: 'idle' });
          await runRound();
          return { ok: true, result: await status(true) };
        }
        case 'ui:syncDisconnect':
          if (running) await running.catch(() => undefined);
          if (retry) clearTimeout(retry);
          await stopRecording(db);
          await save({ devices: [], failures: 0, state: 'idle' });
          await pushStatus();
          return { ok: true, result: await status() };
        case 'ui:syncRenameDevice':
          await renameDevice(db, request.name);
          await pushStatus();
          // The other devices learn the name from this device's next round.
          libraryChanged();
          return { ok: true, result: await status() };
      }
    },
    libraryChanged,
    async wake(force = false) {
      const kept = await load();
      if (!force && kept.nextAttemptAt !== undefined && kept.failures > 0 && now() < kept.nextAttemptAt) {
        scheduleRetry(kept.nextAttemptAt - now());
        return;
      }
      await runRound();
    },
    async syncNow() {
      await runRound();
      return status(true);
    },
  };
}
