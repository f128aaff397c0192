import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../shared-pages.ts';
import { LATEX_TOOLS_PRESENT, compileBibliography } from '../latex.ts';
import { FIREFOX_PATH, cardIds, clickControl, closeFirefoxSession, currentId, launchFirefoxSession, readControls, readFixture, readLibrary, type FirefoxSession } from './harness.ts';

/**
 * The library's life in Firefox, one profile throughout: a card without author names completes
 * through the arXiv API stand-in (reached by the background page through the local proxy); papers
 * saved by keyboard export from the popup as BibTeX that compiles; everything is still there after
 * Firefox quits and starts again on the same profile.
 */
const HF_URL = 'https://huggingface.co/papers/date/2026-09-28';
const ARXIV_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';
const ARXIV_HTML = SHARED_PAGES_PRESENT ? readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html') : readFixture('arxiv/list-new-mini.html');
const IDLE_MS = 1_000;
const AUTHORS = ['C. Person', 'Dana Q. Öztürk', 'Emil Åberg', 'Fei Li', 'Gustavo de la Cruz'];

/** arXiv's API answer (an Atom feed) for 2609.10003 and nothing else. */
function arxivFeed(url: URL): string {
  const known = url.searchParams.get('id_list')?.split(',').includes('2609.10003');
  const entry = `<entry><id>http://arxiv.org/abs/2609.10003v2</id><updated>2026-09-27T10:00:00Z</updated><published>2026-09-24T17:59:59Z</published>
    <title>Theta: Absolute Title Link</title><summary>We study absolute links in titles.</summary>
    ${AUTHORS.map((name) => `<author><name>${name}</name></author>`).join('')}
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/></entry>`;
  return `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>ArXiv Query</title><id>http://arxiv.org/api/test</id>
    <updated>2026-09-28T00:00:00-04:00</updated>${known ? entry : ''}</feed>`;
}

async function withControls(session: FirefoxSession, url: string): Promise<Page> {
  const page = await session.openPage(url);
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-papershelf-host]').length), { timeout: 20_000 }).toBeGreaterThan(2);
  return page;
}

const saved = async (session: FirefoxSession) => (await readLibrary(session)).filter((paper) => paper.savedAt !== undefined);

describe.skipIf(!FIREFOX_PATH)('the library in Firefox', () => {
  let session: FirefoxSession;
  beforeAll(async () => {
    // The event page is unloaded after 1 s idle: every step below also works across its restarts.
    session = await launchFirefoxSession({ [HF_URL]: readFixture('huggingface/daily-no-props.html'), [ARXIV_URL]: ARXIV_HTML }, { backgroundIdleMs: IDLE_MS });
    session.api.handle((url) => (url.host === 'export.arxiv.org' ? { contentType: 'application/atom+xml; charset=utf-8', body: arxivFeed(url) } : undefined));
  });
  afterAll(() => closeFirefoxSession(session));

  test('a saved card with "5 authors" and no names gets them from the arXiv API stand-in', async () => {
    const page = await withControls(session, HF_URL);
    await clickControl(session, page, '2609.10003', 'Save');
    await expect.poll(async () => (await readControls(session, page, '2609.10003')).buttons[0]?.pressed).toBe('true');
    // A first request that fails (a slow proxy handshake on a loaded machine) is retried after 30 s.
    await expect.poll(async () => (await readLibrary(session)).find((paper) => paper.id === 'arxiv:2609.10003')?.authors, { timeout: 75_000, interval: 1_000 }).toEqual(AUTHORS);
    expect(session.api.requests.some((url) => /^https:\/\/export\.arxiv\.org\/api\/query\?id_list=[\d.,]*2609\.10003/.test(url))).toBe(true);
    await page.close();
  }, 120_000);

  test.skipIf(!LATEX_TOOLS_PRESENT)('papers saved by keyboard, each after the event page went idle, export from the popup as BibTeX that compiles', async () => {
    const page = await withControls(session, ARXIV_URL);
    const ids = await cardIds(page);
    await expect.poll(async () => {
      await page.keyboard.press('j');
      return currentId(page);
    }).toBe(ids[0]);
    for (const index of [0, 1, 2]) {
      // Long enough for Firefox to unload the idle event page: the key press must wake it.
      await new Promise((resolve) => setTimeout(resolve, 3 * IDLE_MS));
      await page.keyboard.press('s');
      await expect.poll(async () => (await readControls(session, page, ids[index]!)).buttons[0]?.pressed).toBe('true');
      await page.keyboard.press('j');
    }
    await expect.poll(async () => (await saved(session)).length).toBe(4);
    await page.close();

    const popup = await session.openExtensionPage('popup.html');
    await expect.poll(() => popup.evaluate(() => document.querySelectorAll('.paper-title').length)).toBe(4);
    await popup.locator('button::-p-text(Export BibTeX)').click();
    const bibFile = () => readdirSync(session.downloadsDir).find((name) => /^papershelf-\d{4}-\d{2}-\d{2}\.bib$/.test(name));
    await expect.poll(bibFile).toBeDefined();
    const path = join(session.downloadsDir, bibFile()!);
    await expect.poll(() => existsSync(`${path}.part`) || readFileSync(path, 'utf8').length === 0).toBe(false);
    const bib = readFileSync(path, 'utf8');
    const library = await saved(session);
    for (const paper of library) expect(bib).toContain(`@misc{${paper.citationKey},`);
    const report = compileBibliography(bib);
    expect(report.latexErrors).toEqual([]);
    expect(report.bibtexProblems).toEqual([]);
    expect(report.biberProblems).toEqual([]);
    expect(report.bblKeys.sort()).toEqual(library.map((paper) => paper.citationKey as string).sort());
    await popup.close();
  });

  test('the library survives Firefox quitting and starting again on the same profile', async () => {
    const before = await readLibrary(session);
    expect(before.length).toBeGreaterThanOrEqual(1);
    await session.restart();
    const after = await readLibrary(session);
    expect(after.map((paper) => paper.id).sort()).toEqual(before.map((paper) => paper.id).sort());
    // And the listing shows it: the saved card is saved again on the reopened page.
    const page = await withControls(session, HF_URL);
    await expect.poll(async () => (await readControls(session, page, '2609.10003')).buttons[0]?.pressed).toBe('true');
    await page.close();
  });
});
