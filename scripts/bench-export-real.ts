// The BibTeX export of the 50,000 saved papers of the million-record library (issue 16: < 2 s),
// beside the exporter of another commit (default `main`) in the same process and run:
// `npx tsx scripts/bench-export-real.ts` (BENCH_RUNS runs of each, alternating; BENCH_EXPORT_BASELINE
// names the commit; BENCH_EXPORT_WRITE=<file> writes this tree's default-options output there).
//
// The papers are the real arXiv papers of ../shared/data as scripts/real-library.ts repeats them,
// the saved ones of a 1,000,000-record library exactly as scripts/bench-library-scale.ts exports
// them. Both exporters must give the same bytes, keys and warnings for every option set; the run
// stops otherwise and prints the sha256 of both outputs either way.
//
// The baseline's lib/ is taken out of git into node_modules/.cache (so its imports resolve to the
// same node_modules) and imported next to this tree's: same process, same papers, same heap.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import '../lib/i18n-english-setup';
import * as current from '../lib/bibtex';
import type { ExportOptions, ExportResult, BibEntryInput } from '../lib/bibtex';
import type { PaperRecord } from '../lib/paper/model';
import { median } from './bench-stats.ts';
import { realRecord } from './real-library.ts';

const RECORDS = Number(process.env.BENCH_EXPORT_RECORDS ?? 1_000_000);
const SAVED_EVERY = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BASELINE = process.env.BENCH_EXPORT_BASELINE ?? 'main';
const GOAL_MS = 2_000;

type Exporter = (entries: readonly BibEntryInput[], options?: ExportOptions) => ExportResult;

const root = resolve(import.meta.dirname, '..');

/** The exporter of `ref`, from a copy of its lib/ (and the English messages lib/ bundles). */
async function baselineExporter(ref: string): Promise<{ commit: string; exportBibtexWithReport: Exporter }> {
  const commit = execFileSync('git', ['rev-parse', ref], { cwd: root, encoding: 'utf8' }).trim();
  const dir = join(root, 'node_modules', '.cache', 'bench-export-baseline', commit);
  if (!existsSync(join(dir, 'lib'))) {
    mkdirSync(dir, { recursive: true });
    const archive = execFileSync('git', ['archive', commit, 'lib', 'public/_locales'], { cwd: root, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
  }
  await import(join(dir, 'lib', 'i18n-english-setup.ts'));
  const module = (await import(join(dir, 'lib', 'bibtex', 'index.ts'))) as { exportBibtexWithReport: Exporter };
  return { commit, exportBibtexWithReport: module.exportBibtexWithReport };
}

/** The saved papers of a `records` library, as bench-library-scale.ts's benchSavedExport makes them. */
function savedPapers(records: number): PaperRecord[] {
  const saved: PaperRecord[] = [];
  for (let index = 0; index < records; index += SAVED_EVERY) saved.push(realRecord(index, { size: records, hidden: 'trimmed', savedEvery: SAVED_EVERY }));
  return saved;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const gc = (globalThis as { gc?: () => void }).gc;

/** Wall-clock time, and CPU time of the whole process (garbage collector threads included): less inflated by other processes' load. */
function time(run: () => unknown): { wall: number; cpu: number } {
  gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  run();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const papers = savedPapers(RECORDS);
const baseline = await baselineExporter(BASELINE);
const exporters: Record<'baseline' | 'this tree', Exporter> = { baseline: baseline.exportBibtexWithReport, 'this tree': current.exportBibtexWithReport };
/** What the page's Export button runs since lib/ui/export-bibtex.ts hands the parts to the Blob: no joined text. */
const inParts = () => current.exportBibtexInParts(papers, {});

// Same bytes, keys and warnings, for each option set the settings page offers.
const OPTION_SETS: ReadonlyArray<[string, ExportOptions]> = [
  ['UTF-8', {}],
  ['ASCII', { ascii: true }],
  ['arXiv as journal', { journalStyle: 'arxiv-journal' }],
];
let same = true;
for (const [name, options] of OPTION_SETS) {
  const before = exporters.baseline(papers, options);
  const after = exporters['this tree'](papers, options);
  const equal = before.text === after.text && JSON.stringify(before.keys) === JSON.stringify(after.keys) && JSON.stringify(before.warnings) === JSON.stringify(after.warnings);
  same &&= equal;
  console.log(`${name}: ${equal ? 'identical' : 'DIFFERENT'} (${Buffer.byteLength(after.text).toLocaleString('en')} bytes, ${after.warnings.length} warnings); sha256 baseline ${sha256(before.text)}, this tree ${sha256(after.text)}`);
  if (name === 'UTF-8' && process.env.BENCH_EXPORT_WRITE) writeFileSync(process.env.BENCH_EXPORT_WRITE, after.text);
}
if (!same) {
  console.error('The exporters differ: no timing.');
  process.exit(1);
}

// Alternating, so both see the same machine load; the first pair warms both up.
const times: Record<keyof typeof exporters | 'in parts', Array<{ wall: number; cpu: number }>> = { baseline: [], 'this tree': [], 'in parts': [] };
for (let run = 0; run < RUNS; run++) {
  for (const name of run % 2 === 0 ? (['baseline', 'this tree', 'in parts'] as const) : (['in parts', 'this tree', 'baseline'] as const)) {
    times[name].push(time(() => (name === 'in parts' ? inParts() : exporters[name](papers, {}))));
  }
}
const ms = (value: number) => `${value.toFixed(0)} ms`;
const row = (name: keyof typeof times) => {
  const wall = times[name].map((time) => time.wall);
  const cpu = times[name].map((time) => time.cpu);
  return `${ms(Math.min(...wall))} | ${ms(median(wall))} | ${ms(Math.min(...cpu))} | ${ms(median(cpu))}`;
};
console.log(`\nBibTeX export of the ${papers.length.toLocaleString('en')} saved papers of ${RECORDS.toLocaleString('en')} (UTF-8), ${RUNS} runs each, alternating; load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}${gc ? '; gc before each run' : ''}:\n`);
console.log('| exporter | best | median | CPU best | CPU median | goal |');
console.log('| -------- | ---- | ------ | -------- | ---------- | ---- |');
console.log(`| baseline: ${BASELINE} (${baseline.commit.slice(0, 7)}) | ${row('baseline')} | |`);
const best = Math.min(...times['this tree'].map((time) => time.wall));
console.log(`| this tree | ${row('this tree')} | < ${GOAL_MS / 1000} s ${best < GOAL_MS ? '✓' : '✗'} |`);
const bestInParts = Math.min(...times['in parts'].map((time) => time.wall));
console.log(`| this tree, in parts (the page's Export: no joined text) | ${row('in parts')} | < ${GOAL_MS / 1000} s ${bestInParts < GOAL_MS ? '✓' : '✗'} |`);
