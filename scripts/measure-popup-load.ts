// `npm run build && node scripts/measure-popup-load.ts [papers…]`: what the popup's loading
// costs in Chromium with the built extension, for libraries of the given sizes (default 10,000 and
// 100,000 synthetic papers: scripts/bench-library.ts, half hidden, ~1 KB abstracts).
//
// The library is written straight into the extension's IndexedDB from an extension page (raw
// IndexedDB, in batches): a measuring shortcut, not how the extension writes. Then, each a median
// of MEASURE_RUNS (default 3) fresh popups:
// - getAll: one `getAll()` of the whole papers store, what `db.papers.toArray()` costs;
// - chunked: the same in `getAll` ranges of MEASURE_CHUNK papers (default 2,000);
// - first paint: first-contentful-paint; first rows: the frame that paints the first rows; saved
//   read: every saved paper read (searchable); complete: every paper read; all from navigation;
// - keystroke: from an `input` event in the search box to the next frame, for a few queries.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticLibrary } from './bench-library.ts';
import { BROWSER_PATH, launch, removeProfile, type Session } from '../test/e2e/harness.ts';

const SIZES = process.argv.slice(2).map(Number).filter((size) => size > 0);
const RUNS = Number(process.env.MEASURE_RUNS ?? 3);
const CHUNK = Number(process.env.MEASURE_CHUNK ?? 2_000);

async function seed(session: Session, size: number): Promise<void> {
  const page = await session.openPopup();
  // The popup opens the database, so its schema exists before the raw writes below.
  await page.getByRole('searchbox', { name: 'Search papers' }).waitFor();
  const papers = syntheticLibrary(size);
  for (let start = 0; start < papers.length; start += 5_000) {
    const batch = papers.slice(start, start + 5_000);
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

interface Sample {
  getAll: number;
  chunked: number;
  firstPaint: number;
  firstScreen: number;
  saved: number;
  complete: number;
  keystrokes: number[];
}

async function measureOnce(session: Session): Promise<Sample> {
  const reads = await session.openPopup();
  const { getAll, chunked } = await reads.evaluate(async (chunkSize) => {
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
  await reads.close();

  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
  await popup.waitForFunction(() => performance.getEntriesByName('papershelf:popup-complete').length > 0, undefined, { timeout: 120_000, polling: 50 });
  const marks = await popup.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    return {
      firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      firstScreen: at('papershelf:popup-first-screen'),
      saved: at('papershelf:library-saved'),
      complete: at('papershelf:popup-complete'),
    };
  });
  // Let the idle search preparation finish, as it would while the user reads the first rows.
  await popup.waitForTimeout(3_000);
  const keystrokes = await popup.evaluate(async () => {
    const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const times: number[] = [];
    for (const phrase of ['attention', 'zoe muller', 'attentive', '1503.0']) {
      for (let length = 1; length <= phrase.length; length++) {
        const started = performance.now();
        input.value = phrase.slice(0, length);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
        times.push(performance.now() - started);
      }
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
    }
    return times;
  });
  await popup.close();
  return { getAll, chunked, ...marks, keystrokes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;

if (!BROWSER_PATH) throw new Error('No Chromium found (see scripts/find-browser.ts).');
const rows: Array<Record<string, string>> = [];
for (const size of SIZES.length > 0 ? SIZES : [10_000, 100_000]) {
  // MEASURE_PROFILE=<dir> keeps the seeded browser profile (one per size) for the next run.
  const kept = process.env.MEASURE_PROFILE ? `${process.env.MEASURE_PROFILE}-${size}` : undefined;
  const reuse = kept !== undefined && existsSync(kept);
  const session = await launch(kept ?? mkdtempSync(join(tmpdir(), 'papershelf-measure-')));
  try {
    if (!reuse) await seed(session, size);
    const samples: Sample[] = [];
    for (let run = 0; run < RUNS; run++) samples.push(await measureOnce(session));
    const ms = (pick: (sample: Sample) => number) => median(samples.map(pick)).toFixed(0);
    const keys = samples.flatMap((sample) => sample.keystrokes);
    rows.push({
      papers: size.toLocaleString('en'),
      'getAll ms': ms((sample) => sample.getAll),
      'chunked ms': ms((sample) => sample.chunked),
      'first paint ms': ms((sample) => sample.firstPaint),
      'first rows ms': ms((sample) => sample.firstScreen),
      'saved read ms': ms((sample) => sample.saved),
      'complete ms': ms((sample) => sample.complete),
      'keystroke p50 ms': median(keys).toFixed(0),
      'keystroke p95 ms': p95(keys).toFixed(0),
    });
  } finally {
    await session.close();
    if (!kept) removeProfile(session.userDataDir);
  }
}
console.table(rows);
