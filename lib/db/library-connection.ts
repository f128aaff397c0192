/**
 * A short read of the library with plain IndexedDB, for what an extension page shows before Dexie
 * has loaded (the popup's first rows, its search at open). It never creates or upgrades the
 * library: opened without a version (the one on disk), a missing library's creation is aborted, and
 * the connection closes after the read and at once when an upgrade wants the database, so it never
 * blocks the background's schema upgrade.
 *
 * `read` runs on the open connection; the answer is undefined on any failure or when there is no library.
 */
/** An IndexedDB request's result, as a promise. */
export function requested<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export function withLibrary<T>(factory: IDBFactory, name: string, read: (db: IDBDatabase) => Promise<T>): Promise<T | undefined> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name);
    } catch {
      resolve(undefined);
      return;
    }
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(undefined);
    request.onblocked = () => resolve(undefined);
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      let reading: Promise<T>;
      try {
        reading = read(db);
      } catch {
        db.close();
        resolve(undefined);
        return;
      }
      reading.then(resolve, () => resolve(undefined)).finally(() => db.close());
    };
  });
}
