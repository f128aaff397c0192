import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_PATH, closeSession, launchServing, readFixture, type Session } from './harness.ts';

/**
 * Hugging Face navigates into its listings without a page load. A stand-in for the site
 * (test/fixtures/navigation/huggingface-spa.html, served at https://huggingface.co/) follows its
 * links with pushState and renders each address: the controls appear on the listing the reader
 * clicks through to, are mounted once per card between listings, and leave with the listing.
 */
const HOME = 'https://huggingface.co/';
const DAILY = ['2609.10001', '2609.10002', '2609.10003'];
const WEEKLY = ['2609.20001', '2609.20002', '2609.20003', '2609.20004'];

/** Ids of the elements carrying controls, and how many control hosts each holds. */
const mounted = (page: Page) =>
  page.evaluate(() => ({
    hosts: document.querySelectorAll('[data-papershelf-host]').length,
    marked: document.querySelectorAll('[data-papershelf-id]').length,
    cards: Array.from(document.querySelectorAll('[data-papershelf-id]'), (card) => `${card.getAttribute('data-papershelf-id')}×${card.querySelectorAll(':scope > [data-papershelf-host]').length}`),
  }));
const once = (ids: string[]) => ({ hosts: ids.length, marked: ids.length, cards: ids.map((id) => `${id}×1`) });
const none = { hosts: 0, marked: 0, cards: [] };

describe.skipIf(!BROWSER_PATH)('Hugging Face client-side navigation', () => {
  let session: Session;
  beforeAll(async () => (session = await launchServing({ [HOME]: readFixture('navigation/huggingface-spa.html') })));
  afterAll(() => closeSession(session));

  test('into a listing, between listings, out of it and back', async () => {
    const page = await session.context.newPage();
    await page.goto(HOME);
    await page.waitForTimeout(500);
    expect(await mounted(page)).toEqual(none);

    const follow = async (name: string, path: string) => {
      await page.getByRole('link', { name, exact: true }).click();
      await expect.poll(() => page.evaluate(() => location.pathname)).toBe(path);
    };
    await follow('Papers', '/papers/date/2026-09-28');
    await expect.poll(() => mounted(page)).toEqual(once(DAILY));

    await follow('This week', '/papers/week/2026-W39');
    await expect.poll(() => mounted(page)).toEqual(once(WEEKLY));
    // Nothing more arrives later: each card was mounted exactly once.
    await page.waitForTimeout(1_500);
    expect(await mounted(page)).toEqual(once(WEEKLY));

    await follow('Models', '/models');
    await expect.poll(() => mounted(page)).toEqual(none);
    // The listing's observer is gone: a card-shaped element added on this page gets nothing.
    await page.evaluate(() => {
      const article = document.createElement('article');
      article.innerHTML = '<h3><a href="/papers/2609.30001">Not a listing here</a></h3>';
      document.getElementById('app')!.append(article);
    });
    await page.waitForTimeout(1_500);
    expect(await mounted(page)).toEqual(none);

    await page.goBack();
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/papers/week/2026-W39');
    await expect.poll(() => mounted(page)).toEqual(once(WEEKLY));

    await follow('A model page', '/meta-llama/Llama-3.1-8B');
    await expect.poll(() => mounted(page)).toEqual(none);
    await follow('Papers', '/papers/date/2026-09-28');
    await expect.poll(() => mounted(page)).toEqual(once(DAILY));
    await page.close();
  });
});
