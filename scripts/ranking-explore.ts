// Candidate additions to the shipped ranker, measured before any of them ships: scores computed
// beside the shipped SVM (without the neighbour term the model now adds to it, which `near` and
// `fixed0.5` here first measured: scripts/ranking-neighbours.ts measures the shipped term) on the
// simulated-reader protocol, each z-scored over the listing day, and blends of them. Tuning days by default; `EVAL=1` for the evaluation days (look once, after
// choosing on tuning days). `npx tsx scripts/ranking-explore.ts`
//   K=20          neighbours: `near` = mean similarity of the K most similar saves minus that of
//                 the K most similar hides (robust to the odd save outside the reader's field,
//                 which has no neighbours among the other saves);
//   CLEAN=0.2,…   the shipped SVM trained again without that share of the saves whose own
//                 neighbours (`near`, the paper left out) look most like the hides;
//   CV=0.5,…      the shipped SVM trained again without the saves whose 5-fold out-of-fold score is
//                 below that quantile of the hides' out-of-fold scores (saves that look like hides to
//                 a model that never saw them);
//   TOPICS=100/0.5/2/1,… the SVM trained on each paper's words and its topics (ranking-topics.ts: a
//                 truncated SVD of the judged papers; count/weight/power iterations/1 to scale each
//                 paper's topics to that length, 0 for one scale for all, which folds back onto words);
//   NEAR=0        skip the neighbour term (most of a run's time);
//   CEILING=1     what the same SVM reaches when told the truth the reader hides from it: the judged
//                 papers labelled by their category (`truth`: no mistaken save or hide), and every
//                 paper of the 20 days labelled so (`truthAll`). Not a ranker: a ceiling.
import { dot, vectorize, type SparseVector } from '../lib/ranking/features.ts';
import { SHIPPED, fitFromCounts, svmOptions, type Example } from '../lib/ranking/model.ts';
import { topicSpace, type TopicSettings } from './ranking-topics.ts';
import { trainSvm } from '../lib/ranking/svm.ts';
import { countedFeatures, EVALUATION_DAYS, evaluationDays, loadDataset, mean, quality, rankOf, readerSplits, type DataPaper, type ReaderSplit } from './ranking-protocol.ts';

const data = loadDataset();
const onEvaluationDays = process.env.EVAL === '1';
const days = onEvaluationDays ? evaluationDays(data, EVALUATION_DAYS) : evaluationDays(data, EVALUATION_DAYS, EVALUATION_DAYS);
const splits = readerSplits(data, days);
const neighbours = Number(process.env.K ?? 20);
const FIXED_WEIGHTS = (process.env.FIXED_WEIGHT ?? '0.5').split(',').map(Number);
const ceiling = process.env.CEILING === '1';
const cvQuantiles = (process.env.CV ?? '').split(',').filter(Boolean).map(Number);
const FOLDS = 5;
const topicSettings = (process.env.TOPICS ?? '').split(',').filter(Boolean).map((setting): TopicSettings => {
  const [count, weight, iterations, normalise] = setting.split('/').map(Number);
  return { count: count!, weight: weight!, iterations: iterations ?? 2, normalise: normalise === 1 };
});
const topicName = (settings: TopicSettings) => `topics${settings.count}/${settings.weight}/${settings.iterations}${settings.normalise ? '/normalised' : ''}`;
/** NEAR=0: the shipped SVM and the topics alone (the neighbour term costs most of a run). */
const withNeighbours = process.env.NEAR !== '0';
const cleanShares = (process.env.CLEAN ?? '').split(',').filter(Boolean).map(Number);
console.log(`${onEvaluationDays ? 'evaluation' : 'tuning'} days, ${splits.length} pairs, ${neighbours} neighbours, cleaning ${cleanShares.join(', ') || 'none'}`);

const countsOf = countedFeatures(SHIPPED.titleWeight);

function denseOf(vector: SparseVector, dimensions: number): Float32Array {
  const out = new Float32Array(dimensions);
  for (let k = 0; k < vector.index.length; k++) out[vector.index[k]!] = vector.value[k]!;
  return out;
}

function meanOfLargest(values: number[], count: number): number {
  const sorted = values.slice().sort((a, b) => b - a).slice(0, count);
  return sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
}

const averageOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
function spreadOf(values: readonly number[]): number {
  const average = averageOf(values);
  return Math.sqrt(averageOf(values.map((value) => (value - average) ** 2))) || 1;
}

function standardised(values: readonly number[]): number[] {
  const average = averageOf(values);
  const spread = spreadOf(values);
  return values.map((value) => (value - average) / spread);
}

/** The SVM of the shipped settings on these saves and hides, scoring the evaluation day. */
function svmScores(saved: readonly DataPaper[], hidden: readonly DataPaper[], evaluation: readonly DataPaper[]) {
  const judged = [...saved, ...hidden];
  const examples = judged.map((doc, i): Example => ({ doc, label: i < saved.length ? 1 : -1 }));
  const fit = fitFromCounts(examples, judged.map(countsOf), SHIPPED);
  const score = (paper: DataPaper) => dot(fit.solution.weights, vectorize(fit.vocabulary, countsOf(paper))) + fit.solution.bias;
  return { fit, scores: evaluation.map(score) };
}

function componentsOf(split: ReaderSplit): Record<string, number[]> {
  const { fit, scores } = svmScores(split.saved, split.hidden, split.evaluation);
  const dimensions = fit.vocabulary.terms.length;
  const savedVectors = fit.vectors.slice(0, split.saved.length);
  const hiddenVectors = fit.vectors.slice(split.saved.length);
  const near = (vector: SparseVector, leaveOut = -1) => {
    const dense = denseOf(vector, dimensions);
    // leaveOut numbers the judged papers, saves first: a judged paper is not its own neighbour.
    const toSaved = savedVectors.flatMap((saved, i) => (i === leaveOut ? [] : [dot(dense, saved)]));
    const toHidden = hiddenVectors.flatMap((hidden, i) => (i + savedVectors.length === leaveOut ? [] : [dot(dense, hidden)]));
    return meanOfLargest(toSaved, neighbours) - meanOfLargest(toHidden, neighbours);
  };
  const components: Record<string, number[]> = { svm: scores };
  for (const settings of topicSettings) components[topicName(settings)] = topicScores(fit, split, settings);
  if (!withNeighbours) return components;
  components.near = split.evaluation.map((paper) => near(vectorize(fit.vocabulary, countsOf(paper))));
  // Both scores' spread over a sample of the judged papers (the neighbour score leaving the paper
  // out): what a stored model could standardise with, where the day's own spread is not known.
  const sample = fit.vectors.map((_, i) => i).filter((i) => i % Math.max(1, Math.floor(fit.vectors.length / 300)) === 0);
  const svmSpread = spreadOf(sample.map((i) => dot(fit.solution.weights, fit.vectors[i]!)));
  const nearSpread = spreadOf(sample.map((i) => near(fit.vectors[i]!, i)));
  for (const weight of FIXED_WEIGHTS) components[`fixed${weight}`] = components.svm!.map((value, i) => value / svmSpread + (weight * components.near![i]!) / nearSpread);
  if (cleanShares.length) {
    const margins = savedVectors.map((vector, i) => near(vector, i));
    const ascending = margins.slice().sort((a, b) => a - b);
    for (const share of cleanShares) {
      const threshold = ascending[Math.floor(share * ascending.length)] ?? -Infinity;
      const kept = split.saved.filter((_, i) => margins[i]! >= threshold);
      components[`clean${share}`] = svmScores(kept, split.hidden, split.evaluation).scores;
    }
  }
  if (cvQuantiles.length) {
    const outOfFold = outOfFoldScores(fit.vectors, split.saved.length, dimensions);
    const hides = Array.from(outOfFold.subarray(split.saved.length)).sort((a, b) => a - b);
    for (const q of cvQuantiles) {
      const threshold = hides[Math.min(hides.length - 1, Math.floor(q * hides.length))]!;
      const kept = split.saved.filter((_, i) => outOfFold[i]! >= threshold);
      components[`cv${q}`] = svmScores(kept.length ? kept : split.saved, split.hidden, split.evaluation).scores;
    }
  }
  if (ceiling) {
    const inCategory = (paper: DataPaper) => paper.categories.includes(split.category);
    const judged = [...split.saved, ...split.hidden];
    components.truth = svmScores(judged.filter(inCategory), judged.filter((paper) => !inCategory(paper)), split.evaluation).scores;
    components.truthAll = svmScores(split.seen.filter(inCategory), split.seen.filter((paper) => !inCategory(paper)), split.evaluation).scores;
  }
  return components;
}

/** The shipped SVM trained on each judged paper's words and topics (ranking-topics.ts), scoring the day in the same space. */
function topicScores(fit: ReturnType<typeof svmScores>['fit'], split: ReaderSplit, settings: TopicSettings): number[] {
  const started = performance.now();
  const space = topicSpace(fit.vectors, fit.vocabulary.terms.length, settings);
  const labels = fit.vectors.map((_, i): 1 | -1 => (i < split.saved.length ? 1 : -1));
  const solution = trainSvm(fit.vectors.map(space.augment), labels, space.dimensions, svmOptions(SHIPPED));
  const scores = split.evaluation.map((paper) => dot(solution.weights, space.augment(vectorize(fit.vocabulary, countsOf(paper)))) + solution.bias);
  topicMs.push(performance.now() - started);
  return scores;
}
const topicMs: number[] = [];

/** Each judged paper scored by the shipped SVM trained on the other folds (saves first in `vectors`). */
function outOfFoldScores(vectors: readonly SparseVector[], saves: number, dimensions: number): Float64Array {
  const labels = vectors.map((_, i): 1 | -1 => (i < saves ? 1 : -1));
  const scores = new Float64Array(vectors.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const training = vectors.flatMap((_, i) => (i % FOLDS === fold ? [] : [i]));
    const solution = trainSvm(training.map((i) => vectors[i]!), training.map((i) => labels[i]!), dimensions, svmOptions(SHIPPED));
    for (let i = fold; i < vectors.length; i += FOLDS) scores[i] = dot(solution.weights, vectors[i]!) + solution.bias;
  }
  return scores;
}

const measured = splits.map((split) => ({ components: componentsOf(split), relevant: split.relevant }));
const blendQuality = (blend: ReadonlyArray<[string, number]>) =>
  mean(measured.map(({ components, relevant }) => {
    const parts = blend.map(([name, weight]) => standardised(components[name]!).map((value) => value * weight));
    return quality(rankOf(parts[0]!.map((_, i) => parts.reduce((sum, part) => sum + part[i]!, 0))), relevant);
  }));

const blends: Array<Array<[string, number]>> = [[['svm', 1]]];
if (withNeighbours) {
  blends.push([['near', 1]], ...FIXED_WEIGHTS.map((weight): Array<[string, number]> => [[`fixed${weight}`, 1]]));
  for (const weight of [0.25, 0.5, 0.75]) blends.push([['svm', 1], ['near', weight]]);
}
for (const share of cleanShares) blends.push([[`clean${share}`, 1]], [[`clean${share}`, 1], ['near', 0.5]], [['svm', 0.5], [`clean${share}`, 0.5], ['near', 0.5]]);
for (const q of cvQuantiles) blends.push([[`cv${q}`, 1]]);
for (const settings of topicSettings) blends.push([[topicName(settings), 1]]);
if (ceiling) blends.push([['truth', 1]], [['truthAll', 1]]);
for (const blend of blends) {
  const q = blendQuality(blend);
  console.log(`${blend.map(([name, weight]) => `${weight} ${name}`).join(' + ')}\tMAP ${q.map.toFixed(4)}\tP@10 ${q.p10.toFixed(3)}\tnDCG@20 ${q.ndcg20.toFixed(3)}`);
}
if (topicMs.length) console.log(`topics and the SVM on them, fitted and scoring: ${(topicMs.reduce((a, b) => a + b, 0) / topicMs.length).toFixed(0)} ms a reader on average`);
