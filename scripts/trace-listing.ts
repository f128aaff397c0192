// Where the time goes on a long listing: a Chrome trace (CDP) of the 2000-entry arXiv list with the
// built extension, summed per kind of main-thread work (script, style, layout, paint) between the
// content script's start and its last mounted control, and split at the page's first frame after
// the start. A profiling aid beside `npm run bench`, which prints the goals. After `npm run build`:
// `node scripts/trace-listing.ts [entries | new | hf] [--rules]` (BENCH_TRACE_OUT=file.json keeps the
// raw trace, BENCH_PROFILE_OUT=file.cpuprofile the sampled CPU profile; `--rules`: with bench-rules.ts's 50 rules, up to the last rule slice).
import { writeFileSync } from 'node:fs';
import { BROWSER_PATH, launch, removeProfile } from '../test/e2e/harness.ts';
import { arxivListing, arxivNewReal, huggingfaceDaily } from './bench-pages.ts';
import { startTrace, type TraceEvent } from './devtools-trace.ts';
import { fiftyRules, setRules } from './bench-rules.ts';

const CATEGORIES = 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,v8.execute';

async function main(): Promise<void> {
  if (!BROWSER_PATH) throw new Error('no Chromium found');
  const withRules = process.argv.includes('--rules');
  const which = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? '2000';
  const bench = which === 'hf' ? huggingfaceDaily() : which === 'new' ? arxivNewReal() : arxivListing(Number(which));
  const count = (bench.html.match(bench.site === 'arxiv' ? /<dt>/g : /<h3[^>]*>\s*<a[^>]*href="\/papers\//g) ?? []).length;
  const session = await launch();
  try {
    session.serve(bench.url, { body: bench.html });
    if (withRules) await setRules(session, fiftyRules());
    // Warm-up load: the extension's script and the page cached as on a second visit.
    const warm = await session.context.newPage();
    await warm.goto(bench.url, { timeout: 120_000 });
    await warm.close();
    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const trace = await startTrace(page, CATEGORIES);
    await page.goto(bench.url, { timeout: 120_000 });
    await page.waitForFunction((expected) => document.querySelectorAll('[data-papershelf-host]').length >= expected, count, { polling: 100, timeout: 60_000 });
    if (withRules) await page.waitForFunction(() => performance.getEntriesByName('papershelf:rules-applied').length > 0, undefined, { polling: 100, timeout: 60_000 });
    await page.waitForTimeout(1_000);
    const marks = await page.evaluate(() => {
      const origin = performance.timeOrigin;
      const at = (name: string) => (performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN) + origin;
      const scans = performance.getEntriesByName('papershelf:scan');
      const start = performance.getEntriesByName('papershelf:start')[0]!.startTime;
      const frame = performance.getEntriesByName('papershelf:first-frame')[0]?.startTime ?? Infinity;
      const ours = performance.getEntriesByType('measure').filter((entry) => entry.name.startsWith('papershelf:') && entry.name !== 'papershelf:states-request');
      const lastEnd = Math.max(...ours.map((entry) => entry.startTime + entry.duration));
      // Main-thread time per measure, before and after the first frame, and how many of each.
      const byName: Record<string, [number, number, number]> = {};
      for (const entry of ours) {
        const sum = (byName[entry.name] ??= [0, 0, 0]);
        sum[entry.startTime < frame ? 0 : 1] += entry.duration;
        sum[2] += 1;
      }
      return { start: at('papershelf:start'), frame: at('papershelf:first-frame'), lastMounted: lastEnd + origin, byName, scans: scans.map((s) => [s.startTime - start, s.duration]) };
    });
    console.log('| measure | count | before the first frame | after it |');
    for (const [name, [before, after, count]] of Object.entries(marks.byName)) console.log(`| ${name} | ${count} | ${before.toFixed(1)} ms | ${after.toFixed(1)} ms |`);
    const { profile } = await cdp.send('Profiler.stop');
    const events = await trace.stop();
    if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify({ traceEvents: events }));
    if (process.env.BENCH_PROFILE_OUT) writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
    summarise(events, marks);
    printHotFunctions(profile);
  } finally {
    await session.close();
    removeProfile(session.userDataDir);
  }
}

/** Sums the renderer main thread's top-level kinds of work in [start, first frame) and [first frame, last mounted]. */
function summarise(events: TraceEvent[], marks: { start: number; frame: number; lastMounted: number; scans: number[][] }): void {
  // Trace timestamps are microseconds on the same monotonic clock as performance.timeOrigin + now (ms).
  const startMark = events.find((event) => event.name === 'papershelf:start');
  if (!startMark) throw new Error('no papershelf:start in the trace');
  const main = events.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain' && event.pid === startMark.pid)!;
  const offset = startMark.ts / 1000 - marks.start;
  const start = marks.start + offset;
  const frame = marks.frame + offset;
  const end = marks.lastMounted + offset;
  const kinds = new Map<string, [number, number]>();
  const interesting = new Set(['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EvaluateScript', 'v8.compile', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'HitTest', 'ParseAuthorStyleSheet', 'RunMicrotasks', 'v8.callFunction', 'EventDispatch', 'ScheduleStyleRecalculation', 'UpdateLayerTree', 'Commit', 'IntersectionObserverController::computeIntersections', 'MajorGC', 'MinorGC', 'V8.GC_MC_BACKGROUND_MARKING']);
  for (const event of events) {
    if (event.ph !== 'X' || event.pid !== main.pid || event.tid !== main.tid || !interesting.has(event.name)) continue;
    const from = event.ts / 1000;
    const to = from + (event.dur ?? 0) / 1000;
    const before = Math.max(0, Math.min(to, frame) - Math.max(from, start));
    const after = Math.max(0, Math.min(to, end) - Math.max(from, frame));
    if (before + after === 0) continue;
    const sum = kinds.get(event.name) ?? [0, 0];
    kinds.set(event.name, [sum[0] + before, sum[1] + after]);
  }
  console.log(`start → first frame ${(frame - start).toFixed(1)} ms; first frame → last of Papershelf's work ${(end - frame).toFixed(1)} ms`);
  console.log('scans (start, duration):', marks.scans.map(([s, d]) => `${s!.toFixed(0)}+${d!.toFixed(1)}`).join(' '));
  console.log('| kind (nested kinds overlap) | before the first frame | first frame → last of Papershelf\'s work |');
  for (const [name, [before, after]] of [...kinds].sort((a, b) => b[1][0] + b[1][1] - a[1][0] - a[1][1])) console.log(`| ${name} | ${before.toFixed(1)} ms | ${after.toFixed(1)} ms |`);
}

await main();

interface Profile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples?: number[];
  timeDeltas?: number[];
}

/** The functions that ran longest themselves (self time) in the sampled CPU profile, the extension's and the page's. */
function printHotFunctions(profile: Profile): void {
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  (profile.samples ?? []).forEach((id, index) => {
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[index] ?? 0) / 1000);
  });
  console.log('\nself time (sampled):');
  for (const [key, time] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${time.toFixed(1).padStart(8)} ms  ${key}`);
}
