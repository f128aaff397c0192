// `npm run bench`: what Papershelf costs a listing page, measured inside Chromium with the built
// extension, beside a floor measured in the same run: a minimal script that finds the same cards
// and appends one empty element to each. Then the rules on a long listing (bench-rules.ts), the
// BibTeX export, the popup at 1k/10k/100k papers (bench-popup.ts), the storage designs
// (bench-storage-designs.ts), the library at 100k and 1M records (bench-library-scale.ts), schema v7's upgrade (bench-upgrade.ts), each with its baseline from the same run, and For you on real arXiv
// data beside arxiv-sanity's method (bench-ranking.ts). Prints tables; figures
// vary with the machine's load.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { BROWSER_PATH, launch, removeProfile } from '../test/e2e/harness.ts';
import { arxivListing, arxivNewReal, huggingfaceDaily, type BenchPage } from './bench-pages.ts';
import { benchPopup, measureFloor, printPopupTable } from './bench-popup.ts';
import { benchRules } from './bench-rules.ts';
import { benchStateRequest } from './bench-state-request.ts';
import { benchStorageDesigns } from './bench-storage-designs.ts';
import { median } from './bench-stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Sample {
  cards: number;
  /** Content script start → the scan that mounted the last card ended. */
  startToMounted: number;
  /** Synchronous time in scans plus drawing the library's states: what the page's main thread lost. */
  mainThread: number;
  /** The part of it that ran between the script's start and the page's next frame. */
  beforeFirstFrame: number;
}

/** The floor: the same cards found by their plainest selectors, one empty element appended to each. */
function floorScript(site: BenchPage['site']): number {
  const started = performance.now();
  const cards: Element[] = [];
  if (site === 'arxiv') {
    for (const dt of document.querySelectorAll('dl > dt')) if (dt.nextElementSibling) cards.push(dt.nextElementSibling);
  } else {
    for (const link of document.querySelectorAll('h3 a[href^="/papers/"]')) {
      const card = link.closest('article');
      if (card) cards.push(card);
    }
  }
  for (const card of cards) card.append(document.createElement('div'));
  return performance.now() - started;
}

async function measurePapershelf(page: Page, bench: BenchPage, expected: number): Promise<Sample> {
  await page.goto(bench.url, { timeout: 120_000 }); // the shared 2-core machine can take long to load 2000 entries
  await page.waitForFunction((count) => document.querySelectorAll('[data-papershelf-host]').length >= count, expected, { polling: 100, timeout: 60_000 });
  await page.waitForFunction(() => performance.getEntriesByName('papershelf:states').length > 0 && performance.getEntriesByName('papershelf:first-frame').length > 0, undefined, { polling: 100, timeout: 60_000 });
  return page.evaluate(() => {
    const start = performance.getEntriesByName('papershelf:start')[0]!.startTime;
    const firstFrame = performance.getEntriesByName('papershelf:first-frame')[0]!.startTime;
    const scans = performance.getEntriesByName('papershelf:scan') as PerformanceMeasure[];
    // Controls built off the page between frames (mount-queue.ts) are main-thread time too.
    const states = [...performance.getEntriesByName('papershelf:states'), ...performance.getEntriesByName('papershelf:prepare')];
    const mounted = scans.reduce((sum, scan) => sum + ((scan.detail as { mounted: number }).mounted ?? 0), 0);
    const lastScan = scans[scans.length - 1]!;
    return {
      cards: mounted,
      startToMounted: lastScan.startTime + lastScan.duration - start,
      mainThread: [...scans, ...states].reduce((sum, entry) => sum + entry.duration, 0),
      beforeFirstFrame: [...scans, ...states].filter((entry) => entry.startTime < firstFrame).reduce((sum, entry) => sum + entry.duration, 0),
    };
  });
}

/**
 * A card the site renders later (client-side navigation, infinite scroll): from the insertion to
 * the end of the scan that mounted its controls, measured in the page.
 */
async function measureInsertion(page: Page, site: BenchPage['site'], count: number): Promise<number> {
  return page.evaluate(
    async ({ site, count }) => {
      const scansBefore = performance.getEntriesByName('papershelf:scan').length;
      const fresh: Element[] = [];
      if (site === 'arxiv') {
        const dt = document.querySelector('dl > dt')!;
        for (let index = 0; index < count; index++) {
          const id = `2609.${String(80000 + index).padStart(5, '0')}`;
          for (const original of [dt, dt.nextElementSibling!]) {
            const copy = original.cloneNode(true) as Element;
            copy.querySelector('[data-papershelf-host]')?.remove();
            for (const attribute of ['data-papershelf-id', 'data-papershelf-hidden']) copy.removeAttribute(attribute);
            for (const link of copy.querySelectorAll('a[href*="/abs/"]')) link.setAttribute('href', `/abs/${id}`);
            fresh.push(copy);
          }
        }
      } else {
        const article = document.querySelector('article')!;
        for (let index = 0; index < count; index++) {
          const copy = article.cloneNode(true) as Element;
          copy.querySelector('[data-papershelf-host]')?.remove();
          copy.removeAttribute('data-papershelf-id');
          for (const link of copy.querySelectorAll('a[href^="/papers/"]')) link.setAttribute('href', `/papers/2609.${String(80000 + index).padStart(5, '0')}`);
          fresh.push(copy);
        }
      }
      const parent = site === 'arxiv' ? document.querySelector('dl')! : document.querySelector('article')!.parentElement!;
      const insertedAt = performance.now();
      parent.append(...fresh);
      await new Promise((resolve) => setTimeout(resolve, 0));
      const scans = performance.getEntriesByName('papershelf:scan');
      if (scans.length === scansBefore) return Number.NaN;
      const last = scans[scans.length - 1]!;
      return last.startTime + last.duration - insertedAt;
    },
    { site, count },
  );
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main() {
  if (!BROWSER_PATH) throw new Error('npm run bench needs Chromium.');
  const pages = process.env.BENCH_PAGES === '2000' ? [arxivListing(2000)] : [huggingfaceDaily(), arxivNewReal(), arxivListing(2000)];
  const session = await launch();
  const plain = await chromium.launchPersistentContext('', { executablePath: BROWSER_PATH, headless: true, args: FLAGS });
  const rows: string[][] = [];
  try {
    for (const bench of pages) {
      session.serve(bench.url, { body: bench.html });
      await plain.route(bench.url, (route) => route.fulfill({ body: bench.html, contentType: 'text/html; charset=utf-8' }));
      await plain.route('**/*', (route) => (route.request().url() === bench.url ? route.fallback() : route.abort()));

      const floors: number[] = [];
      const samples: Sample[] = [];
      let expected = 0;
      const insertions: Array<[number, number]> = [];
      // One warm-up of each (discarded), then alternate so both see the same machine load.
      for (let run = 0; run <= RUNS; run++) {
        const floorPage = await plain.newPage();
        await floorPage.goto(bench.url, { timeout: 120_000 });
        const floor = await floorPage.evaluate(floorScript, bench.site);
        expected ||= await floorPage.locator(bench.site === 'arxiv' ? 'dl > dt' : 'article:has(h3 a[href^="/papers/"])').count();
        await floorPage.close();

        const page = await session.context.newPage();
        const sample = await measurePapershelf(page, bench, expected);
        const one = await measureInsertion(page, bench.site, 1);
        const fifty = await measureInsertion(page, bench.site, 50);
        await page.close();
        if (run === 0) continue;
        floors.push(floor);
        samples.push(sample);
        insertions.push([one, fifty]);
      }
      const floor = median(floors);
      const startToMounted = median(samples.map((s) => s.startToMounted));
      const mainThread = median(samples.map((s) => s.mainThread));
      const beforeFrame = median(samples.map((s) => s.beforeFirstFrame));
      rows.push([
        bench.name,
        String(samples[0]!.cards),
        ms(floor),
        ms(startToMounted),
        ms(beforeFrame),
        `${(beforeFrame / floor).toFixed(1)}x`,
        ms(mainThread),
        ms(median(insertions.map(([one]) => one))),
        ms(median(insertions.map(([, fifty]) => fifty))),
      ]);
    }
    printMountTable(rows);
    if (process.env.BENCH_ONLY !== 'mount') await benchRules(session, arxivListing(2000), RUNS, median);
  } finally {
    await plain.close();
    await session.close();
    removeProfile(session.userDataDir);
  }
  if (process.env.BENCH_ONLY !== 'mount') await benchStateRequest(RUNS);
  // `node scripts/bench.ts --listing`: the listing-page tables only (after `npm run build`).
  if (process.argv.includes('--listing')) return;
  benchExport();
  benchSyncInProcess();
  benchImportRun();
  // Each popup open at 100,000 papers reads the whole library (~20 s): fewer runs than the pages.
  const popupRuns = Math.min(RUNS, 5);
  const floor = await measureFloor(popupRuns);
  printPopupTable(await benchPopup([1_000, 10_000, 100_000], popupRuns), popupRuns, floor);
  await benchStorageDesigns();
  benchLibraryScale();
  benchUpgrade();
  benchRanking();
}

/** The library at 100,000 and 1,000,000 records (bench-library-scale.ts), through tsx as it reads the library code. */
function benchLibraryScale(): void {
  const run = spawnSync(process.execPath, [resolve(import.meta.dirname, '..', 'node_modules/tsx/dist/cli.mjs'), resolve(import.meta.dirname, 'bench-library-scale.ts')], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('the library scale bench failed');
}

/** Schema v7's upgrade on 100,000 records (a million with BENCH_SCALE_SIZES), bench-upgrade.ts, through tsx. */
function benchUpgrade(): void {
  const run = spawnSync(process.execPath, [resolve(import.meta.dirname, '..', 'node_modules/tsx/dist/cli.mjs'), resolve(import.meta.dirname, 'bench-upgrade.ts')], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('the upgrade bench failed');
}

/** For you (bench-ranking.ts) in a Node process of its own: it reads the library code through tsx. */
function benchRanking(): void {
  const run = spawnSync(process.execPath, [resolve(import.meta.dirname, '..', 'node_modules/tsx/dist/cli.mjs'), resolve(import.meta.dirname, 'bench-ranking.ts')], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('the ranking bench failed');
}

function printMountTable(rows: string[][]): void {
  const header = ['page', 'cards', 'floor', 'start to all mounted (goal ≤ 100 ms)', 'main thread before the first frame', 'vs floor (goal ≤ 2x)', 'main thread in all', '1 card added later (goal < 2 ms)', '50 cards added later'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(`\nMounting controls, median of ${RUNS} runs in Chromium (${new Date().toISOString().slice(0, 10)}):\n`);
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

/** BibTeX export of 1,000, 10,000 and 100,000 papers: time and peak memory, each in a fresh process. */
function benchExport(): void {
  console.log('\nBibTeX export (a fresh Node process per size; peak RSS includes building the library):\n');
  console.log('| papers | time | output | peak RSS |');
  console.log('| ------ | ---- | ------ | -------- |');
  for (const size of [1_000, 10_000, 100_000]) {
    const run = spawnSync(process.execPath, [resolve(import.meta.dirname, '..', 'node_modules/tsx/dist/cli.mjs'), resolve(import.meta.dirname, 'bench-export-run.ts'), String(size)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`export bench failed for ${size}: ${run.stderr}`);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ms: number; bytes: number; peakRssMb: number };
    console.log(`| ${size.toLocaleString('en')} | ${ms(result.ms)} | ${(result.bytes / 2 ** 20).toFixed(1)} MB | ${result.peakRssMb.toFixed(0)} MB |`);
  }
}

/** Sync through a real WebDAV server, in its own process (bench-sync.ts runs under tsx like the export). */
function benchSyncInProcess(): void {
  const run = spawnSync(process.execPath, [resolve(import.meta.dirname, '..', 'node_modules/tsx/dist/cli.mjs'), resolve(import.meta.dirname, 'bench-sync.ts')], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`sync bench failed: ${run.stderr}`);
  console.log(run.stdout.trimEnd());
}

/** The .bib importer against Better BibTeX's parser on a 2 MB file (bench-import.ts), in its own process. */
function benchImportRun(): void {
  const run = spawnSync(process.execPath, [resolve(import.meta.dirname, '..', 'node_modules/tsx/dist/cli.mjs'), resolve(import.meta.dirname, 'bench-import.ts')], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new Error('import bench failed');
}

await main();
