// Where For you's main-thread time goes on the 2,000-entry arXiv list, entry by entry: loads the
// bench's page with the built extension (scrolled to its first entry as it loads, as the bench
// does), then lists every `papershelf:scores*` User Timing entry of each run, with when it started
// after the content script did. The bench (scripts/bench-for-you-page.ts) sums them; this says
// which step a run's time went to.
// `PAPERSHELF_EXTENSION_DIR=<build> [RUNS=3] [ALTERNATE=1] npx tsx scripts/for-you-page-entries.ts`
// ALTERNATE=1 loads the same list sent with `Cache-Control: no-store` before each run, as the bench
// alternates its two ways.
import '../lib/i18n-english-setup.ts';
import { closeSession, launch } from '../test/e2e/harness.ts';
import { startHttpsSite } from '../test/e2e/https-site.ts';
import { forYouHistory, importBackup, loadUntilMarked } from './bench-for-you-page.ts';
import { arxivListing } from './bench-pages.ts';

interface Entry {
  name: string;
  /** ms after `papershelf:start`. */
  at: number;
  ms: number;
  cards?: number;
}

const bench = arxivListing(2000);
const noCopy = `${bench.url}&copy=none`;
const site = await startHttpsSite(['arxiv.org']);
site.serve(bench.url, bench.html);
site.serve(noCopy, bench.html, { 'cache-control': 'no-store' });
const session = await launch(undefined, { intercept: false, args: site.args });

/** Loads `url` until every card is scored and the marks near the view are drawn; returns For you's entries. */
async function load(url: string): Promise<Entry[]> {
  const page = await session.context.newPage();
  try {
    await loadUntilMarked(page, url);
    // Source text, not a function: tsx would wrap its inner arrows in a helper the page does not have.
    return (await page.evaluate(`(() => {
      const start = performance.getEntriesByName('papershelf:start')[0].startTime;
      return performance.getEntries()
        .filter((entry) => entry.name.startsWith('papershelf:scores'))
        .map((entry) => ({ name: entry.name, at: entry.startTime - start, ms: entry.duration, cards: entry.detail?.cards }));
    })()`)) as Entry[];
  } finally {
    await page.close();
  }
}

try {
  await session.openLibrary();
  await importBackup(session, forYouHistory());
  for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
    if (process.env.ALTERNATE === '1') await load(noCopy);
    const entries = await load(bench.url);
    console.log(`run ${run}: For you ${entries.reduce((sum, entry) => sum + entry.ms, 0).toFixed(1)} ms`);
    for (const entry of entries) console.log(`  ${entry.at.toFixed(1).padStart(8)} ms  ${entry.ms.toFixed(2).padStart(6)} ms  ${entry.name} ${entry.cards ?? ''}`);
  }
} finally {
  await closeSession(session);
  await site.close();
}
