import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { BROWSER_PATH, collectConsoleErrors, readLibrary, type Session, launchServing, closeSession } from './harness.ts';
import { listingIdOf } from './library-ids.ts';
import { arxivNew, huggingFaceDaily, plainPapers } from './listing-pages.ts';
import { controls } from './controls.ts';

/**
 * Ten tabs at once: five on a Hugging Face list and five on an arXiv list showing the same 21
 * papers. All at the same moment, tab i adds its own tag to the shared paper P0, saves P(1+i) and
 * hides P(11+i): 30 writes fired without waiting for one another. The background is the only
 * writer, one transaction per change; afterwards the library must hold every change exactly
 * once, and every tab must show the library's final state (pushed, no reload).
 */
const HF_URL = 'https://huggingface.co/papers/date/2026-09-28';
const ARXIV_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';
const TABS = 10;
const PAPERS = plainPapers(1 + 2 * TABS, 50_001);
const SHARED = PAPERS[0]!.id;
const savedBy = (tab: number) => PAPERS[1 + tab]!.id;
const hiddenBy = (tab: number) => PAPERS[1 + TABS + tab]!.id;
const tagOf = (tab: number) => `tab-${tab}`;

const card = (page: Page, id: string): Locator => page.locator(`[data-papershelf-id="${id}"]:has([data-papershelf-host])`);

type LibraryRecord = Record<string, unknown> & { id: string; tags: string[] };

/** What a tab shows for a paper, in the terms of the library: saved, hidden, tags. */
async function shown(page: Page, id: string): Promise<string> {
  const c = controls(page, id);
  const hidden = (await card(page, id).getAttribute('data-papershelf-hidden')) === '';
  // A collapsed card keeps its bar, hidden behind the stub: its buttons still carry the state.
  const saved = (await c.getByRole('button', { name: 'Save', exact: true, includeHidden: true }).getAttribute('aria-pressed')) === 'true';
  const label = await c.getByRole('button', { name: /^Tags/, includeHidden: true }).getAttribute('aria-label');
  return JSON.stringify({ saved, hidden, tags: label ? label.replace(/^Tags: /, '').split(', ') : [] });
}

const expected = (record: LibraryRecord | undefined) =>
  JSON.stringify({ saved: record?.savedAt !== undefined, hidden: record?.hiddenAt !== undefined, tags: record?.tags ?? [] });

/** The library's records under the arXiv ids the listings show (the library keeps PaperIds, `arxiv:…`). */
const byListingId = (records: ReadonlyArray<Record<string, unknown>>) => records.map((record) => ({ ...record, id: listingIdOf(record) })) as LibraryRecord[];

describe.skipIf(!BROWSER_PATH)('ten tabs writing at once', () => {
  let session: Session;
  let tabs: Page[];
  let errors: string[][];
  let library: LibraryRecord[];

  beforeAll(async () => (session = await launchServing({ [HF_URL]: huggingFaceDaily(PAPERS), [ARXIV_URL]: arxivNew(PAPERS) })));
  afterAll(() => closeSession(session));

  test('30 writes fired together from 10 tabs all land, each once', async () => {
    tabs = [];
    errors = [];
    for (let tab = 0; tab < TABS; tab++) {
      const page = await session.context.newPage();
      errors.push(collectConsoleErrors(page));
      await page.goto(tab % 2 === 0 ? HF_URL : ARXIV_URL);
      await expect.poll(() => page.locator('[data-papershelf-host]').count(), { timeout: 10_000 }).toBe(PAPERS.length);
      tabs.push(page);
    }
    // Each tab has its tag typed in the shared paper's editor, ready to be entered.
    const inputs = tabs.map((page) => controls(page, SHARED).getByRole('combobox', { name: 'Add a tag' }));
    for (const [tab, page] of tabs.entries()) {
      await controls(page, SHARED).getByRole('button', { name: 'Tags', exact: true }).click();
      await inputs[tab]!.fill(tagOf(tab));
    }

    const started = performance.now();
    await Promise.all(
      // The tabs at once, each tab's three writes one after the other. Enter on a focused button
      // is real input that clicks it (a script's click() is ignored: lib/content/user-input.ts) and
      // needs no coordinates, which a card collapsing above could move (seen once in CI).
      tabs.map(async (page, tab) => {
        await inputs[tab]!.press('Enter');
        await controls(page, savedBy(tab)).getByRole('button', { name: 'Save', exact: true }).press('Enter');
        await controls(page, hiddenBy(tab)).getByRole('button', { name: 'Hide', exact: true }).press('Enter');
      }),
    );
    // Settled: every tab has stopped writing when the library holds the saves and the hides.
    await expect
      .poll(async () => {
        library = byListingId(await readLibrary(session));
        return library.filter((record) => record.savedAt !== undefined).length + library.filter((record) => record.hiddenAt !== undefined).length;
      }, { timeout: 20_000 })
      .toBe(1 + 2 * TABS);
    const settledMs = Math.round(performance.now() - started);

    // One record per paper, no more: nothing stored twice, nothing under another id.
    expect(library.map((record) => record.id).sort()).toEqual(PAPERS.map((paper) => paper.id).sort());
    for (let tab = 0; tab < TABS; tab++) {
      const saved = library.find((record) => record.id === savedBy(tab));
      const hidden = library.find((record) => record.id === hiddenBy(tab));
      expect(saved?.savedAt, savedBy(tab)).toBeDefined();
      expect(hidden?.hiddenAt, hiddenBy(tab)).toBeDefined();
    }
    const shared = library.find((record) => record.id === SHARED)!;
    console.log(
      `${TABS} tabs, ${3 * TABS} writes fired at once, settled in ${settledMs} ms: ${library.length} records; ` +
        `the shared paper has ${shared.tags.length} of ${TABS} tags (${shared.tags.join(', ')})`,
    );
    // No lost tag: each tab added its own to the same paper.
    expect([...shared.tags].sort()).toEqual(Array.from({ length: TABS }, (_, tab) => tagOf(tab)).sort());
  });

  test('every tab shows the final state without a reload', async () => {
    library = byListingId(await readLibrary(session));
    for (const [tab, page] of tabs.entries()) {
      for (const paper of PAPERS) {
        const record = library.find((candidate) => candidate.id === paper.id);
        await expect.poll(() => shown(page, paper.id), { timeout: 10_000, message: `tab ${tab}, ${paper.id}` }).toBe(expected(record));
      }
      expect(errors[tab], `tab ${tab}`).toEqual([]);
    }
  });
});
