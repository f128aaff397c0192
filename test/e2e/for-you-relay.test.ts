import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { forYouHistory, importBackup } from '../../scripts/bench-for-you-page.ts';
import { arxivNewReal } from '../../scripts/bench-pages.ts';
import { BROWSER_PATH, closeSession, launch, type Session } from './harness.ts';
import { waitForRankingReady } from './ranking-ready.ts';

/**
 * For you's relay frame in Chromium (lib/content/for-you-relay.ts): the listing's score requests go
 * through a hidden page of the extension that the site cannot reach, and where the frame is refused
 * the page is scored through the extension's channel all the same.
 */
const real = arxivNewReal();
/** The same page under a policy that allows no frame at all. */
const REFUSING_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/pastweek?show=2000';
const refusing = real.html.replace(/<head>/i, `<head><meta http-equiv="Content-Security-Policy" content="frame-src 'none'; child-src 'none'">`);

const relayOpened = (page: Page) => page.evaluate(() => performance.getEntriesByName('papershelf:relay-ready').length);
const everyCardScored = async (page: Page) => {
  const cards = await page.locator('dd[data-papershelf-id]').count();
  expect(cards).toBeGreaterThan(5);
  await expect.poll(() => page.locator('dd[data-papershelf-score]').count(), { timeout: 30_000 }).toBe(cards);
};

describe.skipIf(!BROWSER_PATH)('For you relay frame', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
    session.serve(real.url, { body: real.html });
    session.serve(REFUSING_URL, { body: refusing });
    await importBackup(session, forYouHistory((index) => index % 2 === 0));
    await waitForRankingReady(session);
  });
  afterAll(() => closeSession(session));

  test('scores every card through a frame of the extension that the page cannot reach', async () => {
    const page = await session.context.newPage();
    await page.goto(real.url);
    await everyCardScored(page);
    expect(await relayOpened(page)).toBe(1);
    const relays = page.frames().filter((frame) => frame.url().endsWith('/for-you-relay.html'));
    expect(relays.map((frame) => new URL(frame.url()).protocol)).toEqual(['chrome-extension:']);
    // Inside a closed shadow root: the page's scripts see no frame and no iframe element.
    expect(await page.evaluate(() => [window.frames.length, document.querySelectorAll('iframe').length])).toEqual([0, 0]);
    await page.close();
  });

  test('a page cannot load the relay at the extension\'s fixed address (only the per-session one serves it)', async () => {
    const page = await session.context.newPage();
    await page.goto(real.url);
    await everyCardScored(page);
    const fixed = `chrome-extension://${session.extensionId}/for-you-relay.html`;
    await page.evaluate((src) => new Promise((done) => {
      const frame = document.createElement('iframe');
      frame.onload = done;
      frame.src = src;
      document.body.append(frame);
    }), fixed);
    // Only Papershelf's own frame runs the relay page; the page's frame shows Chromium's error page.
    const running = await Promise.all(page.frames().map((frame) => frame.evaluate(() => document.title === 'Papershelf' && location.protocol === 'chrome-extension:').catch(() => false)));
    expect(running.filter(Boolean)).toHaveLength(1);
    await page.close();
  });

  test('a page whose policy refuses every frame still gets the relay (an extension\'s frame is not the page\'s to refuse)', async () => {
    const page = await session.context.newPage();
    await page.goto(REFUSING_URL);
    await everyCardScored(page);
    expect(await relayOpened(page)).toBe(1);
    await page.close();
  });

  test('a page that takes the frame away is scored through the extension channel, and says nothing of it', async () => {
    const page = await session.context.newPage();
    // A site script that removes whatever is added beside its <head> and <body>.
    await page.addInitScript(() => {
      new MutationObserver((records) => {
        for (const record of records) {
          if (record.target !== document.documentElement) continue;
          for (const node of record.addedNodes) if (node.nodeType === 1 && node !== document.head && node !== document.body) node.parentNode?.removeChild(node);
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(real.url);
    await everyCardScored(page);
    expect(await relayOpened(page)).toBe(0);
    expect(await page.locator('[data-papershelf-for-you] [role="status"]').textContent()).toBe('');
    await page.close();
  });
});
