import { describe, expect, it } from 'vitest';
import type { SparseVector } from '../../../lib/ranking/features';
import { judgedVectors, judgedVectorsFit, neighbourhood, neighbourhoodOf } from '../../../lib/ranking/neighbours';

const DIMENSIONS = 40;

/** A seeded, L2-normalised sparse vector of a few features. */
function vectorOf(seed: number): SparseVector {
  let state = seed * 2654435761;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
  const features = [...new Set(Array.from({ length: 6 }, () => Math.floor(next() * DIMENSIONS)))].sort((a, b) => a - b);
  const values = features.map(() => 0.1 + next());
  const norm = Math.hypot(...values);
  return { index: Int32Array.from(features), value: Float32Array.from(values.map((value) => value / norm)) };
}

const cosine = (a: SparseVector, b: SparseVector, counted: (feature: number) => boolean) => {
  let sum = 0;
  a.index.forEach((feature, k) => {
    const at = counted(feature) ? b.index.indexOf(feature) : -1;
    if (at >= 0) sum += a.value[k]! * b.value[at]!;
  });
  return sum;
};

/** What the term is, written the slow way: every similarity, sorted. */
function bruteNearness(vectors: SparseVector[], labels: Array<1 | -1>, paper: SparseVector, neighbours: number, leaveOut = -1, counted = (_feature: number) => true): number {
  const meanOfNearest = (label: 1 | -1) => {
    const similarities = vectors.flatMap((other, i) => (labels[i] === label && i !== leaveOut ? [cosine(paper, other, counted)] : [])).sort((a, b) => b - a).slice(0, neighbours);
    return similarities.length ? similarities.reduce((a, b) => a + b, 0) / similarities.length : 0;
  };
  return meanOfNearest(1) - meanOfNearest(-1);
}

describe('the neighbour term', () => {
  const vectors = Array.from({ length: 60 }, (_, i) => vectorOf(i + 1));
  const labels = vectors.map((_, i): 1 | -1 => (i % 5 === 0 ? 1 : -1));
  const judged = judgedVectors(vectors, labels);

  it('is the mean similarity of the nearest saves less that of the nearest hides, as brute force finds them', () => {
    for (const neighbours of [1, 3, 20]) {
      const around = neighbourhood(judged, DIMENSIONS, Infinity, neighbours);
      for (let seed = 100; seed < 120; seed++) {
        const paper = vectorOf(seed);
        expect(around.nearness(paper)).toBeCloseTo(bruteNearness(vectors, labels, paper, neighbours), 6);
      }
    }
  });

  it('leaves a judged paper out of its own neighbours, and counts the papers that share nothing as 0', () => {
    const around = neighbourhood(judged, DIMENSIONS, Infinity, 20);
    for (const i of [0, 5, 7, 33]) expect(around.nearness(vectors[i]!, i)).toBeCloseTo(bruteNearness(vectors, labels, vectors[i]!, 20, i), 6);
    // 12 saves: a paper like none of them has 20 hides to be near and at most 12 saves.
    const alone: SparseVector = { index: Int32Array.of(DIMENSIONS - 1), value: Float32Array.of(1) };
    expect(around.nearness(alone)).toBeCloseTo(bruteNearness(vectors, labels, alone, 20), 6);
  });

  it('leaves out the features that more than `maxHolders` judged papers hold', () => {
    const holders = new Map<number, number>();
    for (const vector of vectors) for (const feature of vector.index) holders.set(feature, (holders.get(feature) ?? 0) + 1);
    const maxHolders = 9;
    const rare = (feature: number) => (holders.get(feature) ?? 0) <= maxHolders;
    expect([...holders.keys()].filter((feature) => !rare(feature)).length).toBeGreaterThan(3);
    const around = neighbourhood(judged, DIMENSIONS, maxHolders, 20);
    for (let seed = 200; seed < 220; seed++) {
      const paper = vectorOf(seed);
      expect(around.nearness(paper)).toBeCloseTo(bruteNearness(vectors, labels, paper, 20, -1, rare), 6);
      // The built neighbourhood is shared per rows, and per cut: another cut builds its own.
      expect(neighbourhoodOf(judged, DIMENSIONS, Infinity).nearness(paper)).toBeCloseTo(bruteNearness(vectors, labels, paper, 20), 6);
      expect(neighbourhoodOf(judged, DIMENSIONS, maxHolders).nearness(paper)).toBeCloseTo(bruteNearness(vectors, labels, paper, 20, -1, rare), 6);
    }
  });

  it('takes stored rows only when they are whole', () => {
    expect(judgedVectorsFit(judged, DIMENSIONS)).toBe(true);
    expect(judgedVectorsFit(judged, DIMENSIONS - 10)).toBe(false);
    expect(judgedVectorsFit({ ...judged, labels: judged.labels.slice(1) }, DIMENSIONS)).toBe(false);
    expect(judgedVectorsFit({ ...judged, values: judged.values.slice(1) }, DIMENSIONS)).toBe(false);
    const disordered = judged.offsets.slice();
    disordered[3] = disordered[5]! + 1;
    expect(judgedVectorsFit({ ...judged, offsets: disordered }, DIMENSIONS)).toBe(false);
    const unlabelled = judged.labels.slice();
    unlabelled[2] = 0;
    expect(judgedVectorsFit({ ...judged, labels: unlabelled }, DIMENSIONS)).toBe(false);
  });
});
