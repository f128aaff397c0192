import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BROWSER_PATH, launch, readFixture, removeProfile, stopServiceWorkers, type Session } from './harness.ts';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../shared-pages.ts';
import { allControls, controls } from './controls.ts';

/**
 * The walking skeleton, end to end: the built extension in real Chromium on a Hugging Face daily
 * page served at its real URL. The real captured page is used when ../shared/pages is there
 * (required in CI); otherwise the project's own fixture stands in, loudly.
 */
const DAILY_URL = 'https://huggingface.co/papers/date/2026-09-28';
const page_html = SHARED_PAGES_PRESENT
  ? readSharedPage('huggingface/papers-daily-2026-09-28.html')
  : readFixture('huggingface/daily-mini.html');

/** Cards as the page itself has them, counted independently of Papershelf's adapter. */
const countSiteCards = (page: Page) => page.locator('article:has(h3 a[href^="/papers/"])').count();
const card = (page: Page, index: number): Locator => page.locator('article:has(h3 a[href^="/papers/"])').nth(index);
/** The controls of the `index`-th card, found by the paper id Papershelf put on it. */
const controlsAt = async (page: Page, index: number) => {
  await expect.poll(() => card(page, index).getAttribute('data-papershelf-id'), { timeout: 10_000 }).not.toBe(null);
  return controls(page, (await card(page, index).getAttribute('data-papershelf-id'))!);
};
const titleOf = async (c: Locator) => ((await c.locator('h3 a').textContent()) ?? '').trim();

async function openDaily(session: Session): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(DAILY_URL);
  const expected = await countSiteCards(page);
  await expect.poll(() => page.locator('[data-papershelf-id]').count(), { timeout: 10_000 }).toBe(expected);
  return page;
}

describe.skipIf(!BROWSER_PATH)('Hugging Face daily page in Chromium with Papershelf', () => {
  let session: Session;
  let profile: string;

  beforeAll(async () => {
    session = await launch();
    profile = session.userDataDir;
    session.serve(DAILY_URL, { body: page_html });
  });
  afterAll(async () => {
    await session?.close();
    if (profile) removeProfile(profile);
  });

  test('every card gets exactly one control group, with the paper id on the card', async () => {
    const page = await openDaily(session);
    const cards = await countSiteCards(page);
    expect(cards).toBeGreaterThan(0);
    if (SHARED_PAGES_PRESENT) expect(cards).toBe(28);
    for (let i = 0; i < cards; i++) {
      const c = card(page, i);
      const href = await c.locator('h3 a').getAttribute('href');
      expect(await c.getAttribute('data-papershelf-id')).toBe(href?.replace('/papers/', ''));
      expect(await c.locator('[data-papershelf-host]').count()).toBe(1);
      await expect.poll(() => controls(page, href!.replace('/papers/', '')).getByRole('button', { name: 'Save' }).count()).toBe(1);
    }
    expect(await allControls(page).getByRole('group', { name: 'Papershelf' }).count()).toBe(cards);
    await page.close();
  });

  test('Save shows at once and the popup lists the paper with its authors', async () => {
    const page = await openDaily(session);
    const first = card(page, 0);
    const firstControls = await controlsAt(page, 0);
    const title = await titleOf(first);
    const save = firstControls.getByRole('button', { name: 'Save' });
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('false');
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');

    const popup = await session.openPopup();
    const entry = popup.getByRole('row').filter({ hasText: title });
    await expect.poll(() => entry.count()).toBe(1);
    if (SHARED_PAGES_PRESENT) await expect.poll(() => entry.textContent()).toContain('Hongyang Du');
    await popup.close();
    await page.close();
  });

  test('tags added on a card show in the popup; tagging saves the paper', async () => {
    const page = await openDaily(session);
    const second = card(page, 1);
    const secondControls = await controlsAt(page, 1);
    const title = await titleOf(second);
    await secondControls.getByRole('button', { name: 'Tags' }).click();
    const input = secondControls.getByRole('combobox', { name: 'Add a tag' });
    await input.fill('diffusion');
    await input.press('Enter');
    await input.fill('to-read');
    await input.press('Enter');
    await input.press('Escape');
    await expect.poll(() => secondControls.getByRole('button', { name: /Tags/ }).getAttribute('aria-label')).toBe('Tags: diffusion, to-read');
    await expect.poll(() => secondControls.getByRole('button', { name: 'Save' }).getAttribute('aria-pressed')).toBe('true');

    const popup = await session.openPopup();
    const entry = popup.getByRole('row').filter({ hasText: title });
    await expect.poll(() => entry.getByRole('list', { name: 'Tags' }).textContent()).toBe('diffusionto-read');
    await popup.close();
    await page.close();
  });

  test('Hide collapses the card to a stub, and it stays collapsed after a reload', async () => {
    const page = await openDaily(session);
    const third = card(page, 2);
    const thirdControls = await controlsAt(page, 2);
    await thirdControls.getByRole('button', { name: 'Hide' }).click();
    await expect.poll(() => third.getAttribute('data-papershelf-hidden')).toBe('');
    await expect.poll(() => thirdControls.getByRole('button', { name: 'Show' }).count()).toBe(1);
    expect(await third.locator('h3').isVisible()).toBe(false);

    await page.reload();
    const again = card(page, 2);
    const againControls = await controlsAt(page, 2);
    await expect.poll(() => again.getAttribute('data-papershelf-hidden'), { timeout: 10_000 }).toBe('');
    expect(await again.locator('h3').isVisible()).toBe(false);

    await againControls.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => again.getAttribute('data-papershelf-hidden')).toBe(null);
    expect(await again.locator('h3').isVisible()).toBe(true);
    await againControls.getByRole('button', { name: 'Hide' }).click();
    await expect.poll(() => again.getAttribute('data-papershelf-hidden')).toBe('');
    await page.close();
  });

  test('a card the site re-renders gets its controls back exactly once', async () => {
    const page = await openDaily(session);
    // What a Svelte re-render does: the card element is replaced by a fresh copy without our host.
    await page.evaluate(() => {
      const article = document.querySelectorAll('article')[3]!;
      const copy = article.cloneNode(true) as Element;
      copy.querySelector('[data-papershelf-host]')?.remove();
      copy.removeAttribute('data-papershelf-id');
      article.replaceWith(copy);
      // And a card whose controls the site wiped while keeping the element.
      document.querySelectorAll('article')[4]!.querySelector('[data-papershelf-host]')?.remove();
    });
    for (const index of [3, 4]) {
      await expect.poll(() => card(page, index).locator('[data-papershelf-host]').count()).toBe(1);
    }
    await page.waitForTimeout(200);
    expect(await page.locator('[data-papershelf-host]').count()).toBe(await countSiteCards(page));
    await page.close();
  });

  test('the library survives a service-worker stop and a browser restart', async () => {
    let page = await openDaily(session);
    const [fifth, sixth, seventh] = [card(page, 5), card(page, 6), card(page, 7)];
    const [fifthControls, sixthControls, seventhControls] = [await controlsAt(page, 5), await controlsAt(page, 6), await controlsAt(page, 7)];
    const [fifthTitle, sixthTitle] = [await titleOf(fifth), await titleOf(sixth)];
    await fifthControls.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => fifthControls.getByRole('button', { name: 'Save' }).getAttribute('aria-pressed')).toBe('true');
    // The card shows a Save at once; it is stored when the controls are no longer busy.
    await expect.poll(() => fifthControls.locator('.bar').getAttribute('aria-busy')).toBe(null);

    await stopServiceWorkers(page);
    // The worker is gone; the next actions must wake it and still be stored.
    await sixthControls.getByRole('button', { name: 'Save' }).click();
    await seventhControls.getByRole('button', { name: 'Hide' }).click();
    await expect.poll(() => sixthControls.getByRole('button', { name: 'Save' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => seventh.getAttribute('data-papershelf-hidden')).toBe('');
    await expect.poll(() => sixthControls.locator('.bar').getAttribute('aria-busy')).toBe(null);
    await expect.poll(() => seventhControls.locator('.bar.stub').getAttribute('aria-busy')).toBe(null);
    expect(await sixthControls.locator('.problem').count()).toBe(0);
    // Stored: another extension page reads them from the library before the browser goes.
    const before = await session.openPopup();
    for (const title of [fifthTitle, sixthTitle]) {
      await expect.poll(() => before.getByRole('row').filter({ hasText: title }).count()).toBe(1);
    }

    await session.close();
    session = await launch(profile);
    session.serve(DAILY_URL, { body: page_html });

    const popup = await session.openPopup();
    for (const title of [fifthTitle, sixthTitle]) {
      await expect.poll(() => popup.getByRole('row').filter({ hasText: title }).count()).toBe(1);
    }
    page = await openDaily(session);
    await expect.poll(() => card(page, 7).getAttribute('data-papershelf-hidden')).toBe('');
    const fifthAgain = await controlsAt(page, 5);
    await expect.poll(() => fifthAgain.getByRole('button', { name: 'Save' }).getAttribute('aria-pressed')).toBe('true');
  });
});
