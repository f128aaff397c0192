import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import { PapershelfDatabase } from '../../lib/db/database';
import { PaperRepository } from '../../lib/db/repository';

/**
 * For a test file: `setup()` opens a fresh library on its own fake-indexeddb, with a repository
 * whose clock ticks one millisecond per write (`clock.time` can be moved by a test); every library
 * opened is closed after each test.
 */
export function fakeLibraries(name: string) {
  const open: PapershelfDatabase[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
  });
  return function setup() {
    const db = new PapershelfDatabase(name, { indexedDB: new IDBFactory(), IDBKeyRange });
    open.push(db);
    const clock = { time: 1_700_000_000_000 };
    const repo = new PaperRepository(db, () => clock.time++);
    return { db, repo, clock };
  };
}
