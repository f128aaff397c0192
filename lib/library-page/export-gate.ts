/**
 * While an export runs, the library page's own full load waits between its chunks: on two cores,
 * the page deserialising every record again (a library small enough to hold whole) took the CPU
 * the export worker needed and doubled the time to the file (scripts/bench-export-page.ts). The
 * load resumes as soon as the export ends, however it ends.
 */
let running = 0;
let waiting: Array<() => void> = [];

/** Marks an export as running; call the returned function once it is over (a second call does nothing). */
export function exportStarted(): () => void {
  running++;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    running--;
    if (running > 0) return;
    const resume = waiting;
    waiting = [];
    for (const go of resume) go();
  };
}

/** Resolves at once when no export runs, else once none does. */
export function afterExports(): Promise<void> {
  return running === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
}
