// Topics for scripts/ranking-explore.ts (TOPICS=…): measured beside the shipped ranker, not shipped
// (docs/PERFORMANCE.md says what they gave).
import type { SparseVector } from '../lib/ranking/features.ts';

/**
 * Topics: the directions along which the judged papers' words vary together (a truncated SVD of
 * their tf-idf matrix, as latent semantic analysis does). Two papers of the same field that share
 * few exact words still share topics, so a model that may also weigh topics generalises from a
 * handful of saves to the field around them instead of to their exact words.
 *
 * Computed by a randomized range finder (Halko, Martinsson and Tropp, 2011): the matrix times a
 * random block, a few power iterations, an orthonormal basis of the result, and the SVD of the
 * small projected matrix through its Gram matrix. Only the judged papers' matrix is read; nothing
 * d × d or n × n is ever formed.
 */
export interface Topics {
  /** How many topics. */
  count: number;
  /** A paper's weight on each topic: its projection on the right singular vectors. */
  project(vector: SparseVector): Float64Array;
  /** The word weights that score a paper as `weights · project(paper)` does (V · weights). */
  foldBack(weights: ArrayLike<number>): Float64Array;
}

export interface TopicOptions {
  count: number;
  /** Extra random directions beyond `count`: the range finder's accuracy margin. */
  oversample: number;
  /** Power iterations: each sharpens the leading topics against the tail of the spectrum. */
  iterations: number;
  seed: number;
}

export function fitTopics(rows: readonly SparseVector[], dimensions: number, options: TopicOptions): Topics {
  const width = Math.min(options.count + options.oversample, rows.length, dimensions);
  const random = seeded(options.seed);
  const start = new Float32Array(dimensions * width);
  for (let k = 0; k < start.length; k++) start[k] = random() * 2 - 1;
  let range = timesMatrix(rows, start, width);
  for (let pass = 0; pass < options.iterations; pass++) {
    orthonormalise(range, width);
    range = timesMatrix(rows, transposeTimes(rows, range, width, dimensions), width);
  }
  orthonormalise(range, width);
  // B = Qᵀ X is width × d; kept transposed (d × width), the rows a paper's words pick.
  const projected = transposeTimes(rows, range, width, dimensions);
  const gram = gramOf(range, timesMatrix(rows, projected, width), width);
  const { values, vectors } = symmetricEigen(gram, width);
  const count = Math.min(options.count, width);
  // P = U_k Σ_k⁻¹ (width × count), so that V_k = Bᵀ P.
  const toTopics = new Float64Array(width * count);
  for (let t = 0; t < count; t++) {
    const singular = Math.sqrt(Math.max(values[t]!, 0));
    const scale = singular > 1e-9 ? 1 / singular : 0;
    for (let r = 0; r < width; r++) toTopics[r * count + t] = vectors[r * width + t]! * scale;
  }
  return {
    count,
    project(vector) {
      const inRange = new Float64Array(width);
      for (let k = 0; k < vector.index.length; k++) {
        const row = vector.index[k]! * width;
        const value = vector.value[k]!;
        for (let r = 0; r < width; r++) inRange[r]! += value * projected[row + r]!;
      }
      const out = new Float64Array(count);
      for (let r = 0; r < width; r++) {
        const value = inRange[r]!;
        if (value === 0) continue;
        for (let t = 0; t < count; t++) out[t]! += value * toTopics[r * count + t]!;
      }
      return out;
    },
    foldBack(weights) {
      const inRange = new Float64Array(width);
      for (let r = 0; r < width; r++) for (let t = 0; t < count; t++) inRange[r]! += toTopics[r * count + t]! * weights[t]!;
      const out = new Float64Array(dimensions);
      for (let j = 0; j < dimensions; j++) {
        let sum = 0;
        for (let r = 0; r < width; r++) sum += projected[j * width + r]! * inRange[r]!;
        out[j] = sum;
      }
      return out;
    },
  };
}

/** X · M for the sparse rows X (n × d) and M (d × width, row-major): n × width. */
function timesMatrix(rows: readonly SparseVector[], matrix: ArrayLike<number>, width: number): Float64Array {
  const out = new Float64Array(rows.length * width);
  rows.forEach((vector, i) => {
    const base = i * width;
    for (let k = 0; k < vector.index.length; k++) {
      const from = vector.index[k]! * width;
      const value = vector.value[k]!;
      for (let r = 0; r < width; r++) out[base + r]! += value * matrix[from + r]!;
    }
  });
  return out;
}

/** Xᵀ · Q for Q (n × width, row-major): d × width, as 32-bit floats (the largest array here). */
function transposeTimes(rows: readonly SparseVector[], matrix: Float64Array, width: number, dimensions: number): Float32Array {
  const out = new Float32Array(dimensions * width);
  rows.forEach((vector, i) => {
    const base = i * width;
    for (let k = 0; k < vector.index.length; k++) {
      const to = vector.index[k]! * width;
      const value = vector.value[k]!;
      for (let r = 0; r < width; r++) out[to + r]! += value * matrix[base + r]!;
    }
  });
  return out;
}

/** Modified Gram-Schmidt on the columns of an n × width row-major matrix, in place; a column that depends on the others becomes zero. */
function orthonormalise(matrix: Float64Array, width: number): void {
  const n = matrix.length / width;
  for (let c = 0; c < width; c++) {
    for (let previous = 0; previous < c; previous++) {
      let projection = 0;
      for (let i = 0; i < n; i++) projection += matrix[i * width + c]! * matrix[i * width + previous]!;
      if (projection === 0) continue;
      for (let i = 0; i < n; i++) matrix[i * width + c]! -= projection * matrix[i * width + previous]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += matrix[i * width + c]! ** 2;
    const scale = norm > 1e-20 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < n; i++) matrix[i * width + c]! *= scale;
  }
}

/** Aᵀ · B for two n × width row-major matrices: width × width. */
function gramOf(a: Float64Array, b: Float64Array, width: number): Float64Array {
  const out = new Float64Array(width * width);
  const n = a.length / width;
  for (let i = 0; i < n; i++) {
    const base = i * width;
    for (let r = 0; r < width; r++) {
      const value = a[base + r]!;
      if (value === 0) continue;
      for (let c = 0; c < width; c++) out[r * width + c]! += value * b[base + c]!;
    }
  }
  // Symmetric in exact arithmetic; averaged so the eigen solver sees it so.
  for (let r = 0; r < width; r++) for (let c = r + 1; c < width; c++) out[r * width + c] = out[c * width + r] = (out[r * width + c]! + out[c * width + r]!) / 2;
  return out;
}

/** Eigenvalues (largest first) and eigenvectors (columns, row-major) of a small symmetric matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(input: Float64Array, size: number): { values: Float64Array; vectors: Float64Array } {
  const a = input.slice();
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i++) v[i * size + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) off += a[p * size + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < size; p++) {
      for (let q = p + 1; q < size; q++) {
        const apq = a[p * size + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * size + q]! - a[p * size + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < size; k++) {
          const akp = a[k * size + p]!;
          const akq = a[k * size + q]!;
          a[k * size + p] = c * akp - s * akq;
          a[k * size + q] = s * akp + c * akq;
        }
        for (let k = 0; k < size; k++) {
          const apk = a[p * size + k]!;
          const aqk = a[q * size + k]!;
          a[p * size + k] = c * apk - s * aqk;
          a[q * size + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < size; k++) {
          const vkp = v[k * size + p]!;
          const vkq = v[k * size + q]!;
          v[k * size + p] = c * vkp - s * vkq;
          v[k * size + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((x, y) => a[y * size + y]! - a[x * size + x]!);
  const values = Float64Array.from(order, (i) => a[i * size + i]!);
  const vectors = new Float64Array(size * size);
  order.forEach((from, to) => {
    for (let k = 0; k < size; k++) vectors[k * size + to] = v[k * size + from]!;
  });
  return { values, vectors };
}

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export interface TopicSettings {
  count: number;
  /** A paper's topics, as a share of its words' length (1): on average, or for each paper when `normalise`. */
  weight: number;
  iterations: number;
  /**
   * Each paper's topic vector scaled to length `weight` (latent semantic analysis as usually
   * applied). Without it the topics are one linear map of the words for every paper, and a
   * model trained on words and topics folds back onto a weight per word.
   */
  normalise: boolean;
}

/** A paper's words followed by its topics, numbered after the vocabulary: the space the SVM is trained in. */
export function topicSpace(vectors: readonly SparseVector[], words: number, settings: TopicSettings): { dimensions: number; augment(vector: SparseVector): SparseVector } {
  const topics = fitTopics(vectors, words, { count: settings.count, oversample: 10, iterations: settings.iterations, seed: 1 });
  let typical = 0;
  for (const vector of vectors) typical += Math.hypot(...topics.project(vector));
  typical /= vectors.length || 1;
  return {
    dimensions: words + topics.count,
    augment(vector) {
      const z = topics.project(vector);
      const length = settings.normalise ? Math.hypot(...z) : typical;
      const scale = length > 0 ? settings.weight / length : 0;
      const own = vector.index.length;
      const index = new Int32Array(own + topics.count);
      const value = new Float32Array(own + topics.count);
      index.set(vector.index);
      value.set(vector.value);
      z.forEach((v, t) => {
        index[own + t] = words + t;
        value[own + t] = v * scale;
      });
      return { index, value };
    },
  };
}
