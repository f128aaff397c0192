// `npx tsx scripts/bench-library-filter.ts`: what filtering the library costs per keystroke, in
// Node, for 1,000 / 10,000 / 100,000 synthetic papers (scripts/bench-library.ts: arXiv-shaped
// titles, authors and ~1 KB abstracts, half of them hidden). Prints one table; no assertions.
// The popup's goal is under 50 ms at the 95th percentile. Times are CPU time (see `time`).
//
// "first screen" is what a keystroke waits for in the popup: the first 40 matches in order
// (LibraryFilter.step with `enough`); "complete" is the rest, which the popup finishes in slices
// after painting (the count, and rows further down).
import { DEFAULT_QUERY, filterPapers, LibraryFilter, prepareSearch, type LibraryQuery } from '../lib/search';
import type { PaperRecord } from '../lib/paper/model';
import { syntheticLibrary } from './bench-library';
import { percentile } from './bench-stats';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const FIRST_SCREEN = 40;

/** What a user types, one keystroke at a time, from an empty box. */
const TYPED = ['attention', 'diffusion transformer', 'müller', 'zoe', 'arXiv:1503.0', 'attentive', 'no such paper anywhere', 'lora', 'eee'];

/**
 * Milliseconds of this process's CPU time (user + system) spent in `run`. CPU time rather than
 * wall-clock time: on a shared machine (CI, two cores, other test runs) the wall clock mostly
 * measures the neighbours. BENCH_CLOCK=wall measures wall-clock time instead.
 */
function time(run: () => unknown): number {
  if (process.env.BENCH_CLOCK === 'wall') {
    const started = performance.now();
    run();
    return performance.now() - started;
  }
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

interface Keystrokes {
  firstScreen: number[];
  complete: number[];
}

/** Types each phrase letter by letter, as the popup handles it: first screen, then the rest. */
function typeAll(papers: readonly PaperRecord[], base: LibraryQuery): Keystrokes {
  const samples: Keystrokes = { firstScreen: [], complete: [] };
  const keystroke = (query: LibraryQuery) => {
    let filter: LibraryFilter | undefined;
    samples.firstScreen.push(
      time(() => {
        filter = new LibraryFilter(papers, query);
        filter.step(Infinity, FIRST_SCREEN);
      }),
    );
    samples.complete.push(time(() => filter!.step(Infinity)));
  };
  for (const phrase of TYPED) {
    for (let length = 1; length <= phrase.length; length++) keystroke({ ...base, text: phrase.slice(0, length) });
    keystroke(base); // the box cleared, as a user does before the next search
  }
  return samples;
}

const rows: Array<Record<string, string>> = [];
const ms = (value: number) => value.toFixed(1);
for (const size of SIZES) {
  // Cloned as IndexedDB hands records over: flat strings, not the generator's concatenations.
  const papers = structuredClone(syntheticLibrary(size));
  const row: Record<string, string> = { papers: size.toLocaleString('en') };
  row['sort ms'] = ms(time(() => filterPapers(papers, DEFAULT_QUERY)));
  // Typing before the page prepared search: the first screen builds only the entries it looks at.
  const cold = new LibraryFilter(papers, { ...DEFAULT_QUERY, text: 'learning' });
  row['cold 1st screen'] = ms(time(() => cold.step(Infinity, FIRST_SCREEN)));
  row['search prep ms'] = ms(time(() => prepareSearch(papers, Infinity)));
  const typed = typeAll(papers, DEFAULT_QUERY);
  row['1st screen p50'] = ms(percentile(typed.firstScreen, 50));
  row['1st screen p95'] = ms(percentile(typed.firstScreen, 95));
  row['1st screen max'] = ms(Math.max(...typed.firstScreen));
  row['complete p50'] = ms(percentile(typed.complete, 50));
  row['complete p95'] = ms(percentile(typed.complete, 95));
  row['complete max'] = ms(Math.max(...typed.complete));
  const tagged: number[] = [];
  for (const tags of [['llm'], ['llm', 'vision'], ['to-read']]) {
    for (const tagMode of ['all', 'any'] as const) tagged.push(time(() => filterPapers(papers, { ...DEFAULT_QUERY, show: 'all', tags, tagMode, text: 'learning' })));
  }
  row['tags+text max'] = ms(Math.max(...tagged));
  // A changed library is a new array: sorted again once, and no earlier answer to narrow.
  const changed = [...papers];
  row['re-sort ms'] = ms(time(() => filterPapers(changed, { ...DEFAULT_QUERY, show: 'all' })));
  row['fresh search ms'] = ms(time(() => filterPapers(changed, { ...DEFAULT_QUERY, show: 'all', text: 'attentive' })));
  row['heap MB'] = (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0);
  rows.push(row);
}
console.table(rows);
