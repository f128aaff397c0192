import type { PaperRecord } from '../paper/model';
import { withLibrary } from './library-connection';

/** The library's IndexedDB name (PapershelfDatabase's default), here without importing Dexie. */
export const LIBRARY_DATABASE_NAME = 'papershelf';

/**
 * The newest saved papers, newest first, read with plain IndexedDB: what a page paints first.
 *
 * Why not Dexie: Dexie is most of an extension page's start-up script. The popup starts this read
 * before Dexie is even loaded (entrypoints/popup/main.tsx), so its first rows are on screen while
 * Dexie, the search and the rest load; LiveLibrary takes over from there.
 *
 * Resolves undefined, never rejects, whenever this cannot answer: no library yet, a schema without
 * the `savedAt` index, or any error. The caller then reads through Dexie as usual. It never creates
 * or upgrades the database (Dexie and the background own the schema) and closes its connection at
 * once, so it never blocks an upgrade.
 */
export function readNewestSaved(limit: number, factory: IDBFactory = indexedDB, name = LIBRARY_DATABASE_NAME): Promise<PaperRecord[] | undefined> {
  return withLibrary(factory, name, (db) => readNewest(db, limit));
}

function readNewest(db: IDBDatabase, limit: number): Promise<PaperRecord[] | undefined> {
  return new Promise((resolve) => {
    if (!db.objectStoreNames.contains('papers')) return resolve(undefined);
    const store = db.transaction('papers', 'readonly').objectStore('papers');
    if (!store.indexNames.contains('savedAt')) return resolve(undefined);
    if (limit <= 0) return resolve([]);
    const index = store.index('savedAt') as IndexWithRecords;
    // The sparse `savedAt` index holds exactly the saved papers; backwards is newest first.
    if (typeof index.getAllRecords === 'function') {
      // One request (Chromium 141+): the page may be busy loading the rest of its code, and each
      // cursor step below would wait for a turn on its thread.
      const request = index.getAllRecords({ direction: 'prev', count: limit });
      request.onerror = () => resolve(undefined);
      request.onsuccess = () => resolve(request.result.map((record) => record.value as PaperRecord));
      return;
    }
    const papers: PaperRecord[] = [];
    const cursor = index.openCursor(null, 'prev');
    cursor.onerror = () => resolve(undefined);
    cursor.onsuccess = () => {
      const current = cursor.result;
      if (!current) return resolve(papers);
      papers.push(current.value as PaperRecord);
      if (papers.length >= limit) resolve(papers);
      else current.continue();
    };
  });
}

/** `IDBIndex.getAllRecords` (IndexedDB 3.0), not in every browser nor in TypeScript's DOM types yet. */
export interface IndexWithRecords extends IDBIndex {
  getAllRecords?(options: { query?: IDBKeyRange | null; direction: IDBCursorDirection; count: number }): IDBRequest<Array<{ value: unknown }>>;
}
