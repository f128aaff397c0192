// @vitest-environment node
/**
 * The background's side of sync (lib/db/sync-store.ts) against real WebDAV servers: libraries
 * written through the repository, synced with the engine, end identical and equal to the merge
 * rules; merged writes are not recorded again; a device that connects with a library of its own
 * keeps all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeLibraries } from '../fake-library';
import type { PapershelfDatabase } from '../../../lib/db/database';
import { DexieSyncStore, startRecording, type MergeOutcome } from '../../../lib/db/sync-store';
import { syncOnce, type SyncReport } from '../../../lib/sync/engine';
import { WebDavFolder } from '../../../lib/webdav/client';
import type { PaperInput, PaperRecord } from '../../../lib/paper/model';
import { availableServers, startServer, type WebDavServer } from '../../webdav-servers';

const setup = fakeLibraries('papershelf-sync-store-test');
const paper = (id: string): PaperInput => ({ id, title: `Paper ${id}`, authors: ['Ada Lovelace'], site: 'arxiv', url: `https://arxiv.org/abs/${id}` });
const P = 'arxiv:2410.00100';

/** The library as a user sees it, in a form two devices can be compared by (no write times, tags as a set). */
async function library(db: PapershelfDatabase): Promise<unknown[]> {
  const records = await db.papers.orderBy('id').toArray();
  return records.map(({ updatedAt: _u, tags, ...rest }: PaperRecord) => ({ ...rest, tags: [...tags].sort() }));
}

describe.each(availableServers())('the background sync store through %s', (name) => {
  let server: WebDavServer;
  let folders = 0;
  beforeAll(async () => {
    server = await startServer(name);
  });
  afterAll(async () => {
    await server?.stop();
  });
  const newFolder = async () => {
    folders += 1;
    await new WebDavFolder({ url: server.url, user: server.user, password: server.password, fetch }).ensureFolder(`s${folders}`);
    return new WebDavFolder({ url: `${server.url}s${folders}/`, user: server.user, password: server.password, fetch });
  };
  const round = async (folder: WebDavFolder, db: PapershelfDatabase, merged: MergeOutcome[] = []): Promise<SyncReport> => {
    const store = (await DexieSyncStore.open(db, (outcome) => merged.push(outcome)))!;
    return syncOnce(folder, store, { now: Date.now });
  };

  it("offline edits on two devices merge into identical libraries by the rules (P keeps x and y); a third device that had its own library gets everything", async () => {
    const folder = await newFolder();
    const a = setup();
    const b = setup();
    await a.repo.save(paper(P));
    await startRecording(a.db, 'A', undefined);
    await startRecording(b.db, 'B', undefined);
    await round(folder, a.db);
    await round(folder, b.db);
    expect(await library(b.db)).toEqual(await library(a.db));

    // Offline on both.
    for (let i = 1; i <= 5; i += 1) await a.repo.save(paper(`arxiv:2410.0000${i}`));
    for (const id of ['arxiv:2410.00001', 'arxiv:2410.00002', P]) await a.repo.setTags(paper(id), ['x']);
    for (let i = 6; i <= 9; i += 1) await a.repo.hide(paper(`arxiv:2410.0000${i}`));
    await a.repo.deletePapers(['arxiv:2410.00005']);
    for (let i = 1; i <= 3; i += 1) await b.repo.save(paper(`arxiv:2410.0010${i}`));
    await b.repo.setTags(paper(P), ['y']); // B never saw x: removing it must not remove A's add.
    await b.repo.hide(paper('arxiv:2410.00001'));
    await b.repo.hide(paper('arxiv:2410.00002'));
    await b.repo.setNote(P, 'from B');

    const seenByB: MergeOutcome[] = [];
    await round(folder, a.db);
    await round(folder, b.db, seenByB);
    await round(folder, a.db);
    expect(await library(b.db)).toEqual(await library(a.db));
    const p = (await a.db.papers.get(P))!;
    expect([...p.tags].sort()).toEqual(['x', 'y']);
    expect(p.note).toBe('from B');
    expect(await a.db.papers.get('arxiv:2410.00005')).toBeUndefined();
    expect((await a.db.papers.get('arxiv:2410.00001'))!.hiddenAt).toBeDefined();
    expect((await a.db.papers.count())).toBe(1 + 5 - 1 + 4 + 3);
    // B was told which papers changed, for its listing tabs.
    expect(Object.keys(Object.assign({}, ...seenByB.map((outcome) => outcome.states)))).toEqual(expect.arrayContaining(['arxiv:2410.00003', P, 'arxiv:2410.00006']));
    // Merged writes are not this device's operations: nothing waits for upload.
    expect(await a.db.syncOps.where('pending').equals(1).count()).toBe(0);
    expect(await b.db.syncOps.where('pending').equals(1).count()).toBe(0);

    const c = setup();
    await c.repo.save(paper('arxiv:2410.00900'));
    await c.repo.setTags(paper(P), ['z']);
    await startRecording(c.db, 'C', undefined);
    await round(folder, c.db);
    await round(folder, a.db);
    await round(folder, b.db);
    await round(folder, c.db);
    const expected = await library(a.db);
    expect(await library(b.db)).toEqual(expected);
    expect(await library(c.db)).toEqual(expected);
    expect(await a.db.papers.get('arxiv:2410.00900')).toBeDefined();
    expect([...(await a.db.papers.get(P))!.tags].sort()).toEqual(['x', 'y', 'z']);
  }, 60_000);

  it('settings and rules travel; two papers with the same citation key on two devices keep distinct keys', async () => {
    const folder = await newFolder();
    const a = setup();
    const b = setup();
    await startRecording(a.db, 'A', undefined);
    await startRecording(b.db, 'B', undefined);
    await a.repo.save(paper('arxiv:2410.00001'));
    await b.repo.save(paper('arxiv:2410.00002'));
    await a.repo.setCitationKey('arxiv:2410.00001', 'same2024');
    await b.repo.setCitationKey('arxiv:2410.00002', 'same2024');
    await a.repo.saveSettings({ bibtexJournalStyle: 'arxiv-journal', bibtexAscii: true, keyboardShortcuts: true, metadataLookups: true, forYou: true });
    await round(folder, a.db);
    await round(folder, b.db);
    await round(folder, a.db);
    await round(folder, b.db);
    expect(await library(b.db)).toEqual(await library(a.db));
    const keys = (await a.db.papers.toArray()).map((record) => record.citationKey);
    expect(new Set(keys).size).toBe(2);
    expect(await b.repo.getSettings()).toMatchObject({ bibtexJournalStyle: 'arxiv-journal', bibtexAscii: true });
  }, 60_000);
});
