import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createBackup, serializeBackup } from '../../lib/import/backup-schema';
import type { PaperRecord } from '../../lib/paper/model';
import { auditPage, expectNoSerious } from './axe.ts';
import { BROWSER_PATH, closeSession, launch, type Session } from './harness.ts';

/**
 * axe-core (WCAG 2.2 A and AA) over the popup and the library page in the states a reader meets,
 * each in light and dark mode: 0 serious or critical violations; the minor ones are printed.
 */
const T = 1_780_000_000_000;
const SEEDS: PaperRecord[] = [1, 2, 3, 4, 5, 6].map((n) => ({
  id: `2402.0000${n}`,
  title: `Accessible Paper ${n} on ${n % 2 ? 'graphs' : 'vision'}`,
  authors: [`Author Number${n}`, 'Common Author'],
  abstract: 'An abstract.',
  // One paper lacks its date: its row says "incomplete".
  ...(n === 3 ? {} : { publishedAt: `2024-01-0${n}` }),
  sources: { arxiv: `https://arxiv.org/abs/2402.0000${n}` },
  citationKey: `accessible${n}`,
  tags: n % 2 ? ['graphs', 'reading'] : ['vision'],
  ...(n <= 5 ? { savedAt: T + n } : { hiddenAt: T + n }),
  createdAt: T,
  updatedAt: T,
}));
const BACKUP = Buffer.from(serializeBackup(createBackup(SEEDS, T + 100)));

const SCHEMES = ['light', 'dark'] as const;

/** Audits `page` in light and dark mode; fails on a serious or critical violation in either. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    expectNoSerious(await auditPage(page, `${state} (${colorScheme})`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Escape closes the suggestions, then the editor. */
async function closeTagEditor(page: Page): Promise<void> {
  const field = page.getByRole('combobox', { name: /^Add a tag/ });
  await field.fill('');
  await page.keyboard.press('Escape');
  if (await field.count()) await page.keyboard.press('Escape');
  await field.waitFor({ state: 'detached' });
}

describe.skipIf(!BROWSER_PATH)('accessibility of the extension pages (axe-core, WCAG 2.2 AA, light and dark)', () => {
  let session: Session;
  let library: Page;

  beforeAll(async () => {
    session = await launch();
  });
  afterAll(() => closeSession(session));

  test('the popup of an empty library', async () => {
    const popup = await session.openPopup();
    await popup.getByText('No saved papers yet').waitFor();
    await expectAccessible(popup, 'popup, empty library');
    await popup.close();
  });

  test('the library page of an empty library, then its import preview', async () => {
    ({ page: library } = await session.openLibrary());
    await expectAccessible(library, 'library, empty');
    await library.getByLabel('Import a file').setInputFiles({ name: 'seed.json', mimeType: 'application/json', buffer: BACKUP });
    const preview = library.getByRole('region', { name: 'Import preview' });
    await preview.getByRole('button', { name: `Import ${SEEDS.length} papers` }).waitFor();
    await expectAccessible(library, 'library, import preview');
    await preview.getByRole('button', { name: `Import ${SEEDS.length} papers` }).click();
    await library.getByRole('status').filter({ hasText: `Imported: ${SEEDS.length} new, 0 merged.` }).waitFor();
  });

  test('the popup: saved papers with the highlighted row, a search, the tag editor and its suggestions, a deletion with Undo', async () => {
    const popup = await session.openPopup();
    const search = popup.getByRole('searchbox', { name: 'Search papers' });
    await popup.getByText('5 of 5 saved papers', { exact: true }).waitFor();
    await search.press('ArrowDown');
    await expect.poll(() => popup.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('row');
    await expectAccessible(popup, 'popup, saved papers, first row highlighted');

    await search.fill('no such paper');
    await popup.getByText('0 of 5 saved papers', { exact: true }).waitFor();
    await expectAccessible(popup, 'popup, a search that finds nothing');
    await search.fill('');
    await popup.getByText('5 of 5 saved papers', { exact: true }).waitFor();

    await search.press('ArrowDown');
    await popup.keyboard.press('t');
    const field = popup.getByRole('combobox', { name: /^Add a tag/ });
    await field.waitFor();
    await field.fill('r');
    await popup.getByRole('listbox', { name: 'Tags in your library' }).getByRole('option').first().waitFor();
    await popup.keyboard.press('ArrowDown');
    await expectAccessible(popup, 'popup, tag editor with suggestions');
    await closeTagEditor(popup);

    await popup.keyboard.press('Delete');
    await popup.getByRole('status').getByRole('button', { name: 'Undo' }).waitFor();
    await expectAccessible(popup, 'popup, deleted with Undo');
    await popup.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await popup.getByText('5 of 5 saved papers', { exact: true }).waitFor();

    await popup.getByRole('group', { name: 'Show' }).getByRole('radio', { name: /^All/ }).check();
    await popup.getByText('6 of 6 papers', { exact: true }).waitFor();
    await expectAccessible(popup, 'popup, every paper with its state');
    await popup.close();
  });

  test('the library page: a selected row, the details with the tag and metadata editors, Undo', async () => {
    const papers = library.getByRole('region', { name: 'Papers', exact: true });
    await papers.getByText('5 of 5 saved papers', { exact: true }).waitFor();
    await papers.getByRole('checkbox', { name: `Select ${SEEDS[4]!.title}` }).check();
    await papers.getByRole('button', { name: `Details for ${SEEDS[4]!.title}` }).click();
    const details = papers.getByRole('region', { name: 'Paper details' });
    await details.waitFor();
    await expectAccessible(library, 'library, a selected row and its details');

    await details.getByRole('button', { name: 'Edit tags' }).click();
    const field = details.getByRole('combobox', { name: /^Add a tag/ });
    await field.fill('v');
    await details.getByRole('listbox', { name: 'Tags in your library' }).getByRole('option').first().waitFor();
    await library.keyboard.press('ArrowDown');
    await expectAccessible(library, 'library, tag editor with suggestions');
    await closeTagEditor(library);
    // The editor closed from the keyboard gives the focus back to what opened it.
    await expect.poll(() => library.evaluate(() => document.activeElement?.textContent)).toBe('Edit tags');

    await details.getByLabel('Date published (YYYY-MM-DD)').fill('not a date');
    await details.getByRole('button', { name: 'Save metadata' }).click();
    await details.getByRole('alert').waitFor();
    await expectAccessible(library, 'library, metadata editor refusing a date');
    await details.getByRole('button', { name: 'Discard changes' }).click();

    await papers.getByRole('group', { name: 'Selection' }).getByRole('button', { name: /^Delete/ }).click();
    await papers.getByRole('status').getByRole('button', { name: 'Undo' }).waitFor();
    await expectAccessible(library, 'library, deleted with Undo');
    await papers.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await papers.getByText('5 of 5 saved papers', { exact: true }).waitFor();
  });

  test('the library page: renaming a tag into another, which the page warns is a merge', async () => {
    const tags = library.getByRole('region', { name: 'Tags', exact: true });
    await tags.getByRole('button', { name: 'Rename reading' }).click();
    await tags.getByLabel('New name for reading').fill('vision');
    await tags.getByRole('button', { name: 'Merge', exact: true }).waitFor();
    await expectAccessible(library, 'library, a rename that merges two tags');
    await tags.getByRole('button', { name: 'Cancel' }).click();
  });

  test('the library page: the rule editor reporting an invalid pattern', async () => {
    const rules = library.getByRole('region', { name: 'Rules' });
    await rules.getByRole('combobox', { name: 'Match' }).selectOption({ label: 'matches the regular expression' });
    await rules.getByRole('textbox', { name: 'Pattern' }).fill('(unclosed');
    await expect.poll(() => rules.getByRole('textbox', { name: 'Pattern' }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(library, 'library, rule editor with an invalid pattern');
  });
});
