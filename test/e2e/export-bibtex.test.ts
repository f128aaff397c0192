import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_PATH, readFixture, readLibrary, type Session, READ_LIBRARY, launchServing, closeSession } from './harness.ts';
import { listingIdOf } from './library-ids.ts';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../shared-pages.ts';
import { LATEX_TOOLS_PRESENT, compileBibliography } from '../latex.ts';
import { allControls } from './controls.ts';

/**
 * The end of triage is a citation: papers saved on listings of both sites, "Export BibTeX" in the
 * popup, and the downloaded file compiles with pdflatex + bibtex and passes biber's checks.
 */
const HF_URL = 'https://huggingface.co/papers/date/2026-09-28';
const ARXIV_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';

describe.skipIf(!BROWSER_PATH || !LATEX_TOOLS_PRESENT)('Export BibTeX from the popup', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launchServing({
      [HF_URL]: SHARED_PAGES_PRESENT ? readSharedPage('huggingface/papers-daily-2026-09-28.html') : readFixture('huggingface/daily-mini.html'),
      [ARXIV_URL]: SHARED_PAGES_PRESENT ? readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html') : readFixture('arxiv/list-new-mini.html'),
    });
  });
  afterAll(() => closeSession(session));

  test('the downloaded file holds every saved paper and compiles cleanly', async () => {
    for (const [url, count] of [[HF_URL, 4], [ARXIV_URL, 4]] as const) {
      const page = await session.context.newPage();
      await page.goto(url);
      const saves = allControls(page).getByRole('button', { name: 'Save' });
      await expect.poll(() => saves.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
      for (let index = 0; index < count; index++) await saves.nth(index).click();
      await expect.poll(async () => (await readLibrary(session)).filter((record) => record.savedAt !== undefined).length, READ_LIBRARY).toBeGreaterThanOrEqual(url === HF_URL ? 4 : 8);
      await page.close();
    }
    const library = await readLibrary(session);
    const saved = library.filter((record) => record.savedAt !== undefined);
    expect(saved).toHaveLength(8);

    const popup = await session.openPopup();
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Export BibTeX' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^papershelf-\d{4}-\d{2}-\d{2}\.bib$/);
    const bib = readFileSync((await download.path())!, 'utf8');
    for (const record of saved) {
      expect(bib).toContain(`eprint = {${listingIdOf(record)}}`);
      expect(bib).toContain(`@misc{${record.citationKey},`);
    }
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('Exported 8 papers');

    const report = compileBibliography(bib);
    expect(report.latexErrors).toEqual([]);
    expect(report.bibtexProblems).toEqual([]);
    expect(report.biberProblems).toEqual([]);
    expect(report.bblKeys.sort()).toEqual(saved.map((record) => record.citationKey as string).sort());
  });
});
