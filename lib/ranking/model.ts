import { buildVocabulary, MAX_DF_FLOOR, dot, featureCounts, fromTerms, vectorize, type RankingDoc, type SparseVector, type Vocabulary } from './features';
import { judgedVectors, neighbourhoodOf, type JudgedVectors } from './neighbours';
import { trainSvm, type SvmSolution } from './svm';

/** A paper the reader judged: saved (+1) or hid (-1). */
export interface Example {
  doc: RankingDoc;
  label: 1 | -1;
  /** Shown in explanations ("like <title>") when the paper is saved. */
  title?: string;
}

/**
 * The learned model as stored: arrays and typed arrays, which IndexedDB's structured clone keeps
 * (it stays in the background: no extension message carries it, and JSON would not keep the typed
 * arrays). Every feature of the vocabulary is kept: one with no weight still counts in a paper's length.
 */
export interface RankingModel {
  format: 2;
  terms: string[];
  idf: number[];
  weights: number[];
  bias: number;
  /** How many times a title word counts: scoring must count as training did. */
  titleWeight: number;
  saved: number;
  hidden: number;
  /** Saved papers' titles and their heaviest features, for "like <title>" (at most LIKE_LIMIT). */
  likes: Array<{ title: string; features: number[] }>;
  /**
   * The neighbour term (neighbours.ts): the judged papers' vectors, and how it adds to the SVM's
   * score: `weight × (nearness − centre)`.
   */
  near: { judged: JudgedVectors; weight: number; centre: number; maxHolders: number };
}

/**
 * The settings that ship, chosen by MAP on the simulated-reader protocol over the six usable
 * listing days that come BEFORE the six evaluation days, never on these
 * (`npx tsx scripts/ranking-tune.ts`): authors weighed 4 times a word (2 and 8 did worse), no
 * max-df cut, C = 0.1 (0.03 and 0.3 did no better), a save weighed 0.3 of its balanced share
 * (MAP 0.422 against 0.413 balanced; 0.2 and 0.1 gave 0.423 and 0.425, within noise of it).
 */
export const SHIPPED = {
  minDf: 2,
  /** No share cut: idf already weighs common words down, and "learning" still tells cs.LG apart. */
  maxDfShare: 1,
  maxFeatures: 50_000,
  c: 0.1,
  /**
   * A save weighs 0.3 of a balanced share. Saves are few, so balancing alone gives each one about
   * twenty times a hide's pull, and the SVM then bends to fit every save exactly, the odd paper
   * saved outside the reader's interests too (in the simulated readers, the 1% of other papers
   * saved are a third to a half of all saves): its every word would rise. Weighed less, an odd
   * save is left on the wrong side while the many saves that agree still set the direction.
   */
  positiveWeight: 0.3,
  maxPasses: 30,
  /** How many times a title word counts against an abstract word. */
  titleWeight: 2,
  /** An author's weight against a word's (features.ts). */
  authorWeight: 4,
  /**
   * The neighbour term's weight against the SVM's, each scaled by its spread over the judged
   * papers (0 leaves the SVM alone).
   */
  nearWeight: 0.5,
  /**
   * The neighbour term leaves out the features that more than this share of the judged papers
   * hold, as arxiv-sanity's max_df does (neighbours.ts): development days 0.4003 against 0.4021
   * with every feature, for 45% less time (0.05: 0.3999; 0.02: 0.3940).
   */
  nearCommonShare: 0.1,
};
export type RankerOptions = typeof SHIPPED;

const LIKE_LIMIT = 200;
const LIKE_FEATURES = 12;

/** Learns from saves and hides. Deterministic: the same examples give the same model. */
export function trainModel(examples: readonly Example[], options: RankerOptions = SHIPPED): RankingModel {
  return trainFromCounts(examples, examples.map((example) => featureCounts(example.doc, options.titleWeight)), options);
}

/** The same training from features already counted (the tuning run counts each paper once). */
export function trainFromCounts(examples: readonly Example[], counts: ReadonlyArray<Map<string, number>>, options: RankerOptions): RankingModel {
  const fit = fitFromCounts(examples, counts, options);
  return pack(fit.vocabulary, fit.solution.weights, fit.solution.bias, examples, fit.vectors, options);
}

/** The vocabulary, the papers' vectors and the SVM's solution (the trainer keeps them for warm updates). */
export function fitFromCounts(examples: readonly Example[], counts: ReadonlyArray<Map<string, number>>, options: RankerOptions): { vocabulary: Vocabulary; vectors: SparseVector[]; solution: SvmSolution } {
  const vocabulary = buildVocabulary(counts, options);
  const vectors = counts.map((c) => vectorize(vocabulary, c));
  const labels = examples.map((example) => example.label);
  const solution = trainSvm(vectors, labels, vocabulary.terms.length, svmOptions(options));
  return { vocabulary, vectors, solution };
}

export const svmOptions = (options: RankerOptions) => ({ c: options.c, positiveWeight: options.positiveWeight, maxPasses: options.maxPasses, seed: 1 });

/** The model as stored: the vocabulary with its weights, and the newest saved papers for "like <title>". */
export function pack(vocabulary: Vocabulary, weights: Float64Array, bias: number, examples: readonly Example[], vectors: readonly SparseVector[], options: Pick<RankerOptions, 'titleWeight' | 'nearWeight' | 'nearCommonShare'>, nearScale?: NearScale): RankingModel {
  const terms = vocabulary.terms.slice();
  const idf = Array.from(vocabulary.idf, round);
  const kept = Array.from(weights, round);
  const likes: RankingModel['likes'] = [];
  for (let i = examples.length - 1; i >= 0 && likes.length < LIKE_LIMIT; i--) {
    const example = examples[i]!;
    if (example.label < 0) continue;
    const vector = vectors[i]!;
    const heaviest = [...vector.index.keys()]
      .filter((k) => weights[vector.index[k]!]! > 0)
      .sort((a, b) => vector.value[b]! * weights[vector.index[b]!]! - vector.value[a]! * weights[vector.index[a]!]!)
      .slice(0, LIKE_FEATURES)
      .map((k) => vector.index[k]!);
    likes.push({ title: example.title ?? example.doc.title, features: heaviest });
  }
  const saved = examples.filter((example) => example.label > 0).length;
  const near = nearTerm(weights, examples, vectors, terms.length, options, nearScale);
  return { format: 2, terms, idf, weights: kept, bias: round(centredBias(weights, bias, examples, vectors)), titleWeight: options.titleWeight, saved, hidden: examples.length - saved, likes, near };
}

/** The neighbour term's scale: an update after a save keeps the last rebuild's (trainer.ts). */
export type NearScale = Pick<RankingModel['near'], 'weight' | 'centre' | 'maxHolders'>;

/** How many judged papers set the neighbour term's scale (each costs a look at its neighbours). */
const SCALE_SAMPLE = 300;

/**
 * The neighbour term beside the SVM: each scaled by its spread over an even sample of the judged
 * papers (a judged paper is not its own neighbour there), as measured, so that `nearWeight` means
 * the same in every library; centred midway between the saves' and the hides' nearness, so a
 * score's sign keeps its meaning (centredBias).
 */
function nearTerm(weights: Float64Array, examples: readonly Example[], vectors: readonly SparseVector[], dimensions: number, { nearWeight, nearCommonShare }: Pick<RankerOptions, 'nearWeight' | 'nearCommonShare'>, scale?: NearScale): RankingModel['near'] {
  if (nearWeight === 0) return { judged: judgedVectors([], []), weight: 0, centre: 0, maxHolders: 0 };
  const judged = judgedVectors(vectors, examples.map((example) => example.label));
  if (scale) return { judged, ...scale };
  const maxHolders = Math.max(MAX_DF_FLOOR, Math.floor(nearCommonShare * vectors.length));
  const step = Math.max(1, Math.floor(vectors.length / SCALE_SAMPLE));
  const sample: number[] = [];
  for (let i = 0; i < vectors.length; i += step) sample.push(i);
  const around = neighbourhoodOf(judged, dimensions, maxHolders);
  const nearness = sample.map((i) => around.nearness(vectors[i]!, i));
  const svmSpread = spreadOf(sample.map((i) => dot(weights, vectors[i]!)));
  const nearSpread = spreadOf(nearness);
  const meanNear = (label: 1 | -1) => {
    const of = sample.flatMap((i, k) => (examples[i]!.label === label ? [nearness[k]!] : []));
    return of.length ? of.reduce((a, b) => a + b, 0) / of.length : 0;
  };
  const weight = nearSpread > 0 && svmSpread > 0 ? (nearWeight * svmSpread) / nearSpread : 0;
  return { judged, weight: round(weight), centre: round((meanNear(1) + meanNear(-1)) / 2), maxHolders };
}

/** The standard deviation (0 for fewer than two values). */
function spreadOf(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
}

/**
 * The bias that puts zero midway between the average saved paper's score and the average hidden
 * one's. Saves weigh less than a balanced share (SHIPPED.positiveWeight), which moves the SVM's
 * own zero towards the saves; a score's sign and its relevance words (explain.ts) keep their
 * meaning this way, and the order is the same (one shift for every paper).
 */
function centredBias(weights: Float64Array, bias: number, examples: readonly Example[], vectors: readonly SparseVector[]): number {
  const sum = { 1: 0, [-1]: 0 };
  const count = { 1: 0, [-1]: 0 };
  examples.forEach((example, i) => {
    sum[example.label] += dot(weights, vectors[i]!);
    count[example.label]++;
  });
  if (count[1] === 0 || count[-1] === 0) return bias;
  return -(sum[1] / count[1] + sum[-1] / count[-1]) / 2;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** A trained model ready to score: its vocabulary rebuilt once. */
export interface Scorer {
  model: RankingModel;
  vocabulary: Vocabulary;
  vectorOf(doc: RankingDoc): SparseVector;
  score(doc: RankingDoc): number;
  /** The score of a paper already made a vector (`vectorOf`): scoring and explaining a page's paper share one. */
  scoreOf(vector: SparseVector): number;
}

export function scorer(model: RankingModel, known?: Vocabulary): Scorer {
  // The trainer's vocabulary serves when it has the model's terms in the model's order (pack keeps every term).
  const vocabulary = known && known.terms.length === model.terms.length ? known : fromTerms(model.terms, Float64Array.from(model.idf));
  const vectorOf = (doc: RankingDoc) => vectorize(vocabulary, featureCounts(doc, model.titleWeight));
  const { near } = model;
  const around = near.weight !== 0 ? neighbourhoodOf(near.judged, model.terms.length, near.maxHolders) : undefined;
  const scoreOf = (vector: SparseVector) => {
    const linear = dot(model.weights, vector) + model.bias;
    return around ? linear + near.weight * (around.nearness(vector) - near.centre) : linear;
  };
  return { model, vocabulary, vectorOf, scoreOf, score: (doc) => scoreOf(vectorOf(doc)) };
}
