import type { SparseVector } from './features';

export interface SvmOptions {
  /** Inverse regularisation: larger fits the labels more closely. */
  c: number;
  /** Passes over the examples at most. */
  maxPasses: number;
  /** Seed of the visiting order, so the same labels always give the same model. */
  seed: number;
  /** A saved paper's cost against its balanced share (1 = balanced). */
  positiveWeight: number;
}

/**
 * A trained SVM with its dual variables: `weights` and `bias` are always Σ alpha_i · y_i · x_i
 * (the bias a feature of constant value 1), so an update can start from it instead of from zero.
 */
export interface SvmSolution {
  weights: Float64Array;
  bias: number;
  /** One dual variable per example, in the order of the examples. */
  alpha: Float64Array;
}

/**
 * A linear SVM (squared hinge loss, L2 penalty) trained by dual coordinate descent, the method
 * of LIBLINEAR that scikit-learn's LinearSVC runs: each step solves one example's dual variable
 * exactly, so a few passes over a few thousand sparse papers take milliseconds. Classes are
 * weighted inversely to their size ("balanced"): a reader hides far more than they save; saves
 * then weigh `positiveWeight` of their balanced share (model.ts says why).
 *
 * With `warm`, descent starts from an earlier solution whose alphas are given for these examples
 * (0 for a new one): after one more save the optimum has barely moved, and a pass or two reach it
 * again where a cold start needs a dozen.
 */
export function trainSvm(vectors: readonly SparseVector[], labels: readonly (1 | -1)[], dimensions: number, options: SvmOptions, warm?: SvmSolution): SvmSolution {
  const n = vectors.length;
  const weights = warm ? warm.weights : new Float64Array(dimensions);
  let bias = warm ? warm.bias : 0;
  const alpha = warm ? warm.alpha : new Float64Array(n);
  const positives = labels.filter((label) => label > 0).length;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return { weights: new Float64Array(dimensions), bias: positives > 0 ? 1 : -1, alpha: new Float64Array(n) };
  const cOf = (label: 1 | -1) => (label > 0 ? (options.c * n * options.positiveWeight) / (2 * positives) : (options.c * n) / (2 * negatives));
  const diag = new Float64Array(n);
  const qii = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diag[i] = 0.5 / cOf(labels[i]!);
    let squared = 1;
    for (const v of vectors[i]!.value) squared += v * v;
    qii[i] = squared + diag[i]!;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let state = options.seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  for (let pass = 0; pass < options.maxPasses; pass++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const swap = order[i]!;
      order[i] = order[j]!;
      order[j] = swap;
    }
    let largest = -Infinity;
    let smallest = Infinity;
    for (const i of order) {
      const x = vectors[i]!;
      const y = labels[i]!;
      let margin = bias;
      for (let k = 0; k < x.index.length; k++) margin += weights[x.index[k]!]! * x.value[k]!;
      const gradient = y * margin - 1 + diag[i]! * alpha[i]!;
      const projected = alpha[i] === 0 ? Math.min(gradient, 0) : gradient;
      largest = Math.max(largest, projected);
      smallest = Math.min(smallest, projected);
      if (Math.abs(projected) < 1e-12) continue;
      const before = alpha[i]!;
      alpha[i] = Math.max(before - gradient / qii[i]!, 0);
      const step = (alpha[i]! - before) * y;
      for (let k = 0; k < x.index.length; k++) weights[x.index[k]!]! += step * x.value[k]!;
      bias += step;
    }
    if (largest - smallest < TOLERANCE) break;
  }
  return { weights, bias, alpha };
}

/** LIBLINEAR's stopping rule: the projected gradients' spread (its default for this solver). */
const TOLERANCE = 0.1;
