/**
 * The Papers section in jsdom, over 10,000 papers: only the rows in view exist; Space selects the
 * focused row; "Select all N matching" selects what the filter found; bulk delete goes to the
 * background in chunks, says what it did, and Undo sends the records back. While the saved papers
 * are still read, a search is answered from the stored index, complete.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const sent: Array<Record<string, unknown>> = [];
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      async sendMessage(message: Record<string, unknown>) {
        sent.push(message);
        if (message.type === 'ui:deletePapers') {
          const ids = message.ids as string[];
          return { ok: true, result: { deleted: ids.map((id) => PAPERS.find((paper) => paper.id === id)) } };
        }
        if (message.type === 'ui:restorePapers') return { ok: true, result: { restored: (message.papers as unknown[]).length } };
        return { ok: false, error: 'not expected here' };
      },
    },
  },
}));

import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { PapersSection, type PapersSectionProps } from '../../../../entrypoints/library/PapersSection';
import { PapershelfDatabase } from '../../../../lib/db/database';
import { PaperRepository } from '../../../../lib/db/repository';
import { EarlySearchIndex } from '../../../../lib/db/search-index-early';
import { DEFAULT_QUERY } from '../../../../lib/search';
import type { PaperRecord } from '../../../../lib/paper/model';
import { DEFAULT_SETTINGS } from '../../../../lib/settings';
import type { LibrarySnapshot } from '../../../../lib/ui/live-library';

const PAPERS: PaperRecord[] = Array.from({ length: 10_000 }, (_, index) => ({
  id: `arxiv:2409.${String(index + 1).padStart(5, '0')}`,
  title: `Paper ${index + 1} about ${index % 2 === 0 ? 'graphs' : 'words'}`,
  authors: ['Ada Lovelace'],
  sources: {},
  tags: [],
  savedAt: 1_700_000_000_000 + index,
  createdAt: 1,
  updatedAt: 1,
}));
const SNAPSHOT: LibrarySnapshot = { phase: 'complete', papers: PAPERS, counts: { saved: PAPERS.length, hidden: 0, all: PAPERS.length }, loaded: PAPERS.length };

const cleanups: Array<() => void> = [];
beforeEach(() => {
  sent.length = 0;
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Lets the filter's slices, the chunked requests and the renders after them finish. */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++) await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
}

async function mount(props: Partial<PapersSectionProps> = {}) {
  const host = document.body.appendChild(document.createElement('div'));
  let query = DEFAULT_QUERY;
  const draw = () =>
    render(<PapersSection library={SNAPSHOT} tags={[]} settings={DEFAULT_SETTINGS} query={query} onQuery={(next) => ((query = next), draw())} searchRef={{ current: null }} {...props} />, host);
  act(() => draw());
  cleanups.push(() => {
    act(() => render(null, host));
    host.remove();
  });
  await settle();
  const button = (text: string) => [...host.querySelectorAll('button')].find((candidate) => candidate.textContent === text) as HTMLButtonElement | undefined;
  const selectedLine = () => host.querySelector('#selection-count')!.textContent;
  return { host, button, selectedLine, setQuery: async (next: typeof query) => ((query = next), act(() => draw()), await settle()) };
}

describe('PapersSection', () => {
  it('counts every paper and renders only the rows in view', async () => {
    const { host } = await mount();
    expect(host.querySelector('.count')!.textContent).toBe('10,000 of 10,000 saved papers');
    const grid = host.querySelector('[role="grid"]')!;
    expect(grid.getAttribute('aria-rowcount')).toBe('10000');
    expect(grid.querySelectorAll('[role="row"]').length).toBeLessThan(20);
    // Newest saved first.
    expect(grid.querySelector('[role="row"] .paper-title')!.textContent).toBe('Paper 10000 about words');
  });

  it('Space on a row selects it, again unselects it; Select all matching follows the search', async () => {
    const { host, button, selectedLine, setQuery } = await mount();
    const row = host.querySelector<HTMLElement>('[data-row="1"]')!;
    act(() => {
      row.focus();
      row.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true }));
    });
    expect(selectedLine()).toBe('1 selected');
    expect(host.querySelector<HTMLInputElement>('[data-row="1"] input[type="checkbox"]')!.checked).toBe(true);
    act(() => {
      row.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true }));
    });
    expect(selectedLine()).toBe('0 selected');

    await setQuery({ ...DEFAULT_QUERY, text: 'graphs' });
    expect(host.querySelector('.count')!.textContent).toBe('5,000 of 10,000 saved papers');
    act(() => button('Select all 5,000 matching')!.click());
    expect(selectedLine()).toBe('5,000 selected');
    await setQuery(DEFAULT_QUERY);
    // All 5,000 are in the unfiltered view: none is out of view.
    expect(selectedLine()).toBe('5,000 selected');
    await setQuery({ ...DEFAULT_QUERY, text: 'words' });
    expect(selectedLine()).toBe('5,000 selected, 5,000 of them not shown by this filter');
  });

  it('deletes the selection in chunks, says so, and Undo sends every record back', async () => {
    const { host, button, setQuery } = await mount();
    await setQuery({ ...DEFAULT_QUERY, text: 'words' });
    act(() => button('Select all 5,000 matching')!.click());
    act(() => button('Delete 5,000 selected')!.click());
    await settle();
    const deletes = sent.filter((message) => message.type === 'ui:deletePapers');
    expect(deletes.map((message) => (message.ids as string[]).length)).toEqual([2_000, 2_000, 1_000]);
    expect(new Set(deletes.flatMap((message) => message.ids as string[])).size).toBe(5_000);
    const status = host.querySelector('.status')!;
    expect(status.textContent).toBe('Deleted 5,000 papers.Undo');

    act(() => button('Undo')!.click());
    await settle();
    const restores = sent.filter((message) => message.type === 'ui:restorePapers');
    expect(restores.flatMap((message) => (message.papers as PaperRecord[]).map((paper) => paper.id)).sort()).toEqual(
      PAPERS.filter((paper) => paper.title.endsWith('words')).map((paper) => paper.id).sort(),
    );
    expect(status.textContent).toBe('Restored 5,000 papers.');
  });
});

describe('PapersSection while the saved papers are still read', () => {
  it('answers a search from the stored index: complete count, matching rows, selectable', async () => {
    const factory = new IDBFactory();
    const db = new PapershelfDatabase('papers-section-index', { indexedDB: factory, IDBKeyRange });
    const repo = new PaperRepository(db, () => 1_800_000_000_000);
    for (let n = 1; n <= 40; n++) {
      await repo.save({ id: `arxiv:2405.${String(n).padStart(5, '0')}`, title: `Saved ${n} about ${n % 4 === 0 ? 'graphs' : 'words'}`, site: 'arxiv', url: `https://arxiv.org/abs/2405.${String(n).padStart(5, '0')}` });
    }
    // Only the first screenful is read: a search over it alone would find 3 of the 10.
    const firstScreen = (await db.papers.toArray()).slice(-14);
    const reading: LibrarySnapshot = { phase: 'first', papers: firstScreen, counts: undefined, loaded: firstScreen.length };
    const searchIndex = new EarlySearchIndex(factory, 'papers-section-index');
    const { host, selectedLine, setQuery } = await mount({ library: reading, searchIndex });
    await setQuery({ ...DEFAULT_QUERY, text: 'graphs' });
    await vi.waitFor(() => expect(host.querySelector('.count')!.textContent).toBe('10 of 40 saved papers'));
    const titles = [...host.querySelectorAll('[role="row"] .paper-title')].map((title) => title.textContent);
    expect(titles).toHaveLength(10);
    expect(titles.every((title) => title!.endsWith('graphs'))).toBe(true);
    // A row shown from the index is a paper of the selection like any other.
    const row = host.querySelector<HTMLElement>('[data-row="1"]')!;
    act(() => {
      row.focus();
      row.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true }));
    });
    expect(selectedLine()).toBe('1 selected');
    db.close();
  });
});
