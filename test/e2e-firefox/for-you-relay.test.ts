import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIRST_REQUEST_PAPERS } from '../../lib/content/for-you.ts';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../shared-pages.ts';
import { FIREFOX_PATH, cardIds, closeFirefoxSession, currentId, launchFirefoxSession, readControls, type FirefoxSession } from './harness.ts';

/**
 * For you in Firefox through its relay frame (lib/content/for-you-relay.ts): Firefox serves the
 * relay page at the extension's own random address (it has no use_dynamic_url), and the frame takes
 * the listing's port. The frame is opened once the background says the model is ready: after 5
 * saves and 20 hides from the keyboard every card gets a score, and the next view of the listing
 * sends its cards past the first request through the relay.
 */
const ARXIV_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';

describe.skipIf(!FIREFOX_PATH || !SHARED_PAGES_PRESENT)('For you relay frame in Firefox', () => {
  let session: FirefoxSession;
  beforeAll(async () => (session = await launchFirefoxSession({ [ARXIV_URL]: readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html') })));
  afterAll(() => closeFirefoxSession(session));

  test('scores every card of the arXiv page through the relay once 5 saves and 20 hides are made', async () => {
    let page = await session.openPage(ARXIV_URL);
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (/Papershelf/.test(message.text())) warnings.push(message.text());
    });
    await expect.poll(() => cardIds(page), { timeout: 20_000 }).not.toHaveLength(0);
    const ids = await cardIds(page);
    // The keymap arrives with the page context, a moment after the controls.
    await expect.poll(async () => {
      await page.keyboard.press('j');
      return currentId(page);
    }).not.toBe(null);
    for (let saved = 0; saved < 5; saved++) {
      await page.keyboard.press('s');
      await page.keyboard.press('j');
    }
    for (let hidden = 0; hidden < 20; hidden++) await page.keyboard.press('h');
    const scored = () => page.evaluate(() => document.querySelectorAll('dd[data-papershelf-score]').length);
    await expect.poll(scored, { timeout: 30_000 }).toBe(ids.length);
    await page.close();

    page = await session.openPage(ARXIV_URL);
    page.on('console', (message) => {
      if (/Papershelf/.test(message.text())) warnings.push(message.text());
    });
    expect(ids.length).toBeGreaterThan(FIRST_REQUEST_PAPERS);
    await expect.poll(scored, { timeout: 30_000 }).toBe(ids.length);
    expect(await page.evaluate(() => performance.getEntriesByName('papershelf:relay-ready').length)).toBe(1);
    // The relay's host stays beside <body> only while the relay is open (a refused frame is removed).
    expect(await page.evaluate(() => document.querySelectorAll(':root > div[data-papershelf-relay][hidden]').length)).toBe(1);
    expect(await page.evaluate(() => [window.frames.length, document.querySelectorAll('iframe').length])).toEqual([0, 0]);
    expect(warnings.filter((text) => /keeps the extension channel/.test(text))).toEqual([]);
    // Marks come with the view (lib/content/marks-near-view.ts): the first card gets one once it is
    // in view (this page's header is taller here than in Chromium), the last, far below, only once
    // it is scrolled to.
    await page.evaluate((id) => document.querySelector(`dd[data-papershelf-id="${id}"]`)!.scrollIntoView(), ids[0]!);
    await expect.poll(async () => (await readControls(session, page, ids[0]!)).marks, { timeout: 10_000 }).toBe(1);
    const last = ids[ids.length - 1]!;
    expect((await readControls(session, page, last)).marks).toBe(0);
    await page.evaluate((id) => document.querySelector(`dd[data-papershelf-id="${id}"]`)!.scrollIntoView(), last);
    await expect.poll(async () => (await readControls(session, page, last)).marks, { timeout: 10_000 }).toBe(1);
    await page.close();
  });
});
