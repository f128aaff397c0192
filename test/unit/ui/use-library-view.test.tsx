/**
 * The hidden view of a library still being read: its first page comes from the records (newest
 * hidden first) before LiveLibrary holds every paper, and is handed over to the view in memory
 * once that has found as many rows, in the same order (no jump); from then on a new search stays
 * in memory. A library held whole from the start reads no page.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { PapershelfDatabase } from '../../../lib/db/database';
import type { PaperRecord } from '../../../lib/paper/model';
import { DEFAULT_QUERY, filterPapers, type LibraryQuery } from '../../../lib/search';
import type { LibrarySnapshot } from '../../../lib/ui/library-snapshot';
import { useLibraryView, type LibraryView } from '../../../lib/ui/use-library-view';
import type { PagedSource } from '../../../lib/ui/use-paged-papers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function record(index: number, fields: Partial<PaperRecord>): PaperRecord {
  const id = `arxiv:2407.${String(10_000 + index)}`;
  return { id, title: `Paper ${index}`, authors: [], sources: {}, tags: [], createdAt: 1, updatedAt: 1, ...fields };
}

/** 1,200 hidden papers (one a millisecond) and 30 saved ones. */
const HIDDEN = Array.from({ length: 1_200 }, (_, index) => record(index, { hiddenAt: 10_000 + index }));
const SAVED = Array.from({ length: 30 }, (_, index) => record(5_000 + index, { savedAt: 50_000 + index }));
const HIDDEN_QUERY: LibraryQuery = { ...DEFAULT_QUERY, show: 'hidden' };

async function source(papers: readonly PaperRecord[] = [...HIDDEN, ...SAVED]): Promise<{ source: PagedSource; reads: () => number }> {
  const db = new PapershelfDatabase(`view-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.papers.bulkPut([...papers]);
  let reads = 0;
  // Counts the pages read: each read of a page is one transaction on the papers.
  db.use({ stack: 'dbcore', name: 'count-reads', create: (down) => ({ ...down, transaction: (...args) => (reads++, down.transaction(...args)) }) });
  cleanups.push(() => db.close());
  return { source: { db, onPapersWritten: () => () => {} }, reads: () => reads };
}

/** Renders the hook; `draw` renders it again with another snapshot or query. */
function mount(first: { library: LibrarySnapshot; query: LibraryQuery; source: PagedSource }) {
  const host = document.body.appendChild(document.createElement('div'));
  const views: LibraryView[] = [];
  // How many rows each render showed (the matches grow in place afterwards).
  const rendered: number[] = [];
  function Probe(props: typeof first) {
    const view = useLibraryView(props.library, props.query, props.source, 10);
    views.push(view);
    rendered.push(view.filtered.matches.length);
    return null;
  }
  let props = first;
  const draw = (next: Partial<typeof first>) => act(() => render(<Probe {...(props = { ...props, ...next })} />, host));
  draw({});
  cleanups.push(() => {
    act(() => render(null, host));
    host.remove();
  });
  return { view: () => views.at(-1)!, draw, rendered };
}

async function until(check: () => boolean): Promise<void> {
  for (let round = 0; round < 200 && !check(); round++) await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
  expect(check()).toBe(true);
}

const ids = (papers: readonly PaperRecord[]) => papers.map((paper) => paper.id);
const newestHidden = [...HIDDEN].reverse();

describe('useLibraryView', () => {
  it('shows the newest hidden papers from the records while the library is read, then hands over without moving a row', async () => {
    const { source: paged, reads } = await source();
    const saved: LibrarySnapshot = { phase: 'saved', papers: SAVED, counts: { saved: 30, hidden: 1_200, all: 1_230 }, loaded: 30 };
    const { view, draw, rendered } = mount({ library: saved, query: HIDDEN_QUERY, source: paged });
    expect(view().paged).toBe(true);
    await until(() => view().filtered.done && view().filtered.matches.length === 500);
    expect(view().searchable).toBe(false);
    expect(ids(view().filtered.matches)).toEqual(ids(newestHidden.slice(0, 500)));

    // "Show 500 more" while still reading.
    act(() => view().pages.more());
    await until(() => view().filtered.done && view().filtered.matches.length === 1_000);

    // Every paper read: the view in memory takes over, in the same order, with at least the rows shown.
    const handOver = rendered.length;
    draw({ library: { phase: 'complete', papers: [...SAVED, ...HIDDEN], counts: { saved: 30, hidden: 1_200, all: 1_230 }, loaded: 1_230 } });
    await until(() => view().searchable && !view().paged);
    expect(Math.min(...rendered.slice(handOver))).toBeGreaterThanOrEqual(1_000);
    expect(ids(view().filtered.matches.slice(0, 1_000))).toEqual(ids(newestHidden.slice(0, 1_000)));

    // Handed over: a search stays in memory, and no page is read for it.
    const before = reads();
    const search = { ...HIDDEN_QUERY, text: 'Paper 11' };
    draw({ query: search });
    expect(view().paged).toBe(false);
    await until(() => view().filtered.done);
    expect(ids(view().filtered.matches)).toEqual(ids(filterPapers([...SAVED, ...HIDDEN], search)));
    expect(reads()).toBe(before);
  });

  it('shows the "all" view from the saved papers held and the hidden pages, newest first, until handed over', async () => {
    const { source: paged } = await source();
    const saved: LibrarySnapshot = { phase: 'saved', papers: SAVED, counts: { saved: 30, hidden: 1_200, all: 1_230 }, loaded: 30 };
    const all: LibraryQuery = { ...DEFAULT_QUERY, show: 'all' };
    const { view, draw } = mount({ library: saved, query: all, source: paged });
    await until(() => view().filtered.done && view().read === 530);
    const newest = [...[...SAVED].reverse(), ...newestHidden];
    expect(ids(view().filtered.matches)).toEqual(ids(newest.slice(0, 530)));
    draw({ library: { phase: 'complete', papers: [...HIDDEN, ...SAVED], counts: { saved: 30, hidden: 1_200, all: 1_230 }, loaded: 1_230 } });
    await until(() => view().searchable && !view().paged);
    expect(ids(view().filtered.matches)).toEqual(ids(newest));
  });

  it('lists papers hidden at one instant (a Replace) in the same order on pages and in memory', async () => {
    // Stored in another order than their ids, hidden at one instant.
    const replaced = HIDDEN.map((paper) => ({ ...paper, hiddenAt: 7_000 })).reverse();
    const { source: paged } = await source([...replaced, ...SAVED]);
    const saved: LibrarySnapshot = { phase: 'saved', papers: SAVED, counts: { saved: 30, hidden: 1_200, all: 1_230 }, loaded: 30 };
    const { view, draw } = mount({ library: saved, query: HIDDEN_QUERY, source: paged });
    await until(() => view().filtered.done && view().filtered.matches.length === 500);
    const onPage = ids(view().filtered.matches);
    draw({ library: { phase: 'complete', papers: [...SAVED, ...replaced], counts: { saved: 30, hidden: 1_200, all: 1_230 }, loaded: 1_230 } });
    await until(() => view().searchable && !view().paged);
    expect(ids(view().filtered.matches.slice(0, 500))).toEqual(onPage);
  });

  it('reads no page when the library is held whole already', async () => {
    const { source: paged, reads } = await source();
    const complete: LibrarySnapshot = { phase: 'complete', papers: [...SAVED, ...HIDDEN], counts: { saved: 30, hidden: 1_200, all: 1_230 }, loaded: 1_230 };
    const { view } = mount({ library: complete, query: HIDDEN_QUERY, source: paged });
    await until(() => view().filtered.done);
    expect(view()).toMatchObject({ paged: false, searchable: true });
    expect(view().filtered.matches).toHaveLength(1_200);
    expect(reads()).toBe(0);
  });

  it('keeps the pages in a library too large to hold', async () => {
    const { source: paged } = await source();
    const large: LibrarySnapshot = { phase: 'saved', paged: true, papers: SAVED, counts: { saved: 30, hidden: 1_200, all: 1_230 }, loaded: 30 };
    const { view } = mount({ library: large, query: HIDDEN_QUERY, source: paged });
    await until(() => view().filtered.matches.length === 500);
    expect(view()).toMatchObject({ paged: true, searchable: false });
    expect(view().pages.done).toBe(false);
  });
});
