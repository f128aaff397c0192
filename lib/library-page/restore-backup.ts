import { checkBackupFile, readBackupBatches, type BackupCheck, type TextSource } from '../import/backup-file';
import { BackupFileError } from '../import/backup-stream';
import { checkImportSize } from '../import/guard';
import { StoredRulesSchema } from '../rules/model';
import { ask, sentence, type Outcome } from '../ui/ask';
import { t } from '../i18n/t';
import { holdLibraryFollowers } from '../ui/library-hold';
import { CHUNK_SIZE } from './chunks';
import { restoredSettings } from './import-file';
import { number, papers } from './library-work';

/**
 * A backup too large for the import preview (over its 20 MB; a year of triage is hundreds of MB)
 * is restored as a stream: checked whole first (one problem and nothing is written), then written
 * a chunk at a time through the background, each chunk put back exactly as the backup holds it
 * (the Undo path, `ui:restorePapers`). A paper in both the library and the backup takes the
 * backup's version; papers only in the library stay.
 *
 * While it writes, open pages hold off following the library (lib/ui/library-hold.ts) and the
 * background leaves what follows a write (listing tabs told, For you, the metadata look-ups of
 * saved papers aside) to one `ui:backupRestored` at the end: per chunk, that work cost more than
 * the chunk's own writing.
 */

/** Whether `file` goes this way: too large for the preview, and not BibTeX. */
export function isLargeBackup(file: File): boolean {
  const name = file.name.toLowerCase();
  return !checkImportSize(file.size).ok && !name.endsWith('.bib') && !name.endsWith('.bibtex');
}

/** The file's text a piece at a time; `onBytes` hears how many bytes are read. */
export function fileText(file: Blob, onBytes: (bytes: number) => void = () => {}): TextSource {
  return async function* () {
    const decoder = new TextDecoder('utf-8');
    const reader = file.stream().getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      yield decoder.decode(value, { stream: true });
      onBytes(bytes);
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  };
}

/** Reads the whole backup and checks every paper; `onProgress` hears the fraction read. */
export function checkLargeBackup(file: File, onProgress: (fraction: number) => void = () => {}): Promise<BackupCheck> {
  return checkBackupFile(fileText(file, (bytes) => onProgress(bytes / Math.max(1, file.size))));
}

/**
 * Writes a checked backup's papers, then its settings and rules. `onProgress` hears how many
 * papers are written. The result says how far it got when a chunk fails.
 */
export async function restoreLargeBackup(file: File, total: number, onProgress: (done: number) => void = () => {}): Promise<Outcome> {
  let done = 0;
  const hold = holdLibraryFollowers();
  let read: Awaited<ReturnType<typeof readBackupBatches>>;
  try {
    read = await readBackupBatches(
      fileText(file),
      async (records) => {
        const reply = await ask({ type: 'ui:restorePapers', papers: records, fromBackup: true });
        // Stops the reading, with the background's reason.
        if (!reply.ok) throw new BackupFileError(reply.error);
        done += records.length;
        hold.renew();
        onProgress(done);
      },
      CHUNK_SIZE,
    );
  } finally {
    // Whatever was written, listing tabs and pages catch up once.
    if (done > 0) await ask({ type: 'ui:backupRestored' });
    hold.release();
  }
  const stopped = (reason: string): Outcome => ({
    tone: 'error',
    text: `${done === 0 ? t('restoreNothingRestored') : t('restorePartlyRestored', number(done), papers(total))} ${sentence(reason)}`,
  });
  if (!read.ok) return stopped(read.reason);
  const settings = await restoredSettings(read.summary.settings);
  const withSettings = settings !== undefined && (await ask({ type: 'ui:saveSettings', settings })).ok;
  const rules = StoredRulesSchema.safeParse(read.summary.rules ?? []);
  const withRules = rules.success && rules.data.length > 0 && (await ask({ type: 'ui:saveRules', rules: rules.data })).ok;
  const restored = withSettings
    ? withRules
      ? t('restoredFromBackupWithSettingsAndRules', papers(done))
      : t('restoredFromBackupWithSettings', papers(done))
    : withRules
      ? t('restoredFromBackupWithRules', papers(done))
      : t('restoredFromBackup', papers(done));
  return { tone: 'done', text: restored };

}
