import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../shared-pages.ts';
import { demoPages } from '../../scripts/demo-site.ts';
import { FIREFOX_PATH, cardIds, clickControl, closeFirefoxSession, currentId, launchFirefoxSession, readControls, readFixture, readLibrary, type FirefoxSession } from './harness.ts';

/**
 * Papershelf in Debian's firefox-esr on the real captured pages at their real URLs: every card gets
 * one control group; Save (a trusted click on a control inside its shadow root, closed or open)
 * shows in the popup with its authors; Tags and keyboard triage (j/k/s/h/u); a Hide survives a reload.
 */
const HF_URL = 'https://huggingface.co/papers/date/2026-09-28';
const ARXIV_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';
const HF_HTML = SHARED_PAGES_PRESENT ? readSharedPage('huggingface/papers-daily-2026-09-28.html') : readFixture('huggingface/daily-mini.html');
const ARXIV_HTML = SHARED_PAGES_PRESENT ? readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html') : readFixture('arxiv/list-new-mini.html');

/** How many papers the page lists, counted from its own links, independently of Papershelf. */
const listedOnHuggingFace = (page: Page) =>
  page.evaluate(() => new Set(Array.from(document.querySelectorAll('article h3 a[href^="/papers/"]'), (link) => link.getAttribute('href'))).size);
const listedOnArxiv = (page: Page) => page.evaluate(() => document.querySelectorAll('#dlpage dl dt a[title="Abstract"]').length);

async function pageWithControls(session: FirefoxSession, url: string): Promise<Page> {
  const page = await session.openPage(url);
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-papershelf-host]').length), { timeout: 20_000 }).toBeGreaterThan(2);
  return page;
}

describe.skipIf(!FIREFOX_PATH)('listing pages in Firefox', () => {
  let session: FirefoxSession;
  beforeAll(async () => (session = await launchFirefoxSession({ [HF_URL]: HF_HTML, [ARXIV_URL]: ARXIV_HTML, ...Object.fromEntries(demoPages()) })));
  afterAll(() => closeFirefoxSession(session));

  test('every card of the Hugging Face daily page and the arXiv /new page gets exactly one control group', async () => {
    for (const [url, listed] of [[HF_URL, listedOnHuggingFace], [ARXIV_URL, listedOnArxiv]] as const) {
      const page = await pageWithControls(session, url);
      const expected = await listed(page);
      await expect.poll(() => cardIds(page)).toHaveLength(expected);
      const ids = await cardIds(page);
      expect(new Set(ids).size).toBe(expected);
      // One host per card, each holding one group with Save, Tags and Hide.
      expect(await page.evaluate(() => Array.from(document.querySelectorAll('[data-papershelf-id]'), (card) => card.querySelectorAll(':scope > [data-papershelf-host]').length).filter((count) => count > 1).length)).toBe(0);
      for (const id of [ids[0]!, ids.at(-1)!]) {
        const controls = await readControls(session, page, id);
        expect(controls.groups).toBe(1);
        expect(controls.buttons.map((button) => button.text)).toEqual(['Save', 'Tags', 'Hide']);
      }
      await page.close();
    }
  });

  test("the sample pages of npm start's demo mode get their controls on every card", async () => {
    for (const [url, expected] of [...demoPages().keys()].map((url) => [url, 6] as const)) {
      const page = await pageWithControls(session, url);
      await expect.poll(() => cardIds(page)).toHaveLength(expected);
      await page.close();
    }
  });

  test('Save with a trusted click shows in the popup with its authors; Tags from the keyboard', async () => {
    const page = await pageWithControls(session, HF_URL);
    const [first] = await cardIds(page);
    await clickControl(session, page, first!, 'Save');
    await expect.poll(async () => (await readControls(session, page, first!)).buttons[0]?.pressed).toBe('true');

    // A page script's click reaches the same button only through an open root, and is untrusted anyway.
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('[data-papershelf-host]')[1]?.shadowRoot?.querySelector('button')?.click());

    // The clicked card is the one the keys act on.
    await expect.poll(() => currentId(page)).toBe(first);
    await page.keyboard.press('t');
    await expect.poll(async () => (await readControls(session, page, first!)).focused).toBe('combobox');
    await page.keyboard.type('to-read');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await readControls(session, page, first!)).buttons[1]?.label).toBe('Tags: to-read');

    const library = await readLibrary(session);
    const saved = library.filter((paper) => paper.savedAt !== undefined);
    expect(saved.map((paper) => paper.id)).toEqual([`arxiv:${first}`]);
    expect(saved[0]).toMatchObject({ tags: ['to-read'] });
    const authors = saved[0]!.authors as string[];
    expect(authors.length).toBeGreaterThan(0);

    const popup = await session.openExtensionPage('popup.html');
    await expect.poll(() => popup.evaluate(() => document.querySelectorAll('.paper-title').length)).toBe(1);
    const row = await popup.evaluate(() => document.querySelector('[role="row"]')?.textContent ?? '');
    expect(row).toContain(saved[0]!.title as string);
    expect(row).toContain(authors[0]!);
    await popup.close();
    await page.close();
  });

  test('keyboard triage j/k/s/h/u on arXiv, and a Hide survives a reload', async () => {
    const page = await pageWithControls(session, ARXIV_URL);
    const ids = await cardIds(page);
    // The keymap arrives with the page context, a moment after the controls.
    await expect.poll(async () => {
      await page.keyboard.press('j');
      return currentId(page);
    }).not.toBe(null);
    expect(await currentId(page)).toBe(ids[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await currentId(page)).toBe(ids[1]);
    await page.keyboard.press('s');
    await expect.poll(async () => (await readControls(session, page, ids[1]!)).buttons[0]?.pressed).toBe('true');
    await page.keyboard.press('j');
    await page.keyboard.press('h');
    const hidden = (id: string) => page.evaluate((id) => document.querySelector(`dd[data-papershelf-id="${id}"]`)?.getAttribute('data-papershelf-hidden') ?? null, id);
    await expect.poll(() => hidden(ids[2]!)).toBe('');
    expect(await currentId(page)).toBe(ids[3]);
    await page.keyboard.press('h');
    await expect.poll(() => hidden(ids[3]!)).toBe('');
    await page.keyboard.press('u');
    await expect.poll(() => hidden(ids[3]!)).toBe(null);

    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-papershelf-host]').length), { timeout: 20_000 }).toBeGreaterThan(2);
    await expect.poll(() => hidden(ids[2]!)).toBe('');
    expect(await hidden(ids[3]!)).toBe(null);
    expect((await readControls(session, page, ids[2]!)).buttons.map((button) => button.text)).toEqual(['Show']);
    expect((await readControls(session, page, ids[1]!)).buttons[0]?.pressed).toBe('true');

    const library = await readLibrary(session);
    expect(library.find((paper) => paper.id === `arxiv:${ids[1]}`)?.savedAt).toBeTypeOf('number');
    expect(library.find((paper) => paper.id === `arxiv:${ids[2]}`)?.hiddenAt).toBeTypeOf('number');
    expect(library.find((paper) => paper.id === `arxiv:${ids[3]}`)?.hiddenAt).toBeUndefined();
    await page.close();
  });
});
