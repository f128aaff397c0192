// @vitest-environment node
/**
 * LiveLibrary: the first screenful first, then every paper in chunks, then only the records that
 * writes name, read again. Writes here go through the repository in the same context; in the
 * extension they come from the background, through Dexie's cross-context broadcast of the same
 * event (checked end to end in test/e2e/popup-library.test.ts).
 */
import { IDBFactory, IDBIndex, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { PaperRepository } from '../../../lib/db/repository';
import type { PaperInput, PaperRecord } from '../../../lib/paper/model';
import { LiveLibrary, type LibrarySnapshot } from '../../../lib/ui/live-library';

const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function setup(name: string) {
  const db = new PapershelfDatabase(name, { indexedDB: new IDBFactory(), IDBKeyRange });
  const clock = { time: 1_700_000_000_000 };
  const repo = new PaperRepository(db, () => (clock.time += 1000));
  cleanups.push(() => db.close());
  return { db, repo };
}

function paper(index: number): PaperInput {
  const id = `arxiv:2405.${String(index).padStart(5, '0')}`;
  return { id, title: `Paper ${index}`, site: 'arxiv', url: `https://arxiv.org/abs/${id}` };
}

/** Starts a LiveLibrary and records every snapshot it publishes. */
function watch(db: PapershelfDatabase, pause?: () => Promise<void>) {
  const live = new LiveLibrary(db, { firstScreen: 5, chunk: 7, maxChunk: 7, ...(pause ? { pause } : {}) });
  const snapshots: LibrarySnapshot[] = [];
  live.subscribe((snapshot) => snapshots.push(snapshot));
  cleanups.push(() => live.stop());
  const started = live.start();
  return { live, snapshots, started };
}

/** The last snapshot published. */
const live = (snapshots: readonly LibrarySnapshot[]) => snapshots.at(-1)!;

/** A stored record written directly, with the saved time the test needs. */
function record(index: number): PaperRecord {
  const id = `arxiv:2406.${String(index).padStart(5, '0')}`;
  return { id, title: `Paper ${index}`, authors: [], sources: {}, tags: [], createdAt: 1, updatedAt: 1 };
}

/** Takes getAllRecords away for this test: the saved papers are then read by keys. */
function withoutGetAllRecords(): void {
  const prototype = IDBIndex.prototype as { getAllRecords?: unknown };
  const original = prototype.getAllRecords;
  expect(typeof original).toBe('function');
  delete prototype.getAllRecords;
  cleanups.push(() => (prototype.getAllRecords = original));
}

const ids = (snapshot: LibrarySnapshot) => snapshot.papers.map((record) => record.id).sort();

describe('LiveLibrary', () => {
  it('publishes the newest saved papers first, then every saved paper, the counts, and every paper', async () => {
    const { db, repo } = setup('live-first');
    for (let index = 0; index < 30; index++) await (index % 3 === 0 ? repo.hide(paper(index)) : repo.save(paper(index)));
    const { snapshots, started } = watch(db);
    await started;
    const first = snapshots[0]!;
    expect(first.phase).toBe('first');
    expect(first.papers.map((record) => record.title)).toEqual(['Paper 29', 'Paper 28', 'Paper 26', 'Paper 25', 'Paper 23']);
    const phases = snapshots.map((snapshot) => snapshot.phase).filter((phase, index, all) => phase !== all[index - 1]);
    expect(phases).toEqual(['first', 'saved', 'complete']);
    const saved = snapshots.find((snapshot) => snapshot.phase === 'saved')!;
    expect(saved.papers).toHaveLength(20);
    expect(saved.papers.every((record) => record.savedAt !== undefined)).toBe(true);
    expect(snapshots.some((snapshot) => snapshot.phase !== 'complete' && snapshot.counts?.hidden === 10 && snapshot.counts.all === 30)).toBe(true);
    const complete = snapshots.at(-1)!;
    expect(complete.phase).toBe('complete');
    expect(complete.papers).toHaveLength(30);
    expect(complete.counts).toEqual({ saved: 20, hidden: 10, all: 30 });
    expect(await db.papers.toArray()).toEqual([...complete.papers].sort((a, b) => (a.id < b.id ? -1 : 1)));
    // The saved papers read first are the very objects of the complete list: their search entries stay.
    for (const record of saved.papers) expect(complete.papers).toContain(record);
  });

  it('shows the early first screen as it is, then reads it again once listening', async () => {
    const { db, repo } = setup('live-early');
    for (let index = 0; index < 10; index++) await repo.save(paper(index));
    // Read before the start, as the popup does without Dexie; then a write lands before listening.
    const early = db.papers.orderBy('savedAt').reverse().limit(5).toArray();
    const earlyIds = (await early).map((record) => record.id);
    await repo.save(paper(42));
    const live = new LiveLibrary(db, { firstScreen: 5 });
    const snapshots: LibrarySnapshot[] = [];
    live.subscribe((snapshot) => snapshots.push(snapshot));
    cleanups.push(() => live.stop());
    await live.start(early);
    expect(snapshots[0]!.phase).toBe('first');
    expect(snapshots[0]!.papers.map((record) => record.id)).toEqual(earlyIds);
    const firsts = snapshots.filter((snapshot) => snapshot.phase === 'first' && snapshot.papers.length === 5);
    expect(firsts.at(-1)!.papers[0]!.id).toBe(paper(42).id);
    expect(live.snapshot.phase).toBe('complete');
    expect(live.snapshot.papers).toHaveLength(11);
  });

  it('reads the first screen itself when the early read could not answer', async () => {
    const { db, repo } = setup('live-early-none');
    for (let index = 0; index < 3; index++) await repo.save(paper(index));
    const { snapshots, started } = watch(db);
    await started;
    expect(snapshots[0]!.phase).toBe('first');
    const live = new LiveLibrary(db, { firstScreen: 5 });
    const seen: LibrarySnapshot[] = [];
    live.subscribe((snapshot) => seen.push(snapshot));
    cleanups.push(() => live.stop());
    await live.start(Promise.resolve(undefined));
    expect(seen[0]!.phase).toBe('first');
    expect(seen[0]!.papers.map((record) => record.title)).toEqual(['Paper 2', 'Paper 1', 'Paper 0']);
  });

  for (const path of ['ranges', 'keys'] as const) {
    it(`publishes the saved papers read so far, newest saved first, while it reads the rest (${path})`, async () => {
      if (path === 'keys') withoutGetAllRecords();
      const { db, repo } = setup(`live-partial-${path}`);
      for (let index = 0; index < 30; index++) await (index % 3 === 0 ? repo.hide(paper(index)) : repo.save(paper(index)));
      const { snapshots, started } = watch(db);
      await started;
      const partials = snapshots.filter((snapshot) => snapshot.phase === 'first' && snapshot.partial).map((snapshot) => snapshot.partial!);
      // Chunks of 7 of the 20 saved papers: 7, 14, 20 read.
      expect(partials.map((partial) => partial.length)).toEqual([7, 14, 20]);
      const newestFirst = (await db.papers.orderBy('savedAt').reverse().toArray()).map((record) => record.id);
      for (const partial of partials) expect(partial.map((record) => record.id)).toEqual(newestFirst.slice(0, partial.length));
      // A new array each time (lib/search caches per array), and none once the saved papers are in.
      expect(new Set(partials).size).toBe(partials.length);
      expect(snapshots.filter((snapshot) => snapshot.phase !== 'first').every((snapshot) => snapshot.partial === undefined)).toBe(true);
      // By keys, how many there are is known before they are read: the popup's "of 20".
      if (path === 'keys') expect(snapshots.find((snapshot) => snapshot.partial)?.savedTotal).toBe(20);
      // The slow counts only once the saved papers are in.
      expect(snapshots.filter((snapshot) => snapshot.phase === 'first').every((snapshot) => snapshot.counts === undefined)).toBe(true);
      expect(live(snapshots).phase).toBe('complete');
    });
  }

  it('reads papers saved at the same instant whole, even across chunks (an import)', async () => {
    const { db } = setup('live-instants');
    const at = (index: number, savedAt: number) => ({ ...record(index), savedAt });
    // 5 older, 12 saved together, 3 newer: a chunk of 7 ends inside the 12.
    await db.papers.bulkPut([...Array.from({ length: 5 }, (_, i) => at(i, 1_000 + i)), ...Array.from({ length: 12 }, (_, i) => at(100 + i, 5_000)), ...Array.from({ length: 3 }, (_, i) => at(200 + i, 9_000 + i))]);
    const { snapshots, started } = watch(db);
    await started;
    const saved = snapshots.find((snapshot) => snapshot.phase === 'saved')!;
    expect(saved.papers).toHaveLength(20);
    expect(new Set(saved.papers.map((paper) => paper.id)).size).toBe(20);
    const times = saved.papers.map((paper) => paper.savedAt!);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('reads in chunks that double up to the largest, saying how far it got', async () => {
    const { db, repo } = setup('live-chunks');
    for (let index = 0; index < 40; index++) await repo.hide(paper(index));
    const live = new LiveLibrary(db, { chunk: 2, maxChunk: 8 });
    const loaded: number[] = [];
    live.subscribe((snapshot) => {
      // The counts arrive in a snapshot of their own, at any point: progress is each new value.
      if (snapshot.phase !== 'complete' && snapshot.loaded > 0 && snapshot.loaded !== loaded.at(-1)) loaded.push(snapshot.loaded);
    });
    cleanups.push(() => live.stop());
    await live.start();
    expect(loaded).toEqual([2, 6, 14, 22, 30, 38]);
    expect(live.snapshot.papers).toHaveLength(40);
  });

  it('keeps the saved list current while the rest is read', async () => {
    const { db, repo } = setup('live-saved-phase');
    for (let index = 0; index < 10; index++) await repo.save(paper(index));
    for (let index = 10; index < 40; index++) await repo.hide(paper(index));
    let release: () => void = () => undefined;
    let pauses = 0;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Holds the full read after its first chunk, with the saved papers published.
    const { live, started } = watch(db, async () => {
      if (++pauses === 3) await gate;
    });
    await waitFor(live, (snapshot) => snapshot.phase === 'saved');
    await repo.unsave(paper(0).id);
    await repo.save(paper(20));
    const now = await waitFor(live, (snapshot) => snapshot.phase === 'saved' && snapshot.papers.length === 10 && snapshot.papers.some((record) => record.id === paper(20).id));
    expect(ids(now)).not.toContain(paper(0).id);
    release();
    await started;
    const complete = await waitFor(live, (snapshot) => snapshot.phase === 'complete');
    expect(complete.counts).toEqual({ saved: 10, hidden: 30, all: 40 });
  });

  it('follows writes by reading only the records they name, in a new array each time', async () => {
    const { db, repo } = setup('live-follow');
    for (let index = 0; index < 10; index++) await repo.save(paper(index));
    const { live, started } = watch(db);
    await started;
    const before = live.snapshot;
    const untouched = before.papers.find((record) => record.id === paper(3).id);

    await repo.setTags(paper(1), ['llm']);
    let now = await waitFor(live, (snapshot) => snapshot.papers.find((record) => record.id === paper(1).id)?.tags[0] === 'llm');
    expect(now.papers).not.toBe(before.papers);
    // Records nobody wrote are the same objects: search entries and sorted views built for them stay.
    expect(now.papers.find((record) => record.id === paper(3).id)).toBe(untouched);

    await repo.save(paper(50));
    await repo.hide(paper(2));
    now = await waitFor(live, (snapshot) => snapshot.papers.length === 11 && snapshot.counts?.hidden === 1);
    expect(now.counts).toEqual({ saved: 11, hidden: 1, all: 11 });

    await repo.deletePapers([paper(4).id, paper(5).id]);
    now = await waitFor(live, (snapshot) => snapshot.papers.length === 9);
    expect(ids(now)).not.toContain(paper(4).id);
    expect(ids(now)).toEqual((await db.papers.toArray()).map((record) => record.id).sort());
  });

  it('keeps each record in the memory form it is given: read whole, later writes, and every phase', async () => {
    const { db, repo } = setup('live-held');
    for (let index = 0; index < 12; index++) await (index % 4 === 0 ? repo.hide({ ...paper(index), abstract: `Abstract ${index}` }) : repo.save({ ...paper(index), abstract: `Abstract ${index}` }));
    const live = new LiveLibrary(db, { firstScreen: 5, chunk: 3, maxChunk: 3, memoryForm: ({ abstract: _abstract, ...rest }) => rest });
    const snapshots: LibrarySnapshot[] = [];
    live.subscribe((snapshot) => snapshots.push(snapshot));
    cleanups.push(() => live.stop());
    await live.start();
    expect(live.snapshot.phase).toBe('complete');
    expect(live.snapshot.papers).toHaveLength(12);
    for (const snapshot of snapshots) for (const record of [...snapshot.papers, ...(snapshot.partial ?? [])]) expect(record).not.toHaveProperty('abstract');
    // The library itself keeps every abstract.
    expect((await db.papers.toArray()).every((record) => record.abstract?.startsWith('Abstract'))).toBe(true);
    await repo.setTags(paper(1), ['llm']);
    const now = await waitFor(live, (snapshot) => snapshot.papers.find((record) => record.id === paper(1).id)?.tags[0] === 'llm');
    expect(now.papers.find((record) => record.id === paper(1).id)).not.toHaveProperty('abstract');
  });

  it('keeps what was written while it was still reading', async () => {
    const { db, repo } = setup('live-during-load');
    for (let index = 0; index < 20; index++) await repo.save(paper(index));
    let writes = 0;
    const pause = async () => {
      // Between two chunks: one paper read already changes, one not read yet goes, one arrives.
      if (writes++ === 0) {
        await repo.setTags(paper(0), ['early']);
        await repo.deletePapers([paper(19).id]);
        await repo.hide(paper(99));
      }
    };
    const { live, started } = watch(db, pause);
    await started;
    const now = await waitFor(live, (snapshot) => snapshot.phase === 'complete');
    expect(ids(now)).toEqual((await db.papers.toArray()).map((record) => record.id).sort());
    expect(now.papers.find((record) => record.id === paper(0).id)?.tags).toEqual(['early']);
  });

  it('reads everything again after a write that names a range (an import that replaces the library)', async () => {
    const { db, repo } = setup('live-replace');
    for (let index = 0; index < 5; index++) await repo.save(paper(index));
    const { live, started } = watch(db);
    await started;
    await repo.replaceLibrary({ papers: [{ entry: 'x', metadata: { id: 'arxiv:2406.00001', title: 'Only one' }, tags: [], saved: true }] });
    const now = await waitFor(live, (snapshot) => snapshot.papers.length === 1);
    expect(ids(now)).toEqual(['arxiv:2406.00001']);
  });

  it('held by a large write, reads nothing until released, then reads once what every chunk wrote', async () => {
    const { db, repo } = setup('live-held');
    for (let index = 0; index < 5; index++) await repo.save(paper(index));
    // Each read of the library pauses between its chunks: counted, they say whether it read.
    let reads = 0;
    const { live, snapshots, started } = watch(db, async () => void reads++);
    await started;
    await waitFor(live, (snapshot) => snapshot.phase === 'complete');
    const release = live.holdFollowing();
    const published = snapshots.length;
    reads = 0;
    // Two chunks of 50 (Dexie names a write of 50 or more as the whole table), as a restore sends them.
    for (let chunk = 0; chunk < 2; chunk++) {
      await repo.restorePapers(Array.from({ length: 50 }, (_, index) => ({ ...record(chunk * 50 + index), savedAt: 2 })));
    }
    await repo.setTags(paper(1), ['while-held']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reads).toBe(0);
    expect(snapshots.length).toBe(published);

    release();
    release(); // once only
    const now = await waitFor(live, (snapshot) => snapshot.phase === 'complete' && snapshot.papers.length === 105);
    expect(reads).toBeGreaterThan(0);
    expect(ids(now)).toEqual((await db.papers.toArray()).map((paper) => paper.id).sort());
    expect(now.papers.find((paper) => paper.id === 'arxiv:2405.00001')?.tags).toEqual(['while-held']);

    // Released, it follows writes again.
    await repo.setTags(paper(2), ['after']);
    await waitFor(live, (snapshot) => snapshot.papers.find((paper) => paper.id === 'arxiv:2405.00002')?.tags[0] === 'after');
  }, 30_000);

  it('held and released with nothing written, reads nothing again', async () => {
    const { db, repo } = setup('live-held-idle');
    for (let index = 0; index < 5; index++) await repo.save(paper(index));
    const { live, snapshots, started } = watch(db);
    await started;
    await waitFor(live, (snapshot) => snapshot.phase === 'complete');
    const published = snapshots.length;
    live.holdFollowing()();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(snapshots.length).toBe(published);
  });

  it('says in words when the library cannot be read, and stops listening when stopped', async () => {
    const { db, repo } = setup('live-stop');
    await repo.save(paper(1));
    const { live, snapshots, started } = watch(db);
    await started;
    live.stop();
    const count = snapshots.length;
    await repo.save(paper(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(snapshots).toHaveLength(count);

    db.close();
    const broken = new LiveLibrary(db);
    cleanups.push(() => broken.stop());
    await broken.start();
    expect(broken.snapshot.phase).toBe('error');
    expect(broken.snapshot.error).toMatch(/closed/i);
  });
});

async function waitFor(live: LiveLibrary, check: (snapshot: LibrarySnapshot) => boolean): Promise<LibrarySnapshot> {
  await expect.poll(() => check(live.snapshot), { timeout: 5_000, interval: 5 }).toBe(true);
  return live.snapshot;
}
