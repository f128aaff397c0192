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
  id: 'arxiv:2409.12345',
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
    expect(db.papers.schema.indexes.map((index) => index.name).sort()).toEqual(['citationKey', 'hiddenAt', 'savedAt', 'tags', 'updatedAt']);
    expect(db.papers.schema.idxByName.citationKey?.unique).toBe(true);
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
    // The v2 upgrade gave the v1 paper its citation key; nothing else changed.
    expect(await repo.get('arxiv:2409.12345')).toEqual({ ...v1Record, citationKey: 'lovelace2024written' });
    expect(await repo.getStates(['arxiv:2409.12345'])).toEqual({ 'arxiv:2409.12345': { saved: true, hidden: false, tags: ['reading'] } });
    expect((await repo.listSaved()).map((paper) => paper.id)).toEqual(['arxiv:2409.12345']);
    latest.close();
  });
});

describe('schema v2: citation keys', () => {
  const paper = (id: string, title: string, createdAt: number, authors = ['Ashish Vaswani']): PaperRecord => ({
    id,
    title,
    authors,
    publishedAt: '2017-06-12',
    sources: {},
    tags: [],
    savedAt: createdAt,
    createdAt,
    updatedAt: createdAt,
  });

  it('gives every v1 paper a unique key in the upgrade, oldest first', async () => {
    const factory = new IDBFactory();
    const old = openAt(factory, 1);
    // Written in an order unlike their age: keys must follow age, not insertion.
    await old.papers.bulkPut([
      paper('arxiv:1706.00003', 'Attention Is Not All You Need', 3_000),
      paper('arxiv:1706.03762', 'Attention Is All You Need', 1_000),
      paper('arxiv:1706.00002', 'Attention, Again', 2_000),
      paper('arxiv:hep-th/9901001', 'Strings', 4_000, ['Juan Maldacena']),
    ]);
    old.close();

    const latest = openAt(factory);
    const keys = Object.fromEntries((await latest.papers.toArray()).map((record) => [record.id, record.citationKey]));
    expect(keys).toEqual({
      'arxiv:1706.03762': 'vaswani2017attention',
      'arxiv:1706.00002': 'vaswani2017attentiona',
      'arxiv:1706.00003': 'vaswani2017attentionb',
      'arxiv:hep-th/9901001': 'maldacena2017strings',
    });
    latest.close();
  });

  it('assigns a key when a paper enters the library and keeps it on later changes', async () => {
    const db = openAt(new IDBFactory());
    let now = 10;
    const repo = new PaperRepository(db, () => ++now);
    const input = { id: 'arxiv:1706.03762', title: 'Attention Is All You Need', authors: ['Ashish Vaswani'], publishedAt: '2017-06-12', site: 'arxiv' as const, url: 'https://arxiv.org/abs/1706.03762' };
    await repo.hide(input);
    expect((await repo.get('arxiv:1706.03762'))?.citationKey).toBe('vaswani2017attention');
    await repo.save({ ...input, title: 'A Different Title Now' });
    await repo.setTags(input, ['nlp']);
    expect((await repo.get('arxiv:1706.03762'))?.citationKey).toBe('vaswani2017attention');
    // A second paper with the same natural key gets the next suffix.
    await repo.save({ ...input, id: 'arxiv:1706.99999' });
    expect((await repo.get('arxiv:1706.99999'))?.citationKey).toBe('vaswani2017attentiona');
    db.close();
  });

  it('lets the user set a key, refusing one another paper holds', async () => {
    const db = openAt(new IDBFactory());
    const repo = new PaperRepository(db, () => 5);
    const base = { title: 'Attention Is All You Need', authors: ['Ashish Vaswani'], publishedAt: '2017-06-12', site: 'arxiv' as const };
    await repo.save({ ...base, id: 'arxiv:1706.03762', url: 'https://arxiv.org/abs/1706.03762' });
    await repo.save({ ...base, id: 'arxiv:1706.00001', url: 'https://arxiv.org/abs/1706.00001' });
    await repo.setCitationKey('arxiv:1706.00001', 'transformer');
    expect((await repo.get('arxiv:1706.00001'))?.citationKey).toBe('transformer');
    await expect(repo.setCitationKey('arxiv:1706.03762', 'transformer')).rejects.toThrow(/already used by arXiv:1706.00001/);
    await expect(repo.setCitationKey('arxiv:1706.03762', 'has space')).rejects.toThrow();
    expect((await repo.get('arxiv:1706.03762'))?.citationKey).toBe('vaswani2017attention');
    db.close();
  });
});
