// @vitest-environment node
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DexieQueueStore, ENRICHMENT_META_KEY } from '../../../lib/db/enrichment-store';
import { LATEST_SCHEMA_VERSION } from '../../../lib/db/schema';
import type { QueueEntry } from '../../../lib/metadata/queue-store';
import type { PaperRecord } from '../../../lib/paper/model';
import { libraryOpener } from './library-at-version';

const openAt = libraryOpener('schema-v3-test');

function paper(id: string, overrides: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id,
    title: `Paper ${id}`,
    authors: ['Ada Lovelace'],
    abstract: 'An abstract.',
    publishedAt: '2024-09-18',
    primaryCategory: 'cs.LG',
    sources: { arxiv: `https://arxiv.org/abs/${id}` },
    citationKey: `key${id.replace(/\D/g, '')}`,
    tags: ['reading'],
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

describe('schema v3: the enrichment queue', () => {
  it('keeps everything version 2 wrote and queues the saved papers that lack metadata', async () => {
    const factory = new IDBFactory();
    const v2 = openAt(factory, 2);
    const complete = paper('arxiv:2409.00001', { savedAt: 1_000 });
    const countOnly = paper('arxiv:2409.00002', { authors: [], authorCount: 12, savedAt: 2_000, note: 'read soon' });
    const hiddenOnly = paper('arxiv:2409.00003', { primaryCategory: undefined, hiddenAt: 3_000 });
    await v2.papers.bulkPut([complete, countOnly, hiddenOnly]);
    await v2.settings.put({ key: 'settings', value: { bibtexJournalStyle: 'arxiv-journal', bibtexAscii: true } });
    expect(v2.verno).toBe(2);
    v2.close();

    const before = Date.now();
    const v3 = openAt(factory);
    await v3.open();
    expect(v3.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(3);

    // Nothing lost: papers, their indexes, the settings row.
    expect(await v3.papers.orderBy('id').toArray()).toEqual([complete, countOnly, hiddenOnly]);
    expect(v3.papers.schema.idxByName.citationKey?.unique).toBe(true);
    expect(await v3.papers.where('savedAt').above(0).primaryKeys()).toEqual(['arxiv:2409.00001', 'arxiv:2409.00002']);
    expect(await v3.settings.get('settings')).toEqual({ key: 'settings', value: { bibtexJournalStyle: 'arxiv-journal', bibtexAscii: true } });

    // The new table, indexed by nextAttemptAt; only the saved, incomplete paper was queued.
    expect(v3.enrichment.schema.primKey.name).toBe('id');
    expect(v3.enrichment.schema.indexes.map((index) => index.name)).toEqual(['nextAttemptAt']);
    const queued = await v3.enrichment.toArray();
    expect(queued).toEqual([{ id: 'arxiv:2409.00002', addedAt: expect.any(Number), attempts: 0, nextAttemptAt: expect.any(Number), source: 'arxiv-api' }]);
    expect(queued[0]!.nextAttemptAt).toBeGreaterThanOrEqual(before);
  });

  it('upgrades straight from version 1 as well', async () => {
    const factory = new IDBFactory();
    const v1 = openAt(factory, 1);
    const { citationKey: _none, ...v1Paper } = paper('arxiv:1706.03762', { authors: [], savedAt: 5 });
    await v1.papers.put(v1Paper as PaperRecord);
    v1.close();
    const latest = openAt(factory);
    expect((await latest.papers.get('arxiv:1706.03762'))?.citationKey).toBeDefined();
    expect(await latest.enrichment.count()).toBe(1);
  });
});

describe('DexieQueueStore', () => {
  const entry = (id: string, nextAttemptAt: number, source: QueueEntry['source'] = 'arxiv-api'): QueueEntry => ({ id, addedAt: 1, attempts: 0, nextAttemptAt, source });

  it('returns due entries of one source, longest overdue first, up to the limit', async () => {
    const store = new DexieQueueStore(openAt(new IDBFactory()));
    await store.put([entry('arxiv:2409.00003', 30), entry('arxiv:2409.00001', 10), entry('arxiv:2409.00002', 20, 'hf-api'), entry('arxiv:2409.00004', 40), entry('arxiv:2409.00005', 99)]);
    expect((await store.due(40, 10, 'arxiv-api')).map((row) => row.id)).toEqual(['arxiv:2409.00001', 'arxiv:2409.00003', 'arxiv:2409.00004']);
    expect((await store.due(40, 2, 'arxiv-api')).map((row) => row.id)).toEqual(['arxiv:2409.00001', 'arxiv:2409.00003']);
    expect((await store.due(40, 10, 'hf-api')).map((row) => row.id)).toEqual(['arxiv:2409.00002']);
    expect(await store.nextDueAt()).toBe(10);
    expect(await store.size()).toBe(5);
  });

  it('update() rewrites only entries still queued', async () => {
    const store = new DexieQueueStore(openAt(new IDBFactory()));
    await store.put([entry('arxiv:2409.00001', 10)]);
    await store.update([{ ...entry('arxiv:2409.00001', 50), attempts: 2 }, entry('arxiv:2409.00002', 50)]);
    expect(await store.get(['arxiv:2409.00001', 'arxiv:2409.00002'])).toEqual([{ ...entry('arxiv:2409.00001', 50), attempts: 2 }, undefined]);
  });

  it('keeps its meta in the settings table beside the settings, and reads a bad row as empty', async () => {
    const db = openAt(new IDBFactory());
    const store = new DexieQueueStore(db);
    expect(await store.readMeta()).toEqual({});
    await store.writeMeta({ lastRequestAt: 123, pausedUntil: 456 });
    expect(await store.readMeta()).toEqual({ lastRequestAt: 123, pausedUntil: 456 });
    expect(await db.settings.get(ENRICHMENT_META_KEY)).toEqual({ key: ENRICHMENT_META_KEY, value: { lastRequestAt: 123, pausedUntil: 456 } });
    await db.table('settings').put({ key: ENRICHMENT_META_KEY, value: { lastRequestAt: 'yesterday' } });
    expect(await store.readMeta()).toEqual({});
  });

  it('never serves a row it cannot read, and does not delete it', async () => {
    const db = openAt(new IDBFactory());
    const store = new DexieQueueStore(db);
    await db.enrichment.put({ id: 'arxiv:2409.00001', nextAttemptAt: 1 } as QueueEntry);
    expect(await store.due(10, 10, 'arxiv-api')).toEqual([]);
    expect(await store.get(['arxiv:2409.00001'])).toEqual([undefined]);
    expect(await store.size()).toBe(1);
  });
});
