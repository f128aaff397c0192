import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { BROWSER_PATH, launch, readFixture, removeProfile, type Session } from './harness.ts';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../shared-pages.ts';
import { adapterFor } from '../../lib/sites/index.ts';
import { allControls } from './controls.ts';
import { SITE_PAGES } from '../site-pages.ts';

/**
 * Every page kind at its real URL, with the production content script: each card the adapter finds
 * gets exactly one control group in Chromium. The adapters' reading is covered by unit tests; this
 * checks that the manifest's matches, the adapters' `matches()` and the mounting agree. The pages
 * are each registered site's `testPages.e2e` (lib/sites/<site>.ts).
 */
const PAGES: Array<{ url: string; body: () => string }> = SITE_PAGES.flatMap(({ adapter, pages }) =>
  pages.e2e.flatMap((page) => {
    if ('fixture' in page) return [{ url: page.url, body: () => readFixture(`${adapter.site}/${page.fixture}`) }];
    return SHARED_PAGES_PRESENT ? [{ url: page.url, body: () => readSharedPage(`${adapter.site}/${page.capture}`) }] : [];
  }),
);

/** How many cards the adapter finds in this HTML at this URL (jsdom, in Node). */
function expectedCards(url: string, html: string): number {
  const adapter = adapterFor(new URL(url));
  if (!adapter) throw new Error(`no adapter for ${url}`);
  return adapter.findCards(new JSDOM(html, { url }).window.document, new URL(url)).cards.length;
}

describe.skipIf(!BROWSER_PATH)('every page kind at its real URL', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
    for (const page of PAGES) session.serve(page.url, { body: page.body() });
  });
  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.userDataDir);
  });

  test.each(PAGES.map((page) => [page.url, page] as const))('%s: one control group per card', async (_, { url, body }) => {
    const expected = expectedCards(url, body());
    expect(expected).toBeGreaterThan(0);
    const page = await session.context.newPage();
    await page.goto(url);
    await expect.poll(() => page.locator('[data-papershelf-host]').count(), { timeout: 10_000 }).toBe(expected);
    expect(await allControls(page).getByRole('group', { name: 'Papershelf' }).count()).toBe(expected);
    expect(await allControls(page).getByRole('button', { name: 'Save' }).count()).toBe(expected);
    // Each host sits in an element that carries the paper id.
    const orphans = await page.locator('[data-papershelf-host]').evaluateAll((hosts) => hosts.filter((host) => !host.parentElement?.hasAttribute('data-papershelf-id')).length);
    expect(orphans).toBe(0);
    await page.close();
  });
});
