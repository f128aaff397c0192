// The popup at 1,000, 10,000 and 100,000 papers, measured in Chromium with the built extension:
// part of `npm run bench` (scripts/bench.ts), or alone: `npm run build && node scripts/bench-popup.ts`
// (BENCH_POPUP_SIZES=1000,10000 for fewer sizes, BENCH_RUNS for the number of fresh popups).
//
// Each size gets a fresh browser profile with a synthetic library (scripts/bench-library.ts:
// arXiv-shaped records with ~1 KB abstracts, half of them hidden, 30% tagged) written straight into
// IndexedDB (scripts/seed-library.ts). Then:
// - first rows: navigation start → the first row's title painted (Element Timing, `elementtiming`
//   on it in the first frame, components/popup-first-screen.ts, and in PopupApp), median of fresh popups; "reopened": the same for a popup opened right after
//   one was closed mid-load (IndexedDB finishes the closed page's requests first);
// - floor, same run: first paint of a minimal extension page (a heading, a line of text, the
//   popup's stylesheet, no script) in a minimal extension: what any popup costs on this machine;
// - baseline, same profile and run: one `getAll()` of the papers store, what a popup that read the
//   whole library before painting (`db.papers.toArray()`) would wait for at least;
// - typed at open: "attention" typed as soon as the search box exists → its first match painted;
// - keystroke: an `input` event in the search box → the next frame painted (the first screen of
//   matches is computed in that render), for every prefix of a few phrases, in the view of every
//   paper, once everything is read;
// - tag filter: a click on a tag chip → the next frame painted, all/any and several tags;
// - memory: the popup's JavaScript heap after a garbage collection, everything read.
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { BROWSER_PATH, EXTENSION_DIR, launch, removeProfile, type Session } from '../test/e2e/harness.ts';
import { syntheticLibrary } from './bench-library.ts';
import { seedLibrary } from './seed-library.ts';
import { median, percentile } from './bench-stats.ts';

const GOAL_FIRST_ROWS_MS = 150;
const GOAL_P95_MS = 50;
const PHRASES = ['attention', 'zoe muller', 'diffusion transformer', '1503.0'];

interface OpenSample {
  firstRows: number;
  firstPaint: number;
  allRead: number;
}

export interface PopupRow {
  papers: number;
  getAll: number;
  firstRows: number;
  reopened: number;
  firstPaint: number;
  allRead: number;
  searchAtOpen: number;
  keystroke: { p50: number; p95: number };
  tagFilter: { p50: number; p95: number };
  heapMb: number;
}


export async function openPopup(session: Session): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
  return page;
}

/**
 * One fresh popup: when its first row and first content were painted, and when the performance
 * mark `doneMark` (the popup's "everything read" or "saved papers read") was set.
 */
export async function measurePopupOpen(session: Session, doneMark: string, timeoutMs: number): Promise<{ firstRows: number; firstPaint: number; done: number }> {
  const page = await openPopup(session);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, doneMark, { timeout: timeoutMs, polling: 100 });
  const sample = await page.evaluate(
    (mark) =>
      new Promise<{ firstRows: number; firstPaint: number; done: number }>((resolve) => {
        // Element Timing entries reach only observers (buffered), not getEntriesByName.
        new PerformanceObserver((list) => {
          const row = list.getEntries().find((entry) => (entry as PerformanceEntry & { identifier: string }).identifier === 'papershelf-first-row') as (PerformanceEntry & { renderTime: number }) | undefined;
          if (!row) return;
          resolve({
            firstRows: row.renderTime,
            firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
            done: performance.getEntriesByName(mark)[0]!.startTime,
          });
        }).observe({ type: 'element', buffered: true });
      }),
    doneMark,
  );
  await page.close();
  return sample;
}

async function measureOpen(session: Session): Promise<OpenSample> {
  const { firstRows, firstPaint, done } = await measurePopupOpen(session, 'papershelf:popup-complete', 180_000);
  return { firstRows, firstPaint, allRead: done };
}

/**
 * Typing at once: "attention" entered as soon as the search box exists; navigation start → the
 * frame that paints the first matching row (at 100,000 papers, from the saved papers read so far).
 */
async function measureSearchAtOpen(session: Session): Promise<number> {
  const page = await openPopup(session);
  const input = page.locator('input[type="search"]');
  await input.waitFor();
  const ms = await page.evaluate(async () => {
    const box = document.querySelector<HTMLInputElement>('input[type="search"]')!;
    box.value = 'attention';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    const matches = () => [...document.querySelectorAll('[role="row"] .paper-title')].some((title) => /attention/i.test(title.textContent ?? ''));
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      if (matches()) return new Promise<number>((resolve) => setTimeout(() => resolve(performance.now()), 0));
    }
  });
  await page.close();
  return ms;
}

/** One `getAll()` of every paper, in an extension page: the read a whole-library-first popup waits for. */
async function measureGetAll(session: Session): Promise<number> {
  const page = await openPopup(session);
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('papershelf');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const started = performance.now();
          const request = open.result.transaction('papers').objectStore('papers').getAll();
          request.onsuccess = () => {
            resolve(performance.now() - started);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
  await page.close();
  return ms;
}

/** Keystrokes and tag-filter changes in one popup with everything read, then its heap. */
async function measureInteraction(session: Session, size: number): Promise<{ keystrokes: number[]; tagChanges: number[]; heapMb: number }> {
  const page = await openPopup(session);
  await page.waitForFunction(() => performance.getEntriesByName('papershelf:popup-complete').length > 0, undefined, { timeout: 180_000, polling: 100 });
  // Every paper, not only the saved half: the largest list to search.
  await page.locator('input[name="show"][value="all"]').check();
  // The search entries are built in idle slices after the load, as while the user reads the first rows.
  await page.waitForFunction(
    (size) => performance.getEntriesByName('papershelf:search-prepared').some((mark) => (mark as PerformanceMark).detail?.papers === size),
    size,
    { timeout: 120_000, polling: 200 },
  );
  const result = await typeAndFilter(session, page);
  await page.close();
  return result;
}

/**
 * In an open popup: each prefix of a few phrases typed (input event → next frame painted), then tag
 * chips clicked on and off (click → next frame painted), then the JavaScript heap after a garbage
 * collection. Also used by scripts/bench-library-scale.ts.
 */
export async function typeAndFilter(session: Session, page: Page): Promise<{ keystrokes: number[]; tagChanges: number[]; heapMb: number }> {
  const keystrokes = await page.evaluate(async (phrases) => {
    const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
    const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const times: number[] = [];
    const type = async (text: string) => {
      const started = performance.now();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await painted();
      return performance.now() - started;
    };
    for (const phrase of phrases) {
      for (let length = 1; length <= phrase.length; length++) times.push(await type(phrase.slice(0, length)));
      times.push(await type(''));
    }
    return times;
  }, PHRASES);
  const tagChanges = await page.evaluate(async () => {
    const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const chips = () => [...document.querySelectorAll<HTMLButtonElement>('.tag-chips button')];
    const times: number[] = [];
    const click = async (button: HTMLButtonElement | undefined) => {
      if (!button) throw new Error('no tag chip to click: the synthetic library has tags');
      const started = performance.now();
      button.click();
      await painted();
      times.push(performance.now() - started);
    };
    for (let round = 0; round < 3; round++) {
      // One tag, a second (all of them), a third, then off again one by one.
      for (let index = 0; index < 3; index++) await click(chips().filter((chip) => chip.getAttribute('aria-pressed') !== 'true')[0]);
      for (let index = 0; index < 3; index++) await click(chips().find((chip) => chip.getAttribute('aria-pressed') === 'true'));
    }
    return times;
  });
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return { keystrokes, tagChanges, heapMb: heap.usedSize / 2 ** 20 };
}

/** First paint of a minimal extension page with the popup's stylesheet and no script, median of `runs`. */
export async function measureFloor(runs: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'papershelf-floor-'));
  const css = readdirSync(join(EXTENSION_DIR, 'assets')).find((name) => name.startsWith('popup-') && name.endsWith('.css'));
  if (!css) throw new Error('No popup stylesheet in the build: run npm run build.');
  copyFileSync(join(EXTENSION_DIR, 'assets', css), join(dir, 'popup.css'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'floor', version: '1.0', background: { service_worker: 'worker.js' } }));
  writeFileSync(join(dir, 'worker.js'), '');
  writeFileSync(join(dir, 'floor.html'), '<!doctype html><html lang="en"><meta charset="utf-8"><title>Papershelf</title><link rel="stylesheet" href="popup.css"><main><h1>Papershelf</h1><p>Newest of 3 saved papers</p></main></html>');
  const profile = mkdtempSync(join(tmpdir(), 'papershelf-floor-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: BROWSER_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', `--disable-extensions-except=${dir}`, `--load-extension=${dir}`] });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const paints: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${new URL(worker.url()).host}/floor.html`);
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
      const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]!.startTime);
      await page.close();
      if (run > 0) paints.push(paint); // the first one warms the browser up
    }
    return median(paints);
  } finally {
    await context.close();
    removeProfile(profile);
    removeProfile(dir);
  }
}

export async function benchPopup(sizes: readonly number[], runs: number): Promise<PopupRow[]> {
  if (!BROWSER_PATH) throw new Error('The popup benchmark needs Chromium (see scripts/find-browser.ts).');
  const rows: PopupRow[] = [];
  for (const size of sizes) {
    const session = await launch(mkdtempSync(join(tmpdir(), 'papershelf-bench-popup-')), { intercept: false });
    try {
      await seedLibrary(session, syntheticLibrary(size));
      await measureOpen(session); // warm-up, discarded: the first open after seeding compacts and caches
      const opens: OpenSample[] = [];
      const reopens: OpenSample[] = [];
      const searches: number[] = [];
      for (let run = 0; run < runs; run++) {
        // Each waits until its popup has read everything, so the next starts on an idle database.
        opens.push(await measureOpen(session));
        // Closed as soon as its search shows a match, mid-load; the next popup opens at once.
        searches.push(await measureSearchAtOpen(session));
        reopens.push(await measureOpen(session));
      }
      const getAlls: number[] = [];
      for (let run = 0; run < Math.min(runs, 3); run++) getAlls.push(await measureGetAll(session));
      const interaction = await measureInteraction(session, size);
      rows.push({
        papers: size,
        getAll: median(getAlls),
        firstRows: median(opens.map((open) => open.firstRows)),
        reopened: median(reopens.map((open) => open.firstRows)),
        firstPaint: median(opens.map((open) => open.firstPaint)),
        allRead: median(opens.map((open) => open.allRead)),
        searchAtOpen: median(searches),
        keystroke: { p50: percentile(interaction.keystrokes, 50), p95: percentile(interaction.keystrokes, 95) },
        tagFilter: { p50: percentile(interaction.tagChanges, 50), p95: percentile(interaction.tagChanges, 95) },
        heapMb: interaction.heapMb,
      });
    } finally {
      await session.close();
      removeProfile(session.userDataDir);
    }
  }
  return rows;
}

export function printPopupTable(rows: readonly PopupRow[], runs: number, floor: number): void {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const seconds = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(1)} s` : ms(value));
  const goal = (value: number, limit: number) => `${ms(value)} ${value < limit ? '✓' : '✗'}`;
  console.log(`\nPopup, Chromium, synthetic libraries (half hidden), median of ${runs} fresh popups; ✓ = under the goal (${GOAL_FIRST_ROWS_MS} ms first rows, ${GOAL_P95_MS} ms p95).`);
  console.log(`Floor, same run: a minimal extension page (text and the popup's stylesheet, no script) first paints at ${ms(floor)}.\n`);
  console.log('| papers | first rows painted | reopened mid-load | first paint | baseline: one getAll() | typed at open: first match | everything read | keystroke p50 / p95 | tag filter p50 / p95 | popup JS heap |');
  console.log('| ------ | ------------------ | ----------------- | ----------- | ---------------------- | -------------------------- | --------------- | ------------------- | -------------------- | ------------- |');
  for (const row of rows) {
    console.log(
      `| ${row.papers.toLocaleString('en')} | ${goal(row.firstRows, GOAL_FIRST_ROWS_MS)} | ${ms(row.reopened)} | ${ms(row.firstPaint)} | ${seconds(row.getAll)} | ${seconds(row.searchAtOpen)} | ${seconds(row.allRead)} | ${ms(row.keystroke.p50)} / ${goal(row.keystroke.p95, GOAL_P95_MS)} | ${ms(row.tagFilter.p50)} / ${goal(row.tagFilter.p95, GOAL_P95_MS)} | ${row.heapMb.toFixed(0)} MB |`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = (process.env.BENCH_POPUP_SIZES ?? '1000,10000,100000').split(',').map(Number);
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const floor = await measureFloor(runs);
  printPopupTable(await benchPopup(sizes, runs), runs, floor);
}
