import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import type { Page } from 'playwright-core';
import { BROWSER_PATH, readFixture, type Session, launchServing, closeSession } from './harness.ts';
import { SHARED_PAGES_PRESENT, readSharedPage } from '../shared-pages.ts';
import { adapterFor } from '../../lib/sites/index.ts';
import type { PaperInput } from '../../lib/paper/model.ts';
import { controls, panel } from './controls.ts';

/**
 * Rules end to end: added in the library page (checked and counted against the open listing while
 * typed), pushed to open listing tabs, applied on both sites. What each rule should match is worked
 * out here independently of the rules engine, from what the adapters read in Node (jsdom) and plain
 * regular expressions. Real captured pages when ../shared/pages is there (required in CI).
 */
const HF_URL = 'https://huggingface.co/papers/date/2026-09-28';
const ARXIV_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';
const HF_HTML = SHARED_PAGES_PRESENT ? readSharedPage('huggingface/papers-daily-2026-09-28.html') : readFixture('huggingface/daily-mini.html');
const ARXIV_HTML = SHARED_PAGES_PRESENT ? readSharedPage('arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html') : readFixture('arxiv/list-new-mini.html');

function papersOf(url: string, html: string): PaperInput[] {
  const adapter = adapterFor(new URL(url))!;
  const doc = new JSDOM(html, { url }).window.document;
  return adapter.findCards(doc, new URL(url)).cards.map((card) => adapter.readPaper(card, doc, new URL(url)) as PaperInput);
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const hasWord = (paper: PaperInput, word: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${escape(word)}(?![\\p{L}\\p{N}_])`, 'iu').test(`${paper.title}\n${paper.abstract ?? ''}`);
const hasAuthor = (paper: PaperInput, name: string) => (paper.authors ?? []).some((author) => author.toLowerCase() === name.toLowerCase());

const HF_PAPERS = papersOf(HF_URL, HF_HTML);
const ARXIV_PAPERS = papersOf(ARXIV_URL, ARXIV_HTML);

/** A word of the third paper's title that not every paper has: the hide rule. */
const HIDE_WORD = (() => {
  const words = HF_PAPERS[2]!.title.split(/[^\p{L}]+/u).filter((word) => word.length >= 5);
  const rare = words.filter((word) => HF_PAPERS.filter((paper) => hasWord(paper, word)).length < HF_PAPERS.length / 2);
  return (rare.length ? rare : words).sort((a, b) => b.length - a.length)[0]!;
})();
/** The first author of a paper the hide rule does not match: the highlight rule. */
const HIGHLIGHT_AUTHOR = HF_PAPERS.find((paper, index) => index > 2 && !hasWord(paper, HIDE_WORD) && paper.authors?.length)!.authors![0]!;
/** A category some but not all arXiv entries list: the dim rule. */
const DIM_CATEGORY = (() => {
  const counts = new Map<string, number>();
  for (const paper of ARXIV_PAPERS) for (const category of paper.categories ?? []) counts.set(category, (counts.get(category) ?? 0) + 1);
  return [...counts].filter(([, n]) => n < ARXIV_PAPERS.length).sort((a, b) => b[1] - a[1])[0]![0];
})();

const collapsedIds = (page: Page) =>
  page.evaluate(() => [...new Set(Array.from(document.querySelectorAll('[data-papershelf-hidden=""]'), (card) => card.getAttribute('data-papershelf-id')!))].sort());
const idsWithRule = (page: Page, look: string) =>
  page.evaluate((look) => [...new Set(Array.from(document.querySelectorAll(`[data-papershelf-rule="${look}"]:has(> [data-papershelf-host])`), (card) => card.getAttribute('data-papershelf-id')!))].sort(), look);
const panelText = (page: Page) => panel(page).locator('.panel').evaluate<string>('(element) => element.innerText');

async function open(session: Session, url: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(url);
  await expect.poll(() => page.locator('[data-papershelf-host]').count(), { timeout: 10_000 }).toBeGreaterThan(2);
  return page;
}

async function addRule(library: Page, rule: { target: string; match: string; pattern: string; action: string }) {
  await library.getByLabel('Look at').selectOption(rule.target);
  await library.getByLabel('Match', { exact: true }).selectOption(rule.match);
  await library.getByLabel('Pattern').fill(rule.pattern);
  await library.getByLabel('Action', { exact: true }).selectOption(rule.action);
  await library.getByRole('button', { name: 'Add rule' }).click();
  await expect.poll(() => library.getByText(/^Added: /).count()).toBe(1);
}

describe.skipIf(!BROWSER_PATH)('rules on listing pages', () => {
  let session: Session;
  beforeAll(async () => (session = await launchServing({ [HF_URL]: HF_HTML, [ARXIV_URL]: ARXIV_HTML })));
  afterAll(() => closeSession(session));

  test('hide, dim and highlight the right cards on both sites; a saved paper stays; the hidden count is right', async () => {
    const hf = await open(session, HF_URL);
    // Saved before the rule exists: a hide rule must never bury it.
    const savedId = HF_PAPERS.find((paper) => hasWord(paper, HIDE_WORD))!.id;
    await controls(hf, savedId).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => controls(hf, savedId).getByRole('button', { name: 'Save' }).getAttribute('aria-pressed')).toBe('true');

    const { page: library } = await session.openLibrary();

    // An invalid regular expression is refused with the reason, and cannot be added.
    await library.getByLabel('Match', { exact: true }).selectOption('regex');
    await library.getByLabel('Pattern').fill('(unclosed');
    await expect.poll(() => library.locator('#rule-check').innerText()).toMatch(/the expression cannot be read: unterminated group/i);
    expect(await library.getByRole('button', { name: 'Add rule' }).isDisabled()).toBe(true);

    // While typed, a rule says how many cards of the open page (the Hugging Face tab) it matches.
    const expectedHide = HF_PAPERS.filter((paper) => hasWord(paper, HIDE_WORD));
    await library.getByLabel('Match', { exact: true }).selectOption('word');
    await library.getByLabel('Pattern').fill(HIDE_WORD);
    await expect
      .poll(() => library.locator('#rule-check').innerText(), { timeout: 10_000 })
      .toBe(`Valid. Matches ${expectedHide.length} of the ${HF_PAPERS.length} cards on the open page.`);

    await addRule(library, { target: 'text', match: 'word', pattern: HIDE_WORD, action: 'hide' });
    await addRule(library, { target: 'author', match: 'phrase', pattern: HIGHLIGHT_AUTHOR, action: 'highlight' });
    await addRule(library, { target: 'category', match: 'word', pattern: DIM_CATEGORY, action: 'dim' });
    expect(await library.getByRole('list', { name: 'Your rules' }).getByRole('listitem').count()).toBe(3);

    // Hugging Face: hidden = matched by the hide rule, not saved, not highlighted.
    const highlighted = HF_PAPERS.filter((paper) => hasAuthor(paper, HIGHLIGHT_AUTHOR)).map((paper) => paper.id).sort();
    const hidden = expectedHide.map((paper) => paper.id).filter((id) => id !== savedId && !highlighted.includes(id)).sort();
    await expect.poll(() => collapsedIds(hf), { timeout: 10_000 }).toEqual(hidden);
    expect(await idsWithRule(hf, 'highlight')).toEqual(highlighted);
    expect(highlighted.length).toBeGreaterThan(0);
    expect(await hf.locator(`[data-papershelf-id="${savedId}"]`).getAttribute('data-papershelf-hidden')).toBe(null);
    const stub = controls(hf, hidden[0]!).getByRole('group', { name: 'Papershelf' });
    expect(await stub.evaluate<string>('(element) => element.innerText')).toContain(`Hidden by rule “${HIDE_WORD}”`);
    await expect.poll(() => panelText(hf)).toContain(`${hidden.length} hidden`);

    // arXiv, opened after the rules: the dim rule dims every entry listing the category (dt and dd).
    const arxiv = await open(session, ARXIV_URL);
    const dimmed = ARXIV_PAPERS.filter((paper) => paper.categories?.includes(DIM_CATEGORY) && !hasWord(paper, HIDE_WORD)).map((paper) => paper.id).sort();
    expect(dimmed.length).toBeGreaterThan(0);
    await expect.poll(() => idsWithRule(arxiv, 'dim'), { timeout: 10_000 }).toEqual(dimmed);
    expect(await arxiv.locator(`dt[data-papershelf-id="${dimmed[0]}"]`).getAttribute('data-papershelf-rule')).toBe('dim');
    const arxivHidden = ARXIV_PAPERS.filter((paper) => hasWord(paper, HIDE_WORD)).map((paper) => paper.id).sort();
    expect(await collapsedIds(arxiv)).toEqual(arxivHidden);

    // A card the site adds later meets the rules too.
    await hf.evaluate((word) => {
      const article = document.querySelector('article:not([data-papershelf-hidden])')!;
      const copy = article.cloneNode(true) as Element;
      copy.querySelector('[data-papershelf-host]')?.remove();
      for (const name of ['data-papershelf-id', 'data-papershelf-rule', 'data-papershelf-current']) copy.removeAttribute(name);
      for (const link of copy.querySelectorAll('a[href^="/papers/"]')) link.setAttribute('href', '/papers/2609.99999');
      copy.querySelector('h3 a')!.textContent = `A late paper about ${word}`;
      article.after(copy);
    }, HIDE_WORD);
    await expect.poll(() => collapsedIds(hf)).toContain('2609.99999');
    await expect.poll(() => panelText(hf)).toContain(`${hidden.length + 1} hidden`);

    // A hand-hidden paper adds to the count; "Show" shows every hidden paper for this page view.
    const visibleId = HF_PAPERS.find((paper) => !hidden.includes(paper.id) && paper.id !== savedId && !highlighted.includes(paper.id))!.id;
    await controls(hf, visibleId).getByRole('button', { name: 'Hide' }).click();
    await expect.poll(() => panelText(hf)).toContain(`${hidden.length + 2} hidden`);
    await panel(hf).getByRole('button', { name: /^Show the \d+ hidden papers/ }).click();
    await expect.poll(() => collapsedIds(hf)).toEqual([]);
    await expect.poll(() => hf.locator('[data-papershelf-revealed]:has(> [data-papershelf-host])').count()).toBe(hidden.length + 2);
    await panel(hf).getByRole('button', { name: /^Hide the \d+ hidden papers again/ }).click();
    await expect.poll(() => collapsedIds(hf)).toHaveLength(hidden.length + 2);

    // Turning the hide rule off in the library shows its papers again in the open tab, at once.
    await library.getByRole('checkbox', { name: `Rule on: “${HIDE_WORD}”`, exact: true }).uncheck();
    await expect.poll(() => collapsedIds(hf), { timeout: 10_000 }).toEqual([visibleId]);
    for (const page of [hf, arxiv, library]) await page.close();
  });
});
