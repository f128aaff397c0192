import { useEffect, useState } from 'preact/hooks';
import type { PapershelfDatabase } from '../db/database';
import { LiveLibrary, type LibrarySnapshot, type LiveLibraryOptions } from './live-library';
import { nextTask } from './next-task';

/** The whole library, kept current (LiveLibrary): the first screenful at once, everything soon after. */
export function useLiveLibrary(db: PapershelfDatabase, options: LiveLibraryOptions = {}): LibrarySnapshot {
  const [live] = useState(() => new LiveLibrary(db, { pause: nextTask, afterPaint, ...options }));
  const [snapshot, setSnapshot] = useState(live.snapshot);
  useEffect(() => {
    const unsubscribe = live.subscribe(setSnapshot);
    void live.start();
    return () => {
      unsubscribe();
      live.stop();
    };
  }, [live]);
  return snapshot;
}

/** Resolves after the next frame was painted: a task queued from a frame callback runs after it. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
