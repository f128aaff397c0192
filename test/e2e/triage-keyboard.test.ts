import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_PATH, collectConsoleErrors, readFixture, readLibrary, type Session, launchServing, closeSession } from './harness.ts';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../shared-pages.ts';
import { controls, panel } from './controls.ts';

/**
 * Triage by keyboard alone on a Hugging Face and an arXiv listing, in Chromium with the built
 * extension: move (j/k), save (s), tag (t), hide (h), undo (u), help (?), then the library holds
 * exactly what the keys did. Real captured pages when ../shared/pages is there (required in CI).
 */
const HF_URL = 'https://huggingface.co/papers/date/2026-09-28';
const ARXIV_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';
const HF_HTML = SHARED_PAGES_PRESENT ? readSharedPage('huggingface/papers-daily-2026-09-28.html') : readFixture('huggingface/daily-mini.html');
const ARXIV_HTML = SHARED_PAGES_PRESENT ? readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html') : readFixture('arxiv/list-new-mini.html');

/** The cards in page order, by the id Papershelf put on them (the arXiv `dd`, the HF `article`). */
const cardIds = (page: Page) =>
  page.evaluate(() => Array.from(document.querySelectorAll('[data-papershelf-id]:has(> [data-papershelf-host])'), (card) => card.getAttribute('data-papershelf-id')!));
const currentId = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-papershelf-current]:has(> [data-papershelf-host])')?.getAttribute('data-papershelf-id') ?? null);
const card = (page: Page, id: string) => page.locator(`[data-papershelf-id="${id}"]:has(> [data-papershelf-host])`);
const panelText = (page: Page) => panel(page).locator('.panel').evaluate<string>('(element) => element.innerText');

async function open(session: Session, url: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(url);
  await expect.poll(() => page.locator('[data-papershelf-host]').count(), { timeout: 10_000 }).toBeGreaterThan(2);
  // The keymap arrives with the page context, a moment after the controls.
  await expect.poll(async () => {
    await page.keyboard.press('?');
    const open = await panel(page).getByRole('dialog', { name: 'Papershelf keys' }).isVisible();
    if (open) await page.keyboard.press('Escape');
    return open;
  }, { timeout: 10_000 }).toBe(true);
  return page;
}

describe.skipIf(!BROWSER_PATH)('keyboard triage', () => {
  let session: Session;
  beforeAll(async () => (session = await launchServing({ [HF_URL]: HF_HTML, [ARXIV_URL]: ARXIV_HTML })));
  afterAll(() => closeSession(session));

  test('on Hugging Face: move, save, tag, hide, undo, all from the keyboard', async () => {
    const page = await open(session, HF_URL);
    const errors = collectConsoleErrors(page);
    const ids = await cardIds(page);
    expect(ids.length).toBeGreaterThan(3);

    await page.keyboard.press('j');
    expect(await currentId(page)).toBe(ids[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await currentId(page)).toBe(ids[1]);
    // Focus is on the current card's first control: visible focus, and Enter/Space work as usual.
    expect(await controls(page, ids[1]!).button('Save').evaluate('(button) => document.activeElement === button.getRootNode().host && button.getRootNode().activeElement === button')).toBe(true);

    await page.keyboard.press('s');
    await expect.poll(() => controls(page, ids[1]!).getByRole('button', { name: 'Save' }).getAttribute('aria-pressed')).toBe('true');

    await page.keyboard.press('t');
    const input = controls(page, ids[1]!).getByRole('combobox');
    await expect.poll(() => input.evaluate('(element) => element === element.getRootNode().activeElement')).toBe(true);
    await page.keyboard.type('to-read');
    await page.keyboard.press('Enter');
    // Keys typed into the tag field are text, not commands: "to-read" holds j, k, h, t, s... none fired.
    expect(await currentId(page)).toBe(ids[1]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => controls(page, ids[1]!).getByRole('button', { name: /^Tags: to-read$/ }).count()).toBe(1);

    await page.keyboard.press('j');
    expect(await currentId(page)).toBe(ids[2]);
    await page.keyboard.press('h');
    await expect.poll(() => card(page, ids[2]!).getAttribute('data-papershelf-hidden')).toBe('');
    // Hiding moves on to the next paper and offers Undo at once.
    expect(await currentId(page)).toBe(ids[3]);
    await expect.poll(() => panelText(page)).toContain('Hid “');
    expect(await panel(page).getByRole('button', { name: 'Undo' }).isVisible()).toBe(true);
    await expect.poll(() => panelText(page)).toContain('1 hidden');

    await page.keyboard.press('u');
    await expect.poll(() => card(page, ids[2]!).getAttribute('data-papershelf-hidden')).toBe(null);
    await expect.poll(() => panelText(page)).toContain('Undone');

    // The keys stay out of the way of the page's own fields.
    await page.evaluate(() => {
      const field = document.createElement('input');
      field.id = 'site-search';
      document.body.prepend(field);
    });
    await page.locator('#site-search').focus();
    await page.keyboard.type('jjsh');
    expect(await page.locator('#site-search').inputValue()).toBe('jjsh');
    expect(await currentId(page)).toBe(ids[3]);
    expect(await controls(page, ids[3]!).getByRole('button', { name: 'Save' }).getAttribute('aria-pressed')).toBe('false');

    const library = await readLibrary(session);
    const saved = library.find((paper) => paper.id === `arxiv:${ids[1]}`);
    expect(saved).toMatchObject({ tags: ['to-read'] });
    expect(saved?.savedAt).toBeTypeOf('number');
    expect(library.find((paper) => paper.id === `arxiv:${ids[2]}`)?.hiddenAt).toBeUndefined();
    expect(library.filter((paper) => paper.savedAt !== undefined).map((paper) => paper.id)).toEqual([`arxiv:${ids[1]}`]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('on arXiv: the dt and dd of a hidden entry go together, undo brings them back, ? lists the keys', async () => {
    const page = await open(session, ARXIV_URL);
    const ids = await cardIds(page);
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await page.keyboard.press('j');
    await page.keyboard.press('h');
    await expect.poll(() => page.locator(`dt[data-papershelf-id="${ids[1]}"]`).getAttribute('data-papershelf-hidden')).toBe('companion');
    expect(await page.locator(`dt[data-papershelf-id="${ids[1]}"]`).isVisible()).toBe(false);
    expect(await currentId(page)).toBe(ids[2]);
    await page.keyboard.press('h');
    await expect.poll(() => panelText(page)).toContain('2 hidden');
    await page.keyboard.press('u');
    await expect.poll(() => panelText(page)).toContain('1 hidden');
    await expect.poll(() => card(page, ids[2]!).getAttribute('data-papershelf-hidden')).toBe(null);

    await page.keyboard.press('?');
    const help = panel(page).getByRole('dialog', { name: 'Papershelf keys' });
    expect(await help.isVisible()).toBe(true);
    const keys = await panel(page).locator('.help kbd').allTextContents();
    for (const key of ['j', 'k', 's', 'h', 't', 'u', '?']) expect(keys.filter((text) => text.includes(key)).length).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    expect(await help.isVisible()).toBe(false);

    const library = await readLibrary(session);
    expect(library.find((paper) => paper.id === `arxiv:${ids[0]}`)?.savedAt).toBeTypeOf('number');
    expect(library.find((paper) => paper.id === `arxiv:${ids[1]}`)?.hiddenAt).toBeTypeOf('number');
    expect(library.find((paper) => paper.id === `arxiv:${ids[2]}`)?.hiddenAt).toBeUndefined();
    await page.close();
  });

  test('the keymap can be turned off in the library settings, and listing pages follow without a reload', async () => {
    const page = await open(session, ARXIV_URL);
    await page.keyboard.press('j');
    expect(await currentId(page)).not.toBe(null);
    const { page: settings } = await session.openLibrary();
    const toggle = settings.getByRole('checkbox', { name: /Keyboard shortcuts on listing pages/ });
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    // The push alone takes the keyboard outline away (the tab is neither reloaded nor touched).
    await expect.poll(() => currentId(page), { timeout: 10_000 }).toBe(null);
    await page.bringToFront();
    await page.keyboard.press('j');
    expect(await currentId(page)).toBe(null);
    await page.keyboard.press('?');
    expect(await panel(page).getByRole('dialog', { name: 'Papershelf keys' }).isVisible()).toBe(false);
    await toggle.check();
    await expect.poll(async () => {
      await page.keyboard.press('j');
      return currentId(page);
    }, { timeout: 10_000 }).not.toBe(null);
    await settings.close();
    await page.close();
  });
});
