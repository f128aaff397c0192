// What the popup's main thread does from navigation to its first rows and its search at open, at a
// year-of-triage library: `npm run build && npx tsx scripts/profile-popup-open.ts`. A DevTools trace
// of each fresh popup, printed as the popup thread's tasks (script evaluation, IndexedDB answers,
// frames) beside its performance marks, in milliseconds since navigation.
//
// PROFILE_DIR=<dir> keeps the seeded profile for the next run (the extension's id follows its folder:
// keep PAPERSHELF_EXTENSION_DIR the same between runs). PROFILE_RECORDS (100,000), PROFILE_RUNS (3),
// PROFILE_SEARCH=1 types "attention" as soon as the search box exists.
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { createEmptyLibrary, helperPage, launchScale, seed, upgrade, V6_STORES } from './bench-library-scale.ts';
import { EXTENSION_DIR, launch, removeProfile, type Session } from '../test/e2e/harness.ts';
import { startTrace, type TraceEvent } from './devtools-trace.ts';
import { measureFloor } from './bench-popup.ts';
import { median } from './bench-stats.ts';

const RECORDS = Number(process.env.PROFILE_RECORDS ?? 100_000);
const RUNS = Number(process.env.PROFILE_RUNS ?? 3);
const SEARCH = process.env.PROFILE_SEARCH === '1';
const KEPT = process.env.PROFILE_DIR;
let dumped = 0;
const CATEGORIES = process.env.PROFILE_CATEGORIES ?? ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute', 'loading', 'IndexedDB'].join(',');

async function seeded(): Promise<Session> {
  if (KEPT && existsSync(KEPT)) {
    const session = await launch(KEPT, { intercept: false });
    await session.context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    return session;
  }
  const session = KEPT ? await launch(KEPT, { intercept: false }) : await launchScale();
  if (KEPT) await session.context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  const helper = await helperPage(session);
  await createEmptyLibrary(helper, V6_STORES, 60);
  await seed(helper, { size: RECORDS, hidden: 'trimmed', only: 'saved' });
  await seed(helper, { size: RECORDS, hidden: 'trimmed', only: 'hidden' });
  await upgrade(session, helper);
  await helper.close();
  return session;
}

interface Line {
  at: number;
  ms: number;
  what: string;
}

async function profileOnce(session: Session): Promise<Line[]> {
  const page = await session.context.newPage();
  const trace = await startTrace(page, CATEGORIES);
  await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
  if (SEARCH) {
    await page.locator('input[type="search"]').waitFor();
    await page.evaluate(() => {
      const box = document.querySelector<HTMLInputElement>('input[type="search"]')!;
      box.value = 'attention';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(() => performance.getEntriesByName('papershelf:indexed-search').length + performance.getEntriesByName('papershelf:library-saved').length > 0, undefined, { timeout: 120_000, polling: 50 });
  }
  await page.waitForFunction(() => performance.getEntriesByName('papershelf:library-saved').length > 0, undefined, { timeout: 120_000, polling: 100 });
  const marks = await page.evaluate(() => {
    const row = performance.getEntriesByType('element').find((entry) => (entry as PerformanceEntry & { identifier: string }).identifier === 'papershelf-first-row') as (PerformanceEntry & { renderTime: number }) | undefined;
    const list = performance.getEntriesByType('mark').map((mark) => ({ name: mark.name, at: mark.startTime }));
    const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    if (paint !== undefined) list.push({ name: 'first-contentful-paint', at: paint });
    if (row) list.push({ name: 'first row painted (element timing)', at: row.renderTime });
    for (const resource of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) list.push({ name: `loaded ${resource.name.split('/').pop()} (started ${resource.startTime.toFixed(0)})`, at: resource.responseEnd });
    return list;
  });
  const events = await trace.stop();
  if (process.env.PROFILE_DUMP) writeFileSync(`${process.env.PROFILE_DUMP}-${dumped++}.json`, JSON.stringify({ events, marks }));
  await page.close();
  return explain(events, marks);
}

/** The popup renderer's main-thread tasks and their parts, in ms since navigation start. */
function explain(events: TraceEvent[], marks: Array<{ name: string; at: number }>): Line[] {
  // The popup's own mark ties the trace's clock to performance.now().
  const anchor = events.find((event) => event.name === 'papershelf:popup-script' && event.ph !== 'e');
  const anchorMark = marks.find((mark) => mark.name === 'papershelf:popup-script');
  if (!anchor || !anchorMark) throw new Error('No papershelf:popup-script mark in the trace');
  const zero = anchor.ts - anchorMark.at * 1000;
  const thread = events.find((event) => event.name === 'thread_name' && event.pid === anchor.pid && event.args?.name === 'CrRendererMain');
  const tid = thread?.tid ?? anchor.tid;
  const lines: Line[] = marks.map((mark) => ({ at: mark.at, ms: 0, what: `mark ${mark.name}` }));
  const interesting = /^(RunTask|ThreadControllerImpl::RunTask|EvaluateScript|v8\.compileModule|v8\.evaluateModule|FunctionCall|ParseHTML|UpdateLayoutTree|Layout|Paint|PrePaint|Commit|TimerFire|FireAnimationFrame|EventDispatch|V8\.GCScavenger|MajorGC|MinorGC|V8\.GC_MC_BACKGROUND.*|BlinkGC.*|v8\.compile|v8\.produceModuleCache|ResourceReceivedData|ResourceFinish|ParseAuthorStyleSheet|IndexedDB.*|HitTest|ScheduleStyleRecalculation)$/;
  for (const event of events) {
    if (event.pid !== anchor.pid || event.tid !== tid || event.ph !== 'X' || event.dur === undefined) continue;
    const at = (event.ts - zero) / 1000;
    const ms = event.dur / 1000;
    if (at < -50 || at > 4_000) continue;
    const top = event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask';
    if (top ? ms < 1 : !interesting.test(event.name) || ms < 0.5) continue;
    const data = event.args?.data ?? {};
    const detail = [data.url, data.functionName, data.type, data.name].filter((part) => typeof part === 'string' && part !== '').map((part) => String(part).split('/').pop());
    lines.push({ at, ms, what: `${top ? 'TASK ' : '  '}${event.name}${detail.length > 0 ? ` ${detail.join(' ')}` : ''}` });
  }
  for (const event of events) {
    if (event.pid !== anchor.pid || event.tid !== tid || !/IndexedDB|IDB/i.test(event.name)) continue;
    lines.push({ at: (event.ts - zero) / 1000, ms: (event.dur ?? 0) / 1000, what: `  idb ${event.name} ${event.ph}` });
  }
  return lines.sort((a, b) => a.at - b.at);
}

/** Without a trace (which slows the page several-fold): navigation timing, marks and paints only. */
async function timeOnce(session: Session): Promise<Record<string, number>> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
  await page.waitForFunction(() => performance.getEntriesByName('papershelf:library-saved').length > 0, undefined, { timeout: 120_000, polling: 100 });
  const times = await page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve) => {
        new PerformanceObserver((list) => {
          const row = list.getEntries().find((entry) => (entry as PerformanceEntry & { identifier: string }).identifier === 'papershelf-first-row') as (PerformanceEntry & { renderTime: number }) | undefined;
          if (!row) return;
          const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const times: Record<string, number> = {
            responseEnd: navigation.responseEnd,
            domInteractive: navigation.domInteractive,
            domContentLoaded: navigation.domContentLoadedEventStart,
            firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
            firstRow: row.renderTime,
          };
          for (const mark of performance.getEntriesByType('mark')) times[mark.name.replace('papershelf:', '')] ??= mark.startTime;
          resolve(times);
        }).observe({ type: 'element', buffered: true });
      }),
  );
  await page.close();
  return times;
}

/**
 * PROFILE_VARIANTS=<build>,<build>: builds compared in one session, alternated round by round, each
 * copied in turn into PAPERSHELF_EXTENSION_DIR (so that they share the extension's id and library).
 */
async function compareBuilds(builds: readonly string[], rounds: number): Promise<void> {
  const samples = builds.map(() => [] as Array<Record<string, number>>);
  const floors: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const [at, build] of builds.entries()) {
      rmSync(EXTENSION_DIR, { recursive: true, force: true });
      cpSync(build, EXTENSION_DIR, { recursive: true });
      const session = await seeded();
      try {
        await timeOnce(session);
        for (let run = 0; run < 3; run++) samples[at]!.push(await timeOnce(session));
      } finally {
        await session.close();
      }
    }
    floors.push(await measureFloor(3));
  }
  console.log(`floor (script-free page, other profile) median of ${rounds} rounds: ${median(floors).toFixed(1)} ms (${floors.map((floor) => floor.toFixed(0)).join(' ')})`);
  for (const [at, build] of builds.entries()) {
    console.log(`\n${build}: ${samples[at]!.length} popups`);
    printTimes(samples[at]!);
  }
}

function printTimes(samples: ReadonlyArray<Record<string, number>>): void {
  const names = [...new Set(samples.flatMap((sample) => Object.keys(sample)))];
  const rows = names.map((name) => ({ name, median: median(samples.map((sample) => sample[name] ?? Number.NaN)), all: samples.map((sample) => (sample[name] ?? Number.NaN).toFixed(0)).join(' ') }));
  rows.sort((a, b) => a.median - b.median);
  for (const row of rows) console.log(`${row.median.toFixed(1).padStart(8)}  ${row.name.padEnd(28)} ${row.all}`);
}

if (process.env.PROFILE_VARIANTS) {
  await compareBuilds(process.env.PROFILE_VARIANTS.split(','), Number(process.env.PROFILE_ROUNDS ?? 3));
  process.exit(0);
}
const session = await seeded();
try {
  if (process.env.PROFILE_TRACE === '0') {
    await timeOnce(session);
    const samples: Array<Record<string, number>> = [];
    for (let run = 0; run < RUNS; run++) samples.push(await timeOnce(session));
    printTimes(samples);
    console.log(`floor (script-free page, other profile): ${(await measureFloor(RUNS)).toFixed(1)} ms`);
  } else {
  // Warm-up, discarded: the first open after seeding compacts and caches.
  await profileOnce(session);
  for (let run = 0; run < RUNS; run++) {
    const lines = await profileOnce(session);
    console.log(`\n--- popup ${run + 1} (${RECORDS.toLocaleString('en')} records${SEARCH ? ', "attention" typed at open' : ''})`);
    for (const line of lines) if (line.at < 2_500 || line.what.startsWith('mark')) console.log(`${line.at.toFixed(1).padStart(8)} ${line.ms > 0 ? `${line.ms.toFixed(1).padStart(7)} ms` : '          '}  ${line.what}`);
  }
  }
} finally {
  await session.close();
  if (!KEPT) removeProfile(session.userDataDir);
}
