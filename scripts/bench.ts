// `npm run bench`: what Papershelf costs a listing page, measured inside Chromium with the built
// extension, beside a floor measured in the same run: a minimal script that finds the same cards
// and appends one empty element to each. Prints a table; figures vary with the machine's load.
import { chromium, type Page } from 'playwright-core';
import { BROWSER_PATH, launch, removeProfile } from '../test/e2e/harness.ts';
import { arxivListing, huggingfaceDaily, type BenchPage } from './bench-pages.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Sample {
  cards: number;
  /** Content script start → the scan that mounted the last card ended. */
  startToMounted: number;
  /** Synchronous time in scans plus drawing the library's states: what the page's main thread lost. */
  mainThread: number;
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
  await page.goto(bench.url);
  await page.waitForFunction((count) => document.querySelectorAll('[data-papershelf-host]').length >= count, expected, { polling: 100, timeout: 60_000 });
  await page.waitForFunction(() => performance.getEntriesByName('papershelf:states').length > 0, undefined, { polling: 100, timeout: 60_000 });
  return page.evaluate(() => {
    const start = performance.getEntriesByName('papershelf:start')[0]!.startTime;
    const scans = performance.getEntriesByName('papershelf:scan') as PerformanceMeasure[];
    const states = performance.getEntriesByName('papershelf:states');
    const mounted = scans.reduce((sum, scan) => sum + ((scan.detail as { mounted: number }).mounted ?? 0), 0);
    const lastScan = scans[scans.length - 1]!;
    return {
      cards: mounted,
      startToMounted: lastScan.startTime + lastScan.duration - start,
      mainThread: [...scans, ...states].reduce((sum, entry) => sum + entry.duration, 0),
    };
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main() {
  if (!BROWSER_PATH) throw new Error('npm run bench needs Chromium.');
  const pages = [huggingfaceDaily(), arxivListing(2000)];
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
      // One warm-up of each (discarded), then alternate so both see the same machine load.
      for (let run = 0; run <= RUNS; run++) {
        const floorPage = await plain.newPage();
        await floorPage.goto(bench.url);
        const floor = await floorPage.evaluate(floorScript, bench.site);
        expected ||= await floorPage.locator(bench.site === 'arxiv' ? 'dl > dt' : 'article:has(h3 a[href^="/papers/"])').count();
        await floorPage.close();

        const page = await session.context.newPage();
        const sample = await measurePapershelf(page, bench, expected);
        await page.close();
        if (run === 0) continue;
        floors.push(floor);
        samples.push(sample);
      }
      const floor = median(floors);
      const startToMounted = median(samples.map((s) => s.startToMounted));
      const mainThread = median(samples.map((s) => s.mainThread));
      rows.push([bench.name, String(samples[0]!.cards), ms(floor), ms(startToMounted), ms(mainThread), `${(mainThread / floor).toFixed(1)}x`]);
    }
  } finally {
    await plain.close();
    await session.close();
    removeProfile(session.userDataDir);
  }
  const header = ['page', 'cards', 'floor', 'start to all mounted', 'main-thread time added', 'vs floor'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(`\nMounting controls, median of ${RUNS} runs in Chromium (${new Date().toISOString().slice(0, 10)}):\n`);
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

await main();
