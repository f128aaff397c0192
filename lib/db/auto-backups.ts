import type { PapershelfDatabase } from './database';

/**
 * Automatic backups: before a Replace overwrites the library, the repository keeps it as a backup
 * file (the same format as "Download backup"), so a wrong file or a wrong click can be undone from
 * the library page. Each is kept at least {@link AUTO_BACKUP_KEEP_DAYS} days, and the newest
 * {@link AUTO_BACKUP_KEEP_AT_LEAST} whatever their age.
 */

/** One automatic backup as the library page lists it: small, without the papers. */
export interface AutoBackup {
  /** Auto-increment key (schema v4); the file in `backupFiles` has the same one. */
  id?: number;
  /** When it was taken (ms since epoch): just before the Replace. */
  takenAt: number;
  /** Why it was taken; only a Replace takes one today. */
  reason: 'replace';
  /** What it holds, for the list: papers and rules. */
  papers: number;
  rules: number;
  /** The size of the file a download gives, in bytes (UTF-8 JSON). */
  bytes: number;
}

/** The file itself: plain JSON when taken, gzip once compressed (after the Replace has committed). */
export interface AutoBackupFile {
  id: number;
  text?: string;
  gzip?: Uint8Array;
}

export const AUTO_BACKUP_KEEP_DAYS = 7;
export const AUTO_BACKUP_KEEP_MS = AUTO_BACKUP_KEEP_DAYS * 24 * 60 * 60 * 1000;
export const AUTO_BACKUP_KEEP_AT_LEAST = 3;

/**
 * The ids of the backups to delete at `now`: older than seven days and not among the newest few.
 * A backup younger than seven days is never deleted, however many there are.
 */
export function backupsToPrune(backups: readonly AutoBackup[], now: number): number[] {
  const newestFirst = [...backups].sort((a, b) => b.takenAt - a.takenAt);
  return newestFirst
    .slice(AUTO_BACKUP_KEEP_AT_LEAST)
    .filter((backup) => now - backup.takenAt > AUTO_BACKUP_KEEP_MS)
    .flatMap((backup) => (backup.id === undefined ? [] : [backup.id]));
}

/** Deletes the backups {@link backupsToPrune} names, with their files. Joins the caller's transaction. */
export async function pruneAutoBackups(db: PapershelfDatabase, now: number): Promise<number[]> {
  const ids = backupsToPrune(await db.backups.toArray(), now);
  if (ids.length > 0) {
    await db.backups.bulkDelete(ids);
    await db.backupFiles.bulkDelete(ids);
  }
  return ids;
}

/**
 * Replaces a stored backup's JSON by its gzip, when the browser can compress (a library's JSON
 * shrinks to about a fifth). Runs after the Replace committed: compressing awaits a stream, which
 * an IndexedDB transaction cannot outlive. A failure leaves the JSON as it was.
 */
export async function compressAutoBackup(db: PapershelfDatabase, id: number): Promise<void> {
  if (typeof CompressionStream === 'undefined') return;
  const file = await db.backupFiles.get(id);
  if (file?.text === undefined) return;
  const gzip = await transform(new TextEncoder().encode(file.text), new CompressionStream('gzip'));
  await db.transaction('rw', db.backupFiles, async () => {
    // Pruned meanwhile: nothing to compress.
    if (await db.backupFiles.get(id)) await db.backupFiles.put({ id, gzip });
  });
}

/** A stored backup's file as text (the backup format), or undefined when it is gone. */
export async function readAutoBackupFile(db: PapershelfDatabase, id: number): Promise<string | undefined> {
  const file = await db.backupFiles.get(id);
  if (!file) return undefined;
  if (file.text !== undefined) return file.text;
  if (file.gzip === undefined) return undefined;
  return new TextDecoder().decode(await transform(file.gzip, new DecompressionStream('gzip')));
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}
