// Part of `npm run bench`: the one state request a 2000-entry arXiv listing makes, answered by the
// background from a library of 1,000,000 records. The library is filled fast and minimal (one
// bulk put per 20,000 records in the service worker: valid records with an id, a title and the
// times, 5% saved, the rest hidden; 200 of the page's 2000 papers among the hidden); a realistic
// million-record library is scripts/bench-library*.ts's business. Printed beside the same request
// against an empty library in the same session. Alone (after `npm run build`):
// `node scripts/bench-state-request.ts`.
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { BROWSER_PATH, launch, removeProfile, type Session } from '../test/e2e/harness.ts';
import { arxivListing, type BenchPage } from './bench-pages.ts';
import { median } from './bench-stats.ts';

const RECORDS = Number(process.env.BENCH_STATE_RECORDS ?? 1_000_000);
/** The page's papers the library holds as hidden (arxivListing numbers them from 2609.90000). */
const PAGE_HIDDEN = 200;

interface Sample {
  /** In the background: reading the 2000 states (the `papershelf:getStates` measure). */
  background: number;
  /** In the page: request sent → states drawn. */
  roundTrip: number;
  /** `content:getStates` messages the page sent. */
  messages: number;
}

/** Fills the library in the service worker, straight into IndexedDB (the background's own database). */
async function fill(session: Session, records: number): Promise<number> {
  const worker = await session.serviceWorker();
  const started = Date.now();
  await worker.evaluate(
    async ({ records, pageHidden }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('papershelf');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const now = Date.now();
      const idAt = (index: number) => {
        if (index < pageHidden) return `2609.${String(90000 + index).padStart(5, '0')}`;
        // 2015-01 … 2026-12, 5-digit numbers below 80000 (the page's ids start at 90000).
        const month = index % 144;
        const number = Math.floor(index / 144) + 1;
        return `${String(15 + Math.floor(month / 12)).padStart(2, '0')}${String((month % 12) + 1).padStart(2, '0')}.${String(number).padStart(5, '0')}`;
      };
      const CHUNK = 20_000;
      for (let start = 0; start < records; start += CHUNK) {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('papers', 'readwrite', { durability: 'relaxed' });
          const store = tx.objectStore('papers');
          for (let index = start; index < Math.min(records, start + CHUNK); index++) {
            const saved = index >= pageHidden && index % 20 === 0;
            const record: Record<string, unknown> = { id: idAt(index), title: `Paper ${index}`, authors: [], sources: {}, tags: [], createdAt: now, updatedAt: now };
            if (saved) record.savedAt = now;
            else record.hiddenAt = now;
            store.put(record);
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    },
    { records, pageHidden: PAGE_HIDDEN },
  );
  return Date.now() - started;
}

async function measure(session: Session, page: Page, bench: BenchPage): Promise<Sample> {
  const worker = await session.serviceWorker();
  await worker.evaluate(() => performance.clearMeasures('papershelf:getStates'));
  await page.goto(bench.url, { timeout: 120_000 }); // the shared 2-core machine can take long to load 2000 entries
  await page.waitForFunction(() => performance.getEntriesByName('papershelf:states').length > 0, undefined, { polling: 100, timeout: 120_000 });
  const page_ = await page.evaluate(() => {
    const request = performance.getEntriesByName('papershelf:states-request')[0] as PerformanceMeasure;
    return { roundTrip: request.duration, messages: performance.getEntriesByName('papershelf:states-request').length };
  });
  const background = await worker.evaluate(() => performance.getEntriesByName('papershelf:getStates').map((entry) => entry.duration));
  return { background: background.reduce((a, b) => Math.max(a, b), 0), roundTrip: page_.roundTrip, messages: page_.messages };
}

async function runs(session: Session, bench: BenchPage, count: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let run = 0; run <= count; run++) {
    const page = await session.context.newPage();
    const sample = await measure(session, page, bench);
    await page.close();
    if (run > 0) samples.push(sample); // run 0 warms up
  }
  return samples;
}

/** Prints the state request's table: an empty library, then the same request at 1,000,000 records. */
export async function benchStateRequest(count: number): Promise<void> {
  const bench = arxivListing(2000);
  const session = await launch();
  try {
    session.serve(bench.url, { body: bench.html });
    const empty = await runs(session, bench, count);
    const filled = await fill(session, RECORDS);
    const full = await runs(session, bench, count);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const row = (label: string, list: Sample[]) =>
      `| ${label} | ${ms(median(list.map((s) => s.background)))} | ${ms(median(list.map((s) => s.roundTrip)))} | ${Math.max(...list.map((s) => s.messages))} |`;
    console.log(`\nThe state request of ${bench.name}, median of ${count} runs, same session (library filled in ${(filled / 1000).toFixed(0)} s):\n`);
    console.log('| library | in the background (goal < 30 ms at 1M) | page: sent → states drawn | messages sent |');
    console.log('| ------- | -------------------------------------- | ------------------------- | ------------- |');
    console.log(row('empty (baseline)', empty));
    console.log(row(`${RECORDS.toLocaleString('en')} records`, full));
  } finally {
    await session.close();
    removeProfile(session.userDataDir);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!BROWSER_PATH) throw new Error('no Chromium found');
  await benchStateRequest(Number(process.env.BENCH_RUNS ?? 5));
}
