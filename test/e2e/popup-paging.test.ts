import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_PATH, launch, removeProfile, type Session } from './harness.ts';
import { openPagedLibrary, PAGED_HIDDEN } from './paged-library.ts';

/**
 * A library too large to hold in the popup (a year of hides) keeps its saved papers and pages its
 * hidden view: the first 500 hidden papers, newest first, then 500 more on request, never all of
 * them. The limit is lowered through the popup's address (`?maxInMemory=`), so 1,200 hidden papers
 * page as 950,000 would.
 */
const HIDDEN = PAGED_HIDDEN;

describe.skipIf(!BROWSER_PATH)('the popup pages through a large library', () => {
  let session: Session;
  let popup: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await launch(undefined, { intercept: false });
    ({ page: popup, errors } = await openPagedLibrary(session, 'popup.html'));
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    if (session) removeProfile(session.userDataDir);
  });

  test('the saved view holds every saved paper; the hidden view reads 500 at a time, newest first', async () => {
    const count = popup.locator('.count');
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe('20 of 20 saved papers');

    await popup.locator('label.segment', { hasText: 'Hidden' }).click();
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe(`500 found in the 500 read so far of 1,200 hidden papers`);
    expect(await popup.locator('[role="row"] .paper-title').first().textContent()).toBe(`Paged paper number ${HIDDEN - 1}`);
    const more = popup.getByRole('button', { name: 'Show 500 more' });
    await more.click();
    await expect.poll(() => count.textContent()).toBe('1,000 found in the 1,000 read so far of 1,200 hidden papers');
    await more.click();
    await expect.poll(() => count.textContent()).toBe('1,200 found in the 1,200 read so far of 1,200 hidden papers');
    expect(await more.count()).toBe(0);

    // A search in the paged view filters what is read.
    await popup.getByRole('searchbox', { name: 'Search papers' }).fill('number 1199');
    await expect.poll(() => count.textContent()).toBe('1 found in the 1,200 read so far of 1,200 hidden papers');
    expect(errors).toEqual([]);
  });
});
