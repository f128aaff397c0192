import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createBackup, serializeBackup } from '../../lib/import/backup-schema';
import type { PaperRecord } from '../../lib/paper/model';
import { BROWSER_PATH, READ_LIBRARY, launch, readLibrary, type Session, closeSession } from './harness.ts';

/**
 * Managing the library on the full page: a 300-paper backup (220 saved, 100 hidden, 20 of them
 * both, some tagged) is imported through the Import section, then filtered, selected (all that
 * match, by hand, by keyboard), tagged, deleted and undone in bulk; tags renamed, merged, deleted
 * and undone; hidden papers unhidden in bulk; a note written and found after a reload; authors
 * corrected by hand and marked as the user's.
 */
const T = 1_780_000_000_000;
const SIZE = 300;

const pad = (n: number) => String(n).padStart(5, '0');
const TOPICS = ['graphs', 'language', 'vision'] as const;

function seedPaper(n: number): PaperRecord {
  const arxiv = `2405.${pad(n)}`;
  const tags: string[] = [];
  if (n % 5 === 0) tags.push('reading');
  if (n % 7 === 0) tags.push('survey');
  if (n % 11 === 0) tags.push('LLM');
  return {
    id: `arxiv:${arxiv}`,
    title: `Generated Paper ${n} on ${TOPICS[n % 3]}`,
    authors: [`Author Number${n}`, 'Common Author'],
    abstract: `An abstract about ${TOPICS[n % 3]}.`,
    publishedAt: `2024-01-${String((n % 28) + 1).padStart(2, '0')}`,
    sources: { arxiv: `https://arxiv.org/abs/${arxiv}` },
    citationKey: `generated${n}`,
    tags,
    // 1–220 saved (newest last), 201–300 hidden.
    ...(n <= 220 ? { savedAt: T + n } : {}),
    ...(n > 200 ? { hiddenAt: T + 1_000 + n } : {}),
    createdAt: T,
    updatedAt: T,
  };
}

const SEEDS = Array.from({ length: SIZE }, (_, index) => seedPaper(index + 1));
const seed = (n: number) => SEEDS[n - 1]!;
const withTag = (tag: string) => SEEDS.filter((paper) => paper.tags.includes(tag)).map((paper) => paper.id).sort();

type LibraryRecord = Record<string, unknown> & { id: string; tags: string[]; note?: string };

describe.skipIf(!BROWSER_PATH)('the library page: managing papers and tags', () => {
  let session: Session;
  let page: Page;
  let errors: string[];

  const papers = () => page.getByRole('region', { name: 'Papers', exact: true });
  const tagsSection = () => page.getByRole('region', { name: 'Tags', exact: true });
  const search = () => papers().getByRole('searchbox', { name: 'Search papers' });
  const grid = () => papers().getByRole('grid', { name: 'Papers' });
  const bulk = () => papers().getByRole('group', { name: 'Selection' });
  const count = (text: string) => papers().getByText(text, { exact: true }).waitFor();
  const status = (section: Locator, text: string | RegExp) => section.getByRole('status').filter({ hasText: text }).waitFor();
  const checkbox = (n: number) => papers().getByRole('checkbox', { name: `Select ${seed(n).title}`, exact: true });
  const row = (n: number) => grid().getByRole('row').filter({ has: page.getByRole('link', { name: seed(n).title, exact: true }) });
  const details = () => papers().getByRole('region', { name: 'Paper details' });
  const library = async () => (await readLibrary(session)) as LibraryRecord[];
  const record = async (n: number) => (await library()).find((paper) => paper.id === seed(n).id);
  const idsWith = async (tag: string) => (await library()).filter((paper) => paper.tags.includes(tag)).map((paper) => paper.id).sort();
  const show = (mode: 'Saved' | 'Hidden' | 'All') => papers().getByRole('group', { name: 'Show' }).getByRole('radio', { name: new RegExp(`^${mode}`) }).check();

  beforeAll(async () => {
    session = await launch();
    ({ page, errors } = await session.openLibrary());
    const backup = serializeBackup(createBackup(SEEDS, T + 10_000));
    await page.getByLabel('Import a file').setInputFiles({ name: 'seed.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
    await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: `Import ${SIZE} papers` }).click();
    await page.getByRole('status').filter({ hasText: `Imported: ${SIZE} new, 0 merged.` }).waitFor();
    await count('220 of 220 saved papers');
  });
  afterAll(() => closeSession(session));

  test('the page links to every section, and the list renders only the rows in view', async () => {
    const nav = page.getByRole('navigation', { name: 'Sections' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Papers', 'Tags', 'Import', 'Backup', 'Sync', 'Export', 'Metadata', 'Rules', 'Settings']);
    for (const link of await nav.getByRole('link').all()) {
      const target = (await link.getAttribute('href'))!.slice(1);
      expect(await page.locator(`h2#${target}`).count(), target).toBe(1);
    }
    expect(await grid().getAttribute('aria-rowcount')).toBe('220');
    expect(await grid().getByRole('row').count()).toBeLessThan(20);
    // Newest saved first.
    expect(await grid().getByRole('row').first().textContent()).toContain(seed(220).title);
    // The counts of each view.
    expect(await papers().getByRole('group', { name: 'Show' }).textContent()).toContain('Hidden 100');
  });

  test('filter, select all that match, and add a tag to them in one go', async () => {
    const graphs = SEEDS.filter((paper) => paper.savedAt !== undefined && paper.title.endsWith('graphs'));
    await search().fill('graphs');
    await count(`${graphs.length} of 220 saved papers`);
    await bulk().getByRole('button', { name: `Select all ${graphs.length} matching` }).click();
    await bulk().getByText(`${graphs.length} selected`, { exact: true }).waitFor();
    expect(await checkbox(219).isChecked()).toBe(true);

    await bulk().getByLabel('Tag to add').fill('to-read');
    await bulk().getByRole('button', { name: 'Add tag' }).click();
    await status(papers(), `Added “to-read” to ${graphs.length} papers.`);
    expect(await idsWith('to-read')).toEqual(graphs.map((paper) => paper.id).sort());
    // The rows show it, and the tag is offered as a filter.
    await expect.poll(() => row(219).textContent()).toContain('to-read');
    await papers().getByRole('group', { name: 'Filter by tags' }).getByRole('button', { name: /^to-read / }).waitFor();

    // Selected papers stay selected through a new search, and the bar says how many are out of view.
    await search().fill('Generated Paper 3 ');
    await bulk().getByText(new RegExp(`^${graphs.length} selected, \\d+ of them not shown by this filter$`)).waitFor();
    await bulk().getByRole('button', { name: 'Clear selection' }).click();
    await bulk().getByText('0 selected', { exact: true }).waitFor();
    expect(await bulk().getByRole('button', { name: 'Add tag' }).isDisabled()).toBe(true);
    await search().fill('');
    await count('220 of 220 saved papers');
  });

  test('select by hand and by keyboard, delete the selection, and Undo brings it back exactly', async () => {
    const before = await library();
    await checkbox(220).check();
    await checkbox(218).check();
    // Space on a focused row selects it; the arrow keys move between rows.
    await row(220).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    expect(await checkbox(219).isChecked()).toBe(true);
    await bulk().getByText('3 selected', { exact: true }).waitFor();

    await bulk().getByRole('button', { name: 'Delete 3 selected' }).click();
    await status(papers(), 'Deleted 3 papers.');
    await count('217 of 217 saved papers');
    await expect.poll(async () => (await library()).length, READ_LIBRARY).toBe(SIZE - 3);
    await bulk().getByText('0 selected', { exact: true }).waitFor();

    await papers().getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await status(papers(), 'Restored 3 papers.');
    await count('220 of 220 saved papers');
    const byId = (records: LibraryRecord[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(await library())).toEqual(byId(before));
    // Restored papers come back selected, as they were.
    await bulk().getByText('3 selected', { exact: true }).waitFor();
    await bulk().getByRole('button', { name: 'Clear selection' }).click();
  });

  test('rename a tag', async () => {
    const reading = withTag('reading');
    await tagsSection().getByRole('button', { name: 'Rename reading', exact: true }).click();
    const field = tagsSection().getByRole('textbox', { name: 'New name for reading' });
    await field.fill('read later');
    await tagsSection().getByText(`Renames “reading” to “read later” on ${reading.length} papers.`).waitFor();
    await field.press('Enter');
    await status(tagsSection(), `Renamed “reading” to “read later” on ${reading.length} papers.`);
    expect(await idsWith('read later')).toEqual(reading);
    expect(await idsWith('reading')).toEqual([]);
    await tagsSection().getByRole('button', { name: 'Show papers tagged read later' }).waitFor();
    expect(await tagsSection().getByRole('button', { name: 'Show papers tagged reading' }).count()).toBe(0);
  });

  test('merge a tag into another: the page says so before it is confirmed', async () => {
    const survey = withTag('survey');
    const llm = withTag('LLM');
    const both = [...new Set([...survey, ...llm])].sort();
    await tagsSection().getByRole('button', { name: 'Rename survey', exact: true }).click();
    const field = tagsSection().getByRole('textbox', { name: 'New name for survey' });
    await field.fill('llm');
    await tagsSection().getByText(`“LLM” is already a tag (${llm.length} papers): this merges “survey” (${survey.length} papers) into it. A paper with both keeps one.`).waitFor();
    await tagsSection().getByRole('button', { name: 'Merge', exact: true }).click();
    await status(tagsSection(), `Merged “survey” into “LLM” on ${survey.length} papers.`);
    expect(await idsWith('LLM')).toEqual(both);
    expect(await idsWith('survey')).toEqual([]);
    // A paper that had both has the tag once.
    const overlap = SEEDS.find((paper) => paper.tags.includes('survey') && paper.tags.includes('LLM'))!;
    expect((await library()).find((paper) => paper.id === overlap.id)!.tags.filter((tag) => tag === 'LLM')).toHaveLength(1);
    await expect.poll(() => tagsSection().getByRole('listitem').filter({ hasText: 'LLM' }).textContent()).toContain(`${both.length} papers`);
  });

  test('delete a tag, and Undo puts it back on exactly those papers, leaving them as they were', async () => {
    const llm = await idsWith('LLM');
    const state = async () => (await library()).filter((paper) => llm.includes(paper.id)).map(({ id, savedAt, hiddenAt }) => ({ id, savedAt, hiddenAt }));
    const before = await state();
    // Some have it without being saved (hidden only): Undo must not save them.
    expect(before.some((paper) => paper.savedAt === undefined)).toBe(true);
    expect(llm.length).toBeGreaterThan(0);
    await tagsSection().getByRole('button', { name: 'Delete tag LLM', exact: true }).click();
    await status(tagsSection(), `Deleted the tag “LLM” from ${llm.length} papers.`);
    expect(await idsWith('LLM')).toEqual([]);
    await tagsSection().getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await status(tagsSection(), `Put “LLM” back on ${llm.length} papers.`);
    expect(await idsWith('LLM')).toEqual(llm);
    expect(await state()).toEqual(before);
  });

  test('a tag\'s name lists its papers in the Papers section', async () => {
    const later = withTag('reading');
    await tagsSection().getByRole('button', { name: 'Show papers tagged read later' }).click();
    await count(`${later.length} of ${SIZE} papers`);
    expect(await papers().getByRole('group', { name: 'Show' }).getByRole('radio', { name: /^All/ }).isChecked()).toBe(true);
    expect(await papers().getByRole('group', { name: 'Filter by tags' }).getByRole('button', { name: /^read later / }).getAttribute('aria-pressed')).toBe('true');
    await papers().getByRole('group', { name: 'Filter by tags' }).getByRole('button', { name: /^read later / }).click();
  });

  test('hidden papers are listed, and unhidden in bulk', async () => {
    await show('Hidden');
    await count('100 of 100 hidden papers');
    // Hidden papers say so on their rows.
    expect(await row(300).textContent()).toContain('Hidden');
    // One by one: select one and unhide it.
    await checkbox(300).check();
    await bulk().getByRole('button', { name: 'Unhide 1 hidden' }).click();
    await status(papers(), 'Unhid 1 paper.');
    await count('99 of 99 hidden papers');
    expect((await record(300))?.hiddenAt).toBeUndefined();
    // All the rest at once.
    await bulk().getByRole('button', { name: 'Select all 99 matching' }).click();
    await bulk().getByRole('button', { name: 'Unhide 99 hidden' }).click();
    await status(papers(), 'Unhid 99 papers.');
    await count('0 of 0 hidden papers');
    await papers().getByText('No hidden papers.').waitFor();
    expect((await library()).filter((paper) => paper.hiddenAt !== undefined)).toEqual([]);
    await bulk().getByRole('button', { name: 'Clear selection' }).click();
    await show('Saved');
  });

  test('a note is saved when the field is left, and is there after a reload', async () => {
    // The oldest saved paper: far down the list, and not rendered until searched for.
    expect(await row(5).count()).toBe(0);
    await search().fill(seed(5).id.replace(/^arxiv:/, ''));
    await count('1 of 220 saved papers');
    await row(5).getByRole('button', { name: `Details for ${seed(5).title}` }).click();
    await details().getByRole('heading', { name: seed(5).title }).waitFor();
    const note = details().getByRole('textbox', { name: 'Note' });
    const text = 'Read section 3 first.\nThen the appendix.';
    await note.fill(text);
    await details().getByText(`${text.length} of 20,000 characters`).waitFor();
    await note.press('Tab'); // leaving the field saves it
    await status(details(), 'Note saved.');
    await expect.poll(async () => (await record(5))?.note, READ_LIBRARY).toBe(text);

    await page.reload();
    await count('220 of 220 saved papers');
    await search().fill(seed(5).id.replace(/^arxiv:/, ''));
    await count('1 of 220 saved papers');
    await row(5).getByRole('button', { name: `Details for ${seed(5).title}` }).click();
    expect(await details().getByRole('textbox', { name: 'Note' }).inputValue()).toBe(text);
    // The note is searchable too.
    await search().fill('appendix');
    await count('1 of 220 saved papers');
  });

  test('authors corrected by hand are written, marked as the user\'s, and listed on the row', async () => {
    const title = seed(5).title;
    await expect.poll(() => details().getByRole('heading', { name: title }).count()).toBe(1);
    const authors = details().getByRole('textbox', { name: 'Authors, one per line' });
    expect(await authors.inputValue()).toBe('Author Number5\nCommon Author');
    await authors.fill('Ada Lovelace\n\n  Charles   Babbage ');
    await details().getByRole('button', { name: 'Save metadata' }).click();
    await status(details(), 'Metadata saved.');
    const edited = await record(5);
    expect(edited).toMatchObject({ authors: ['Ada Lovelace', 'Charles Babbage'], userEdited: ['authors'], fieldSources: { authors: 'user' } });
    // Only what changed is taken over: the title and date are not the user's.
    expect(edited?.title).toBe(title);
    await details().getByText(/^Corrected by hand: authors\./).waitFor();
    await expect.poll(() => row(5).textContent()).toContain('Ada Lovelace and Charles Babbage');

    // A date that does not exist is refused in words, and nothing changes.
    await details().getByRole('textbox', { name: 'Date published (YYYY-MM-DD)' }).fill('2024-02-30');
    await details().getByRole('button', { name: 'Save metadata' }).click();
    const alert = details().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('The metadata was not saved. "2024-02-30" is not a date: write it as YYYY-MM-DD, for example 2017-06-12.');
    expect((await record(5))?.publishedAt).toBe(seed(5).publishedAt);
    await details().getByRole('button', { name: 'Discard changes' }).click();
    await details().getByRole('button', { name: 'Close details' }).click();
    expect(await details().count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
