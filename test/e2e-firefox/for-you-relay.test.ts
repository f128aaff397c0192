import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../shared-pages.ts';
import { FIREFOX_PATH, cardIds, closeFirefoxSession, currentId, launchFirefoxSession, type FirefoxSession } from './harness.ts';

/**
 * For you in Firefox through its relay frame (lib/content/for-you-relay.ts): Firefox serves the
 * relay page at the extension's own random address (it has no use_dynamic_url), the frame takes
 * the listing's port, and after 5 saves and 20 hides from the keyboard every card gets a score.
 */
const ARXIV_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';

describe.skipIf(!FIREFOX_PATH || !SHARED_PAGES_PRESENT)('For you relay frame in Firefox', () => {
  let session: FirefoxSession;
  beforeAll(async () => (session = await launchFirefoxSession({ [ARXIV_URL]: readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html') })));
  afterAll(() => closeFirefoxSession(session));

  test('scores every card of the arXiv page through the relay once 5 saves and 20 hides are made', async () => {
    const page = await session.openPage(ARXIV_URL);
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
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('dd[data-papershelf-score]').length), { timeout: 30_000 }).toBe(ids.length);
    // The relay's host stays beside <body> only while the relay is open (a refused frame is removed).
    expect(await page.evaluate(() => [...document.documentElement.children].filter((child) => child.localName === 'div' && (child as HTMLElement).hidden).length)).toBe(1);
    expect(await page.evaluate(() => performance.getEntriesByName('papershelf:relay-ready').length)).toBe(1);
    expect(await page.evaluate(() => [window.frames.length, document.querySelectorAll('iframe').length])).toEqual([0, 0]);
    expect(warnings.filter((text) => /keeps the extension channel/.test(text))).toEqual([]);
    await page.close();
  });
});
