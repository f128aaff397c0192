import { authorKey, terms } from './tokens';

/** What the ranker reads of a paper: what every listing card and every library record has. */
export interface RankingDoc {
  title: string;
  abstract?: string;
  authors?: readonly string[];
}

/** A paper as weighted features: parallel arrays of feature numbers and values, L2-normalised. */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

export interface Vocabulary {
  /** Feature names: words, word pairs, and authors prefixed with `@`. */
  terms: string[];
  idf: Float64Array;
  lookup: Map<string, number>;
}

export interface VocabularyOptions {
  /** A feature must occur in at least this many papers (rarer ones are mostly typos and noise). */
  minDf: number;
  /**
   * …and in at most this share of them (the rest says nothing about a topic), or in at most
   * MAX_DF_FLOOR papers when that is more: in a small library every saved paper shares its topic's
   * words, and a share alone would drop exactly those.
   */
  maxDfShare: number;
  /** The most frequent features kept, to bound the model's size. */
  maxFeatures: number;
  /**
   * How much an author weighs against a word, folded into the author features' idf. A paper has
   * hundreds of words and a handful of authors, and unit length would leave each author a sliver
   * of it; yet who wrote a paper says as much about its field as any phrase in it.
   */
  authorWeight: number;
}

/** Every feature of a paper with its count: title words twice (a title is what it is about). */
export function featureCounts(doc: RankingDoc, titleWeight = 2): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string, by: number) => counts.set(term, (counts.get(term) ?? 0) + by);
  for (const term of terms(doc.title)) add(term, titleWeight);
  if (doc.abstract) for (const term of terms(doc.abstract)) add(term, 1);
  for (const name of doc.authors ?? []) {
    const key = authorKey(name);
    if (key) add(`@${key}`, 1);
  }
  return counts;
}

export const MAX_DF_FLOOR = 30;

export function buildVocabulary(docs: ReadonlyArray<Map<string, number>>, options: VocabularyOptions): Vocabulary {
  const df = new Map<string, number>();
  for (const counts of docs) for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const maxDf = Math.max(options.minDf, MAX_DF_FLOOR, options.maxDfShare * docs.length);
  // Only the kept features become entries: 5,000 papers have ~500,000 distinct features, most seen once.
  const kept: Array<[string, number]> = [];
  df.forEach((count, term) => {
    if (count >= options.minDf && count <= maxDf) kept.push([term, count]);
  });
  if (kept.length > options.maxFeatures) {
    // Most frequent first; ties keep first-seen order, so the same examples give the same vocabulary.
    kept.sort((a, b) => b[1] - a[1]);
    kept.length = options.maxFeatures;
  }
  const n = docs.length;
  return fromTerms(
    kept.map(([term]) => term),
    Float64Array.from(kept, ([term, count]) => (Math.log((1 + n) / (1 + count)) + 1) * (term.startsWith('@') ? options.authorWeight : 1)),
  );
}

export function fromTerms(termList: string[], idf: Float64Array): Vocabulary {
  const lookup = new Map<string, number>();
  termList.forEach((term, index) => lookup.set(term, index));
  return { terms: termList, idf, lookup };
}

/** tf-idf with a sublinear tf (1 + log count), L2-normalised; features outside the vocabulary are dropped. */
export function vectorize(vocabulary: Vocabulary, counts: Map<string, number>): SparseVector {
  // Typed arrays of the paper's size, filled and cut once: no growing arrays for every paper.
  const index = new Int32Array(counts.size);
  const weights = new Float64Array(counts.size);
  let size = 0;
  let norm = 0;
  counts.forEach((count, term) => {
    const feature = vocabulary.lookup.get(term);
    if (feature === undefined) return;
    const weight = (1 + Math.log(count)) * vocabulary.idf[feature]!;
    index[size] = feature;
    weights[size++] = weight;
    norm += weight * weight;
  });
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const value = new Float32Array(size);
  for (let k = 0; k < size; k++) value[k] = weights[k]! * scale;
  return { index: size === index.length ? index : index.slice(0, size), value };
}

export function dot(weights: ArrayLike<number>, vector: SparseVector): number {
  let sum = 0;
  for (let k = 0; k < vector.index.length; k++) sum += weights[vector.index[k]!]! * vector.value[k]!;
  return sum;
}
