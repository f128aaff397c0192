// @vitest-environment node
import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import { PaperRepository } from '../../../lib/db/repository';
import { handleContentRequest } from '../../../lib/messaging/handler';

type Internals = { transaction: { _execRequestAsync(request: { operation: () => unknown; source: unknown }): unknown } };
const realPut = IDBObjectStore.prototype.put;

/** The next `put` fails with `error` (as Chromium fails a request whose connection it closed, if asked); later ones work. */
function failTheNextPut(db: PapershelfDatabase, error: DOMException, { closeConnection }: { closeConnection: boolean }): { puts: number } {
  const seen = { puts: 0 };
  IDBObjectStore.prototype.put = function (this: IDBObjectStore & Internals, ...args: Parameters<IDBObjectStore['put']>) {
    seen.puts++;
    if (seen.puts > 1) return realPut.apply(this, args);
    const connection = db.backendDB();
    const request = this.transaction._execRequestAsync({
      operation: () => {
        throw error;
      },
      source: this,
    }) as IDBRequest<IDBValidKey>;
    // The browser closed it: Dexie hears `close` and opens the database again on the next call.
    if (closeConnection) {
      connection.close();
      connection.onclose?.(new Event('close'));
    }
    return request;
  };
  return seen;
}

const open: PapershelfDatabase[] = [];
afterEach(() => {
  IDBObjectStore.prototype.put = realPut;
  for (const db of open.splice(0)) db.close();
});

async function emptyLibrary() {
  const db = new PapershelfDatabase('lost-connection-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  await db.open();
  return { db, repo: new PaperRepository(db) };
}

const save = { type: 'content:save', paper: { id: '2409.00001', title: 'Saved through a lost connection', authors: ['Ada Lovelace'], site: 'arxiv', url: 'https://arxiv.org/abs/2409.00001' } };

describe('a connection the browser closes during a write', () => {
  it('runs the request once more on a fresh connection: the Save is stored, once', async () => {
    const { db, repo } = await emptyLibrary();
    failTheNextPut(db, new DOMException('Database connection lost', 'UnknownError'), { closeConnection: true });
    const handled = await handleContentRequest(repo, save);
    expect(handled.reply).toMatchObject({ ok: true });
    const stored = await db.papers.toArray();
    expect(stored.map((paper) => [paper.id, typeof paper.savedAt])).toEqual([['arxiv:2409.00001', 'number']]);
  });

  it('does not repeat a request that failed for any other reason', async () => {
    const { db, repo } = await emptyLibrary();
    failTheNextPut(db, new DOMException('The data is not valid.', 'DataError'), { closeConnection: false });
    const handled = await handleContentRequest(repo, save);
    // Run again, the Save would have gone through: the refusal and the empty library say it was not.
    expect(handled.reply).toMatchObject({ ok: false });
    expect(await db.papers.count()).toBe(0);
  });
});
