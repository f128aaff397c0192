import { describe, expect, it } from 'vitest';
import type { SparseVector } from '../../../lib/ranking/features';
import { fitTopics, symmetricEigen } from '../../../scripts/ranking-topics';

const sparse = (dense: readonly number[]): SparseVector => {
  const index: number[] = [];
  const value: number[] = [];
  dense.forEach((v, j) => {
    if (v !== 0) {
      index.push(j);
      value.push(v);
    }
  });
  return { index: Int32Array.from(index), value: Float32Array.from(value) };
};

/** Rows drawn from `rank` fixed random directions over `dimensions` words: a matrix of that rank exactly. */
function lowRankRows(rows: number, dimensions: number, rank: number): number[][] {
  let state = 7;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const directions = Array.from({ length: rank }, () => Array.from({ length: dimensions }, () => (random() > 0.6 ? random() : 0)));
  return Array.from({ length: rows }, () => {
    const mix = directions.map(() => random());
    return Array.from({ length: dimensions }, (_, j) => directions.reduce((sum, direction, d) => sum + mix[d]! * direction[j]!, 0));
  });
}

const dotDense = (a: ArrayLike<number>, b: readonly number[]) => b.reduce((sum, v, j) => sum + v * a[j]!, 0);

describe('topics (a truncated SVD of the judged papers)', () => {
  it('keeps every row of a matrix whose rank is within the topics: lengths and dot products survive the projection', () => {
    const dense = lowRankRows(60, 40, 5);
    const rows = dense.map(sparse);
    const topics = fitTopics(rows, 40, { count: 5, oversample: 4, iterations: 2, seed: 3 });
    for (let i = 0; i < rows.length; i += 7) {
      const zi = topics.project(rows[i]!);
      const norm = Math.hypot(...dense[i]!);
      expect(Math.hypot(...zi)).toBeCloseTo(norm, 3);
      const zj = topics.project(rows[(i + 11) % rows.length]!);
      expect(zi.reduce((sum, v, t) => sum + v * zj[t]!, 0)).toBeCloseTo(dotDense(dense[i]!, dense[(i + 11) % rows.length]!), 3);
    }
  });

  it('folds topic weights back onto words: V·u scores a paper as u·project(paper) does', () => {
    const dense = lowRankRows(50, 30, 8);
    const rows = dense.map(sparse);
    const topics = fitTopics(rows, 30, { count: 4, oversample: 6, iterations: 2, seed: 5 });
    const weights = [0.5, -1, 2, 0.25];
    const onWords = topics.foldBack(weights);
    for (const row of rows.slice(0, 10)) {
      const z = topics.project(row);
      expect(Array.from(row.index).reduce((sum, j, k) => sum + onWords[j]! * row.value[k]!, 0)).toBeCloseTo(z.reduce((sum, v, t) => sum + v * weights[t]!, 0), 6);
    }
  });

  it('orders topics by how much of the papers they hold (the largest singular value first)', () => {
    const dense = lowRankRows(80, 50, 6);
    const topics = fitTopics(dense.map(sparse), 50, { count: 6, oversample: 4, iterations: 2, seed: 9 });
    const energy = new Array<number>(6).fill(0);
    for (const row of dense) topics.project(sparse(row)).forEach((v, t) => (energy[t]! += v * v));
    for (let t = 1; t < 6; t++) expect(energy[t]!).toBeLessThanOrEqual(energy[t - 1]! * (1 + 1e-9));
  });

  it('solves a small symmetric eigenproblem', () => {
    const matrix = Float64Array.from([4, 1, 0, 1, 3, 1, 0, 1, 2]);
    const { values, vectors } = symmetricEigen(matrix, 3);
    for (let t = 0; t < 3; t++) {
      const v = [0, 1, 2].map((k) => vectors[k * 3 + t]!);
      for (let r = 0; r < 3; r++) expect(matrix[r * 3]! * v[0]! + matrix[r * 3 + 1]! * v[1]! + matrix[r * 3 + 2]! * v[2]!).toBeCloseTo(values[t]! * v[r]!, 9);
    }
    expect(values[0]!).toBeGreaterThan(values[1]!);
    expect(values[1]!).toBeGreaterThan(values[2]!);
  });
});
