// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PaperRepository } from '../../../lib/db/repository';
import { LATEST_SCHEMA_VERSION } from '../../../lib/db/schema';
import type { PaperRecord } from '../../../lib/paper/model';
import { libraryOpener } from './library-at-version';

const openAt = libraryOpener('schema-v4-test');

const paper: PaperRecord = {
  id: 'arxiv:2409.00001',
  title: 'Paper 2409.00001',
  authors: ['Ada Lovelace'],
  publishedAt: '2024-09-18',
  sources: { arxiv: 'https://arxiv.org/abs/2409.00001' },
  citationKey: 'lovelace2024paper',
  tags: ['reading'],
  savedAt: 1_000,
  createdAt: 1_000,
  updatedAt: 1_000,
};

describe('schema v4: automatic backups', () => {
  it('keeps everything version 3 wrote, and adds empty backup tables that a Replace then fills', async () => {
    const factory = new IDBFactory();
    const v3 = openAt(factory, 3);
    await v3.papers.put(paper);
    await v3.settings.put({ key: 'settings', value: { bibtexAscii: true } });
    await v3.settings.put({ key: 'rules', value: [] });
    await v3.enrichment.put({ id: paper.id, addedAt: 1, attempts: 0, nextAttemptAt: 1, source: 'arxiv-api' });
    expect(v3.verno).toBe(3);
    expect(v3.tables.map((table) => table.name)).not.toContain('backups');
    v3.close();

    const v4 = openAt(factory);
    await v4.open();
    expect(v4.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
    expect(await v4.papers.toArray()).toEqual([paper]);
    expect(await v4.settings.get('settings')).toEqual({ key: 'settings', value: { bibtexAscii: true } });
    expect(await v4.enrichment.count()).toBe(1);
    expect(await v4.backups.count()).toBe(0);
    expect(await v4.backupFiles.count()).toBe(0);
    expect(v4.backups.schema.idxByName.takenAt).toBeDefined();

    const repo = new PaperRepository(v4, () => 5_000);
    const { backupId } = await repo.replaceLibrary({ papers: [] });
    expect(await v4.backups.get(backupId)).toMatchObject({ takenAt: 5_000, papers: 1, rules: 0 });
  });
});
