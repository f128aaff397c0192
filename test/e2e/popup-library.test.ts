import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BROWSER_PATH, collectConsoleErrors, launch, readFixture, readLibrary, removeProfile, type Session } from './harness.ts';
import { controls } from './controls.ts';

/**
 * The popup as a library: search as you type, tag filters (all/any), saved/hidden views, sorting,
 * keyboard navigation, tags edited in place, delete with Undo, and a Save in a listing tab showing
 * in the open popup without reopening it. The library is seeded through the extension's own import
 * request, from an extension page, as the library page does.
 */
const HF_URL = 'https://huggingface.co/papers/date/2026-09-28';
const T = 1_780_000_000_000;

interface Seed {
  id: string;
  title: string;
  authors: string[];
  abstract: string;
  publishedAt: string;
  tags: string[];
  savedAt?: number;
  hiddenAt?: number;
}

const SEEDS: Seed[] = [
  { id: '2401.00001', title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer'], abstract: 'The dominant sequence transduction models are recurrent.', publishedAt: '2017-06-12', tags: ['LLM', 'classic'], savedAt: T + 1 },
  { id: '2401.00002', title: 'BERT: Pre-training of Deep Bidirectional Transformers', authors: ['Jacob Devlin'], abstract: 'A new language representation model.', publishedAt: '2018-10-11', tags: ['LLM'], savedAt: T + 2 },
  { id: '2401.00003', title: 'Vision Transformers at Scale', authors: ['Alexey Dosovitskiy'], abstract: 'Image recognition with transformers.', publishedAt: '2020-10-22', tags: ['vision', 'classic'], savedAt: T + 3 },
  { id: '2401.00004', title: 'Diffusion Models Beat GANs', authors: ['Prafulla Dhariwal'], abstract: 'Image synthesis with diffusion.', publishedAt: '2021-05-11', tags: ['vision'], savedAt: T + 4 },
  { id: '2401.00005', title: 'Graph Networks by Zoë', authors: ['Zoë Müller'], abstract: 'Message passing on graphs.', publishedAt: '2019-01-01', tags: [], savedAt: T + 5 },
  { id: '2401.00006', title: 'A Hidden Paper About Cryptography', authors: ['Eve Hidden'], abstract: 'Ciphers.', publishedAt: '2022-02-02', tags: [], hiddenAt: T + 6 },
  { id: '2401.00007', title: 'Another Hidden Paper', authors: ['Mallory Hidden'], abstract: 'Noise.', publishedAt: '2022-03-03', tags: [], hiddenAt: T + 7 },
];
const title = (id: string) => SEEDS.find((seed) => seed.id === id)!.title;

describe.skipIf(!BROWSER_PATH)('the popup library', () => {
  let session: Session;
  let popup: Page;
  let errors: string[];

  const search = () => popup.getByRole('searchbox', { name: 'Search papers' });
  const grid = () => popup.getByRole('grid', { name: 'Papers' });
  const titles = () => grid().locator('.paper-title').allTextContents();
  const row = (id: string): Locator => grid().getByRole('row').filter({ has: popup.getByRole('link', { name: title(id), exact: true }) });
  const chip = (tag: string) => popup.getByRole('group', { name: 'Filter by tags' }).getByRole('button', { name: new RegExp(`^${tag} `) });
  const count = (text: string) => popup.getByText(text, { exact: true }).waitFor();
  const focusedRow = () => popup.evaluate(() => document.activeElement?.closest('[role="row"]')?.querySelector('.paper-title')?.textContent ?? null);
  const record = async (id: string) => (await readLibrary(session)).find((paper) => paper.id === `arxiv:${id}`);

  beforeAll(async () => {
    session = await launch();
    session.serve(HF_URL, { body: readFixture('huggingface/daily-mini.html') });
    for (const seed of SEEDS) session.serve(`https://arxiv.org/abs/${seed.id}`, { body: `<title>${seed.title}</title>` });

    const page = await session.openPopup();
    const papers = SEEDS.map(({ id, title, authors, abstract, publishedAt, tags, savedAt, hiddenAt }) => ({
      entry: id,
      // The extension's pages name papers by PaperId.
      metadata: { id: `arxiv:${id}`, title, authors, abstract, publishedAt },
      tags,
      saved: savedAt !== undefined,
      ...(savedAt !== undefined ? { savedAt } : {}),
      ...(hiddenAt !== undefined ? { hiddenAt } : {}),
    }));
    type Runtime = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
    const reply = await page.evaluate((papers) => (globalThis as unknown as Runtime).chrome.runtime.sendMessage({ type: 'ui:import', papers, mode: 'merge' }), papers);
    expect(reply).toMatchObject({ ok: true, result: { new: 7 } });
    await page.close();

    popup = await session.openPopup();
    errors = collectConsoleErrors(popup);
    await count('5 of 5 saved papers');
  });
  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.userDataDir);
  });

  test('lists the saved papers newest first, with the search box focused', async () => {
    expect(await titles()).toEqual(['2401.00005', '2401.00004', '2401.00003', '2401.00002', '2401.00001'].map(title));
    expect(await search().evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await grid().getAttribute('aria-rowcount')).toBe('5');
    await expect.poll(() => popup.getByRole('button', { name: /^Export BibTeX/ }).textContent()).toBe('Export BibTeX: all 5 saved');
  });

  test('search as you type: any field, every word, accents and case ignored, arXiv ids in any form', async () => {
    await search().fill('transformers');
    await count('2 of 5 saved papers');
    expect(await titles()).toEqual([title('2401.00003'), title('2401.00002')]);
    await search().fill('IMAGE diffusion'); // abstract + title, both words
    await count('1 of 5 saved papers');
    expect(await titles()).toEqual([title('2401.00004')]);
    await search().fill('muller zoe');
    await count('1 of 5 saved papers');
    await search().fill('arXiv:2401.00001v3');
    await count('1 of 5 saved papers');
    expect(await titles()).toEqual([title('2401.00001')]);
    await search().fill('no paper says this');
    await count('0 of 5 saved papers');
    await popup.getByText('No papers match “no paper says this”.').waitFor();
    await popup.getByRole('button', { name: 'Clear search and tags' }).click();
    await count('5 of 5 saved papers');
    expect(await popup.getByRole('button', { name: /^Export BibTeX/ }).textContent()).toBe('Export BibTeX: all 5 saved');
  });

  test('filter by tags: all of them, or any', async () => {
    await chip('classic').click();
    await count('2 of 5 saved papers');
    expect(await titles()).toEqual([title('2401.00003'), title('2401.00001')]);
    await chip('vision').click();
    expect(await chip('vision').getAttribute('aria-pressed')).toBe('true');
    await count('1 of 5 saved papers'); // classic and vision
    expect(await titles()).toEqual([title('2401.00003')]);
    expect(await popup.getByRole('button', { name: /^Export BibTeX/ }).textContent()).toBe('Export BibTeX: 1 shown');
    await popup.getByRole('radio', { name: 'Any tag' }).check();
    await count('3 of 5 saved papers'); // classic or vision
    expect(await titles()).toEqual([title('2401.00004'), title('2401.00003'), title('2401.00001')]);
    // Tags and text together.
    await search().fill('attention');
    await count('1 of 5 saved papers');
    await search().fill('');
    await chip('classic').click();
    await chip('vision').click();
    await count('5 of 5 saved papers');
  });

  test('sorts by title, by date published, and by date saved', async () => {
    const sort = popup.getByRole('combobox', { name: 'Sort' });
    await sort.selectOption({ label: 'Title, A to Z' });
    await expect.poll(titles).toEqual([title('2401.00001'), title('2401.00002'), title('2401.00004'), title('2401.00005'), title('2401.00003')]);
    await sort.selectOption({ label: 'Date published, oldest first' });
    await expect.poll(titles).toEqual(['2401.00001', '2401.00002', '2401.00005', '2401.00003', '2401.00004'].map(title));
    await sort.selectOption({ label: 'Date saved, newest first' });
    await expect.poll(titles).toEqual(['2401.00005', '2401.00004', '2401.00003', '2401.00002', '2401.00001'].map(title));
  });

  test('shows hidden papers, or every paper, saying which is which', async () => {
    const show = popup.getByRole('group', { name: 'Show' });
    await show.getByRole('radio', { name: /^Hidden/ }).check();
    await count('2 of 2 hidden papers');
    expect(await titles()).toEqual([title('2401.00007'), title('2401.00006')]);
    expect(await row('2401.00007').textContent()).toContain('Hidden');
    await show.getByRole('radio', { name: /^All/ }).check();
    await count('7 of 7 papers');
    await show.getByRole('radio', { name: /^Saved/ }).check();
    await count('5 of 5 saved papers');
  });

  test('the keyboard: ArrowDown from the search box into the list, arrows between rows, Enter opens the paper', async () => {
    await search().focus();
    await search().press('ArrowDown');
    expect(await focusedRow()).toBe(title('2401.00005'));
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowDown');
    expect(await focusedRow()).toBe(title('2401.00003'));
    await popup.keyboard.press('End');
    expect(await focusedRow()).toBe(title('2401.00001'));
    await popup.keyboard.press('Home');
    expect(await focusedRow()).toBe(title('2401.00005'));
    const [tab] = await Promise.all([session.context.waitForEvent('page'), popup.keyboard.press('Enter')]);
    // A tab the extension opens starts loading before Playwright's routes cover it, so its first
    // load fails offline; the error page keeps the address it was opened for, and a reload shows it.
    await tab.waitForLoadState();
    if (tab.url().startsWith('chrome-error:')) await tab.reload();
    await expect.poll(() => tab.url()).toBe('https://arxiv.org/abs/2401.00005');
    await tab.close();
  });

  test('c copies the BibTeX of the focused paper', async () => {
    await popup.bringToFront();
    // Reading the clipboard back needs a permission an extension origin cannot be granted here:
    // the real writeText runs, and the test notes what it was given.
    await popup.evaluate(() => {
      const write = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (text: string) => {
        (window as unknown as { copied: string }).copied = text;
        return write(text);
      };
    });
    await search().focus();
    await search().press('ArrowDown');
    await popup.keyboard.press('c');
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Copied the BibTeX of arXiv:2401.00005.');
    const copied = await popup.evaluate(() => (window as unknown as { copied: string }).copied);
    expect(copied).toMatch(/^@misc\{/);
    expect(copied).toContain('eprint = {2401.00005}');
    expect(await row('2401.00005').getByRole('button', { name: `Copy BibTeX for ${title('2401.00005')}` }).textContent()).toBe('Copied');
  });

  test('t edits the tags of the focused paper with suggestions; the library and the list follow', async () => {
    await search().focus();
    await search().press('ArrowDown');
    await popup.keyboard.press('ArrowDown'); // Diffusion Models Beat GANs
    await popup.keyboard.press('t');
    const dialog = popup.getByRole('dialog', { name: `Tags for ${title('2401.00004')}` });
    const input = dialog.getByRole('combobox', { name: 'Add a tag' });
    await input.fill('cla');
    // The library's tags are suggested; Enter on the highlighted one adds it in the library's spelling.
    await dialog.getByRole('option', { name: /^classic/ }).waitFor();
    await input.press('ArrowDown');
    await input.press('Enter');
    await input.fill('Generative');
    await input.press('Enter');
    await expect.poll(async () => (await record('2401.00004'))?.tags).toEqual(['vision', 'classic', 'Generative']);
    await expect.poll(() => row('2401.00004').getByRole('list', { name: 'Tags' }).textContent()).toBe('visionclassicGenerative');
    // Removing one.
    await dialog.getByRole('button', { name: 'Remove tag vision' }).click();
    await expect.poll(async () => (await record('2401.00004'))?.tags).toEqual(['classic', 'Generative']);
    await input.press('Escape');
    await input.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await focusedRow()).toBe(title('2401.00004'));
    await chip('Generative').waitFor();
  });

  test('Delete removes the focused paper; Undo puts it back exactly', async () => {
    const before = await record('2401.00003');
    expect(before).toBeDefined();
    await row('2401.00003').focus();
    await popup.keyboard.press('Delete');
    await count('4 of 4 saved papers');
    expect(await titles()).not.toContain(title('2401.00003'));
    expect(await record('2401.00003')).toBeUndefined();
    const status = popup.getByRole('status');
    expect(await status.textContent()).toContain(`Deleted “${title('2401.00003')}”.`);
    // The focus stays in the list, on the paper that took the deleted one's place.
    expect(await focusedRow()).toBe(title('2401.00002'));

    await status.getByRole('button', { name: 'Undo' }).click();
    await count('5 of 5 saved papers');
    await expect.poll(() => status.textContent()).toBe(`Restored “${title('2401.00003')}”.`);
    expect(await record('2401.00003')).toEqual(before);
    expect(await titles()).toContain(title('2401.00003'));

    // The row's own Delete button does the same.
    await row('2401.00001').getByRole('button', { name: `Delete ${title('2401.00001')}` }).click();
    await count('4 of 4 saved papers');
    await status.getByRole('button', { name: 'Undo' }).click();
    await count('5 of 5 saved papers');
  });

  test('a Save in a listing tab shows in the open popup, and a delete in the popup shows in the tab', async () => {
    const listing = await session.context.newPage();
    await listing.goto(HF_URL);
    const save = controls(listing, '2609.00001').getByRole('button', { name: 'Save' });
    await expect.poll(() => save.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false');
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');

    // The popup was not reloaded: it follows the write.
    await count('6 of 6 saved papers');
    expect((await titles())[0]).toBe('Alpha: A Test Paper for Card Reading');

    // And back: deleting it in the popup unsaves it on the listing, which was not reloaded either.
    await popup.getByRole('button', { name: 'Delete Alpha: A Test Paper for Card Reading' }).click();
    await count('5 of 5 saved papers');
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('false');
    await listing.close();
    expect(errors).toEqual([]);
  });
});
