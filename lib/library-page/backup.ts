import { backupPieces } from '../import/backup-writer';
import type { PaperRecord } from '../paper/model';
import { StoredRulesSchema } from '../rules/model';
import { readSettings, RULES_KEY, SETTINGS_KEY } from '../settings';
import { datedFileName, downloadBlob } from '../ui/download';
import { plural, t } from '../i18n/t';
import { readPage, type PageCursor } from '../ui/paged-papers';
import { db } from './library-db';

/** Papers read from the library per request while a backup is written. */
const BACKUP_BATCH = 2_000;

/**
 * The whole library as a backup file, built without holding it: the papers are read in id order a
 * batch at a time (each batch its own short read, so the background's writes are not held up for
 * the length of a million-paper backup), each batch becomes one part of a Blob, and the Blob, whose
 * bytes the browser keeps out of the page's heap, goes to the downloads. `onProgress` hears how
 * many papers are written.
 */
export async function backupBlob(onProgress: (papers: number) => void = () => {}): Promise<{ blob: Blob; papers: number }> {
  const [settingsRow, rulesRow] = await Promise.all([db.settings.get(SETTINGS_KEY), db.settings.get(RULES_KEY)]);
  const rules = StoredRulesSchema.safeParse(rulesRow?.value ?? []);
  let count = 0;
  async function* batches(): AsyncGenerator<PaperRecord[]> {
    let after: PageCursor | undefined;
    do {
      const page = await readPage(db, 'all', after, BACKUP_BATCH);
      count += page.papers.length;
      yield page.papers;
      onProgress(count);
      after = page.next;
    } while (after);
  }
  const parts: Blob[] = [];
  for await (const piece of backupPieces(batches(), Date.now(), { settings: readSettings(settingsRow), rules: rules.success ? rules.data : [] })) {
    parts.push(new Blob(piece));
  }
  return { blob: new Blob(parts, { type: 'application/json' }), papers: count };
}

/** Downloads every paper, the settings and the rules; returns what it did, in words. */
export async function downloadBackup(onProgress?: (papers: number) => void): Promise<string> {
  const { blob, papers } = await backupBlob(onProgress);
  const fileName = datedFileName('json');
  downloadBlob(document, fileName, blob);
  return t('downloadedBackup', fileName, plural(papers, 'paperCountOne', 'paperCountMany', String(papers)));
}
