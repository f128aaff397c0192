import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BROWSER_PATH, collectConsoleErrors, launch, readLibrary, removeProfile, type Session } from './harness.ts';

/**
 * The library page's Papers section: search the saved papers, edit a citation key (the background
 * refuses a key another paper holds, and the page says so on that row), and export a hand-made
 * selection.
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
  const rows = () => section().getByRole('list', { name: 'Matching papers' }).getByRole('listitem');
  const paper = (id: string) => library.find((record) => record.id === id)!;
  const row = (id: string): Locator => rows().filter({ has: page.getByRole('checkbox', { name: `Select ${paper(id).title}`, exact: true }) });
  const keyInput = (id: string) => section().getByRole('textbox', { name: `Citation key for ${paper(id).title}`, exact: true });
  const keyOf = async (id: string) => ((await readLibrary(session)) as LibraryRecord[]).find((record) => record.id === id)?.citationKey;

  beforeAll(async () => {
    session = await launch();
    page = await session.context.newPage();
    errors = collectConsoleErrors(page);
    await page.goto(`chrome-extension://${session.extensionId}/library.html`);
    await page.getByRole('heading', { name: 'Papershelf library' }).waitFor();
    // Imported through the page, as a user would.
    await page.getByLabel('Import a file').setInputFiles(LIBRARY_BIB);
    await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: /^Import \d+ papers$/ }).click();
    await page.getByRole('status').filter({ hasText: /^Imported: \d+ new, 0 merged\.$/ }).waitFor();
    library = (await readLibrary(session)) as LibraryRecord[];
  });
  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.userDataDir);
  });

  test('the section lists every saved paper, and the search narrows it', async () => {
    const total = library.length;
    expect(total).toBeGreaterThan(5);
    expect(await section().getByRole('heading', { name: 'Papers', exact: true }).count()).toBe(1);
    await section().getByText(`${total} of ${total} saved papers match.`, { exact: true }).waitFor();
    expect(await rows().count()).toBe(total);

    // By id.
    await search().fill('1706.03762');
    await section().getByText(`1 of ${total} saved papers match.`, { exact: true }).waitFor();
    expect(await rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain(paper('1706.03762').title);
    // By title, ignoring case.
    await search().fill(paper('1810.04805').title.slice(0, 20).toUpperCase());
    await expect.poll(() => rows().count()).toBe(1);
    expect(await row('1810.04805').count()).toBe(1);
    // By tag: "classic" is only a tag in the fixture.
    const tagged = library.filter((record) => (record.tags as string[]).includes('classic'));
    expect(tagged.map((record) => record.id)).toContain('1706.03762');
    expect(library.filter((record) => JSON.stringify(record).toLowerCase().includes('classic')).length).toBe(tagged.length);
    await search().fill('CLASSIC');
    await expect.poll(() => rows().count()).toBe(tagged.length);
    expect(await row('1706.03762').count()).toBe(1);
    // Every word must match, anywhere.
    await search().fill('vaswani 1706');
    await expect.poll(() => rows().count()).toBe(1);
    await search().fill('vaswani 1810');
    await expect.poll(() => rows().count()).toBe(0);
    // By author.
    await search().fill('devlin');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await row('1810.04805').count()).toBe(1);
    // Nothing.
    await search().fill('no paper is called this');
    await section().getByText(`0 of ${total} saved papers match.`, { exact: true }).waitFor();
    expect(await rows().count()).toBe(0);
    await search().fill('');
    await expect.poll(() => rows().count()).toBe(total);
  });

  test('a new citation key is saved with Enter; an invalid one is refused on the page', async () => {
    const input = keyInput('1706.03762');
    expect(await input.inputValue()).toBe(paper('1706.03762').citationKey);
    await input.fill('vaswani2017new');
    await input.press('Enter');
    await row('1706.03762').getByRole('status').filter({ hasText: 'Key saved' }).waitFor();
    await expect.poll(() => keyOf('1706.03762')).toBe('vaswani2017new');
    expect(await input.inputValue()).toBe('vaswani2017new');

    await input.fill('has a space');
    await row('1706.03762').getByRole('button', { name: 'Save key' }).click();
    const alert = row('1706.03762').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('a citation key may hold letters, digits and _ : . - only');
    expect(await keyOf('1706.03762')).toBe('vaswani2017new');
    await input.fill('vaswani2017new'); // back as it is stored
    expect(await alert.count()).toBe(0);
  });

  test('a key another paper holds is refused by the background, shown on that row, and changes nothing', async () => {
    const before = await readLibrary(session);
    const bertKey = paper('1810.04805').citationKey;
    await keyInput('1810.04805').fill('vaswani2017new');
    await row('1810.04805').getByRole('button', { name: 'Save key' }).click();
    const alert = row('1810.04805').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('The key was not saved. The key "vaswani2017new" is already used by arXiv:1706.03762.');
    expect(await row('1706.03762').getByRole('alert').count()).toBe(0);
    expect(await readLibrary(session)).toEqual(before);
    expect(await keyOf('1810.04805')).toBe(bertKey);
  });

  test('two selected papers export as exactly those two entries, with their keys, in list order', async () => {
    const exportButton = section().getByRole('button', { name: /^Export \d+ selected$/ });
    expect(await exportButton.textContent()).toBe('Export 0 selected');
    expect(await exportButton.isDisabled()).toBe(true);

    await section().getByRole('checkbox', { name: `Select ${paper('1810.04805').title}`, exact: true }).check();
    await section().getByRole('checkbox', { name: `Select ${paper('1706.03762').title}`, exact: true }).check();
    expect(await exportButton.textContent()).toBe('Export 2 selected');
    expect(await exportButton.isEnabled()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^papershelf-\d{4}-\d{2}-\d{2}\.bib$/);
    const text = readFileSync(await download.path(), 'utf8');
    const keys = [...text.matchAll(/^@\w+\{([^,]+),/gm)].map((match) => match[1]);
    // List order is newest saved first, as the rows show.
    const listed = await rows().evaluateAll((items) => items.map((item) => item.querySelector('.picker-title')?.textContent));
    const order = ['1706.03762', '1810.04805'].sort((a, b) => listed.indexOf(paper(a).title) - listed.indexOf(paper(b).title));
    const expectedKeys = order.map((id) => (id === '1706.03762' ? 'vaswani2017new' : paper(id).citationKey));
    expect(keys).toEqual(expectedKeys);
    expect(text).toContain('eprint = {1706.03762}');
    expect(text).toContain('eprint = {1810.04805}');
    await section().getByRole('status').filter({ hasText: /^Exported 2 papers to papershelf-.*\.bib\.$/ }).waitFor();

    // Select all shown follows the search; Clear empties the selection.
    await search().fill('devlin');
    await section().getByRole('button', { name: 'Select all 1 shown' }).click();
    expect(await exportButton.textContent()).toBe('Export 2 selected'); // BERT was selected already
    await search().fill('');
    await section().getByRole('button', { name: `Select all ${library.length} shown` }).click();
    expect(await exportButton.textContent()).toBe(`Export ${library.length} selected`);
    await section().getByRole('button', { name: 'Clear selection' }).click();
    expect(await exportButton.textContent()).toBe('Export 0 selected');
    expect(await exportButton.isDisabled()).toBe(true);
  });

  test('at most 100 results are listed, and the count line says so', async () => {
    const bib = Array.from({ length: 120 }, (_, index) => {
      const id = `2403.${String(index + 1).padStart(5, '0')}`;
      return `@misc{bulk${index + 1}, title = {Bulk Paper ${index + 1}}, author = {Roe, Richard}, eprint = {${id}}, archivePrefix = {arXiv}}`;
    }).join('\n\n');
    await page.getByLabel('Import a file').setInputFiles({ name: 'bulk.bib', mimeType: 'text/x-bibtex', buffer: Buffer.from(bib) });
    await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Import 120 papers' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported: 120 new, 0 merged.' }).waitFor();
    const total = library.length + 120;
    await section().getByText(`${total} of ${total} saved papers match; showing the first 100.`, { exact: true }).waitFor();
    expect(await rows().count()).toBe(100);
    expect(await section().getByRole('button', { name: 'Select all 100 shown' }).count()).toBe(1);
    await search().fill('bulk paper');
    await section().getByText(`120 of ${total} saved papers match; showing the first 100.`, { exact: true }).waitFor();
    await search().fill('bulk paper 11');
    // 11 and 110-119.
    await section().getByText(`11 of ${total} saved papers match.`, { exact: true }).waitFor();
    expect(await rows().count()).toBe(11);
    expect(errors).toEqual([]);
  });
});
