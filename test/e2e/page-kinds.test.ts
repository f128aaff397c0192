import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { BROWSER_PATH, launch, readFixture, removeProfile, type Session } from './harness.ts';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../shared-pages.ts';
import { adapterFor } from '../../lib/sites/index.ts';
import { allControls } from './controls.ts';

/**
 * Every page kind at its real URL, with the production content script: each card the adapter finds
 * gets exactly one control group in Chromium. The adapters' reading is covered by unit tests; this
 * checks that the manifest's matches, the adapters' `matches()` and the mounting agree.
 */
const PAGES: Array<{ url: string; body: () => string }> = [
  { url: 'https://huggingface.co/papers', body: () => readFixture('huggingface/daily-mini.html') },
  { url: 'https://huggingface.co/papers/date/2026-09-28', body: () => readFixture('huggingface/daily-mini.html') },
  { url: 'https://huggingface.co/papers/week/2026-W39', body: () => readFixture('huggingface/daily-mini.html') },
  { url: 'https://huggingface.co/papers/month/2026-09', body: () => readFixture('huggingface/daily-mini.html') },
  { url: 'https://huggingface.co/papers/trending', body: () => readFixture('huggingface/daily-mini.html') },
  { url: 'https://huggingface.co/papers?q=diffusion', body: () => readFixture('huggingface/search-mini.html') },
  { url: 'https://huggingface.co/papers?q=machine+learning+systems', body: () => readFixture('huggingface/search-seed.html') },
  { url: 'https://huggingface.co/papers/week/2026-W40', body: () => readFixture('huggingface/week-mini.html') },
  { url: 'https://huggingface.co/papers/month/2026-10', body: () => readFixture('huggingface/month-mini.html') },
  { url: 'https://huggingface.co/papers/trending?x=1', body: () => readFixture('huggingface/trending-mini.html') },
  { url: 'https://huggingface.co/papers/2609.40001', body: () => readFixture('huggingface/paper-page.html') },
  { url: 'https://arxiv.org/list/hep-th/new', body: () => readFixture('arxiv/list-new-mini.html') },
  { url: 'https://arxiv.org/list/hep-th/recent', body: () => readFixture('arxiv/list-pastweek-mini.html') },
  { url: 'https://arxiv.org/list/hep-th/pastweek?show=2000', body: () => readFixture('arxiv/list-pastweek-mini.html') },
  { url: 'https://arxiv.org/list/hep-th/2026-09', body: () => readFixture('arxiv/list-pastweek-mini.html') },
  { url: 'https://arxiv.org/catchup/hep-th/2026-09-21', body: () => readFixture('arxiv/catchup-mini.html') },
  { url: 'https://arxiv.org/search/?query=attention&searchtype=all', body: () => readFixture('arxiv/search-mini.html') },
  { url: 'https://arxiv.org/abs/2609.00501', body: () => readFixture('arxiv/abs-mini.html') },
];
if (SHARED_PAGES_PRESENT) {
  PAGES.push(
    { url: 'https://arxiv.org/list/cond-mat.mtrl-sci/new', body: () => readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html') },
    { url: 'https://arxiv.org/abs/2609.22268', body: () => readSharedPage('arxiv/abs-2609.22268.html') },
    { url: 'https://arxiv.org/abs/1706.03762', body: () => readSharedPage('arxiv/abs-1706.03762.html') },
  );
}

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
