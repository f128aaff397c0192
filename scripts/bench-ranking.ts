// The "For you" ranker on real arXiv data (issue #17), beside random order and arxiv-sanity's
// method in the same run, on the simulated-reader protocol of scripts/ranking-protocol.ts; then
// what the shipped ranker costs: a rebuild from 5,000 judged papers, the update after one save,
// scoring a 2,000-entry listing, the model's size and memory. Run alone with
// `npx tsx scripts/bench-ranking.ts`; `npm run bench` runs it last.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { SHIPPED, scorer, trainModel, type Example } from '../lib/ranking/model.ts';
import { RankingTrainer } from '../lib/ranking/trainer.ts';
import { median } from './bench-stats.ts';

/** The page benchmark needs the built extension: loaded only when it runs, so `npm test`'s quality test (which imports this file before the build) does not. */
async function benchForYouPage(runs: number): Promise<void> {
  let page: typeof import('./bench-for-you-page.ts');
  try {
    page = await import('./bench-for-you-page.ts');
  } catch (error) {
    // The e2e harness it runs on refuses to load without a build: say so, keep the tables printed above.
    console.log(`\n!!! For you in the browser: not measured (${error instanceof Error ? error.message : String(error)}); run npm run build first !!!\n`);
    return;
  }
  await page.benchForYouPage(runs);
}
import { DATA_FILE, DATA_PRESENT, sampleSplits, EVALUATION_DAYS, evaluationDays, loadDataset, mean, quality, randomScores, rankOf, readerSplits, type DataPaper, type Quality, type ReaderSplit } from './ranking-protocol.ts';

const PYTHON = '/usr/bin/python3';

const examplesOf = (split: ReaderSplit): Example[] => [
  ...split.saved.map((doc): Example => ({ doc, label: 1 })),
  ...split.hidden.map((doc): Example => ({ doc, label: -1 })),
];

/** The shipped ranker, exactly as the extension trains and scores. */
export function papershelfScores(split: ReaderSplit): number[] {
  const score = scorer(trainModel(examplesOf(split)));
  return split.evaluation.map((paper) => score.score(paper));
}

function sklearnAvailable(): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0;
}

/** arxiv-sanity's method through scikit-learn (scripts/arxiv-sanity-anchor.py), all pairs in one process. */
export function sklearnAnchorScores(splits: readonly ReaderSplit[]): number[][] {
  const ids = (papers: readonly DataPaper[]) => papers.map((paper) => paper.id);
  const request = { dataFile: DATA_FILE, pairs: splits.map((split) => ({ seen: ids(split.seen), saved: ids(split.saved), hidden: ids(split.hidden), evaluation: ids(split.evaluation) })) };
  const run = spawnSync(PYTHON, [new URL('./arxiv-sanity-anchor.py', import.meta.url).pathname], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`the scikit-learn anchor failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { scores: number[][] }).scores;
}

/**
 * A stand-in when scikit-learn is missing: the same kind of model built from Papershelf's parts
 * with the anchor's settings (min_df 5, max_df 0.1, 20,000 features, C = 0.01, balanced classes,
 * titles counted once), fitted on the judged papers only. Labelled as such wherever it is printed.
 */
export function jsAnchorScores(split: ReaderSplit): number[] {
  const score = scorer(trainModel(examplesOf(split), { ...SHIPPED, minDf: 5, maxDfShare: 0.1, maxFeatures: 20_000, c: 0.01, positiveWeight: 1, titleWeight: 1, authorWeight: 1, nearWeight: 0 }));
  return split.evaluation.map((paper) => score.score(paper));
}

const cell = (value: number) => value.toFixed(3);

function qualityTable(data: ReturnType<typeof loadDataset>): void {
  const days = evaluationDays(data, EVALUATION_DAYS);
  const splits = readerSplits(data, days);
  const rows: Array<[string, Quality]> = [];
  rows.push(['random order', mean(splits.map((split) => quality(rankOf(randomScores(split)), split.relevant)))]);
  if (sklearnAvailable()) {
    const anchor = sklearnAnchorScores(splits);
    rows.push(["arxiv-sanity's method (scikit-learn)", mean(splits.map((split, i) => quality(rankOf(anchor[i]!), split.relevant)))]);
  } else {
    console.log('\n!!! scikit-learn is missing (apt-get install python3-sklearn; run by /usr/bin/python3): the anchor below is a JS RE-IMPLEMENTATION, not arxiv-sanity itself !!!\n');
    rows.push(["arxiv-sanity's method (JS re-implementation)", mean(splits.map((split) => quality(rankOf(jsAnchorScores(split)), split.relevant)))]);
  }
  rows.push(['Papershelf (shipped ranker)', mean(splits.map((split) => quality(rankOf(papershelfScores(split)), split.relevant)))]);
  const dates = days.map((day) => data.days[day]!.date);
  console.log(`\nFor you, simulated readers on real arXiv listings: ${splits.length} (reader, day) pairs, ${READERS} readers, evaluation days ${dates[0]} … ${dates.at(-1)}${process.env.READER_SEED ? `, readers drawn with READER_SEED=${process.env.READER_SEED}` : ''}`);
  console.log('(settings tuned on the 6 usable days before these; pairs whose day lists no paper of the reader\'s category are left out)\n');
  console.log('| ranker | MAP | P@10 | nDCG@20 |');
  console.log('| ------ | --- | ---- | ------- |');
  for (const [name, q] of rows) console.log(`| ${name} | ${cell(q.map)} | ${cell(q.p10)} | ${cell(q.ndcg20)} |`);
}

const READERS = 12;

function speedTable(data: ReturnType<typeof loadDataset>, runs: number): void {
  // A large reader: every paper of the last 5,000 judged, saved when in cs.LG (a broad interest).
  const judged = data.papers.slice(-7_000, -2_000);
  const examples: Example[] = judged.map((doc) => ({ doc, label: doc.categories.includes('cs.LG') ? 1 : -1 }));
  const listing = data.papers.slice(-2_000);
  const rebuilds: number[] = [];
  const rebuildsCpu: number[] = [];
  const updates: number[] = [];
  const updatesCpu: number[] = [];
  const scorings: number[] = [];
  let model = trainModel(examples);
  for (let run = 0; run <= runs; run++) {
    let started = performance.now();
    let startedCpu = cpuMs();
    model = trainModel(examples);
    const rebuild = performance.now() - started;
    const rebuildCpu = cpuMs() - startedCpu;

    // What the background does after a save: the trainer holds the last fit (kept from the
    // rebuild it made when the worker started), updates from it, and makes the new scorer.
    const keyed = examples.map((example, i) => ({ ...example, key: judged[i]!.id }));
    const trainer = new RankingTrainer();
    trainer.rebuild(keyed);
    const extra = listing[run]!;
    started = performance.now();
    startedCpu = cpuMs();
    trainer.scorerOf(trainer.update([...keyed, { doc: extra, label: 1, key: extra.id }]));
    const update = performance.now() - started;
    const updateCpu = cpuMs() - startedCpu;

    started = performance.now();
    const score = scorer(model);
    for (const paper of listing) score.score(paper);
    const scoring = performance.now() - started;
    if (run === 0) continue;
    rebuilds.push(rebuild);
    rebuildsCpu.push(rebuildCpu);
    updates.push(update);
    updatesCpu.push(updateCpu);
    scorings.push(scoring);
  }
  // As the background has it after reading IndexedDB: a structured clone, its neighbourhood not built yet.
  const stored = serialize(model);
  const loaded = deserialize(stored) as typeof model;
  const heapBefore = process.memoryUsage().heapUsed;
  const kept = [scorer(loaded)];
  const heapAfter = process.memoryUsage().heapUsed;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(`\nFor you, cost of the shipped ranker (Node, median of ${runs} runs, load average ${loadAverage()}; in the extension all of this runs in the background, off the page's main thread):`);
  console.log('(CPU time: what the process itself spent, garbage collection included; on a loaded machine the wall-clock time adds the waits for a core)\n');
  console.log('| measure | value | target |');
  console.log('| ------- | ----- | ------ |');
  console.log(`| rebuild from 5,000 judged papers | ${ms(median(rebuilds))} (CPU ${ms(median(rebuildsCpu))}) | < 2 s |`);
  console.log(`| update after one save (warm start from the last fit, new scorer) | ${ms(median(updates))} (CPU ${ms(median(updatesCpu))}) | < 200 ms |`);
  console.log(`| scoring a 2,000-entry listing | ${ms(median(scorings))} | (background) |`);
  console.log(`| model size (structured clone, as IndexedDB stores it) | ${(stored.length / 1024).toFixed(0)} KB, ${model.terms.length.toLocaleString('en')} features, ${model.near.judged.features.length.toLocaleString('en')} judged-paper entries | reported |`);
  console.log(`| memory of a loaded model (its scorer and neighbour index) | ~${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MB heap | reported |`);
  void kept;
}

/** The process's CPU time so far (user and system, all its threads), in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const loadAverage = () => loadavg()[0]!.toFixed(1);

/** The anchor's and the shipped ranker's MAP on the unit test's fixed sample. */
function sampleTable(data: ReturnType<typeof loadDataset>): void {
  const splits = sampleSplits(data);
  const map = (scores: (split: ReaderSplit, index: number) => number[]) => mean(splits.map((split, i) => quality(rankOf(scores(split, i)), split.relevant))).map.toFixed(3);
  const anchor = sklearnAvailable() ? sklearnAnchorScores(splits) : undefined;
  console.log(`sample of ${splits.length} pairs: random ${map((split) => randomScores(split))}, arxiv-sanity (scikit-learn) ${anchor ? map((_, i) => anchor[i]!) : 'unavailable'}, JS re-implementation ${map(jsAnchorScores)}, Papershelf ${map(papershelfScores)}`);
}

export async function benchRanking(runs = 5): Promise<void> {
  if (!DATA_PRESENT) {
    console.log(`\n!!! ${DATA_FILE} is missing: the ranking benchmark cannot run !!!\n`);
    return;
  }
  const data = loadDataset();
  qualityTable(data);
  speedTable(data, runs);
  await benchForYouPage(runs);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--sample')) sampleTable(loadDataset());
  else if (process.argv.includes('--no-anchor')) {
    // Quick look without scikit-learn's run (minutes on a loaded machine): random and Papershelf only.
    const data = loadDataset();
    const splits = readerSplits(data, evaluationDays(data, EVALUATION_DAYS));
    const show = (name: string, q: Quality) => console.log(`| ${name} | ${cell(q.map)} | ${cell(q.p10)} | ${cell(q.ndcg20)} |`);
    show('random order', mean(splits.map((split) => quality(rankOf(randomScores(split)), split.relevant))));
    show(`Papershelf (shipped ranker), ${splits.length} pairs`, mean(splits.map((split) => quality(rankOf(papershelfScores(split)), split.relevant))));
  }
  else if (process.argv.includes('--quality')) qualityTable(loadDataset());
  else if (process.argv.includes('--page')) await benchForYouPage(3);
  else if (process.argv.includes('--speed')) speedTable(loadDataset(), 3);
  else await benchRanking();
}
