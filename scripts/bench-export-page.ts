// The full-page library's "Export BibTeX" at the million-record library's 50,000 saved papers
// (issue 16: < 2 s), from the click to the download, in Chromium with the built extension:
// `npm run build && npx tsx scripts/bench-export-page.ts` (BENCH_RUNS clicks, each on a freshly
// opened library page).
//
// The saved papers are those of scripts/bench-library-scale.ts's million-record library (real
// arXiv papers, scripts/real-library.ts), written as schema v6 laid them out and upgraded by the
// extension; the 950,000 hidden records are not written: the page reads the saved papers by their
// own index and exports only them. Each click is split into
// - input delay: from the click to its handler (Event Timing);
// - handler: the click's handler, synchronous: the exporter, the Blob, the anchor's click;
// - Blob: `new Blob(parts)` of the same file in the exporter's parts (lib/ui/export-bibtex.ts),
//   timed apart on the same page (median of 3), and of the file as one string for comparison;
// - exporter ≈ handler − Blob (the anchor's click is a few milliseconds);
// - download: from the handler's end to Playwright's download event (the browser writes the file).
// Where the export runs in a worker (lib/library-page/export-in-worker.ts), the handler only starts
// it: the status line's first and last "Writing BibTeX…" (from the click) say when the worker
// started and stopped writing entries (it writes each chunk the page hands over as it arrives, or
// after reading the library itself), and the page's longest task meanwhile says whether it stayed
// responsive (Long Tasks, > 50 ms).
// BENCH_EXPORT_PAGE_CLICK=open clicks as soon as the button can be clicked, without waiting for the
// page to read its saved papers (a build whose button waits for that read clicks when it is done).
// PAPERSHELF_EXTENSION_DIR names the build (a copy of main's for the baseline).
// A build with the export worker also runs it alone (no library page open, so nothing else reads
// the library): how long the worker takes to read the saved papers from IndexedDB and to write them.
// The downloaded file is compared byte for byte with this tree's exporter run in Node.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import '../lib/i18n-english-setup';
import { exportBibtex } from '../lib/bibtex';
import type { PaperRecord } from '../lib/paper/model';
import { BROWSER_PATH, EXTENSION_DIR, removeProfile } from '../test/e2e/harness.ts';
import { V6_STORES, createEmptyLibrary, helperPage, launchScale, seed, upgrade } from './bench-library-scale.ts';
import { median } from './bench-stats.ts';
import { realRecord } from './real-library.ts';

const RECORDS = 1_000_000;
const SAVED_EVERY = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GOAL_MS = 2_000;
const LONG = 600_000;

const CLICK_AT_OPEN = process.env.BENCH_EXPORT_PAGE_CLICK === 'open';
/**
 * The page opens as it opens the million-record library: too large to hold, so it reads the saved
 * papers and pages the rest (`?maxInMemory=`, below the 50,000 written here). Without it
 * (BENCH_EXPORT_PAGE_LIBRARY=saved-only) the page takes the 50,000 written for the whole library
 * and reads every one of them again after the saved ones, which a million-record library never does.
 */
const AS_MILLION = process.env.BENCH_EXPORT_PAGE_LIBRARY !== 'saved-only';

interface Click {
  savedRead: number;
  /** From the click to the status line's first "Writing BibTeX…" and to its last (NaN: no such line). */
  read: number;
  written: number;
  longestTask: number;
  total: number;
  inputDelay: number;
  handler: number;
  download: number;
  sha256: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

if (!BROWSER_PATH) throw new Error('The export page benchmark needs Chromium (see scripts/find-browser.ts).');

const saved: PaperRecord[] = [];
for (let index = 0; index < RECORDS; index += SAVED_EVERY) saved.push(realRecord(index, { size: RECORDS, hidden: 'trimmed', savedEvery: SAVED_EVERY }));
// The Export section lists the most recently saved first (LibraryApp's useSavedPapers): the last made here.
const expected = exportBibtex([...saved].reverse());
const expectedSha = sha256(expected);

const session = await launchScale();
try {
  const helper = await helperPage(session);
  await createEmptyLibrary(helper, V6_STORES, 60);
  await seed(helper, { size: RECORDS, hidden: 'trimmed', only: 'saved', savedEvery: SAVED_EVERY });
  await upgrade(session, helper);
  await helper.close();

  const clicks: Click[] = [];
  const blobs: number[] = [];
  let wholeBlob = Number.NaN;
  for (let run = 0; run <= RUNS; run++) {
    const started = Date.now();
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/library.html${AS_MILLION ? `?maxInMemory=${saved.length - 1}` : ''}`);
    await page.getByRole('heading', { name: 'Papershelf library' }).waitFor({ timeout: LONG });
    const button = page.locator('section[aria-labelledby="export-heading"]').getByRole('button', { name: 'Export BibTeX' });
    if (CLICK_AT_OPEN) await button.waitFor({ timeout: LONG });
    while (CLICK_AT_OPEN && !(await button.isEnabled())) await new Promise((resolve) => setTimeout(resolve, 20));
    if (!CLICK_AT_OPEN) await page.waitForFunction(() => !(document.querySelector('#export-tag') as HTMLSelectElement | null)?.disabled, undefined, { timeout: LONG, polling: 100 });
    const savedRead = Date.now() - started;
    // Event Timing keeps the click's entry; the observer must be there before the click.
    await page.evaluate(() => {
      const entries: PerformanceEventTiming[] = [];
      (globalThis as unknown as { clickTimings: PerformanceEventTiming[] }).clickTimings = entries;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as PerformanceEventTiming[]) if (entry.name === 'click') entries.push(entry);
      }).observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);
      // The page's long tasks from here on, and when the export's status line first and last says "Writing".
      const marks = { tasks: [] as Array<{ start: number; duration: number }>, writing: [] as number[] };
      (globalThis as unknown as { exportMarks: typeof marks }).exportMarks = marks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) marks.tasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: false });
      const section = document.querySelector('section[aria-labelledby="export-heading"]')!;
      new MutationObserver(() => {
        if (section.querySelector('[role="status"]')?.textContent?.startsWith('Writing BibTeX')) marks.writing.push(performance.now());
      }).observe(section, { subtree: true, childList: true, characterData: true });
    });
    // BENCH_EXPORT_PAGE_PROFILE=<file>: a CPU profile of the last click, for DevTools.
    const profiler = process.env.BENCH_EXPORT_PAGE_PROFILE && run === RUNS ? await page.context().newCDPSession(page) : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 500 });
      await profiler.send('Profiler.start');
    }
    const clicked = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: LONG }), button.click()]);
    const total = Date.now() - clicked;
    if (profiler) writeFileSync(process.env.BENCH_EXPORT_PAGE_PROFILE!, JSON.stringify((await profiler.send('Profiler.stop')).profile));
    const file = readFileSync(await download.path());
    if (process.env.BENCH_EXPORT_PAGE_KEEP) writeFileSync(`${process.env.BENCH_EXPORT_PAGE_KEEP}.page`, file);
    await download.delete();
    const timing = await page.evaluate(async () => {
      const entries = (globalThis as unknown as { clickTimings: PerformanceEventTiming[] }).clickTimings;
      for (let wait = 0; entries.length === 0 && wait < 100; wait++) await new Promise((resolve) => setTimeout(resolve, 50));
      const click = entries[0]!;
      const marks = (globalThis as unknown as { exportMarks: { tasks: Array<{ start: number; duration: number }>; writing: number[] } }).exportMarks;
      const during = marks.tasks.filter((task) => task.start >= click.startTime);
      return {
        inputDelay: click.processingStart - click.startTime,
        handler: click.processingEnd - click.processingStart,
        toEnd: click.processingEnd - click.startTime,
        read: marks.writing.length ? marks.writing[0]! - click.startTime : Number.NaN,
        written: marks.writing.length ? marks.writing[marks.writing.length - 1]! - click.startTime : Number.NaN,
        longestTask: Math.max(0, ...during.map((task) => task.duration)),
      };
    });
    if (run === 0) {
      // The Blob of the same text on the same page, apart from the click: what the handler spends on it.
      const text = file.toString('utf8');
      const apart = await page.evaluate((text) => {
        // As lib/ui/export-bibtex.ts hands them over: one part per entry, each after the first
        // starting with its blank line (entries are one line per field, so "\n@" starts one).
        const parts = text.split(/(?=\n@)/);
        const time = (content: string[]) => {
          const times: number[] = [];
          for (let index = 0; index < 3; index++) {
            const started = performance.now();
            const blob = new Blob(content, { type: 'application/x-bibtex;charset=utf-8' });
            times.push(performance.now() - started);
            if (blob.size === 0) throw new Error('empty Blob');
          }
          return times.sort((a, b) => a - b)[1]!;
        };
        return { parts: time(parts), whole: time([text]), count: parts.length };
      }, text);
      blobs.push(apart.parts);
      wholeBlob = apart.whole;
    }
    await page.close();
    // The first click warms the page's code up; it is not counted.
    if (run > 0) clicks.push({ savedRead, total, read: timing.read, written: timing.written, longestTask: timing.longestTask, inputDelay: timing.inputDelay, handler: timing.handler, download: total - timing.toEnd, sha256: sha256(file) });
  }

  const ms = (value: number) => (Number.isNaN(value) ? '–' : `${value.toFixed(0)} ms`);
  const column = (pick: (click: Click) => number) => ms(median(clicks.map(pick)));
  const blob = median(blobs);
  console.log(
    `\nExport BibTeX on the full-page library, ${saved.length.toLocaleString('en')} saved papers (of a ${RECORDS.toLocaleString('en')}-record library), Chromium, build ${process.env.PAPERSHELF_EXTENSION_DIR ?? '.output/chrome-mv3'}, clicked ${CLICK_AT_OPEN ? 'as soon as the button could be clicked' : 'once the page had read its saved papers'}, ${AS_MILLION ? 'the page paging the rest as at 1,000,000' : 'the page reading all 50,000 again after the saved ones'}, median of ${clicks.length} clicks; load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}:\n`,
  );
  console.log('| page open → click | click → download | first "Writing…" (worker) | last "Writing…" (worker) | longest page task | input delay | handler | of which Blob (apart) | handler − Blob | handler end → download event | goal | file |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const total = median(clicks.map((click) => click.total));
  const same = clicks.every((click) => click.sha256 === expectedSha);
  console.log(
    `| ${column((click) => click.savedRead)} | ${ms(total)} | ${column((click) => click.read)} | ${column((click) => click.written)} | ${column((click) => click.longestTask)} | ${column((click) => click.inputDelay)} | ${column((click) => click.handler)} | ${ms(blob)} | ${ms(median(clicks.map((click) => click.handler)) - blob)} | ${column((click) => click.download)} | < ${GOAL_MS / 1000} s ${total < GOAL_MS ? '✓' : '✗'} | ${same ? 'identical to the exporter run in Node' : 'DIFFERENT from the exporter run in Node'} (sha256 ${clicks[0]?.sha256.slice(0, 16)}…) |`,
  );
  console.log(`Each click: ${clicks.map((click) => ms(click.total)).join(', ')}. The Blob of the file as one string (what a handler that joins the entries first would make): ${ms(wholeBlob)}.`);
  const alone = await workerAlone();
  if (alone) {
    console.log(
      `The export worker alone (it reads the library itself; no library page open): read ${ms(alone.read)}, written ${ms(alone.written)}, file ${ms(alone.total)}; ${alone.papers.toLocaleString('en')} papers, ${alone.sha256 === expectedSha ? 'identical' : 'DIFFERENT'} file.`,
    );
    if (alone.sha256 !== expectedSha) process.exitCode = 1;
  }
  if (!same) {
    if (process.env.BENCH_EXPORT_PAGE_KEEP) writeFileSync(process.env.BENCH_EXPORT_PAGE_KEEP, expected);
    process.exitCode = 1;
  }

  /** The build's export worker on an extension page that does not read the library (undefined: the build has none). */
  async function workerAlone(): Promise<{ read: number; written: number; total: number; papers: number; sha256: string } | undefined> {
    const script = readdirSync(join(EXTENSION_DIR, 'assets')).find((name) => /^export-worker-.*\.js$/.test(name));
    if (!script) return undefined;
    const page = await session.context.newPage();
    try {
      await page.goto(`chrome-extension://${session.extensionId}/manifest.json`);
      const result = await page.evaluate(
        (url) =>
          new Promise<{ read: number; written: number; total: number; papers: number; text: string }>((resolve, reject) => {
            const started = performance.now();
            let read = Number.NaN;
            let written = Number.NaN;
            const worker = new Worker(url, { type: 'module' });
            worker.onerror = () => reject(new Error('the export worker failed'));
            worker.onmessage = async (event: MessageEvent<{ type: string; step?: string; file?: Blob; papers?: number }>) => {
              const message = event.data;
              if (message.type === 'progress' && message.step === 'writing') {
                if (Number.isNaN(read)) read = performance.now() - started;
                written = performance.now() - started;
              } else if (message.type === 'done') {
                const total = performance.now() - started;
                worker.terminate();
                resolve({ read, written, total, papers: message.papers!, text: await message.file!.text() });
              } else if (message.type === 'failed') reject(new Error('the export worker could not export'));
            };
            worker.postMessage({ type: 'export', options: { journalStyle: 'eprint', ascii: false } });
          }),
        `chrome-extension://${session.extensionId}/assets/${script}`,
      );
      return { ...result, sha256: sha256(result.text) };
    } finally {
      await page.close();
    }
  }
} finally {
  await session.close();
  removeProfile(session.userDataDir);
}
