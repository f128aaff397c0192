/**
 * Every paper record in the library, as a function an extension page evaluates (the library's own
 * origin): the Chromium and Firefox harnesses both hand it to their page's `evaluate`.
 */
export function readAllPapersInPage(): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('papershelf');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('papers').objectStore('papers').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    };
  });
}
