// @vitest-environment node
/** The library page's full load waits between chunks while an export runs, and resumes when every export is over. */
import { describe, expect, it } from 'vitest';
import { afterExports, exportStarted } from '../../../lib/library-page/export-gate';

const settled = async (promise: Promise<void>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true));
  for (let turn = 0; turn < 5; turn++) await Promise.resolve();
  return done;
};

describe('the export gate', () => {
  it('lets the load go on at once when no export runs', async () => {
    expect(await settled(afterExports())).toBe(true);
  });

  it('holds the load while any export runs, and lets it go once all are over', async () => {
    const first = exportStarted();
    const second = exportStarted();
    const waiting = afterExports();
    expect(await settled(waiting)).toBe(false);
    first();
    first(); // a second call does not count for the other export
    expect(await settled(waiting)).toBe(false);
    second();
    expect(await settled(waiting)).toBe(true);
    expect(await settled(afterExports())).toBe(true);
  });
});
