/**
 * Asks the browser to keep the library's storage when the disk runs low.
 *
 * Chromium exempts an extension with `unlimitedStorage` from eviction by itself (its storage stays
 * "not persisted" and `persist()` does not exist in its service worker). Firefox does not: the
 * extension's IndexedDB is best-effort until `persist()` is called, which Firefox grants to an
 * extension without a prompt (test/e2e-firefox/browser-differences.test.ts checks both).
 */
export async function keepStorage(storage: Partial<Pick<StorageManager, 'persist' | 'persisted'>> | undefined): Promise<boolean> {
  if (typeof storage?.persist !== 'function' || typeof storage.persisted !== 'function') return false;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    // A browser that refuses is no worse off than before the request.
    return false;
  }
}
