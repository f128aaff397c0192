// Part of `npm run bench`: what 50 rules add to a 2000-entry arXiv listing, measured in Chromium with
// the built extension, beside the same page with no rules in the same run (alternating, so both see
// the same machine load); and what catastrophic regular expressions cost on 10,000-character
// hostile text, beside JavaScript's own engine on the same patterns. Alone (after `npm run build`):
// `node scripts/bench-rules.ts` (`--hostile` for the hostile table only, no browser).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { BROWSER_PATH, launch, removeProfile, type Session } from '../test/e2e/harness.ts';
import { arxivListing, type BenchPage } from './bench-pages.ts';
import { median as medianOf } from './bench-stats.ts';

const TEXT_WORDS = [
  'diffusion', 'transformer', 'graphene', 'phonon', 'superconductivity', 'perovskite', 'magnetic', 'topological', 'thermal', 'lattice',
  'benchmark', 'reinforcement', 'quantum', 'catalyst', 'battery', 'spintronic', 'ferroelectric', 'dislocation', 'alloy', 'polymer',
];
const PHRASES = ['density functional theory', 'machine learning', 'large language model', 'first principles', 'molecular dynamics', 'thin films'];
const REGEXES = [String.raw`\bDFT\b`, String.raw`2D|two-dimensional`, String.raw`^A `, String.raw`neural (network|operator)s?`, String.raw`\d+\s*K\b`];
const AUTHORS = ['Wei Zhang', 'Li', 'Smith', 'Yann LeCun', 'Kumar', 'Garcia', 'Müller', 'Chen Wang', 'Nakamura', 'Ivanov'];
const CATEGORIES = ['cs.LG', 'physics.comp-ph', 'cond-mat.soft', 'hep-th', 'quant-ph'];

/** 50 rules of every kind, with all three actions. */
export function fiftyRules() {
  const actions = ['hide', 'dim', 'highlight'] as const;
  const specs = [
    ...TEXT_WORDS.map((pattern) => ({ target: 'text', match: 'word', pattern })),
    ...PHRASES.map((pattern) => ({ target: 'text', match: 'phrase', pattern })),
    ...REGEXES.map((pattern) => ({ target: 'text', match: 'regex', pattern })),
    ...AUTHORS.map((pattern) => ({ target: 'author', match: 'phrase', pattern })),
    ...CATEGORIES.map((pattern) => ({ target: 'category', match: 'word', pattern })),
    ...['nanowire', 'exciton', 'magnon', 'photonic'].map((pattern) => ({ target: 'text', match: 'word', pattern })),
  ];
  return specs.map((spec, index) => ({ ...spec, id: `bench-${index}`, enabled: true, action: actions[index % 3]!, createdAt: 1 }));
}

interface RulesSample {
  /** Content script start → the last of scans, states and rules finished. */
  startToDone: number;
  /** Synchronous time in scans, states and rules, in every task. */
  mainThread: number;
  /** Applying the rules to every card: the rule list arriving plus every slice of matching. */
  rules: number;
  /** The part of the rules' time that ran before the page's first frame after the script started. */
  beforeFirstFrame: number;
}

/** Saves `rules` as the user's rule list, as the library page's Rules section does. */
export async function setRules(session: Session, rules: unknown[]): Promise<void> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/library.html`);
  // The library page is an extension page: it may ask the background like the Rules section does.
  const reply = await page.evaluate((rules) => (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'ui:saveRules', rules }), rules);
  await page.close();
  if (!(reply as { ok?: boolean })?.ok) throw new Error(`could not save the bench rules: ${JSON.stringify(reply)}`);
}

async function measure(page: Page, bench: BenchPage, expected: number, withRules: boolean): Promise<RulesSample> {
  await page.goto(bench.url, { timeout: 120_000 }); // the shared 2-core machine can take long to load 2000 entries
  await page.waitForFunction((count) => document.querySelectorAll('[data-papershelf-host]').length >= count, expected, { polling: 100, timeout: 120_000 });
  await page.waitForFunction(
    (withRules) =>
      performance.getEntriesByName('papershelf:states').length > 0 &&
      performance.getEntriesByName('papershelf:rules').length > 0 &&
      (!withRules || performance.getEntriesByName('papershelf:rules-applied').length > 0),
    withRules,
    { polling: 100, timeout: 120_000 },
  );
  // Rule slices may still follow the mark (cards attached later are matched then): wait until a
  // second passes with no new slice, so every one of them is counted.
  await page.waitForFunction(
    () => {
      const state = globalThis as unknown as { benchSlices?: { count: number; at: number } };
      const count = performance.getEntriesByType('measure').length;
      if (state.benchSlices?.count !== count) state.benchSlices = { count, at: performance.now() };
      return performance.now() - state.benchSlices.at > 1_000;
    },
    undefined,
    { polling: 100, timeout: 120_000 },
  );
  return page.evaluate(() => {
    const start = performance.getEntriesByName('papershelf:start')[0]!.startTime;
    const firstFrame = performance.getEntriesByName('papershelf:first-frame')[0]?.startTime ?? Infinity;
    const ruleEntries = ['papershelf:rules', 'papershelf:rules-slice'].flatMap((name) => performance.getEntriesByName(name));
    const entries = [...['papershelf:scan', 'papershelf:states', 'papershelf:prepare'].flatMap((name) => performance.getEntriesByName(name)), ...ruleEntries];
    const sum = (list: PerformanceEntry[]) => list.reduce((total, entry) => total + entry.duration, 0);
    return {
      startToDone: Math.max(...entries.map((entry) => entry.startTime + entry.duration)) - start,
      mainThread: sum(entries),
      rules: sum(ruleEntries),
      beforeFirstFrame: sum(ruleEntries.filter((entry) => entry.startTime < firstFrame)),
    };
  });
}

/** Prints one table: no rules and 50 rules, median of `runs` each. */
export async function benchRules(session: Session, bench: BenchPage, runs: number, median: (values: number[]) => number): Promise<void> {
  session.serve(bench.url, { body: bench.html });
  const rules = fiftyRules();
  const expected = (bench.html.match(/<dt>/g) ?? []).length;
  const samples: Record<'none' | 'fifty', RulesSample[]> = { none: [], fifty: [] };
  for (let run = 0; run <= runs; run++) {
    for (const kind of ['none', 'fifty'] as const) {
      await setRules(session, kind === 'none' ? [] : rules);
      const page = await session.context.newPage();
      const sample = await measure(page, bench, expected, kind === 'fifty');
      await page.close();
      if (run > 0) samples[kind].push(sample); // run 0 warms up
    }
  }
  await setRules(session, []);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  // The spread of one build's runs is printed beside its median: on a shared machine it is often
  // larger than a change being measured, and the medians' difference alone would hide that.
  const spread = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms`;
  const row = (label: string, list: RulesSample[]) =>
    `| ${label} | ${ms(median(list.map((s) => s.startToDone)))} | ${ms(median(list.map((s) => s.mainThread)))} (${spread(list.map((s) => s.mainThread))}) | ${ms(median(list.map((s) => s.rules)))} | ${ms(median(list.map((s) => s.beforeFirstFrame)))} |`;
  console.log(`\nRules on ${bench.name} (${expected} entries), median of ${runs} runs, same session:\n`);
  console.log('| rules | start to all applied | main-thread time (min–max of the runs) | applying the rules (all slices) | of which before the first frame |');
  console.log('| ----- | -------------------- | -------------------------------------- | ------------------------------- | ------------------------------- |');
  console.log(row('none', samples.none));
  console.log(row('50', samples.fifty));
  const added = median(samples.fifty.map((s) => s.mainThread)) - median(samples.none.map((s) => s.mainThread));
  console.log(`\n50 rules add ${ms(added)} of main-thread time to this page (goal < 50 ms; median difference, same session).`);
  benchHostileRules();
}

/** The hostile table (bench-rules-hostile.ts), in its own process: it imports the rules engine, which tsx resolves. */
export function benchHostileRules(): void {
  const tsx = resolve(import.meta.dirname, '..', 'node_modules/tsx/dist/cli.mjs');
  const run = spawnSync(process.execPath, [tsx, resolve(import.meta.dirname, 'bench-rules-hostile.ts')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error('bench-rules-hostile.ts failed');
  process.stdout.write(run.stdout);
}

async function main(): Promise<void> {
  if (process.argv.includes('--hostile')) return benchHostileRules();
  if (!BROWSER_PATH) throw new Error('no Chromium found for the rules on a listing page');
  const session = await launch();
  try {
    await benchRules(session, arxivListing(2000), Number(process.env.BENCH_RUNS ?? 7), medianOf);
  } finally {
    await session.close();
    removeProfile(session.userDataDir);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

