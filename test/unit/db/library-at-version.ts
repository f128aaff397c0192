import { IDBKeyRange, type IDBFactory } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';

/**
 * What every schema test needs: the library `name` opened in `factory` at a given schema version
 * (the latest when none), as a browser that last ran that version holds it; every library opened
 * is closed after each test. Call at a test file's top level (it registers the afterEach).
 */
export function libraryOpener(name: string): (factory: IDBFactory, upToVersion?: number) => PapershelfDatabase {
  const opened: PapershelfDatabase[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return (factory, upToVersion) => {
    const db = new PapershelfDatabase(name, { indexedDB: factory, IDBKeyRange, ...(upToVersion === undefined ? {} : { upToVersion }) });
    opened.push(db);
    return db;
  };
}
