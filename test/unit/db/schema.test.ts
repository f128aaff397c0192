// @vitest-environment node
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { PaperRepository } from '../../../lib/db/repository';
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../lib/db/schema';
import type { PaperRecord } from '../../../lib/paper/model';

/** A private IndexedDB per test: nothing leaks between tests, whatever their order. */
function openAt(factory: IDBFactory, upToVersion?: number): PapershelfDatabase {
  return new PapershelfDatabase('schema-test', { indexedDB: factory, IDBKeyRange, ...(upToVersion === undefined ? {} : { upToVersion }) });
}

const v1Record: PaperRecord = {
  id: '2409.12345',
  title: 'Written by schema version 1',
  authors: ['Ada Lovelace', 'Alan Turing'],
  sources: { arxiv: 'https://arxiv.org/abs/2409.12345' },
  tags: ['reading'],
  savedAt: 1_000,
  createdAt: 1_000,
  updatedAt: 1_000,
};

describe('schema versions', () => {
  it('are numbered upwards from 1 with dated notes', () => {
    expect(SCHEMA_VERSIONS[0]?.version).toBe(1);
    SCHEMA_VERSIONS.forEach((entry, index) => {
      if (index > 0) expect(entry.version).toBeGreaterThan(SCHEMA_VERSIONS[index - 1]!.version);
      expect(entry.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.note.length).toBeGreaterThan(0);
    });
    expect(LATEST_SCHEMA_VERSION).toBe(SCHEMA_VERSIONS.at(-1)?.version);
  });

  it('opens at the latest version by default', async () => {
    const db = openAt(new IDBFactory());
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(db.papers.schema.indexes.map((index) => index.name).sort()).toEqual(['hiddenAt', 'savedAt', 'tags', 'updatedAt']);
    db.close();
  });

  it('refuses a version older than the first', () => {
    expect(() => openAt(new IDBFactory(), 0)).toThrow(RangeError);
  });
});

describe('upgrade harness', () => {
  it('keeps what version 1 wrote when reopened at the latest version', async () => {
    const factory = new IDBFactory();
    const old = openAt(factory, 1);
    await old.papers.put(v1Record);
    expect(old.verno).toBe(1);
    old.close();

    const latest = openAt(factory);
    const repo = new PaperRepository(latest, () => 2_000);
    expect(latest.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await repo.get('2409.12345')).toEqual(v1Record);
    expect(await repo.getStates(['2409.12345'])).toEqual({ '2409.12345': { saved: true, hidden: false, tags: ['reading'] } });
    expect((await repo.listSaved()).map((paper) => paper.id)).toEqual(['2409.12345']);
    latest.close();
  });
});
