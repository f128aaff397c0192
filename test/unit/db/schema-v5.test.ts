// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PaperRepository } from '../../../lib/db/repository';
import { LATEST_SCHEMA_VERSION } from '../../../lib/db/schema';
import { startRecording } from '../../../lib/db/sync-store';
import type { PaperRecord } from '../../../lib/paper/model';
import { libraryOpener } from './library-at-version';

const openAt = libraryOpener('schema-v5-test');

const paper: PaperRecord = {
  id: 'arxiv:2409.00001',
  title: 'Paper 2409.00001',
  authors: ['Ada Lovelace'],
  sources: { arxiv: 'https://arxiv.org/abs/2409.00001' },
  citationKey: 'lovelace2024paper',
  tags: ['reading'],
  savedAt: 1_000,
  createdAt: 1_000,
  updatedAt: 1_000,
};

describe('schema v5: the sync operation log', () => {
  it('keeps everything version 4 wrote, records nothing in the upgrade, and records the library once sync connects', async () => {
    const factory = new IDBFactory();
    const v4 = openAt(factory, 4);
    await v4.papers.put(paper);
    await v4.settings.put({ key: 'settings', value: { bibtexAscii: true } });
    expect(v4.tables.map((table) => table.name)).not.toContain('syncOps');
    v4.close();

    const v5 = openAt(factory);
    await v5.open();
    expect(v5.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
    expect(await v5.papers.toArray()).toEqual([paper]);
    expect(await v5.syncOps.count()).toBe(0);
    expect(await v5.syncState.count()).toBe(0);
    expect(v5.syncOps.schema.idxByName.pending).toBeDefined();
    expect(v5.syncOps.schema.idxByName.target).toBeDefined();

    await startRecording(v5, 'Desk', undefined);
    const targets = new Set((await v5.syncOps.toArray()).map((row) => row.target));
    expect(targets).toEqual(new Set([paper.id, 'setting:settings.bibtexAscii']));
    await new PaperRepository(v5).unsave(paper.id);
    expect((await v5.syncOps.toArray()).some((row) => row.op.kind === 'set' && row.op.field === 'savedAt' && row.op.value === null)).toBe(true);
  });
});
