import { readAutoBackupFile, type AutoBackup } from '../db/auto-backups';
import { t } from '../i18n/t';
import { downloadText } from '../ui/download';
import { db } from './library-db';

/** `papershelf-before-replace-2026-12-05-0551.json`: the local time it was taken, as the user reads it. */
export function autoBackupFileName(takenAt: number): string {
  const at = new Date(takenAt);
  const day = [at.getFullYear(), at.getMonth() + 1, at.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
  const time = [at.getHours(), at.getMinutes()].map((part) => String(part).padStart(2, '0')).join('');
  return `papershelf-before-replace-${day}-${time}.json`;
}

/** Downloads one automatic backup; returns what it did, in words. */
export async function downloadAutoBackup(backup: AutoBackup): Promise<string> {
  const text = backup.id === undefined ? undefined : await readAutoBackupFile(db, backup.id);
  if (text === undefined) throw new Error('this backup is no longer stored');
  const fileName = autoBackupFileName(backup.takenAt);
  downloadText(document, fileName, text, 'application/json');
  return t('downloadedFile', fileName);
}
