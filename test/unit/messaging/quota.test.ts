// @vitest-environment node
import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { PaperRepository } from '../../../lib/db/repository';
import { handleContentRequest, handleUiRequest } from '../../../lib/messaging/handler';
import type { PaperInput } from '../../../lib/paper/model';

/**
 * Storage full: every `put` of the database fails the way IndexedDB fails a write over quota (the
 * request errors with a QuotaExceededError DOMException, which aborts its transaction). Each
 * request gets an answer in words, and the library is exactly as it was, down to the last table.
 */
const FULL = "Papershelf could not save: the browser says storage is full. Nothing already stored was changed.";

type Internals = { transaction: { _execRequestAsync(request: { operation: () => unknown; source: unknown }): unknown } };
const realPut = IDBObjectStore.prototype.put;

/** From now on every put fails as over quota, asynchronously, like a real one (fake-indexeddb internals). */
function fillTheDisk(): void {
  IDBObjectStore.prototype.put = function (this: IDBObjectStore & Internals) {
    return this.transaction._execRequestAsync({
      operation: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
      source: this,
    }) as IDBRequest<IDBValidKey>;
  };
}

const open: PapershelfDatabase[] = [];
afterEach(() => {
  IDBObjectStore.prototype.put = realPut;
  for (const db of open.splice(0)) db.close();
});

async function libraryWithPapers() {
  const db = new PapershelfDatabase('quota-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  let time = 1_700_000_000_000;
  const repo = new PaperRepository(db, () => time++);
  await repo.save(paper('arxiv:2409.00001', 'Saved before the disk filled'));
  await repo.setTags(paper('arxiv:2409.00002', 'Tagged before'), ['kept']);
  await repo.hide(paper('arxiv:2409.00003', 'Hidden before'));
  await repo.saveSettings({ bibtexJournalStyle: 'eprint', bibtexAscii: true, keyboardShortcuts: true, metadataLookups: false, forYou: true });
  return { db, repo };
}

function paper(id: string, title: string): PaperInput {
  return { id, title, authors: ['Ada Lovelace'], site: 'arxiv', url: `https://arxiv.org/abs/${id}` };
}

/** Every row of every table, in key order. */
async function snapshot(db: PapershelfDatabase): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) tables[table.name] = await table.toArray();
  return tables;
}

describe('storage full (QuotaExceededError on put)', () => {
  it('the simulated fault is the real shape: a put request that fails with a QuotaExceededError DOMException', async () => {
    const { db } = await libraryWithPapers();
    fillTheDisk();
    const failure = await db.papers.put({ ...(await db.papers.get('arxiv:2409.00001'))!, title: 'Changed' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'QuotaExceededError' });
    IDBObjectStore.prototype.put = realPut;
    expect((await db.papers.get('arxiv:2409.00001'))?.title).toBe('Saved before the disk filled');
  });

  const contentRequests: Array<[string, unknown]> = [
    // A listing page names papers by their arXiv ids.
    ['saving a new paper', { type: 'content:save', paper: paper('2409.00009', 'New') }],
    ['re-saving a known paper', { type: 'content:save', paper: paper('2409.00001', 'A new title from the page') }],
    ['tagging', { type: 'content:setTags', paper: paper('2409.00002', 'Tagged before'), tags: ['kept', 'more'] }],
    ['hiding', { type: 'content:hide', paper: paper('2409.00001', 'Saved before the disk filled') }],
    ['unsaving', { type: 'content:unsave', id: '2409.00001' }],
    ['unhiding', { type: 'content:unhide', id: '2409.00003' }],
  ];

  it.each(contentRequests)('%s from a card: the reply says storage is full, and nothing changed', async (_label, request) => {
    const { db, repo } = await libraryWithPapers();
    const before = await snapshot(db);
    fillTheDisk();
    expect((await handleContentRequest(repo, request)).reply).toEqual({ ok: false, error: FULL });
    IDBObjectStore.prototype.put = realPut;
    expect(await snapshot(db)).toEqual(before);
  });

  const uiRequests: Array<[string, unknown]> = [
    ['importing into the library', { type: 'ui:import', papers: [{ entry: 'a', metadata: { id: 'arxiv:2409.00010', title: 'Imported' }, tags: [], saved: true }], mode: 'merge' }],
    // The worst case: Replace keeps a copy, empties the library, writes papers, settings and rules;
    // the failed write must undo all of it, the copy included.
    ['restoring a backup over the library', { type: 'ui:replaceLibrary', papers: [{ entry: 'a', metadata: { id: 'arxiv:2409.00010', title: 'Imported' }, tags: [], saved: true }], rules: [] }],
    ['saving settings', { type: 'ui:saveSettings', settings: { bibtexJournalStyle: 'arxiv-journal', bibtexAscii: false, keyboardShortcuts: false, metadataLookups: false, forYou: true } }],
    ['setting a citation key', { type: 'ui:setCitationKey', id: 'arxiv:2409.00001', key: 'mine' }],
  ];

  it.each(uiRequests)('%s from an extension page: the reply says storage is full, and nothing changed', async (_label, request) => {
    const { db, repo } = await libraryWithPapers();
    const before = await snapshot(db);
    fillTheDisk();
    expect((await handleUiRequest(repo, request)).reply).toEqual({ ok: false, error: FULL });
    IDBObjectStore.prototype.put = realPut;
    expect(await snapshot(db)).toEqual(before);
  });

  it('works again as soon as there is space', async () => {
    const { repo } = await libraryWithPapers();
    fillTheDisk();
    expect((await handleContentRequest(repo, { type: 'content:save', paper: paper('2409.00009', 'New') })).reply.ok).toBe(false);
    IDBObjectStore.prototype.put = realPut;
    expect((await handleContentRequest(repo, { type: 'content:save', paper: paper('2409.00009', 'New') })).reply).toEqual({
      ok: true,
      result: { '2409.00009': { saved: true, hidden: false, tags: [] } },
    });
  });
});
