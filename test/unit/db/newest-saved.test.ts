// @vitest-environment node
/**
 * readNewestSaved: the popup's first rows, read with plain IndexedDB before Dexie is loaded. Checked
 * against the library as PaperRepository writes it, on fake-indexeddb, through both of its paths
 * (one getAllRecords request, and the cursor for browsers without it).
 */
import { IDBFactory, IDBIndex, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { readNewestSaved } from '../../../lib/db/newest-saved';
import { PaperRepository } from '../../../lib/db/repository';
import type { PaperInput } from '../../../lib/paper/model';

const restores: Array<() => void> = [];
afterEach(() => {
  for (const restore of restores.splice(0)) restore();
});

function paper(index: number): PaperInput {
  const id = `arxiv:2405.${String(index).padStart(5, '0')}`;
  return { id, title: `Paper ${index}`, site: 'arxiv', url: `https://arxiv.org/abs/${id}` };
}

/** A library of 30 papers, every third hidden, written through the repository one by one. */
async function library(factory: IDBFactory, name: string) {
  const db = new PapershelfDatabase(name, { indexedDB: factory, IDBKeyRange });
  const clock = { time: 1_700_000_000_000 };
  const repo = new PaperRepository(db, () => (clock.time += 1000));
  for (let index = 0; index < 30; index++) await (index % 3 === 0 ? repo.hide(paper(index)) : repo.save(paper(index)));
  // Saving an older paper again must not move it: savedAt is when it was first saved.
  await repo.setTags(paper(1), ['old']);
  const expected = (await db.papers.orderBy('savedAt').reverse().toArray()).map((record) => record.id);
  db.close();
  return expected;
}

/** Takes getAllRecords away for this test, as in a browser without IndexedDB 3.0. */
function withoutGetAllRecords(): void {
  const prototype = IDBIndex.prototype as { getAllRecords?: unknown };
  const original = prototype.getAllRecords;
  expect(typeof original).toBe('function'); // else the two paths below are one
  delete prototype.getAllRecords;
  restores.push(() => (prototype.getAllRecords = original));
}

describe('readNewestSaved', () => {
  for (const path of ['getAllRecords', 'cursor'] as const) {
    it(`reads the newest saved papers, newest first, never a hidden one (${path})`, async () => {
      const factory = new IDBFactory();
      const expected = await library(factory, 'newest');
      if (path === 'cursor') withoutGetAllRecords();
      const papers = await readNewestSaved(7, factory, 'newest');
      expect(expected).toHaveLength(20);
      expect(papers?.map((record) => record.id)).toEqual(expected.slice(0, 7));
      expect(papers?.every((record) => record.savedAt !== undefined && record.title.startsWith('Paper '))).toBe(true);
      // More than there are: all of them.
      expect((await readNewestSaved(100, factory, 'newest'))?.map((record) => record.id)).toEqual(expected);
      expect(await readNewestSaved(0, factory, 'newest')).toEqual([]);
    });
  }

  it('answers undefined for a library that does not exist, and does not create one', async () => {
    const factory = new IDBFactory();
    expect(await readNewestSaved(5, factory, 'nothing-here')).toBeUndefined();
    expect((await factory.databases()).map((info) => info.name)).not.toContain('nothing-here');
    // Dexie can still create it at its own version afterwards.
    const db = new PapershelfDatabase('nothing-here', { indexedDB: factory, IDBKeyRange });
    await db.open();
    expect(db.verno).toBeGreaterThan(1);
    db.close();
  });

  it('answers undefined for a database without the saved index, and an empty list for an empty library', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const request = factory.open('foreign', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('papers', { keyPath: 'id' });
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    expect(await readNewestSaved(5, factory, 'foreign')).toBeUndefined();

    const db = new PapershelfDatabase('empty', { indexedDB: factory, IDBKeyRange });
    await db.open();
    db.close();
    expect(await readNewestSaved(5, factory, 'empty')).toEqual([]);
  });

  it('closes its connection, so it never blocks an upgrade', async () => {
    const factory = new IDBFactory();
    await library(factory, 'upgrade');
    const version = await new Promise<number>((resolve) => {
      const request = factory.open('upgrade');
      request.onsuccess = () => {
        resolve(request.result.version);
        request.result.close();
      };
    });
    await readNewestSaved(5, factory, 'upgrade');
    const upgraded = await new Promise<string>((resolve) => {
      const request = factory.open('upgrade', version + 1);
      request.onblocked = () => resolve('blocked');
      request.onsuccess = () => {
        request.result.close();
        resolve('upgraded');
      };
    });
    expect(upgraded).toBe('upgraded');
  });
});
