/**
 * When a failed fetch is tried again: 30 s, 2 min, 10 min, 1 h, then every 6 h, each stretched or
 * shrunk by up to 20 % so that papers queued together (a batch) do not all come due at once again.
 */
export const BACKOFF_STEPS_MS: readonly number[] = [30_000, 120_000, 600_000, 3_600_000, 21_600_000];

/** How far a delay may move either way, as a share of it. */
export const BACKOFF_JITTER = 0.2;

/**
 * The delay after the `failures`-th consecutive failure (1 = the first). `random` is in [0, 1);
 * 0.5 gives the step exactly, which is what tests pass.
 */
export function backoffDelay(failures: number, random: () => number, steps: readonly number[] = BACKOFF_STEPS_MS): number {
  const step = steps[Math.min(Math.max(failures, 1), steps.length) - 1] ?? 0;
  return jittered(step, random);
}

/** `ms` moved by up to ±{@link BACKOFF_JITTER}, never below zero. */
export function jittered(ms: number, random: () => number): number {
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.max(0, Math.round(ms * (1 + BACKOFF_JITTER * (2 * r - 1))));
}
