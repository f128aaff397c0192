import { createBackup, serializeBackup } from '../import/backup-schema';
import { StoredRulesSchema } from '../rules/model';
import { readSettings, RULES_KEY, SETTINGS_KEY } from '../settings';
import { datedFileName, downloadText } from '../ui/download';
import { plural, t } from '../i18n/t';
import { db } from './library-db';

/** Downloads every paper, the settings and the rules; returns what it did, in words. */
export async function downloadBackup(): Promise<string> {
  const [papers, settingsRow, rulesRow] = await db.transaction('r', db.papers, db.settings, () =>
    Promise.all([db.papers.toArray(), db.settings.get(SETTINGS_KEY), db.settings.get(RULES_KEY)]),
  );
  const fileName = datedFileName('json');
  const rules = StoredRulesSchema.safeParse(rulesRow?.value ?? []);
  const backup = createBackup(papers, Date.now(), { settings: readSettings(settingsRow), rules: rules.success ? rules.data : [] });
  downloadText(document, fileName, serializeBackup(backup), 'application/json');
  return t('downloadedBackup', fileName, plural(papers.length, 'paperCountOne', 'paperCountMany', String(papers.length)));
}
