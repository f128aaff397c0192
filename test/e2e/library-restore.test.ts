import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { backupPapers, createBackup, parseBackup, serializeBackup } from '../../lib/import/backup-schema';
import type { PaperRecord } from '../../lib/paper/model';
import type { Rule } from '../../lib/rules/model';
import { BROWSER_PATH, READ_LIBRARY, launch, readLibrary, type Session, closeSession } from './harness.ts';

/**
 * Restoring a backup with Replace on the library page: the page asks first, naming in numbers what
 * would be lost; "Keep the library" changes nothing; "Replace the library" writes papers, settings
 * and rules at once, and the library it replaced is listed under Backup, downloadable, equal to
 * what was there.
 */
const T = 1_780_000_000_000;

function record(n: number, extra: Partial<PaperRecord> = {}): PaperRecord {
  const arxiv = `2406.${String(n).padStart(5, '0')}`;
  return {
    id: `arxiv:${arxiv}`,
    title: `Restore Paper ${n}`,
    authors: ['Ada Lovelace'],
    publishedAt: '2024-06-01',
    sources: { arxiv: `https://arxiv.org/abs/${arxiv}` },
    citationKey: `restore${n}`,
    tags: n % 2 === 0 ? ['reading'] : [],
    savedAt: T + n,
    createdAt: T,
    updatedAt: T,
    ...extra,
  };
}

const rule = (id: string, pattern: string): Rule => ({ id, enabled: true, target: 'text', match: 'word', pattern, action: 'hide', createdAt: T });

const byId = <R extends Record<string, unknown>>(records: readonly R[]): R[] => [...records].sort((a, b) => String(a['id']).localeCompare(String(b['id'])));

describe.skipIf(!BROWSER_PATH)('the library page: Replace keeps what it replaces', () => {
  let session: Session;
  let page: Page;
  let errors: string[];

  /** A request to the background from the library page, as its own sections send them. */
  const send = (request: unknown) =>
    page.evaluate(async (message) => {
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome;
      return runtime.sendMessage(message);
    }, request);
  const settingsRow = (key: string) =>
    page.evaluate(
      (wanted) =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open('papershelf');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('settings').objectStore('settings').get(wanted);
            request.onsuccess = () => resolve(request.result?.value);
            request.onerror = () => reject(request.error);
          };
        }),
      key,
    );

  beforeAll(async () => {
    session = await launch();
    ({ page, errors } = await session.openLibrary());
  });
  afterAll(() => closeSession(session));

  test('asks with counts, keeps on No, replaces papers, settings and rules on Yes, and offers the old library for download', async () => {
    // The library now: 5 papers (one hidden), 2 rules, settings off their defaults.
    const oldRecords = [1, 2, 3, 4].map((n) => record(n)).concat(record(5, { hiddenAt: T + 99 }));
    const seeded = createBackup(oldRecords, T);
    expect(await send({ type: 'ui:import', papers: backupPapers(seeded), mode: 'merge' })).toMatchObject({ ok: true });
    const oldRules = [rule('r1', 'diffusion'), rule('r2', 'quantum')];
    expect(await send({ type: 'ui:saveRules', rules: oldRules })).toMatchObject({ ok: true });
    const oldSettings = { bibtexJournalStyle: 'arxiv-journal', bibtexAscii: true, keyboardShortcuts: false, metadataLookups: false, forYou: false };
    expect(await send({ type: 'ui:saveSettings', settings: oldSettings })).toMatchObject({ ok: true });
    await expect.poll(async () => (await readLibrary(session)).length, READ_LIBRARY).toBe(5);
    const oldLibrary = byId(await readLibrary(session));

    // The backup to restore: 2 other papers, 1 rule, default settings.
    const newRecords = [record(10), record(11)];
    const newRules = [rule('r9', 'robots')];
    const newSettings = { bibtexJournalStyle: 'eprint', bibtexAscii: false, keyboardShortcuts: true, metadataLookups: true, forYou: true };
    const file = serializeBackup(createBackup(newRecords, T + 5_000, { settings: newSettings, rules: newRules }));
    await page.getByLabel('Import a file').setInputFiles({ name: 'restore.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    const preview = page.getByRole('region', { name: 'Import preview' });
    await preview.getByRole('radio', { name: /^Replace/ }).check();
    await preview.getByRole('button', { name: 'Import 2 papers' }).click();

    // The question names what would be lost; the safe answer has the focus.
    const question = preview.getByRole('alertdialog', { name: 'Confirm Replace' });
    await question.waitFor();
    expect(await question.getByText('Replace 5 papers, 2 rules and your settings with 2 papers, 1 rule and its settings from this backup?').count()).toBe(1);
    const keep = question.getByRole('button', { name: 'Keep the library' });
    expect(await keep.evaluate((button) => button === document.activeElement)).toBe(true);
    await keep.click();
    expect(await question.count()).toBe(0);
    expect(byId(await readLibrary(session))).toEqual(oldLibrary);
    expect(await page.getByRole('list', { name: 'Automatic backups' }).count()).toBe(0);

    // Asked again, and this time yes.
    await preview.getByRole('button', { name: 'Import 2 papers' }).click();
    await question.getByRole('button', { name: 'Replace the library' }).click();
    await page.getByRole('status').filter({ hasText: 'The library was replaced by the backup.' }).waitFor();
    expect(byId(await readLibrary(session))).toEqual(byId(newRecords));
    expect(await settingsRow('rules')).toEqual(newRules);
    expect(await settingsRow('settings')).toEqual(newSettings);

    // The replaced library is listed, and downloads equal to what was there.
    const listed = page.getByRole('list', { name: 'Automatic backups' }).getByRole('listitem');
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.first().textContent()).toMatch(/^Before a Replace on .+: 5 papers, 2 rules, [\d.]+ (bytes|KB|MB)/);
    const [download] = await Promise.all([page.waitForEvent('download'), listed.first().getByRole('button', { name: /^Download the backup from / }).click()]);
    expect(download.suggestedFilename()).toMatch(/^papershelf-before-replace-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
    const kept = parseBackup(readFileSync(await download.path()).toString('utf8'));
    if (!kept.ok) throw new Error(kept.reason);
    expect(byId(kept.backup.papers)).toEqual(oldLibrary);
    expect(kept.backup.rules).toEqual(oldRules);
    expect(kept.backup.settings).toEqual(oldSettings);
    expect(errors).toEqual([]);
  });
});
