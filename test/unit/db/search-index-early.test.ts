// @vitest-environment node
/**
 * EarlySearchIndex: the stored search index and papers by key, read with plain IndexedDB before
 * the popup's Dexie is loaded. That it agrees with the index Dexie reads and with a full scan,
 * after random writes, is checked in search-index.test.ts; here, what it does without a library.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { PaperRepository } from '../../../lib/db/repository';
import { EarlySearchIndex } from '../../../lib/db/search-index-early';
import { wordIndexCount } from '../../../lib/search/word-index';

describe('EarlySearchIndex', () => {
  it('answers undefined when there is no library, and does not create one', async () => {
    const factory = new IDBFactory();
    const early = new EarlySearchIndex(factory, 'no-library');
    expect(await early.index()).toBeUndefined();
    expect(await early.papers(['arxiv:2405.00001'])).toBeUndefined();
    expect((await factory.databases()).map((db) => db.name)).not.toContain('no-library');
  });

  it('reads the index once until released, and papers by key in the order asked, leaving out those not there', async () => {
    const factory = new IDBFactory();
    const db = new PapershelfDatabase('early', { indexedDB: factory, IDBKeyRange });
    const repo = new PaperRepository(db, () => 1_800_000_000_000);
    for (const n of [1, 2, 3]) await repo.save({ id: `arxiv:2405.0000${n}`, title: `Paper ${n}`, site: 'arxiv', url: `https://arxiv.org/abs/2405.0000${n}` });
    const early = new EarlySearchIndex(factory, 'early');
    const first = early.index();
    expect(early.index()).toBe(first);
    expect(wordIndexCount((await first)!)).toBe(3);
    const papers = await early.papers(['arxiv:2405.00003', 'arxiv:2405.09999', 'arxiv:2405.00001']);
    expect(papers?.map((paper) => paper.id)).toEqual(['arxiv:2405.00003', 'arxiv:2405.00001']);
    early.release();
    await repo.save({ id: 'arxiv:2405.00004', title: 'Paper 4', site: 'arxiv', url: 'https://arxiv.org/abs/2405.00004' });
    expect(wordIndexCount((await early.index())!)).toBe(4);
    db.close();
  });
});
