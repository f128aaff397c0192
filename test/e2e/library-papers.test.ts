import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BROWSER_PATH, launch, readLibrary, type Session, closeSession } from './harness.ts';

/**
 * The library page's Papers section: search the saved papers, edit a citation key in a paper's
 * details (the background refuses a key another paper holds, and the page says so for that
 * paper), and export a hand-made selection.
 */
const LIBRARY_BIB = resolve(import.meta.dirname, '..', 'fixtures', 'import', 'library.bib');

type LibraryRecord = Record<string, unknown> & { id: string; title: string; citationKey?: string };

describe.skipIf(!BROWSER_PATH)('the library page: Papers', () => {
  let session: Session;
  let page: Page;
  let errors: string[];
  let library: LibraryRecord[];

  const section = () => page.getByRole('region', { name: 'Papers', exact: true });
  const search = () => section().getByRole('searchbox', { name: 'Search papers' });
  const grid = () => section().getByRole('grid', { name: 'Papers' });
  const rows = () => grid().getByRole('row');
  const titles = () => grid().locator('.paper-title').allTextContents();
  const bulk = () => section().getByRole('group', { name: 'Selection' });
  const details = () => section().getByRole('region', { name: 'Paper details' });
  const countLine = (text: string) => section().getByText(text, { exact: true }).waitFor();
  /** The tests name papers by their arXiv ids; the library stores them under PaperIds. */
  const stored = (id: string) => `arxiv:${id}`;
  const paper = (id: string) => library.find((record) => record.id === stored(id))!;
  const row = (id: string): Locator => rows().filter({ has: page.getByRole('link', { name: paper(id).title, exact: true }) });
  const checkbox = (id: string) => section().getByRole('checkbox', { name: `Select ${paper(id).title}`, exact: true });
  const keyInput = (id: string) => details().getByRole('textbox', { name: `Citation key for ${paper(id).title}`, exact: true });
  const keyOf = async (id: string) => ((await readLibrary(session)) as LibraryRecord[]).find((record) => record.id === stored(id))?.citationKey;

  /** Lists the one paper and opens its details. */
  async function openDetails(id: string): Promise<void> {
    await search().fill(id);
    await expect.poll(() => rows().count()).toBe(1);
    await row(id).getByRole('button', { name: `Details for ${paper(id).title}` }).click();
    await details().getByRole('heading', { name: paper(id).title }).waitFor();
  }

  beforeAll(async () => {
    session = await launch();
    ({ page, errors } = await session.openLibrary());
    // Imported through the page, as a user would.
    await page.getByLabel('Import a file').setInputFiles(LIBRARY_BIB);
    await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: /^Import \d+ papers$/ }).click();
    await page.getByRole('status').filter({ hasText: /^Imported: \d+ new, 0 merged\.$/ }).waitFor();
    library = (await readLibrary(session)) as LibraryRecord[];
  });
  afterAll(() => closeSession(session));

  test('the section lists every saved paper, and the search narrows it', async () => {
    const total = library.length;
    expect(total).toBeGreaterThan(5);
    expect(await section().getByRole('heading', { name: 'Papers', exact: true }).count()).toBe(1);
    await countLine(`${total} of ${total} saved papers`);
    expect(await grid().getAttribute('aria-rowcount')).toBe(String(total));

    // By id.
    await search().fill('1706.03762');
    await countLine(`1 of ${total} saved papers`);
    expect(await rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain(paper('1706.03762').title);
    // By title, ignoring case.
    await search().fill(paper('1810.04805').title.slice(0, 20).toUpperCase());
    await expect.poll(() => rows().count()).toBe(1);
    expect(await row('1810.04805').count()).toBe(1);
    // By tag: "classic" is only a tag in the fixture.
    const tagged = library.filter((record) => (record.tags as string[]).includes('classic'));
    expect(tagged.map((record) => record.id)).toContain(stored('1706.03762'));
    expect(library.filter((record) => JSON.stringify(record).toLowerCase().includes('classic')).length).toBe(tagged.length);
    await search().fill('CLASSIC');
    await expect.poll(() => rows().count()).toBe(tagged.length);
    expect(await row('1706.03762').count()).toBe(1);
    // Every word must match, anywhere.
    await search().fill('vaswani 1706');
    await expect.poll(() => rows().count()).toBe(1);
    await search().fill('vaswani 1810');
    await countLine(`0 of ${total} saved papers`);
    expect(await rows().count()).toBe(0);
    // By author.
    await search().fill('devlin');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await row('1810.04805').count()).toBe(1);
    // Nothing.
    await search().fill('no paper is called this');
    await countLine(`0 of ${total} saved papers`);
    await section().getByText('No papers match “no paper is called this”.').waitFor();
    await search().fill('');
    await countLine(`${total} of ${total} saved papers`);
  });

  test('a new citation key is saved with Enter; an invalid one is refused on the page', async () => {
    await openDetails('1706.03762');
    const input = keyInput('1706.03762');
    expect(await input.inputValue()).toBe(paper('1706.03762').citationKey);
    await input.fill('vaswani2017new');
    await input.press('Enter');
    await details().getByRole('status').filter({ hasText: 'Key saved' }).waitFor();
    await expect.poll(() => keyOf('1706.03762')).toBe('vaswani2017new');
    expect(await input.inputValue()).toBe('vaswani2017new');

    await input.fill('has a space');
    await details().getByRole('button', { name: 'Save key' }).click();
    const alert = details().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('The key was not saved: the key may hold letters, digits and _ : . - only.');
    expect(await keyOf('1706.03762')).toBe('vaswani2017new');
    await input.fill('vaswani2017new'); // back as it is stored
    expect(await alert.count()).toBe(0);
  });

  test('a key another paper holds is refused by the background, shown for that paper, and changes nothing', async () => {
    const before = await readLibrary(session);
    const bertKey = paper('1810.04805').citationKey;
    await openDetails('1810.04805');
    await keyInput('1810.04805').fill('vaswani2017new');
    await details().getByRole('button', { name: 'Save key' }).click();
    const alert = details().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('The key was not saved. The key "vaswani2017new" is already used by arXiv:1706.03762.');
    expect(await readLibrary(session)).toEqual(before);
    expect(await keyOf('1810.04805')).toBe(bertKey);
    // Another paper's details start with no message.
    await openDetails('1706.03762');
    expect(await details().getByRole('alert').count()).toBe(0);
    await details().getByRole('button', { name: 'Close details' }).click();
  });

  test('two selected papers export as exactly those two entries, with their keys, in list order', async () => {
    const exportButton = bulk().getByRole('button', { name: /^Export \d+ selected$/ });
    expect(await exportButton.textContent()).toBe('Export 0 selected');
    expect(await exportButton.isDisabled()).toBe(true);

    // Selected through two searches: a selection outlives the search that showed it.
    await search().fill('1810.04805');
    await checkbox('1810.04805').check();
    await search().fill('1706.03762');
    await checkbox('1706.03762').check();
    expect(await exportButton.textContent()).toBe('Export 2 selected');
    expect(await exportButton.isEnabled()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^papershelf-\d{4}-\d{2}-\d{2}\.bib$/);
    const text = readFileSync(await download.path(), 'utf8');
    const keys = [...text.matchAll(/^@\w+\{([^,]+),/gm)].map((match) => match[1]);
    // List order is newest saved first, as the rows show: both are listed by "transformers".
    await search().fill('transformers');
    await expect.poll(() => rows().count()).toBeGreaterThanOrEqual(2);
    const listed = await titles();
    const order = ['1706.03762', '1810.04805'].sort((a, b) => listed.indexOf(paper(a).title) - listed.indexOf(paper(b).title));
    expect(order.map((id) => listed.indexOf(paper(id).title))).not.toContain(-1);
    const expectedKeys = order.map((id) => (id === '1706.03762' ? 'vaswani2017new' : paper(id).citationKey));
    expect(keys).toEqual(expectedKeys);
    expect(text).toContain('eprint = {1706.03762}');
    expect(text).toContain('eprint = {1810.04805}');
    await section().getByRole('status').filter({ hasText: /^Exported 2 papers to papershelf-.*\.bib\.$/ }).waitFor();

    // Select all matching follows the search; Clear empties the selection.
    await search().fill('devlin');
    await bulk().getByRole('button', { name: 'Select all 1 matching' }).click();
    expect(await exportButton.textContent()).toBe('Export 2 selected'); // BERT was selected already
    await search().fill('');
    await bulk().getByRole('button', { name: `Select all ${library.length} matching` }).click();
    expect(await exportButton.textContent()).toBe(`Export ${library.length} selected`);
    await bulk().getByRole('button', { name: 'Clear selection' }).click();
    expect(await exportButton.textContent()).toBe('Export 0 selected');
    expect(await exportButton.isDisabled()).toBe(true);
  });

  test('every result is counted and reachable, but only the rows in view are rendered', async () => {
    const bib = Array.from({ length: 120 }, (_, index) => {
      const id = `2403.${String(index + 1).padStart(5, '0')}`;
      return `@misc{bulk${index + 1}, title = {Bulk Paper ${index + 1}}, author = {Roe, Richard}, eprint = {${id}}, archivePrefix = {arXiv}}`;
    }).join('\n\n');
    await page.getByLabel('Import a file').setInputFiles({ name: 'bulk.bib', mimeType: 'text/x-bibtex', buffer: Buffer.from(bib) });
    await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Import 120 papers' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported: 120 new, 0 merged.' }).waitFor();
    const total = library.length + 120;
    await countLine(`${total} of ${total} saved papers`);
    expect(await grid().getAttribute('aria-rowcount')).toBe(String(total));
    expect(await rows().count()).toBeLessThan(20);
    await search().fill('bulk paper');
    await countLine(`120 of ${total} saved papers`);
    expect(await bulk().getByRole('button', { name: 'Select all 120 matching' }).count()).toBe(1);
    // The last row is reached with End, and rendered then.
    await rows().first().focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'))).toBe('120');
    await search().fill('bulk paper 11');
    // 11 and 110-119.
    await countLine(`11 of ${total} saved papers`);
    expect(await grid().getAttribute('aria-rowcount')).toBe('11');
    expect(errors).toEqual([]);
  });
});
