// `npm run build && node scripts/measure-popup-load.ts [papers…]`: what reading the whole library
// costs an extension page in Chromium, one `getAll()` against `getAll` ranges of MEASURE_CHUNK
// papers (default 2,000), for libraries of the given sizes (default 10,000 and 100,000 synthetic
// papers: scripts/bench-library.ts). The numbers behind LiveLibrary's chunk sizes
// (lib/ui/live-library.ts); the popup itself is measured by `npm run bench` (scripts/bench-popup.ts).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSER_PATH, launch, removeProfile, type Session } from '../test/e2e/harness.ts';
import { syntheticLibrary } from './bench-library.ts';
import { seedLibrary } from './seed-library.ts';
import { median } from './bench-stats.ts';

const SIZES = process.argv.slice(2).map(Number).filter((size) => size > 0);
const RUNS = Number(process.env.MEASURE_RUNS ?? 3);
const CHUNK = Number(process.env.MEASURE_CHUNK ?? 2_000);

async function measureOnce(session: Session): Promise<{ getAll: number; chunked: number }> {
  const page = await session.openPopup();
  try {
    return await page.evaluate(async (chunkSize) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('papershelf');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const request = <T,>(make: () => IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          const r = make();
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      let started = performance.now();
      const all = await request(() => db.transaction('papers').objectStore('papers').getAll());
      const getAll = performance.now() - started;
      started = performance.now();
      let last: IDBValidKey | undefined;
      let count = 0;
      for (;;) {
        const range = last === undefined ? undefined : IDBKeyRange.lowerBound(last, true);
        const chunk = await request(() => db.transaction('papers').objectStore('papers').getAll(range, chunkSize));
        count += chunk.length;
        if (chunk.length < chunkSize) break;
        last = (chunk[chunk.length - 1] as { id: string }).id;
      }
      const chunked = performance.now() - started;
      db.close();
      if (count !== all.length) throw new Error(`chunked read found ${count} papers, getAll ${all.length}`);
      return { getAll, chunked };
    }, CHUNK);
  } finally {
    await page.close();
  }
}


if (!BROWSER_PATH) throw new Error('No Chromium found (see scripts/find-browser.ts).');
const rows: Array<Record<string, string>> = [];
for (const size of SIZES.length > 0 ? SIZES : [10_000, 100_000]) {
  // MEASURE_PROFILE=<dir> keeps the seeded browser profile (one per size) for the next run.
  const kept = process.env.MEASURE_PROFILE ? `${process.env.MEASURE_PROFILE}-${size}` : undefined;
  const reuse = kept !== undefined && existsSync(kept);
  const session = await launch(kept ?? mkdtempSync(join(tmpdir(), 'papershelf-measure-')), { intercept: false });
  try {
    if (!reuse) await seedLibrary(session, syntheticLibrary(size));
    const samples = [];
    for (let run = 0; run < RUNS; run++) samples.push(await measureOnce(session));
    rows.push({
      papers: size.toLocaleString('en'),
      'getAll ms': median(samples.map((sample) => sample.getAll)).toFixed(0),
      [`getAll by ${CHUNK.toLocaleString('en')} ms`]: median(samples.map((sample) => sample.chunked)).toFixed(0),
    });
  } finally {
    await session.close();
    if (!kept) removeProfile(session.userDataDir);
  }
}
console.table(rows);
