// @vitest-environment node
/**
 * A library too large to hold: LiveLibrary stops after the saved papers (kept live) and says it is
 * paged; the hidden view reads the records a page at a time, newest hidden first, each paper
 * exactly once even when many were hidden at the same instant, those by id (the view's order in memory); the "all" view in id order.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { PaperRepository } from '../../../lib/db/repository';
import type { PaperRecord } from '../../../lib/paper/model';
import { LiveLibrary, type LibrarySnapshot } from '../../../lib/ui/live-library';
import { readPage, type PageCursor } from '../../../lib/ui/paged-papers';

const opened: PapershelfDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function open(name: string): PapershelfDatabase {
  const db = new PapershelfDatabase(name, { indexedDB: new IDBFactory(), IDBKeyRange });
  opened.push(db);
  return db;
}

function record(index: number, fields: Partial<PaperRecord>): PaperRecord {
  const id = `arxiv:2407.${String(10_000 + index)}`;
  return { id, title: `Paper ${index}`, authors: [], sources: {}, tags: [], createdAt: 1, updatedAt: 1, ...fields };
}

/** 1,000 hidden papers, 300 of them at one instant (a restore), and 40 saved ones. */
function library(): PaperRecord[] {
  const hidden = Array.from({ length: 1_000 }, (_, index) => record(index, { hiddenAt: index < 300 ? 5_000 : 10_000 + index }));
  const saved = Array.from({ length: 40 }, (_, index) => record(2_000 + index, { savedAt: 20_000 + index }));
  return [...hidden, ...saved];
}

async function readAll(db: PapershelfDatabase, show: 'hidden' | 'all', size: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: PageCursor | undefined;
  let pages = 0;
  do {
    const page = await readPage(db, show, cursor, size);
    ids.push(...page.papers.map((paper) => paper.id));
    cursor = page.next;
    pages++;
  } while (cursor !== undefined && pages < 100);
  return { ids, pages };
}

describe('paging through a large library', () => {
  it('reads every hidden paper once, newest hidden first, across ties at one instant', async () => {
    const db = open('paged-hidden');
    const records = library();
    await db.papers.bulkPut(records);
    const { ids, pages } = await readAll(db, 'hidden', 128);
    const expected = records
      .filter((paper) => paper.hiddenAt !== undefined)
      // Ties by id, as the view in memory sorts them (lib/search/sort.ts).
      .sort((a, b) => b.hiddenAt! - a.hiddenAt! || (a.id < b.id ? -1 : 1))
      .map((paper) => paper.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected);
    expect(pages).toBeGreaterThanOrEqual(8);
  });

  it('reads the "all" view in id order', async () => {
    const db = open('paged-all');
    const records = library();
    await db.papers.bulkPut(records);
    const { ids } = await readAll(db, 'all', 100);
    expect(ids).toEqual(records.map((paper) => paper.id).sort());
  });

  it('LiveLibrary keeps only the saved papers of a library over its limit, live, and says it is paged', async () => {
    const db = open('paged-live');
    await db.papers.bulkPut(library());
    const live = new LiveLibrary(db, { maxInMemory: 500, chunk: 16, maxChunk: 64 });
    const snapshots: LibrarySnapshot[] = [];
    live.subscribe((snapshot) => snapshots.push(snapshot));
    await live.start();
    const last = snapshots.at(-1)!;
    expect(last).toMatchObject({ phase: 'saved', paged: true, counts: { saved: 40, hidden: 1_000, all: 1_040 } });
    expect(last.papers).toHaveLength(40);
    expect(snapshots.some((snapshot) => snapshot.phase === 'complete')).toBe(false);

    // A save made now reaches the saved papers.
    await new PaperRepository(db, () => 30_000).save({ id: 'arxiv:2407.19999', title: 'New', site: 'arxiv', url: 'https://arxiv.org/abs/2407.19999' });
    await expect.poll(() => snapshots.at(-1)!.papers.length).toBe(41);
    expect(snapshots.at(-1)!.paged).toBe(true);
    live.stop();
  });

  it('LiveLibrary holding everything turns to pages when writes take it over its limit (a large backup restored)', async () => {
    const db = open('paged-grown');
    const records = library();
    await db.papers.bulkPut(records.slice(1_000)); // the 40 saved papers
    const live = new LiveLibrary(db, { maxInMemory: 500, chunk: 16, maxChunk: 64 });
    const snapshots: LibrarySnapshot[] = [];
    live.subscribe((snapshot) => snapshots.push(snapshot));
    await live.start();
    expect(snapshots.at(-1)).toMatchObject({ phase: 'complete', counts: { all: 40 } });

    const repo = new PaperRepository(db, () => 30_000);
    // With their keys, as a backup holds them.
    const keyed = records.map((paper, index) => ({ ...paper, citationKey: `paper${index}` }));
    for (let start = 0; start < 1_000; start += 200) await repo.restorePapers(keyed.slice(start, start + 200));
    await expect.poll(() => snapshots.at(-1), { timeout: 20_000 }).toMatchObject({ phase: 'saved', paged: true, counts: { saved: 40, hidden: 1_000, all: 1_040 } });
    expect(snapshots.at(-1)!.papers).toHaveLength(40);
    expect(Math.max(...snapshots.map((snapshot) => snapshot.papers.length))).toBeLessThanOrEqual(500 + 200);
    live.stop();
  }, 30_000);
});
