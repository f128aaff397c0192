import { useEffect, useState } from 'preact/hooks';
import type { PaperRecord } from '../paper/model';
// Types only: the popup loads LiveLibrary (and Dexie with it) after its first paint.
import type { LibrarySnapshot, LiveLibrary, LiveLibraryOptions } from './live-library';
import { followLibraryHolds } from './library-hold';
import { afterNextPaint, nextTask } from './next-task';

/** How a page paces the library's loading: a task between chunks, the first rows painted first. */
export type PagePacing = Required<Pick<LiveLibraryOptions, 'pause' | 'afterPaint'>>;

const OPENING: LibrarySnapshot = { phase: 'opening', papers: [], counts: undefined, loaded: 0 };
const PACING: PagePacing = { pause: nextTask, afterPaint: afterNextPaint };

/**
 * The whole library, kept current (LiveLibrary): the first screenful at once, everything soon after.
 *
 * `create` makes the page's LiveLibrary; undefined while the code for it still loads (the popup).
 * `early`: the newest saved papers read without Dexie (lib/db/newest-saved.ts), shown as soon as
 * they arrive, even before `create` is there. `cached`: the last page's first screen
 * (lib/popup/first-screen-cache.ts), shown from the first render until `early` or the library answers.
 */
export function useLiveLibrary(create: ((pacing: PagePacing) => LiveLibrary) | undefined, early?: Promise<readonly PaperRecord[] | undefined>, cached?: readonly PaperRecord[]): LibrarySnapshot {
  const [snapshot, setSnapshot] = useState<LibrarySnapshot>(() => (cached ? { phase: 'first', papers: cached, counts: undefined, loaded: 0, cached: true } : OPENING));

  useEffect(() => {
    let stopped = false;
    void early?.then((papers) => {
      if (!stopped) setSnapshot((current) => (current.phase === 'opening' || current.cached ? (papers ? { phase: 'first', papers, counts: undefined, loaded: 0 } : OPENING) : current));
    });
    return () => {
      stopped = true;
    };
  }, [early]);

  const ready = create !== undefined;
  useEffect(() => {
    if (!create) return;
    const live = create(PACING);
    const unsubscribe = live.subscribe(setSnapshot);
    // A backup restored in chunks is read once, at its end, not after every chunk.
    const unfollowHolds = followLibraryHolds(() => live.holdFollowing());
    void live.start(early);
    return () => {
      unfollowHolds();
      unsubscribe();
      live.stop();
    };
    // Made once, when its code is there.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);

  return snapshot;
}

