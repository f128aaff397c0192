// The simulated-reader protocol of issue #17, on the real arXiv listings in ../shared/data: a
// reader follows one arXiv category that the ranker never sees, saves and hides on the 20 listing
// days before an evaluation day, and the ranker orders the whole evaluation day. Used by
// `scripts/bench-ranking.ts` (the full table) and by the unit test (a small fixed sample).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { featureCounts, type RankingDoc } from '../lib/ranking/features.ts';

export const DATA_FILE = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'arxiv-listings-2025-12-29_2026-05-31.jsonl.gz');
export const DATA_PRESENT = existsSync(DATA_FILE);

export const READER_CATEGORIES = ['cs.RO', 'cs.GR', 'cs.IR', 'cs.HC', 'cs.CY', 'cs.MA', 'cs.LG', 'cs.CR', 'cs.MM', 'cs.GT', 'cs.IT', 'cs.CE'];
export const TRAINING_DAYS = 20;
export const USABLE_DAY_SIZE = 60;
export const EVALUATION_DAYS = 6;

export interface DataPaper extends RankingDoc {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  date: string;
}

export interface Dataset {
  papers: DataPaper[];
  /** Listing days in order, each with its papers in file order (by id). */
  days: Array<{ date: string; papers: DataPaper[] }>;
}

export function loadDataset(file = DATA_FILE): Dataset {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const papers: DataPaper[] = [];
  for (const line of lines) if (line.trim()) papers.push(JSON.parse(line) as DataPaper);
  const byDate = new Map<string, DataPaper[]>();
  for (const paper of papers) {
    const day = byDate.get(paper.date) ?? [];
    day.push(paper);
    byDate.set(paper.date, day);
  }
  const days = [...byDate.keys()].sort().map((date) => ({ date, papers: byDate.get(date)! }));
  return { papers, days };
}

/**
 * Day indexes to evaluate on: the last `count` usable days (at least 60 papers) that still have
 * 20 listing days before them, skipping the `skip` last usable days (tuning runs on days before the
 * evaluation days: skip = EVALUATION_DAYS).
 */
export function evaluationDays(dataset: Dataset, count = EVALUATION_DAYS, skip = 0): number[] {
  const usable: number[] = [];
  dataset.days.forEach((day, index) => {
    if (day.papers.length >= USABLE_DAY_SIZE && index >= TRAINING_DAYS) usable.push(index);
  });
  return usable.slice(0, usable.length - skip).slice(-count);
}

/** `featureCounts` of a paper, counted once per paper however many reader-days it is judged or ranked in. */
export function countedFeatures(titleWeight: number): (paper: DataPaper) => Map<string, number> {
  const counted = new Map<DataPaper, Map<string, number>>();
  return (paper) => {
    let counts = counted.get(paper);
    if (!counts) counted.set(paper, (counts = featureCounts(paper, titleWeight)));
    return counts;
  };
}

/** A seeded generator (mulberry32): the same seed gives the same reader everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashSeed(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

export interface ReaderSplit {
  category: string;
  evaluationDate: string;
  saved: DataPaper[];
  hidden: DataPaper[];
  /** Every paper of the 20 training days, judged or not (the corpus arxiv-sanity's tf-idf is fitted on, with the evaluation day). */
  seen: DataPaper[];
  evaluation: DataPaper[];
  relevant: boolean[];
}

/**
 * `READER_SEED=<n>` draws other readers with the same habits, to see how much a figure owes to one
 * draw of the readers' saves and hides; unset, every script draws the protocol's readers.
 */
function readerDraw(): string {
  const seed = process.env.READER_SEED;
  return seed ? `${seed}|` : '';
}

/**
 * One reader on one evaluation day. On each of the 20 days before, a paper in C is saved with
 * probability 0.6, hidden with 0.03 (by mistake), else left; a paper not in C is saved with 0.01,
 * hidden with 0.8, else left. One uniform draw per paper, in listing order, seeded by (C, day).
 */
export function readerSplit(dataset: Dataset, category: string, dayIndex: number): ReaderSplit {
  const random = seededRandom(hashSeed(`${readerDraw()}${category}|${dataset.days[dayIndex]!.date}`));
  const saved: DataPaper[] = [];
  const hidden: DataPaper[] = [];
  const seen: DataPaper[] = [];
  for (let day = dayIndex - TRAINING_DAYS; day < dayIndex; day++) {
    for (const paper of dataset.days[day]!.papers) {
      seen.push(paper);
      const draw = random();
      const inCategory = paper.categories.includes(category);
      const [save, hide] = inCategory ? [0.6, 0.03] : [0.01, 0.8];
      if (draw < save) saved.push(paper);
      else if (draw < save + hide) hidden.push(paper);
    }
  }
  const evaluation = dataset.days[dayIndex]!.papers;
  return { category, evaluationDate: dataset.days[dayIndex]!.date, saved, hidden, seen, evaluation, relevant: evaluation.map((paper) => paper.categories.includes(category)) };
}

/** Every (reader, day) pair of the protocol; pairs whose evaluation day has no paper in C are left out (no ranking can be judged). */
export function readerSplits(dataset: Dataset, days: readonly number[], categories = READER_CATEGORIES): ReaderSplit[] {
  const splits: ReaderSplit[] = [];
  for (const day of days) for (const category of categories) {
    const split = readerSplit(dataset, category, day);
    if (split.relevant.some(Boolean)) splits.push(split);
  }
  return splits;
}

export interface Quality {
  map: number;
  p10: number;
  ndcg20: number;
}

/** Ranks by score, highest first; ties keep listing order (a stable sort). */
export function rankOf(scores: readonly number[]): number[] {
  return scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

export function quality(order: readonly number[], relevant: readonly boolean[]): Quality {
  const total = relevant.filter(Boolean).length;
  let hits = 0;
  let precisionSum = 0;
  let dcg = 0;
  order.forEach((paper, rank) => {
    if (!relevant[paper]) return;
    hits++;
    precisionSum += hits / (rank + 1);
    if (rank < 20) dcg += 1 / Math.log2(rank + 2);
  });
  let ideal = 0;
  for (let rank = 0; rank < Math.min(total, 20); rank++) ideal += 1 / Math.log2(rank + 2);
  const top10 = order.slice(0, 10).filter((paper) => relevant[paper]).length;
  return { map: total ? precisionSum / total : 0, p10: top10 / 10, ndcg20: ideal ? dcg / ideal : 0 };
}

export function mean(values: readonly Quality[]): Quality {
  const sum = (key: keyof Quality) => values.reduce((total, value) => total + value[key], 0) / (values.length || 1);
  return { map: sum('map'), p10: sum('p10'), ndcg20: sum('ndcg20') };
}

/**
 * The small fixed sample `npm test` checks (test/unit/ranking/quality.test.ts): four readers on the
 * first evaluation day. `npx tsx scripts/bench-ranking.ts --sample` prints the anchor's MAP on it.
 */
export const QUALITY_SAMPLE = { categories: ['cs.RO', 'cs.LG', 'cs.HC', 'cs.CR'], day: 0 };

export function sampleSplits(dataset: Dataset): ReaderSplit[] {
  return readerSplits(dataset, [evaluationDays(dataset)[QUALITY_SAMPLE.day]!], QUALITY_SAMPLE.categories);
}

/** A random order per pair, seeded by the pair: the floor every ranker is compared with. */
export function randomScores(split: ReaderSplit): number[] {
  const random = seededRandom(hashSeed(`random|${split.category}|${split.evaluationDate}`));
  return split.evaluation.map(() => random());
}
