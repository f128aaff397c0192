// The statistics every benchmark prints: the median (upper middle of an even count) and a
// percentile by the nearest-rank method.

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

export function median(values: readonly number[]): number {
  return sorted(values)[Math.floor(values.length / 2)]!;
}

/** The p-th percentile: the smallest sample with at least p % of the samples at or below it. */
export function percentile(values: readonly number[], p: number): number {
  return sorted(values)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
}
