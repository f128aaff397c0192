// @vitest-environment node
/**
 * Every write to the library, whoever makes it, is recorded as sync operations in its own
 * transaction (lib/db/operation-log.ts): folding the log must give back the library exactly, after
 * every kind of write. Nothing is recorded before the user connects; a refused write records nothing.
 */
import { describe, expect, it } from 'vitest';
import { fakeLibraries } from '../fake-library';
import type { PapershelfDatabase } from '../../../lib/db/database';
import { RepositoryError, type PaperRepository } from '../../../lib/db/repository';
import { startRecording } from '../../../lib/db/sync-store';
import { mergedLibrary, mergedPaper, mergeOperations } from '../../../lib/sync/merge';
import { PAPER_FIELDS } from '../../../lib/sync/operation';
import { settingsFromMerged } from '../../../lib/sync/record-operations';
import { LIMITS, type PaperInput, type PaperRecord } from '../../../lib/paper/model';
import { RULES_KEY, SETTINGS_KEY } from '../../../lib/settings';

const setup = fakeLibraries('papershelf-operation-log-test');

const paper = (id: string, title = `Paper ${id}`): PaperInput => ({ id, title, authors: ['Ada Lovelace'], site: 'arxiv', url: `https://arxiv.org/abs/${id}` });
const incoming = (id: string) => ({ entry: id, metadata: { id, title: `Imported ${id}`, authors: ['Grace Hopper'], publishedAt: '2024-01-02' }, tags: ['imported'], saved: true });

/** What the log says each paper is, beside what the library holds. */
async function expectLogMatchesLibrary(db: PapershelfDatabase): Promise<void> {
  const state = mergeOperations((await db.syncOps.toArray()).map((row) => row.op));
  const records = await db.papers.toArray();
  const view = (record: Record<string, unknown> & { tags: string[] }) => ({
    ...Object.fromEntries(PAPER_FIELDS.flatMap((field) => ((record as Record<string, unknown>)[field] === undefined ? [] : [[field, (record as Record<string, unknown>)[field]]]))),
    tags: [...record.tags].sort(),
  });
  for (const record of records) {
    const merged = mergedPaper(state, record.id);
    expect(merged, record.id).toBeDefined();
    expect(view({ ...merged!.fields, tags: merged!.tags })).toEqual(view({ ...record }));
  }
  const alive = mergedLibrary(state).papers.map((p) => p.id);
  expect(alive.sort()).toEqual(records.map((r) => r.id).sort());
  const { settings, rules } = settingsFromMerged(mergedLibrary(state).settings);
  const storedSettings = (await db.settings.get(SETTINGS_KEY))?.value;
  if (storedSettings !== undefined) expect(settings).toEqual(storedSettings);
  const storedRules = (await db.settings.get(RULES_KEY))?.value;
  if (storedRules !== undefined) expect(rules ?? []).toEqual(storedRules);
}

async function steps(db: PapershelfDatabase, repo: PaperRepository): Promise<void> {
  const check = () => expectLogMatchesLibrary(db);
  await repo.save(paper('arxiv:2409.00001')); await check();
  await repo.save(paper('arxiv:2409.00002')); await check();
  await repo.setTags(paper('arxiv:2409.00001'), ['x', 'reading']); await check();
  await repo.hide(paper('arxiv:2409.00003')); await check();
  await repo.unhide('arxiv:2409.00003'); await check();
  await repo.unsave('arxiv:2409.00002'); await check();
  await repo.setNote('arxiv:2409.00001', 'read section 3'); await check();
  await repo.setCitationKey('arxiv:2409.00001', 'ada2024mine'); await check();
  await repo.editMetadata('arxiv:2409.00001', { title: 'A better title', publishedAt: '2024-09-01' }); await check();
  await repo.applyFetched([{ id: 'arxiv:2409.00002', source: 'arxiv-api', title: 'Paper 2409.00002', authors: ['Ada Lovelace', 'Charles Babbage'], abstract: 'An abstract.' } as never]); await check();
  await repo.importPapers([incoming('arxiv:2409.00004'), incoming('arxiv:2409.00001')]); await check();
  await repo.bulkTags(['arxiv:2409.00001', 'arxiv:2409.00004'], ['bulk'], ['reading']); await check();
  await repo.renameTag('bulk', 'Bulk2'); await check();
  await repo.deleteTag('imported'); await check();
  await repo.setTagsOf('arxiv:2409.00004', ['y']); await check();
  const deleted = await repo.deletePapers(['arxiv:2409.00004']); await check();
  await repo.restorePapers(deleted.previous); await check();
  await repo.unsaveMany(['arxiv:2409.00001']); await check();
  await repo.unhideMany(['arxiv:2409.00003']); await check();
  await repo.saveSettings({ bibtexJournalStyle: 'arxiv-journal', bibtexAscii: true, keyboardShortcuts: false, metadataLookups: true, forYou: true }); await check();
  await repo.saveRules([]); await check();
  await repo.replaceLibrary({ papers: [incoming('arxiv:2409.00009')] }); await check();
}

describe('the operation log', () => {
  it('records nothing while sync is not connected', async () => {
    const { db, repo } = setup();
    await repo.save(paper('arxiv:2409.00001'));
    await repo.setTags(paper('arxiv:2409.00001'), ['x']);
    expect(await db.syncOps.count()).toBe(0);
  });

  it('records the library as it is when sync connects, then every kind of write: folding the log gives the library back', async () => {
    const { db, repo } = setup();
    await repo.save(paper('arxiv:2409.00010'));
    await repo.setTags(paper('arxiv:2409.00011'), ['before']);
    await repo.saveSettings({ bibtexJournalStyle: 'eprint', bibtexAscii: true, keyboardShortcuts: true, metadataLookups: false, forYou: true });
    await startRecording(db, 'Test laptop', undefined);
    await expectLogMatchesLibrary(db);
    await steps(db, repo);
    // Everything recorded here is this device's and waits for upload.
    const rows = await db.syncOps.toArray();
    expect(rows.every((row) => row.pending === 1)).toBe(true);
    expect(await db.syncOps.where('pending').equals(1).count()).toBe(rows.length);
  });

  it('records nothing for a write that was refused', async () => {
    const { db, repo } = setup();
    await startRecording(db, 'Test laptop', undefined);
    await repo.save(paper('arxiv:2409.00001'));
    await repo.save(paper('arxiv:2409.00002'));
    await repo.setCitationKey('arxiv:2409.00002', 'taken2024');
    const before = await db.syncOps.count();
    await expect(repo.setCitationKey('arxiv:2409.00001', 'taken2024')).rejects.toBeInstanceOf(RepositoryError);
    await expect(repo.setTags(paper('arxiv:2409.00001'), Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`))).rejects.toBeInstanceOf(RepositoryError);
    expect(await db.syncOps.count()).toBe(before);
  });

  it('stamps every operation with a clock later than the ones before it, even when the wall clock steps back', async () => {
    const { db, repo } = setup();
    await startRecording(db, 'Test laptop', undefined);
    await repo.save(paper('arxiv:2409.00001'));
    const realNow = Date.now;
    Date.now = () => realNow() - 3 * 24 * 3600 * 1000;
    try {
      await repo.setTags(paper('arxiv:2409.00001'), ['later']);
    } finally {
      Date.now = realNow;
    }
    const keys = (await db.syncOps.toArray()).map((row) => row.key.split('|')[0]!);
    expect(new Set(keys).size).toBe(keys.length);
    const tagAdd = (await db.syncOps.toArray()).find((row) => row.op.kind === 'tagAdd')!;
    expect(keys.every((key) => key <= tagAdd.key.split('|')[0]!)).toBe(true);
  });
});
