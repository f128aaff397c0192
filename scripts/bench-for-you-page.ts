// Part of the ranking bench: what For you costs a 2,000-entry arXiv listing in Chromium with the
// built extension, beside what mounting the controls costs the same page in the same run. All of
// For you's own main-thread time is counted: reading the cards, handing them over (making the relay
// frame included) and taking in the replies (their JSON) with the drawing, the marks of the
// entries near the view included (the page is scrolled to its first entry as it loads). The
// library holds a history (saves and hides of the real /new page's papers), so a model exists and
// every card is scored.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { JSDOM } from 'jsdom';
// Card reading words an unreadable card with t(): English here, as in the BibTeX worker.
import '../lib/i18n-english-setup.ts';
import { createBackup, serializeBackup } from '../lib/import/backup-schema.ts';
import { adapterFor } from '../lib/sites/index.ts';
import { readAllCards } from '../lib/sites/read-all.ts';
import { BROWSER_PATH, closeSession, EXTENSION_DIR, launch } from '../test/e2e/harness.ts';
import { startHttpsSite } from '../test/e2e/https-site.ts';
import { arxivListing, arxivNewReal } from './bench-pages.ts';
import { median } from './bench-stats.ts';
import { startTrace, type TraceEvent } from './devtools-trace.ts';

interface Sample {
  /** Synchronous time spent reading cards, sending them, and drawing scores, marks and the order. */
  forYou: number;
  /** Its parts: reading the cards' words, handing them to the extension's channel, drawing the replies. */
  read: number;
  send: number;
  draw: number;
  /** The longest single slice of it: what one frame may wait for at most. */
  longest: number;
  /** For you's time before the page's first frame after Papershelf started (0: the frame never waits). */
  beforeFirstFrame: number;
  /** Style, layout and paint on the page's main thread from For you's first reply on (a trace). */
  rendering: number;
  /** Scans and states: mounting the controls, the page's existing cost. */
  mounting: number;
  /** Content script start → the last card scored. */
  startToScored: number;
  /** After a save on the page (`j`, `s`): For you's main-thread time to score every card again, its sending, its longest slice. */
  afterSave: number;
  afterSaveSend: number;
  afterSaveLongest: number;
  /** 1 when the scores went through the relay frame (lib/content/for-you-relay.ts), 0 through runtime.sendMessage. */
  relay: number;
  /** Cards whose words were read on the page (the rest the relay frame read from the page's bytes). */
  readCards: number;
}

/**
 * Saves the first card with the keyboard and waits until For you has asked about every card again
 * (the model is updated within a second of a save) and the page is quiet; returns what that round
 * cost the page's main thread.
 */
async function measureAfterSave(page: import('playwright-core').Page): Promise<Pick<Sample, 'afterSave' | 'afterSaveSend' | 'afterSaveLongest'>> {
  const since = (await page.evaluate('performance.now()')) as number;
  await page.keyboard.press('j');
  await page.keyboard.press('s');
  const sentSince = `performance.getEntriesByName('papershelf:scores-send').filter((entry) => entry.startTime > ${since}).reduce((sum, entry) => sum + entry.detail.cards, 0)`;
  await page.waitForFunction(`${sentSince} >= 2000`, undefined, { polling: 100, timeout: 60_000 });
  // The replies are drawn once every card has its answer: quiet for a second, it is done.
  await page.waitForTimeout(1_000);
  return (await page.evaluate(`(() => {
    const names = ['papershelf:scores-read', 'papershelf:scores-send', 'papershelf:scores'];
    const entries = names.flatMap((name) => performance.getEntriesByName(name)).filter((entry) => entry.startTime > ${since});
    const total = (list) => list.reduce((sum, entry) => sum + entry.duration, 0);
    return {
      afterSave: total(entries),
      afterSaveSend: total(entries.filter((entry) => entry.name === 'papershelf:scores-send')),
      afterSaveLongest: Math.max(0, ...entries.map((entry) => entry.duration)),
    };
  })()`)) as Pick<Sample, 'afterSave' | 'afterSaveSend' | 'afterSaveLongest'>;
}

/**
 * A library in a backup file, from the real arXiv /new page's papers: the ones about magnetism or
 * spin saved, the rest hidden; `judged` picks which of the page's papers the reader went through.
 * Shared with `npm run screenshots`, which ranks the other half of the page with it.
 */
export function forYouHistory(judged: (index: number) => boolean = () => true): { backup: string; count: number } {
  const real = arxivNewReal();
  const url = new URL(real.url);
  const cards = readAllCards(adapterFor(url)!, new JSDOM(real.html).window.document, url).cards;
  const at = Date.UTC(2026, 8, 21);
  const papers = cards.filter((_, index) => judged(index)).map(({ paper }, index) => {
    const saved = /magnet|\bspin/i.test(`${paper.title} ${paper.abstract ?? ''}`);
    return {
      id: paper.id,
      title: paper.title,
      authors: paper.authors ?? [],
      ...(paper.abstract ? { abstract: paper.abstract } : {}),
      sources: { arxiv: `https://arxiv.org/abs/${paper.id}` },
      tags: [],
      ...(saved ? { savedAt: at + index } : { hiddenAt: at + index }),
      createdAt: at + index,
      updatedAt: at + index,
    };
  });
  return { backup: serializeBackup(createBackup(papers, at + 1e6)), count: papers.length };
}

/** Imports a backup through the library page, as a reader would. */
export async function importBackup(session: Awaited<ReturnType<typeof launch>>, { backup, count }: { backup: string; count: number }): Promise<void> {
  const { page: library } = await session.openLibrary();
  await library.getByLabel('Import a file').setInputFiles({ name: 'history.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
  await library.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: `Import ${count} papers` }).click();
  await library.getByRole('status').filter({ hasText: 'Imported:' }).waitFor();
  await library.close();
}

/**
 * The page's style, layout and paint come from a DevTools trace, taken in one more run of each way
 * after the measured ones (`BENCH_FOR_YOU_TRACE=0`: none). Recording a trace slows the page's
 * script unevenly (two builds' reading differed by 20 ms without it and not at all with it), so no
 * script figure comes from a traced run.
 */
const TRACED = process.env.BENCH_FOR_YOU_TRACE !== '0';

/**
 * The two ways a page's words reach the ranker, measured in the same runs: the listing as arXiv
 * sends it (the browser keeps a copy, and the relay frame reads the cards from its bytes), and the
 * same listing sent with `Cache-Control: no-store` (no copy: every card is read on the page, the
 * baseline). Both over real HTTPS (https-site.ts): Playwright's interception turns the cache off.
 */
const WAYS = [
  { name: 'from the page’s bytes (cached copy, read in the relay frame)', query: '' },
  { name: 'baseline: no cached copy (Cache-Control: no-store), every card read on the page', query: '&copy=none' },
] as const;

export async function benchForYouPage(runs: number): Promise<void> {
  if (!BROWSER_PATH || !existsSync(EXTENSION_DIR)) {
    console.log('\n!!! For you in the browser: no Chromium or no build (npm run build): not measured !!!\n');
    return;
  }
  const bench = arxivListing(2000);
  let site: Awaited<ReturnType<typeof startHttpsSite>>;
  try {
    site = await startHttpsSite(['arxiv.org']);
  } catch (error) {
    console.log(`\n!!! For you in the browser: no HTTPS site for the listing (${error instanceof Error ? error.message : String(error)}; it needs openssl): not measured !!!\n`);
    return;
  }
  site.serve(bench.url, bench.html);
  site.serve(`${bench.url}${WAYS[1].query}`, bench.html, { 'cache-control': 'no-store' });
  const session = await launch(undefined, { intercept: false, args: site.args });
  try {
    await session.openLibrary();
    const history = forYouHistory();
    const count = history.count;
    await importBackup(session, history);

    const samples: Sample[][] = WAYS.map(() => []);
    for (let run = 0; run <= runs; run++) {
      // Alternated, so that a busier moment of the machine does not fall on one way only.
      for (const index of run % 2 === 0 ? [0, 1] : [1, 0]) {
        const sample = await measureOnce(session, `${bench.url}${WAYS[index]!.query}`, false);
        if (run > 0) samples[index]!.push(sample); // run 0 warms up
      }
    }
    const rendering: number[] = [];
    for (const way of WAYS) rendering.push(TRACED ? (await measureOnce(session, `${bench.url}${way.query}`, true)).rendering : Number.NaN);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(`\nFor you on ${bench.name}, Chromium, median of ${runs} runs each (library: ${count} judged papers; load average ${loadavg()[0]!.toFixed(1)}):\n`);
    console.log('| the words | main-thread time added by For you (script) | of which: reading, sending, drawing | cards read on the page | style, layout, paint from the first reply on | longest slice | before the first frame | mounting the controls (same runs) | start to every card scored | through the relay | target |');
    console.log('| --------- | ------------------------------------------ | ----------------------------------- | ---------------------- | -------------------------------------------- | ------------- | ---------------------- | --------------------------------- | -------------------------- | ----------------- | ------ |');
    WAYS.forEach((way, index) => {
      const of = (key: keyof Sample) => ms(median(samples[index]!.map((sample) => sample[key])));
      const relayed = samples[index]!.filter((sample) => sample.relay > 0).length;
      console.log(`| ${way.name} | ${of('forYou')} | ${of('read')}, ${of('send')}, ${of('draw')} | ${median(samples[index]!.map((sample) => sample.readCards))} | ${TRACED ? `${ms(rendering[index]!)} (one traced run)` : 'not traced'} | ${of('longest')} | ${of('beforeFirstFrame')} | ${of('mounting')} | ${of('startToScored')} | ${relayed} of ${samples[index]!.length} runs | < 30 ms added, first frame not delayed |`);
    });
    const cached = samples[0]!;
    console.log(`\nAfter a save on that page (every card scored again; the background kept the page's words, so it asks by id): main-thread time ${ms(median(cached.map((sample) => sample.afterSave)))}, of which sending ${ms(median(cached.map((sample) => sample.afterSaveSend)))}; longest slice ${ms(median(cached.map((sample) => sample.afterSaveLongest)))}. Baseline, same runs: reading and sending every card's words on the page, what each update cost before, ${ms(median(samples[1]!.map((sample) => sample.read + sample.send)))}.`);
  } finally {
    await closeSession(session);
    await site.close();
  }
}

/**
 * Loads the 2,000-entry listing at `url` as a reader would, until every card is scored and the
 * marks near the view are drawn (shared with scripts/for-you-page-entries.ts).
 */
export async function loadUntilMarked(page: import('playwright-core').Page, url: string): Promise<void> {
  await page.goto(url, { timeout: 120_000 });
  // The list starts 2.3 views down (the listing's header): a reader scrolls to it first, and the
  // marks of the entries in and near the view are drawn then (marks-near-view.ts), counted here.
  await page.evaluate("document.querySelector('dl#articles > dt')?.scrollIntoView()");
  await page.waitForFunction(() => document.querySelectorAll('dd[data-papershelf-score]').length >= 2000, undefined, { polling: 100, timeout: 120_000 });
  // The marks near the view are drawn once the frame after the scores is drawn.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100))))');
}

/** One load of the listing until every card is scored, then a save and its new scores. */
async function measureOnce(session: Awaited<ReturnType<typeof launch>>, url: string, traced: boolean): Promise<Sample> {
  const page = await session.context.newPage();
  const trace = traced ? await startTrace(page) : undefined;
  await loadUntilMarked(page, url);
  const rendering = trace ? renderingFrom(await trace.stop(), 'papershelf:scores') : Number.NaN;
  // Source text, not a function: tsx would wrap a function's inner arrows in its `__name`
  // helper, which the page does not have.
  const sample = (await page.evaluate(`(() => {
    const entries = (names) => names.flatMap((name) => performance.getEntriesByName(name));
    const total = (names) => entries(names).reduce((sum, entry) => sum + entry.duration, 0);
    const names = ['papershelf:scores-read', 'papershelf:scores-send', 'papershelf:scores'];
    const forYou = entries(names);
    const start = performance.getEntriesByName('papershelf:start')[0].startTime;
    const firstFrame = performance.getEntriesByName('papershelf:first-frame')[0]?.startTime ?? Infinity;
    return {
      beforeFirstFrame: forYou.filter((entry) => entry.startTime < firstFrame).reduce((sum, entry) => sum + entry.duration, 0),
      forYou: total(names),
      read: total(['papershelf:scores-read']),
      send: total(['papershelf:scores-send']),
      draw: total(['papershelf:scores']),
      longest: Math.max(...forYou.map((entry) => entry.duration)),
      mounting: total(['papershelf:scan', 'papershelf:states']),
      startToScored: Math.max(...forYou.map((entry) => entry.startTime + entry.duration)) - start,
      relay: performance.getEntriesByName('papershelf:relay-ready').length,
      readCards: entries(['papershelf:scores-read']).reduce((sum, entry) => sum + entry.detail.cards, 0),
    };
  })()`)) as Omit<Sample, 'rendering' | 'afterSave' | 'afterSaveSend' | 'afterSaveLongest'>;
  const afterSave = await measureAfterSave(page);
  await page.close();
  return { ...sample, rendering, ...afterSave };
}

/**
 * The rendering work (style, layout, pre-paint, paint) on the main thread of the page that left the
 * User Timing entry `from`, from that entry's first start on: what drawing For you's marks makes
 * the browser do beyond For you's own script.
 */
function renderingFrom(events: readonly TraceEvent[], from: string): number {
  const first = events.filter((event) => event.name === from).sort((a, b) => a.ts - b.ts)[0];
  if (!first) return NaN;
  const main = events.find((event) => event.name === 'thread_name' && event.pid === first.pid && event.args?.name === 'CrRendererMain');
  const kinds = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint']);
  let total = 0;
  for (const event of events) {
    if (event.ph !== 'X' || !kinds.has(event.name) || event.ts < first.ts || event.pid !== first.pid || (main && event.tid !== main.tid)) continue;
    total += (event.dur ?? 0) / 1000;
  }
  return total;
}
