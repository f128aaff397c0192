import type { SparseVector } from './features';

/**
 * The judged papers' vectors, kept with the model for the neighbour term: how much a paper looks
 * like the saves nearest to it, less how much it looks like the hides nearest to it. A linear
 * model draws one boundary through the whole field; the papers a reader hides come in clusters
 * (a subfield they never read), and a new paper deep inside one is unwanted even where its words
 * add up to a middling score. Measured with scripts/ranking-neighbours.ts.
 *
 * Compressed rows: paper i's features are `features[offsets[i] … offsets[i + 1])`, with their
 * values at the same places (L2-normalised tf-idf, as `vectorize` makes them).
 */
export interface JudgedVectors {
  /** +1 saved, -1 hidden, one per paper. */
  labels: Int8Array;
  offsets: Int32Array;
  features: Int32Array;
  values: Float32Array;
}

/** How many of the nearest saves, and of the nearest hides, are averaged. */
export const NEIGHBOURS = 20;

export function judgedVectors(vectors: readonly SparseVector[], labels: readonly (1 | -1)[]): JudgedVectors {
  const offsets = new Int32Array(vectors.length + 1);
  vectors.forEach((vector, i) => (offsets[i + 1] = offsets[i]! + vector.index.length));
  const features = new Int32Array(offsets[vectors.length]!);
  const values = new Float32Array(features.length);
  vectors.forEach((vector, i) => {
    features.set(vector.index, offsets[i]!);
    values.set(vector.value, offsets[i]!);
  });
  return { labels: Int8Array.from(labels), offsets, features, values };
}

/** Whether stored rows are whole: every offset in order and in range, every feature below `dimensions`. */
export function judgedVectorsFit(judged: JudgedVectors, dimensions: number): boolean {
  const { labels, offsets, features, values } = judged;
  if (offsets.length !== labels.length + 1 || offsets[0] !== 0 || offsets[labels.length] !== features.length || values.length !== features.length) return false;
  for (let i = 0; i < labels.length; i++) if (offsets[i + 1]! < offsets[i]! || (labels[i] !== 1 && labels[i] !== -1)) return false;
  for (let k = 0; k < features.length; k++) if (!(features[k]! >= 0 && features[k]! < dimensions)) return false;
  return true;
}

/** Finds a paper's nearest saves and hides: the judged papers indexed by feature, built once per model. */
export interface Neighbourhood {
  /** Mean similarity of the NEIGHBOURS nearest saves less that of the nearest hides; `leaveOut` (a judged paper's number) is not its own neighbour. */
  nearness(vector: SparseVector, leaveOut?: number): number;
}

export function neighbourhood(judged: JudgedVectors, dimensions: number, maxHolders = Infinity, neighbours = NEIGHBOURS): Neighbourhood {
  const { labels, offsets, features, values } = judged;
  const papers = labels.length;
  // The same entries by feature: a paper's similarities are summed over its own features' lists,
  // so only the judged papers that share a feature with it are touched. A feature held by more
  // than `maxHolders` papers is left out: its lists would be most of the work, and its idf
  // makes it a small part of any similarity.
  const held = new Int32Array(dimensions);
  for (let k = 0; k < features.length; k++) held[features[k]!]!++;
  const starts = new Int32Array(dimensions + 1);
  for (let f = 0; f < dimensions; f++) starts[f + 1] = starts[f]! + (held[f]! <= maxHolders ? held[f]! : 0);
  const holders = new Int32Array(starts[dimensions]!);
  const weights = new Float32Array(holders.length);
  const next = starts.slice(0, dimensions);
  for (let i = 0; i < papers; i++) {
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      if (held[features[k]!]! > maxHolders) continue;
      const at = next[features[k]!]!++;
      holders[at] = i;
      weights[at] = values[k]!;
    }
  }
  let saves = 0;
  for (let i = 0; i < papers; i++) if (labels[i]! > 0) saves++;
  const hides = papers - saves;
  const similarity = new Float64Array(papers);
  const touched = new Int32Array(papers);
  const nearestSaves = new Float64Array(neighbours);
  const nearestHides = new Float64Array(neighbours);

  return {
    nearness(vector, leaveOut = -1) {
      let count = 0;
      for (let k = 0; k < vector.index.length; k++) {
        const feature = vector.index[k]!;
        const value = vector.value[k]!;
        for (let at = starts[feature]!; at < starts[feature + 1]!; at++) {
          const paper = holders[at]!;
          if (similarity[paper] === 0) touched[count++] = paper;
          similarity[paper]! += value * weights[at]!;
        }
      }
      nearestSaves.fill(0);
      nearestHides.fill(0);
      for (let t = 0; t < count; t++) {
        const paper = touched[t]!;
        const value = similarity[paper]!;
        similarity[paper] = 0;
        if (paper !== leaveOut && value > 0) keepLargest(labels[paper]! > 0 ? nearestSaves : nearestHides, value);
      }
      // Papers that share no feature are at similarity 0: they fill the rest of each mean.
      const own = leaveOut >= 0 ? labels[leaveOut]! : 0;
      return meanOf(nearestSaves, saves - (own > 0 ? 1 : 0)) - meanOf(nearestHides, hides - (own < 0 ? 1 : 0));
    },
  };
}

/** Puts `value` into `largest` (sorted, largest first) if it beats the smallest there. */
function keepLargest(largest: Float64Array, value: number): void {
  let at = largest.length - 1;
  if (value <= largest[at]!) return;
  while (at > 0 && largest[at - 1]! < value) {
    largest[at] = largest[at - 1]!;
    at--;
  }
  largest[at] = value;
}

/** The mean of the `available` (at most the buffer's length) largest similarities. */
function meanOf(largest: Float64Array, available: number): number {
  const count = Math.min(largest.length, available);
  if (count <= 0) return 0;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += largest[k]!;
  return sum / count;
}

const built = new WeakMap<JudgedVectors, { maxHolders: number; around: Neighbourhood }>();
/** The neighbourhood of these rows, built once: packing a model and scoring with it share it. */
export function neighbourhoodOf(judged: JudgedVectors, dimensions: number, maxHolders: number): Neighbourhood {
  const found = built.get(judged);
  if (found?.maxHolders === maxHolders) return found.around;
  const around = neighbourhood(judged, dimensions, maxHolders);
  built.set(judged, { maxHolders, around });
  return around;
}
