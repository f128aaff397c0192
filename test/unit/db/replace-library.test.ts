// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { AUTO_BACKUP_KEEP_MS, backupsToPrune, readAutoBackupFile, type AutoBackup } from '../../../lib/db/auto-backups';
import { parseBackup } from '../../../lib/import/backup-schema';
import type { IncomingPaper } from '../../../lib/import/plan';
import { RULES_KEY, SETTINGS_KEY } from '../../../lib/settings';
import { fakeLibraries } from '../fake-library';
import { makeRule } from '../rules/make-rule';
import type { PapershelfDatabase } from '../../../lib/db/database';

const setup = fakeLibraries('papershelf-replace-library-test');
const DAY = 24 * 60 * 60 * 1000;

const incoming = (id: string): IncomingPaper => ({ entry: id, metadata: { id, title: `Restored ${id}`, authors: ['Grace Hopper'] }, tags: ['restored'], saved: true });
const page = (id: string) => ({ id, title: `Paper ${id}`, authors: ['Ada Lovelace'], site: 'arxiv' as const, url: `https://arxiv.org/abs/${id}` });

/** A library of three papers (one tagged, one hidden), custom settings and two rules. */
async function library() {
  const ctx = setup();
  const { repo } = ctx;
  await repo.save(page('arxiv:2401.00001'));
  await repo.setTags(page('arxiv:2401.00002'), ['reading']);
  await repo.hide(page('arxiv:2401.00003'));
  await repo.saveSettings({ bibtexJournalStyle: 'arxiv-journal', bibtexAscii: true, keyboardShortcuts: false, metadataLookups: false, forYou: true });
  await repo.saveRules([makeRule({ pattern: 'diffusion' }), makeRule({ pattern: 'quantum', action: 'highlight' })]);
  return ctx;
}

async function everything(db: PapershelfDatabase): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) tables[table.name] = await table.toArray();
  return tables;
}

describe('replaceLibrary', () => {
  it('writes papers, settings and rules, and keeps exactly the library it replaced as an automatic backup', async () => {
    const { db, repo } = await library();
    const papersBefore = await db.papers.orderBy('id').toArray();
    const settingsBefore = (await db.settings.get(SETTINGS_KEY))?.value;
    const rulesBefore = (await db.settings.get(RULES_KEY))?.value;

    const newRules = [makeRule({ pattern: 'robots' })];
    const result = await repo.replaceLibrary({
      papers: [incoming('arxiv:2402.00001')],
      settings: { bibtexJournalStyle: 'eprint', bibtexAscii: false, keyboardShortcuts: true, metadataLookups: true, forYou: true },
      rules: newRules,
    });
    expect(result.counts).toMatchObject({ new: 1, merged: 0 });
    expect((await db.papers.toArray()).map((record) => record.id)).toEqual(['arxiv:2402.00001']);
    expect((await db.settings.get(SETTINGS_KEY))?.value).toEqual({ bibtexJournalStyle: 'eprint', bibtexAscii: false, keyboardShortcuts: true, metadataLookups: true, forYou: true });
    expect((await db.settings.get(RULES_KEY))?.value).toEqual(newRules);

    const listed = await db.backups.toArray();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: result.backupId, reason: 'replace', papers: 3, rules: 2 });
    const text = await readAutoBackupFile(db, result.backupId);
    expect(text).toBeDefined();
    expect(listed[0]!.bytes).toBe(new TextEncoder().encode(text).length);
    const kept = parseBackup(text!);
    if (!kept.ok) throw new Error(kept.reason);
    expect([...kept.backup.papers].sort((a, b) => a.id.localeCompare(b.id))).toEqual(papersBefore);
    expect(kept.backup.settings).toEqual(settingsBefore);
    expect(kept.backup.rules).toEqual(rulesBefore);
  });

  it('keeps the settings and rules when the backup brings none', async () => {
    const { db, repo } = await library();
    const settingsBefore = await db.settings.get(SETTINGS_KEY);
    const rulesBefore = await db.settings.get(RULES_KEY);
    await repo.replaceLibrary({ papers: [] });
    expect(await db.papers.count()).toBe(0);
    expect(await db.settings.get(SETTINGS_KEY)).toEqual(settingsBefore);
    expect(await db.settings.get(RULES_KEY)).toEqual(rulesBefore);
    expect(await db.backups.count()).toBe(1);
  });

  it('is one transaction: a failure at the last write leaves papers, settings, rules and backups as they were', async () => {
    const { db, repo } = await library();
    const before = await everything(db);
    const realPut = db.settings.put.bind(db.settings);
    // The rules are written last, after the papers were replaced and the settings written.
    const put = vi.spyOn(db.settings, 'put').mockImplementation((row, key) => {
      if ((row as { key: string }).key === RULES_KEY) throw new DOMException('The disk is full.', 'QuotaExceededError');
      return realPut(row, key);
    });
    await expect(
      repo.replaceLibrary({
        papers: [incoming('arxiv:2402.00001')],
        settings: { bibtexJournalStyle: 'eprint', bibtexAscii: false, keyboardShortcuts: true, metadataLookups: true, forYou: true },
        rules: [makeRule({ pattern: 'robots' })],
      }),
    ).rejects.toThrow();
    // The writes before the failure happened inside the transaction, and were undone with it.
    expect(put.mock.calls.map(([row]) => (row as { key: string }).key)).toEqual([SETTINGS_KEY, RULES_KEY]);
    put.mockRestore();
    expect(await everything(db)).toEqual(before);
  });

  it('refuses invalid rules in words before writing anything', async () => {
    const { db, repo } = await library();
    const before = await everything(db);
    const invalid = [makeRule({ pattern: '' })];
    await expect(repo.replaceLibrary({ papers: [incoming('arxiv:2402.00001')], rules: invalid })).rejects.toThrow(/^Nothing was restored: the backup's rules are not valid/);
    expect(await everything(db)).toEqual(before);
  });

  it('prunes automatic backups older than seven days, keeping the newest three whatever their age', async () => {
    const { db, repo, clock } = await library();
    const start = clock.time;
    for (let index = 0; index < 5; index++) {
      await repo.replaceLibrary({ papers: [incoming(`arxiv:2402.0000${index + 1}`)] });
      clock.time += DAY;
    }
    // Five taken on five days: none older than seven days yet.
    expect(await db.backups.count()).toBe(5);

    // A week after the second one: the first two are over seven days old.
    clock.time = start + DAY + AUTO_BACKUP_KEEP_MS + 60_000;
    await repo.replaceLibrary({ papers: [] });
    const left = await db.backups.orderBy('takenAt').toArray();
    expect(left.map((backup) => Math.floor((backup.takenAt - start) / DAY))).toEqual([2, 3, 4, 8]);
    expect(await db.backupFiles.count()).toBe(4);

    // A month later: only the newest three remain, old as they are.
    clock.time += 30 * DAY;
    await repo.replaceLibrary({ papers: [] });
    expect(await db.backups.count()).toBe(3);
    expect((await db.backupFiles.toCollection().primaryKeys()).sort()).toEqual((await db.backups.toCollection().primaryKeys()).sort());
  });

  it('stores the copy compressed, and reads it back as the same text', async () => {
    const { db, repo } = await library();
    const { backupId } = await repo.replaceLibrary({ papers: [] });
    const file = await db.backupFiles.get(backupId);
    expect(file?.text).toBeUndefined();
    expect(file?.gzip).toBeInstanceOf(Uint8Array);
    const text = await readAutoBackupFile(db, backupId);
    expect(parseBackup(text!).ok).toBe(true);
  });
});

describe('backupsToPrune', () => {
  const at = (id: number, takenAt: number): AutoBackup => ({ id, takenAt, reason: 'replace', papers: 0, rules: 0, bytes: 0 });
  it('never prunes a backup younger than seven days, however many there are', () => {
    const now = 100 * DAY;
    const recent = Array.from({ length: 20 }, (_, index) => at(index + 1, now - index * 60_000));
    expect(backupsToPrune(recent, now)).toEqual([]);
  });
  it('prunes what is older than seven days beyond the newest three', () => {
    const now = 100 * DAY;
    const backups = [at(1, now - 30 * DAY), at(2, now - 20 * DAY), at(3, now - 10 * DAY), at(4, now - 8 * DAY), at(5, now - 7 * DAY), at(6, now - DAY)];
    expect(backupsToPrune(backups, now).sort()).toEqual([1, 2, 3]);
  });
});
