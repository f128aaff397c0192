import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { createBackup, serializeBackup } from '../../lib/import/backup-schema';
import { MAX_IMPORT_BYTES } from '../../lib/import/guard';
import { CHECKSUM_START, recordChecksum } from '../../scripts/library-checksum.ts';
import { realRecord } from '../../scripts/real-library.ts';
import { paperIdInWords } from '../../lib/paper/paper-id';
import { openPagedLibrary, PAGED_HIDDEN, PAGED_TIME } from './paged-library.ts';
import { BROWSER_PATH, launch, readLibrary, removeProfile, type Session } from './harness.ts';

/**
 * The library page with a library too large to hold (a year of hides): its hidden view pages
 * through the records (500 at a time, newest first) and a bulk edit works on what is read; a backup
 * too large to preview (over the import's 20 MB) is checked whole, then restored in chunks, with
 * every record as the backup holds it (count and checksum), and a damaged one is refused whole.
 * The in-memory limit is lowered through the page's address (`?maxInMemory=`), so 1,200 hidden
 * papers page as 950,000 would.
 */
const T = PAGED_TIME;
const HIDDEN = PAGED_HIDDEN;


const checksum = (records: ReadonlyArray<Record<string, unknown>>) =>
  [...records].sort((a, b) => (String(a['id']) < String(b['id']) ? -1 : 1)).reduce<number>(recordChecksum, CHECKSUM_START);

describe.skipIf(!BROWSER_PATH)('the library page with a library too large to hold', () => {
  let session: Session;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await launch(undefined, { intercept: false });
    ({ page: page, errors } = await openPagedLibrary(session, 'library.html'));
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.userDataDir);
  });

  test('the hidden view reads 500 at a time, newest first; a bulk unhide works on what is read', async () => {
    const papers = page.locator('section.papers');
    const count = papers.locator('.count');
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe('20 of 20 saved papers');

    await papers.locator('label.segment', { hasText: 'Hidden' }).click();
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe('500 found in the 500 read so far of 1,200 hidden papers');
    expect(await papers.locator('[role="row"]').first().textContent()).toContain(`Paged paper number ${HIDDEN - 1}`);
    const more = papers.getByRole('button', { name: 'Show 500 more' });
    await more.click();
    await expect.poll(() => count.textContent()).toBe('1,000 found in the 1,000 read so far of 1,200 hidden papers');

    // Everything read so far, selected and unhidden in chunks: the view starts again from the newest.
    await papers.getByRole('button', { name: 'Select all 1,000 matching' }).click();
    await papers.getByRole('button', { name: 'Unhide 1,000 hidden' }).click();
    await expect.poll(() => papers.locator('.status').textContent(), { timeout: 60_000 }).toMatch(/^Unhid 1,000 papers\./);
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe('200 found in the 200 read so far of 200 hidden papers');
    expect(await more.count()).toBe(0);
    const library = await readLibrary(session);
    expect(library.filter((paper) => paper['hiddenAt'] !== undefined)).toHaveLength(200);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe.skipIf(!BROWSER_PATH)('the library page restores a backup too large to preview', () => {
  let session: Session;
  let page: Page;
  const folder = mkdtempSync(join(tmpdir(), 'papershelf-large-backup-'));
  // Real papers whose abstracts are made long, so that the file passes the import's 20 MB.
  const records = Array.from({ length: 2_400 }, (_, index) => {
    const paper = realRecord(index, { size: 2_400, savedEvery: 4, hidden: 'full' });
    return { ...paper, abstract: (paper.abstract ?? 'No abstract.').repeat(20).slice(0, 9_000) };
  });
  const text = serializeBackup(createBackup(records, T, { settings: { bibtexAscii: true } }));

  beforeAll(async () => {
    session = await launch(undefined, { intercept: false });
    ({ page } = await session.openLibrary());
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.userDataDir);
  });

  test('a damaged one is refused whole, with the reason, and nothing is written', async () => {
    const damaged = JSON.parse(text) as { papers: Array<Record<string, unknown>> };
    damaged.papers[1_500]!['tags'] = [''];
    const file = join(folder, 'damaged.json');
    writeFileSync(file, JSON.stringify(damaged, null, 2));
    await page.locator('#import-file').setInputFiles(file);
    const id = paperIdInWords(records[1_500]!.id);
    await expect.poll(() => page.locator('.problem[role="alert"]').first().textContent(), { timeout: 60_000 }).toBe(`Could not import damaged.json. Paper 1,501 (${id}) cannot be read: tag 1 is empty.`);
    expect(await readLibrary(session)).toEqual([]);
  }, 120_000);

  test('a sound one is restored in chunks, every record as the backup holds it', async () => {
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_IMPORT_BYTES);
    const file = join(folder, 'large.json');
    writeFileSync(file, text);
    await page.locator('#import-file').setInputFiles(file);
    const restore = page.getByRole('button', { name: 'Restore 2,400 papers' });
    await restore.waitFor({ timeout: 60_000 });
    await restore.click();
    await expect.poll(() => page.locator('#import-heading ~ .done, section[aria-labelledby="import-heading"] .done').first().textContent(), { timeout: 120_000 }).toBe(
      'Restored 2,400 papers from the backup, with its settings.',
    );
    const library = await readLibrary(session);
    expect(library).toHaveLength(records.length);
    expect(checksum(library)).toBe(checksum(records as unknown as Array<Record<string, unknown>>));
  }, 180_000);
});
