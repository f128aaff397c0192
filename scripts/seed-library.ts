// Writes a library straight into the built extension's IndexedDB from one of its pages (raw
// IndexedDB, in batches): a measuring shortcut for the benchmarks, not how the extension writes
// (the background does, through Dexie). Used by the benchmarks (bench-popup.ts, bench-storage-designs.ts, measure-popup-load.ts).
import type { PaperRecord } from '../lib/paper/model';
import type { Session } from '../test/e2e/harness.ts';

/** Papers per `page.evaluate`: keeps each DevTools message a few MB. */
const BATCH = 5_000;

export async function seedLibrary(session: Session, papers: readonly PaperRecord[]): Promise<void> {
  const page = await session.openPopup();
  // The popup opens the database, so its schema exists before the raw writes below.
  await page.getByRole('searchbox', { name: 'Search papers' }).waitFor();
  for (let start = 0; start < papers.length; start += BATCH) {
    const batch = papers.slice(start, start + BATCH);
    await page.evaluate(
      (records) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('papershelf');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('papers', 'readwrite');
            const store = tx.objectStore('papers');
            for (const record of records) store.put(record);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      batch,
    );
  }
  await page.close();
}
