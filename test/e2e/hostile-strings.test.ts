import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BROWSER_PATH, READ_LIBRARY, collectConsoleErrors, launch, readLibrary, removeProfile, type Session } from './harness.ts';
import { libraryArxivIds } from './library-ids.ts';
import { arxivNew, huggingFaceDaily, type ListedPaper } from './listing-pages.ts';
import { countInDocument, countInPapershelfShadows, evaluateInPapershelfWorld, servedDom, siteDomWithoutPapershelf, type InjectedCounts } from './page-checks.ts';
import { HOSTILE } from '../unit/sites/hostile.ts';
import { LATEX_TOOLS_PRESENT, compileBibliography } from '../latex.ts';
import { controls } from './controls.ts';

/**
 * Hostile strings end to end: titles, author names and abstracts that carry markup, a bidi
 * override and 10,000 characters, shown as text on a Hugging Face and an arXiv list. They are
 * saved, tagged and hidden through the real controls, then looked for everywhere Papershelf shows
 * or writes them: no script ran, no element was made of them, they read as the same characters,
 * and the exported BibTeX holds them escaped and compiles.
 *
 * Element counts in the popup and the library page are compared with the same run on plain
 * strings (same papers, the markup characters removed): whatever those pages render for a paper
 * is allowed, one element more because of a title is not.
 */
const HF_URL = 'https://huggingface.co/papers/date/2026-09-28';
const ARXIV_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const BOLD = '<b>bold</b>';
const BIDI = HOSTILE.bidiOverride; // U+202E … U+202C
const LONG_ABSTRACT = HOSTILE.longMarkup; // 10,000 characters of <b onclick="x()">b</b>
const LONG_TITLE = HOSTILE.long; // 10,000 characters: over the title limit, refused in words
const HOSTILE_TAG = '<img src=x onerror=window.__pwned=1>';

/** The same text with its markup and bidi characters removed: the baseline run's strings. */
const plain = (text: string) => text.replace(/[<>\u202E\u202C]/g, '');
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function papers(hostile: boolean) {
  const t = (text: string) => (hostile ? text : plain(text));
  const paper = (id: string, title: string, authors: string[], abstract: string): ListedPaper => ({ id, title: t(title), authors: authors.map(t), abstract: t(abstract) });
  return {
    hf: [
      paper('2609.20001', `Image ${IMG} in a title`, [`${SCRIPT} Ada`, `${BOLD} Turing`], `${BIDI} ${BOLD}`),
      paper('2609.20002', `${BIDI} ${BOLD}`, ['Grace Hopper', IMG], LONG_ABSTRACT),
      paper('2609.20003', `Script ${SCRIPT} in a title`, ['Edsger Dijkstra'], IMG),
      paper('2609.20004', LONG_TITLE, ['Nobody Long'], 'Too long a title.'),
    ],
    arxiv: [
      paper('2609.30001', `${IMG} on arXiv`, [`${BOLD} Lovelace`, SCRIPT], SCRIPT),
      paper('2609.30002', `${BIDI} on arXiv ${BOLD}`, ['Juan Maldacena'], LONG_ABSTRACT),
      paper('2609.30003', `Bold ${BOLD} and ${SCRIPT}`, [`${BIDI} Hopper`], BOLD),
      paper('2609.30004', LONG_TITLE, ['Nobody Long'], 'Too long a title.'),
    ],
  };
}

const card = (page: Page, id: string): Locator => page.locator(`[data-papershelf-id="${id}"]:has([data-papershelf-host])`);
const button = (page: Page, id: string, name: string) => controls(page, id).getByRole('button', { name, exact: true });

interface Observed {
  popup: InjectedCounts;
  library: InjectedCounts;
  records: Array<Record<string, unknown>>;
  bib: string;
}

/**
 * One whole run on a fresh profile: both lists opened, three papers of each saved, the first
 * tagged (with a tag that is itself markup), the first two hidden, the fourth (a 10,000-character
 * title) tried; then every check that needs the browser.
 */
async function run(hostile: boolean): Promise<Observed> {
  const set = papers(hostile);
  const session = await launch();
  try {
    const pages: Array<[string, string, ListedPaper[]]> = [
      [HF_URL, huggingFaceDaily(set.hf), set.hf],
      [ARXIV_URL, arxivNew(set.arxiv), set.arxiv],
    ];
    for (const [url, html, listed] of pages) {
      session.serve(url, { body: html });
      const page = await session.context.newPage();
      const errors = collectConsoleErrors(page);
      await page.goto(url);
      await expect.poll(() => page.locator('[data-papershelf-host]').count(), { timeout: 10_000 }).toBe(listed.length);
      // Mounting changed nothing of the site's own page but our attributes.
      const served = await servedDom(page, html);
      expect(await siteDomWithoutPapershelf(page)).toBe(served);
      await actOnCards(session, page, listed, hostile);
      // Nor did saving, tagging, hiding and failing.
      expect(await siteDomWithoutPapershelf(page)).toBe(served);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await evaluateInPapershelfWorld(page, 'typeof window.__pwned')).toBe('undefined');
      const shadows = await countInPapershelfShadows(page);
      // Papershelf draws its icons with CSS: its shadow roots hold no img, script, b or handler attribute at all.
      expect(shadows).toEqual({ img: 0, script: 0, b: 0, handlers: 0, roots: listed.length + 1 });
      expect(errors).toEqual([]);
      await page.close();
    }

    const records = await readLibrary(session);
    const worker = await session.serviceWorker();
    expect(await worker.evaluate(() => typeof (globalThis as unknown as { __pwned?: unknown }).__pwned)).toBe('undefined');

    const popup = await session.openPopup();
    await expect.poll(() => popup.getByText(collapse(set.hf[0]!.title), { exact: false }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const popupCounts = await countInDocument(popup);
    expect(await popup.evaluate(() => typeof (window as unknown as { __pwned?: unknown }).__pwned)).toBe('undefined');
    await popup.close();

    const { page: library } = await session.openLibrary();
    const saved = [...set.hf, ...set.arxiv].filter((paper) => paper.title !== LONG_TITLE);
    // The library page shows every saved title as the same characters.
    await expect.poll(() => library.evaluate(() => document.body.textContent ?? ''), { timeout: 10_000 }).toContain(collapse(saved[0]!.title));
    const text = await library.evaluate(() => document.body.textContent ?? '');
    for (const paper of saved) expect(text, paper.id).toContain(collapse(paper.title));
    const libraryCounts = await countInDocument(library);
    expect(await library.evaluate(() => typeof (window as unknown as { __pwned?: unknown }).__pwned)).toBe('undefined');

    const exportButton = library.getByRole('region', { name: 'Export', exact: true }).getByRole('button', { name: /export bibtex/i });
    const [download] = await Promise.all([library.waitForEvent('download'), exportButton.click()]);
    const bib = readFileSync((await download.path())!, 'utf8');
    await library.close();
    return { popup: popupCounts, library: libraryCounts, records, bib };
  } finally {
    await session.close();
    removeProfile(session.userDataDir);
  }
}

/** Saves cards 1–3, tags card 1, hides cards 1–2, then tries to save card 4 (its title is too long). */
async function actOnCards(session: Session, page: Page, listed: ListedPaper[], hostile: boolean): Promise<void> {
  const [first, second, third, tooLong] = listed as [ListedPaper, ListedPaper, ListedPaper, ListedPaper];
  for (const paper of [first, second, third]) {
    await button(page, paper.id, 'Save').click();
    await expect.poll(() => button(page, paper.id, 'Save').getAttribute('aria-pressed')).toBe('true');
  }
  await button(page, first.id, 'Tags').click();
  const input = controls(page, first.id).getByRole('combobox', { name: 'Add a tag' });
  for (const tag of [hostile ? HOSTILE_TAG : plain(HOSTILE_TAG), 'plain-tag']) {
    await input.fill(tag);
    await input.press('Enter');
  }
  await input.press('Escape');
  for (const paper of [first, second]) {
    await button(page, paper.id, 'Hide').click();
    await expect.poll(() => card(page, paper.id).getAttribute('data-papershelf-hidden')).toBe('');
    // The stub names the paper with the title's own characters, markup and bidi override included.
    const stubTitle = controls(page, paper.id).locator('.stub-title');
    expect(await stubTitle.textContent()).toBe(collapse(paper.title));
    expect(await stubTitle.getAttribute('title')).toBe(collapse(paper.title));
  }
  // A 10,000-character title is past the limit: refused in words on the card, never a false "saved".
  await button(page, tooLong.id, 'Save').click();
  const problem = controls(page, tooLong.id).getByRole('status');
  await expect.poll(() => problem.textContent()).toBe('Papershelf could not read this paper from the page (its title is longer than 2,000 characters).');
  expect(await button(page, tooLong.id, 'Save').getAttribute('aria-pressed')).toBe('false');

  await expect
    .poll(async () => (await libraryArxivIds(session)).filter((id) => listed.some((paper) => paper.id === id)).sort(), READ_LIBRARY)
    .toEqual([first.id, second.id, third.id].sort());
}

describe.skipIf(!BROWSER_PATH || !LATEX_TOOLS_PRESENT)('hostile strings from listing pages, end to end', () => {
  // The later tests judge what these two runs observed; each run checks the pages as it goes.
  let hostile: Observed;
  let baseline: Observed;

  test('run no script, add no element and leave the site\'s DOM alone, on both lists and in every extension page', async () => {
    hostile = await run(true);
  });

  test('(the same run with plain strings, as the baseline)', async () => {
    baseline = await run(false);
  });

  test('are stored as the same characters, never as markup', () => {
    const set = papers(true);
    const isHostile = (text: string) => /[<>\u202E]/.test(text) || text.length >= 10_000;
    const fields = [...set.hf, ...set.arxiv].flatMap((paper) => [paper.title, ...paper.authors, paper.abstract]).filter(isHostile).length;
    console.log(`hostile strings end to end: ${fields} titles, names and abstracts on 2 lists (8 papers), plus 2 hostile tags typed in`);
    for (const paper of [...set.hf, ...set.arxiv]) {
      const record = hostile.records.find((candidate) => candidate.id === `arxiv:${paper.id}`);
      if (paper.title === LONG_TITLE) {
        expect(record, paper.id).toBeUndefined();
        continue;
      }
      expect(record?.title, paper.id).toBe(collapse(paper.title));
      expect(record?.authors, paper.id).toEqual(paper.authors.map(collapse));
      expect(record?.abstract, paper.id).toBe(collapse(paper.abstract));
    }
    const tagged = hostile.records.find((record) => record.id === 'arxiv:2609.20001');
    expect(tagged?.tags).toEqual([HOSTILE_TAG, 'plain-tag']);
    // The 10,000-character abstracts are kept whole: they are within the abstract limit.
    expect((hostile.records.find((record) => record.id === 'arxiv:2609.20002')?.abstract as string).length).toBe(10_000);
  });

  test('make no element in the popup or the library page beyond what plain strings make', () => {
    expect(hostile.popup).toEqual(baseline.popup);
    expect(hostile.library).toEqual(baseline.library);
    console.log(`popup elements with hostile data ${JSON.stringify(hostile.popup)}, library page ${JSON.stringify(hostile.library)}`);
  });

  test('are escaped in the exported BibTeX, which compiles', () => {
    const { bib } = hostile;
    // Markup is LaTeX text, the bidi override is gone, nothing is left raw.
    expect(bib).toContain(String.raw`{\textless}img src=x onerror=''window.\_\_pwned=1''{\textgreater}`);
    expect(bib).toContain(String.raw`{\textless}script{\textgreater}window.\_\_pwned=1{\textless}/script{\textgreater}`);
    expect(bib).toContain(String.raw`{\textless}b{\textgreater}bold{\textless}/b{\textgreater}`);
    expect(bib).toContain(String.raw`keywords = {{\textless}img src=x onerror=window.\_\_pwned=1{\textgreater}, plain-tag}`);
    expect(bib).not.toMatch(/[<>\u202E\u202C]/);
    const saved = hostile.records.filter((record) => record.savedAt !== undefined);
    expect(saved).toHaveLength(6);
    const report = compileBibliography(bib);
    expect(report.latexErrors).toEqual([]);
    expect(report.bibtexProblems).toEqual([]);
    expect(report.biberProblems).toEqual([]);
    expect(report.bblKeys.sort()).toEqual(saved.map((record) => record.citationKey as string).sort());
  });
});
