import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import '../../lib/i18n-english-setup';
import { exportBibtex } from '../../lib/bibtex';
import type { PaperRecord } from '../../lib/paper/model';
import { sortedPapers } from '../../lib/search';
import { DATA_PRESENT } from '../../scripts/ranking-protocol';
import { realRecord } from '../../scripts/real-library';
import { seedLibrary } from '../../scripts/seed-library';
import { BROWSER_PATH, collectConsoleErrors, launch, readLibrary, removeProfile, type Session } from './harness.ts';

/**
 * The library page's "Export BibTeX" runs in a worker that reads the saved papers itself: clicked
 * as soon as the page opens (before the page has read its library), it hands over the file the
 * exporter makes of the saved papers, most recently saved first; the status line shows the
 * progress on the way, and Cancel ends an export with no file. Once the page holds the saved
 * papers it hands them over instead, with the same result. Real arXiv papers (../shared/data):
 * 4,000 saved among 12,000.
 */
const RECORDS = 12_000;
const SAVED_EVERY = 3;

describe.skipIf(!BROWSER_PATH || !DATA_PRESENT)('Export BibTeX on the library page', () => {
  let session: Session;
  let saved: PaperRecord[];

  beforeAll(async () => {
    session = await launch(undefined, { intercept: false });
    const records = Array.from({ length: RECORDS }, (_, index) => realRecord(index, { size: RECORDS, savedEvery: SAVED_EVERY }));
    await seedLibrary(session, records);
    saved = records.filter((record) => record.savedAt !== undefined);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.userDataDir);
  });

  async function openLibrary(): Promise<{ page: Page; errors: string[]; button: ReturnType<Page['locator']> }> {
    const page = await session.context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`chrome-extension://${session.extensionId}/library.html`);
    const button = page.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export BibTeX' });
    return { page, errors, button };
  }

  /** Every text the export's status line shows, from now on. */
  async function followStatus(page: Page): Promise<() => Promise<string[]>> {
    await page.evaluate(() => {
      const seen: string[] = [];
      (globalThis as unknown as { statusSeen: string[] }).statusSeen = seen;
      const section = document.querySelector('section[aria-labelledby="export-heading"]')!;
      new MutationObserver(() => {
        const text = section.querySelector('[role="status"]')?.textContent ?? '';
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(section, { subtree: true, childList: true, characterData: true });
    });
    return () => page.evaluate(() => (globalThis as unknown as { statusSeen: string[] }).statusSeen);
  }

  test('clicked at once, it downloads the exporter\'s file of every saved paper, with progress on the way', async () => {
    const { page, errors, button } = await openLibrary();
    await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
    const seen = await followStatus(page);
    // Mostly still reading its saved papers then: the worker reads them itself (else the page hands them over).
    const pageHadRead = await page.getByRole('combobox', { name: 'Papers to export' }).isEnabled();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^papershelf-\d{4}-\d{2}-\d{2}\.bib$/);
    const file = readFileSync((await download.path())!, 'utf8');
    // What the page's own list would export: the library's saved papers, most recently saved first.
    const library = (await readLibrary(session)) as unknown as PaperRecord[];
    expect(library.filter((record) => record.savedAt !== undefined)).toHaveLength(saved.length);
    const expected = exportBibtex(sortedPapers(library, 'saved', 'desc', 'saved').filter((record) => record.savedAt !== undefined));
    expect(file === expected, 'the downloaded file is the exporter\'s, byte for byte').toBe(true);
    const region = page.getByRole('region', { name: 'Export' });
    await expect.poll(() => region.getByRole('status').textContent()).toMatch(/^Exported 4000 papers to papershelf-\d{4}-\d{2}-\d{2}\.bib\./);
    const texts = await seen();
    if (!pageHadRead) expect(texts.some((text) => /^Reading the saved papers… [\d,]+ of 4,000\.$/.test(text))).toBe(true);
    expect(texts.some((text) => /^Writing BibTeX… [\d,]+ of 4,000 papers\.$/.test(text))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('once the page holds the saved papers, it hands them over: one tag\'s export is the exporter\'s file of those papers', async () => {
    const { page, errors, button } = await openLibrary();
    const choice = page.getByRole('combobox', { name: 'Papers to export' });
    // Enabled once the page has read its saved papers (the tags are theirs).
    await expect.poll(() => choice.isEnabled(), { timeout: 60_000 }).toBe(true);
    await choice.selectOption('graphs');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
    const file = readFileSync((await download.path())!, 'utf8');
    const library = (await readLibrary(session)) as unknown as PaperRecord[];
    const tagged = sortedPapers(library, 'saved', 'desc', 'saved').filter((record) => record.savedAt !== undefined && record.tags.includes('graphs'));
    expect(tagged.length).toBeGreaterThan(50);
    expect(file === exportBibtex(tagged), 'the downloaded file is the exporter\'s, byte for byte').toBe(true);
    await expect.poll(() => page.getByRole('region', { name: 'Export' }).getByRole('status').textContent()).toMatch(new RegExp(`^Exported ${tagged.length} papers to `));
    expect(errors).toEqual([]);
    await page.close();
  });

  test('Cancel ends the export: no file, and it says so', async () => {
    const { page, errors, button } = await openLibrary();
    await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
    const downloads: unknown[] = [];
    page.on('download', (download) => downloads.push(download));
    await button.click();
    await page.getByRole('button', { name: 'Cancel the export' }).click();
    const region = page.getByRole('region', { name: 'Export' });
    await expect.poll(() => region.getByRole('status').textContent()).toBe('Export cancelled: no file was made.');
    expect(await page.getByRole('button', { name: 'Cancel the export' }).count()).toBe(0);
    // Nothing arrives later either.
    await page.waitForTimeout(1_500);
    expect(downloads).toEqual([]);
    // And the next export runs whole.
    await expect.poll(() => button.isEnabled()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
    expect(readFileSync((await download.path())!, 'utf8').match(/^@\w+\{/gm)).toHaveLength(saved.length);
    expect(errors).toEqual([]);
    await page.close();
  });
});
