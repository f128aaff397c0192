import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { FIREFOX_PATH, closeFirefoxSession, launchFirefoxSession, readControls, readFixture, type FirefoxSession } from './harness.ts';

/**
 * The Chromium test of the same name, in Firefox: Hugging Face's client-side navigation into,
 * between and out of listings (test/fixtures/navigation/huggingface-spa.html at https://huggingface.co/).
 */
const HOME = 'https://huggingface.co/';
const DAILY = ['2609.10001', '2609.10002', '2609.10003'];
const WEEKLY = ['2609.20001', '2609.20002', '2609.20003', '2609.20004'];

const mounted = (page: Page) =>
  page.evaluate(() => ({
    hosts: document.querySelectorAll('[data-papershelf-host]').length,
    marked: document.querySelectorAll('[data-papershelf-id]').length,
    cards: Array.from(document.querySelectorAll('[data-papershelf-id]'), (card) => `${card.getAttribute('data-papershelf-id')}×${card.querySelectorAll(':scope > [data-papershelf-host]').length}`),
  }));
const once = (ids: string[]) => ({ hosts: ids.length, marked: ids.length, cards: ids.map((id) => `${id}×1`) });
const none = { hosts: 0, marked: 0, cards: [] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!FIREFOX_PATH)('Hugging Face client-side navigation in Firefox', () => {
  let session: FirefoxSession;
  beforeAll(async () => (session = await launchFirefoxSession({ [HOME]: readFixture('navigation/huggingface-spa.html') })));
  afterAll(() => closeFirefoxSession(session));

  test('into a listing, between listings, out of it and back', async () => {
    const page = await session.openPage(HOME);
    await sleep(500);
    expect(await mounted(page)).toEqual(none);

    const follow = async (name: string, path: string) => {
      // A trusted click on the site's own link, which its router turns into pushState.
      const box = await page.evaluate((name) => {
        const link = Array.from(document.querySelectorAll('nav a')).find((candidate) => candidate.textContent === name)!;
        const rect = link.getBoundingClientRect();
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }, name);
      await page.mouse.click(box.x, box.y);
      await expect.poll(() => page.evaluate(() => location.pathname)).toBe(path);
    };
    await follow('Papers', '/papers/date/2026-09-28');
    await expect.poll(() => mounted(page), { timeout: 10_000 }).toEqual(once(DAILY));
    expect((await readControls(session, page, DAILY[0]!)).buttons.map((button) => button.text)).toEqual(['Save', 'Tags', 'Hide']);

    await follow('This week', '/papers/week/2026-W39');
    await expect.poll(() => mounted(page), { timeout: 10_000 }).toEqual(once(WEEKLY));
    await sleep(1_500);
    expect(await mounted(page)).toEqual(once(WEEKLY));

    await follow('Models', '/models');
    await expect.poll(() => mounted(page), { timeout: 10_000 }).toEqual(none);
    await page.evaluate(() => {
      const article = document.createElement('article');
      article.innerHTML = '<h3><a href="/papers/2609.30001">Not a listing here</a></h3>';
      document.getElementById('app')!.append(article);
    });
    await sleep(1_500);
    expect(await mounted(page)).toEqual(none);

    await page.goBack();
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/papers/week/2026-W39');
    await expect.poll(() => mounted(page), { timeout: 10_000 }).toEqual(once(WEEKLY));

    await follow('A model page', '/meta-llama/Llama-3.1-8B');
    await expect.poll(() => mounted(page), { timeout: 10_000 }).toEqual(none);
    await follow('Papers', '/papers/date/2026-09-28');
    await expect.poll(() => mounted(page), { timeout: 10_000 }).toEqual(once(DAILY));
    await page.close();
  });
});
