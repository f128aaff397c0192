import { compactOperations } from './compact';
import type { ReplicaState } from './merge';
import type { Operation } from './operation';
import type { RemoteFolder } from './remote-folder';
import { clockKeyOfName, decodeSyncFile, encodeSyncFile, isSyncFileName } from './sync-file';

/**
 * One round of sync with the shared folder. Each device writes only below
 * `papershelf/devices/<its id>/`, so no two devices ever write the same file and no lock is
 * needed; every device reads every other device's files and merges them (merge.ts).
 *
 *   papershelf/devices/<id>/log-<clock>-<sha256>.json.gz       operations made on that device
 *   papershelf/devices/<id>/snapshot-<clock>-<sha256>.json.gz  everything it had merged, compacted
 *   papershelf/devices/<id>/device.json                          its name, when it synced, what it merged
 *
 * A device removes its own old files only once every other device says it has merged past them.
 */
export const ROOT = 'papershelf/devices';

/** What this device keeps between rounds: the library side of sync (the background's IndexedDB). */
export interface SyncStore {
  readonly deviceId: string;
  readonly deviceName: string;
  /** Operations made on this device and not yet uploaded, oldest first; at most `limit` of them. */
  pendingOperations(limit: number): Promise<Operation[]>;
  /** Those operations are now in `fileName` (of `size` bytes) on the server. */
  markUploaded(operations: readonly Operation[], fileName: string, size: number): Promise<void>;
  /** This device's own files on the server, as it wrote them: name and size in bytes. */
  uploadedFiles(): Promise<ReadonlyMap<string, number>>;
  /** Files of other devices already merged, as `<device>/<file name>`. */
  mergedFiles(): Promise<ReadonlySet<string>>;
  /**
   * Applies other devices' operations to the library, remembers the files they came from, and
   * moves this device's clock past theirs (so its next operations, and its next files, sort later).
   */
  mergeRemote(operations: readonly Operation[], files: readonly string[]): Promise<void>;
  /** The merged state, for a snapshot. */
  replica(): Promise<ReplicaState>;
  /** Forgets own files that were removed from the server after a snapshot replaced them. */
  forgetUploaded(files: readonly string[]): Promise<void>;
}

export interface DeviceInfo {
  id: string;
  name: string;
  /** Milliseconds since the epoch of the device's last completed round. */
  lastSync: number;
  /** For each device, the latest file of it this device has merged (a clock key). */
  merged: Record<string, string>;
}

export interface SyncReport {
  uploadedOperations: number;
  uploadedBytes: number;
  downloadedFiles: number;
  downloadedBytes: number;
  mergedOperations: number;
  /** Files skipped this round, with the reason in words (they are tried again next round). */
  skipped: string[];
  devices: DeviceInfo[];
  /** Another installation writes under this device's id (a copied profile): the caller must take a new id. */
  duplicateDevice: boolean;
  removedFiles: number;
}

export interface SyncOptions {
  now: () => number;
  /** Own log files past which the next round writes a snapshot. */
  compactAfterLogs?: number;
  /** Operations per uploaded log file (a first sync of a large library goes up in several). */
  operationsPerFile?: number;
}

/**
 * A first sync of 100,000 papers is about two million operations: uploaded in files of this many,
 * one at a time, so memory holds one file's worth, and 100,000 papers still fit in the 20 logs
 * before a snapshot.
 */
export const OPERATIONS_PER_FILE = 100_000;

const DEVICE_FILE = 'device.json';

function parseDeviceInfo(bytes: Uint8Array | undefined, id: string): DeviceInfo | undefined {
  if (!bytes) return undefined;
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as Partial<DeviceInfo>;
    if (typeof value.name !== 'string' || typeof value.lastSync !== 'number' || typeof value.merged !== 'object' || value.merged === null) return undefined;
    const merged: Record<string, string> = {};
    for (const [device, key] of Object.entries(value.merged)) if (typeof key === 'string') merged[device] = key;
    return { id, name: value.name.slice(0, 100), lastSync: value.lastSync, merged };
  } catch {
    return undefined;
  }
}

/** The files of one device folder to read: the newest snapshot not yet merged, and the logs after it. */
function filesToRead(names: readonly string[], merged: ReadonlySet<string>, device: string): { read: string[]; covered: string[] } {
  const syncFiles = names.filter(isSyncFileName).filter((name) => !merged.has(`${device}/${name}`));
  const snapshots = syncFiles.filter((name) => name.startsWith('snapshot-')).sort((a, b) => (clockKeyOfName(a)! < clockKeyOfName(b)! ? -1 : 1));
  const newest = snapshots.at(-1);
  if (!newest) return { read: syncFiles.filter((name) => name.startsWith('log-')), covered: [] };
  const after = clockKeyOfName(newest)!;
  const logs = syncFiles.filter((name) => name.startsWith('log-'));
  return {
    read: [newest, ...logs.filter((name) => clockKeyOfName(name)! > after)],
    // Everything the snapshot already holds counts as merged once the snapshot is.
    covered: [...snapshots.slice(0, -1), ...logs.filter((name) => clockKeyOfName(name)! <= after)],
  };
}

export async function syncOnce(folder: RemoteFolder, store: SyncStore, options: SyncOptions): Promise<SyncReport> {
  const own = `${ROOT}/${store.deviceId}`;
  const report: SyncReport = { uploadedOperations: 0, uploadedBytes: 0, downloadedFiles: 0, downloadedBytes: 0, mergedOperations: 0, skipped: [], devices: [], duplicateDevice: false, removedFiles: 0 };
  await folder.ensureFolder(own);

  const perFile = options.operationsPerFile ?? OPERATIONS_PER_FILE;
  for (;;) {
    const pending = await store.pendingOperations(perFile);
    if (pending.length === 0) break;
    const file = await encodeSyncFile({ kind: 'log', device: store.deviceId, operations: pending });
    await folder.write(`${own}/${file.name}`, file.bytes);
    // Marked only once on the server: a round cut off here uploads these again, under the same name.
    await store.markUploaded(pending, file.name, file.bytes.byteLength);
    report.uploadedOperations += pending.length;
    report.uploadedBytes += file.bytes.byteLength;
    if (pending.length < perFile) break;
  }

  const uploaded = await store.uploadedFiles();
  const merged = await store.mergedFiles();
  const devices = (await folder.list(ROOT)).filter((entry) => entry.folder && /^[A-Za-z0-9_-]{1,64}$/.test(entry.name)).map((entry) => entry.name);
  const operations: Operation[] = [];
  const mergedNow: string[] = [];
  const ownNames: string[] = [];
  const infos: DeviceInfo[] = [];
  const damagedOwn: string[] = [];
  for (const device of devices) {
    const entries = (await folder.list(`${ROOT}/${device}`)).filter((entry) => !entry.folder);
    const names = entries.map((entry) => entry.name);
    const info = parseDeviceInfo(names.includes(DEVICE_FILE) ? await folder.read(`${ROOT}/${device}/${DEVICE_FILE}`) : undefined, device);
    if (device === store.deviceId) {
      const listed = new Map(entries.filter((entry) => isSyncFileName(entry.name)).map((entry) => [entry.name, entry.size]));
      ownNames.push(...listed.keys());
      if (ownNames.some((name) => !uploaded.has(name))) report.duplicateDevice = true;
      // An own file gone or not whole on the server (a torn upload, a damaged copy): a snapshot replaces it.
      for (const [name, size] of uploaded) {
        const onServer = listed.get(name);
        if (!listed.has(name) || (onServer !== undefined && onServer !== size)) damagedOwn.push(name);
      }
      continue;
    }
    if (info) infos.push(info);
    const { read, covered } = filesToRead(names, merged, device);
    const readNow: string[] = [];
    for (const name of read) {
      const bytes = await folder.read(`${ROOT}/${device}/${name}`);
      if (!bytes) continue;
      report.downloadedFiles += 1;
      report.downloadedBytes += bytes.byteLength;
      const decoded = await decodeSyncFile(name, bytes, device);
      if (!decoded.ok) {
        report.skipped.push(decoded.reason);
        continue;
      }
      operations.push(...decoded.file.operations);
      readNow.push(`${device}/${name}`);
    }
    // A snapshot that could not be read covers nothing yet.
    const snapshotRead = read[0]?.startsWith('snapshot-') && readNow.includes(`${device}/${read[0]}`);
    mergedNow.push(...readNow, ...(snapshotRead ? covered.map((name) => `${device}/${name}`) : []));
  }
  if (operations.length > 0 || mergedNow.length > 0) await store.mergeRemote(operations, mergedNow);
  report.mergedOperations = operations.length;

  const allMerged = new Set([...merged, ...mergedNow]);
  const mine: DeviceInfo = { id: store.deviceId, name: store.deviceName, lastSync: options.now(), merged: latestMergedPerDevice(allMerged) };
  await folder.write(`${own}/${DEVICE_FILE}`, new TextEncoder().encode(JSON.stringify({ name: mine.name, lastSync: mine.lastSync, merged: mine.merged })));
  report.devices = [mine, ...infos].sort((a, b) => (a.id < b.id ? -1 : 1));

  if (!report.duplicateDevice) report.removedFiles = await compact(folder, store, own, ownNames, infos, damagedOwn, options.compactAfterLogs ?? 20);
  return report;
}

function latestMergedPerDevice(files: ReadonlySet<string>): Record<string, string> {
  const latest: Record<string, string> = {};
  for (const file of files) {
    const [device, name] = file.split('/') as [string, string];
    const key = clockKeyOfName(name);
    if (key && (!latest[device] || key > latest[device]!)) latest[device] = key;
  }
  return latest;
}

/**
 * Past `threshold` own logs, or when an own file is missing or damaged on the server: writes a
 * snapshot of everything merged (which holds what those files held), then removes own files that
 * every other device has merged past (their device.json says so). A device that has not said
 * anything yet keeps every file from being removed: it may still need them.
 */
async function compact(folder: RemoteFolder, store: SyncStore, own: string, ownNames: readonly string[], others: readonly DeviceInfo[], damaged: readonly string[], threshold: number): Promise<number> {
  let names = [...ownNames];
  const previous = names.filter((name) => name.startsWith('snapshot-')).map((name) => clockKeyOfName(name)!).sort().at(-1) ?? '';
  const logsSince = names.filter((name) => name.startsWith('log-') && clockKeyOfName(name)! > previous);
  if (logsSince.length > threshold || damaged.length > 0) {
    const operations = compactOperations(await store.replica());
    if (operations.length > 0) {
      const snapshot = await encodeSyncFile({ kind: 'snapshot', device: store.deviceId, operations });
      await folder.write(`${own}/${snapshot.name}`, snapshot.bytes);
      await store.markUploaded([], snapshot.name, snapshot.bytes.byteLength);
      names = [...names, snapshot.name];
    }
  }
  const snapshots = names.filter((name) => name.startsWith('snapshot-')).sort((a, b) => (clockKeyOfName(a)! < clockKeyOfName(b)! ? -1 : 1));
  const newest = snapshots.at(-1);
  if (!newest) return 0;
  const everyoneMergedTo = (key: string) => others.every((info) => (info.merged[store.deviceId] ?? '') >= key);
  // Damaged files go at once: readers skip them anyway, and the new snapshot holds what they held.
  const removable = names.filter((name) => name !== newest && (damaged.includes(name) || (clockKeyOfName(name)! <= clockKeyOfName(newest)! && everyoneMergedTo(clockKeyOfName(name)!))));
  const missing = damaged.filter((name) => !names.includes(name));
  for (const name of removable) await folder.remove(`${own}/${name}`);
  if (removable.length + missing.length > 0) await store.forgetUploaded([...removable, ...missing]);
  return removable.length;
}
