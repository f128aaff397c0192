// @vitest-environment node
/**
 * The hold a large write (a backup restored) puts on every open page's following of the library:
 * heard over a BroadcastChannel (Node's delivers between channel objects as a browser's does),
 * released when the writer says so, and lapsed when the writer stops renewing it (its tab closed).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followLibraryHolds, holdLibraryFollowers, HOLD_LAPSES_MS } from '../../../lib/ui/library-hold';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.useRealTimers();
});

/** A page following holds: how often it was held and released. */
function follower() {
  const counts = { held: 0, released: 0 };
  cleanups.push(
    followLibraryHolds(() => {
      counts.held++;
      return () => counts.released++;
    }),
  );
  return counts;
}

/** Waits for the channel's messages without timers (the lapse test fakes them). */
async function until(check: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !check(); turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(check()).toBe(true);
}

describe('library holds', () => {
  it('hold every following page once while the writer writes, and release them when it is done', async () => {
    const pages = [follower(), follower()];
    const writer = holdLibraryFollowers();
    await until(() => pages.every((page) => page.held === 1));
    writer.renew();
    writer.renew();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pages.map((page) => page.held)).toEqual([1, 1]);
    writer.release();
    await until(() => pages.every((page) => page.released === 1));
    writer.release();
    writer.renew(); // after the release: nothing
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pages).toEqual([
      { held: 1, released: 1 },
      { held: 1, released: 1 },
    ]);
  });

  it('lapse when the writer stops renewing (its page closed mid-restore), and hold again if it comes back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const page = follower();
    const writer = holdLibraryFollowers();
    await until(() => page.held === 1);
    vi.advanceTimersByTime(HOLD_LAPSES_MS - 1);
    expect(page.released).toBe(0);
    vi.advanceTimersByTime(1);
    expect(page.released).toBe(1);
    writer.renew();
    await until(() => page.held === 2);
    writer.release();
    await until(() => page.released === 2);
  });

  it('stop holding a page that stopped following', async () => {
    const page = follower();
    const writer = holdLibraryFollowers();
    await until(() => page.held === 1);
    cleanups.shift()!();
    expect(page.released).toBe(1);
    writer.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page).toEqual({ held: 1, released: 1 });
  });
});
