// @vitest-environment node
/**
 * Hides older than the For-you ranker's window keep only what a hidden paper needs (id, when,
 * where, title, authors, key): each hide trims the one it pushes out of the window, the papers the
 * ranker learns from are exactly as before, and a paper that is more than hidden is never trimmed.
 */
import { describe, expect, it } from 'vitest';
import { FULL_HIDES, trimmedHide } from '../../../lib/db/hidden-trim';
import { judgedExamples } from '../../../lib/for-you/judged-papers';
import type { PaperRecord } from '../../../lib/paper/model';
import { fakeLibraries } from '../fake-library';

const setup = fakeLibraries('papershelf-hidden-trim-test');

function hidden(index: number, extra: Partial<PaperRecord> = {}): PaperRecord {
  const id = `arxiv:2401.${String(10_000 + index)}`;
  const at = 1_600_000_000_000 + index * 1_000;
  return {
    id,
    title: `Paper ${index}`,
    authors: ['Ada Lovelace'],
    abstract: 'We study $\\mathcal{O}(n)$ bounds at length.',
    comments: '12 pages',
    publishedAt: '2024-01-02',
    sources: { arxiv: `https://arxiv.org/abs/${id}` },
    citationKey: `lovelace2024paper${index}`,
    tags: [],
    hiddenAt: at,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

describe('trimming hides older than the ranker window', () => {
  it('keeps id, dates, sources, title, authors and key; leaves saved, tagged and annotated papers whole', () => {
    const record = hidden(1);
    expect(trimmedHide(record)).toEqual({ id: record.id, title: record.title, authors: record.authors, sources: record.sources, citationKey: record.citationKey, tags: [], hiddenAt: record.hiddenAt, createdAt: record.createdAt, updatedAt: record.updatedAt });
    expect(trimmedHide(hidden(2, { savedAt: 5 }))).toBeUndefined();
    expect(trimmedHide(hidden(3, { tags: ['x'] }))).toBeUndefined();
    expect(trimmedHide(hidden(4, { note: 'mine' }))).toBeUndefined();
    expect(trimmedHide(trimmedHide(record)!)).toBeUndefined();
  });

  it('each hide trims the one it pushes out of the window, and the ranker learns from the same papers', { timeout: 120_000 }, async () => {
    const { db, repo, clock } = setup();
    const library = Array.from({ length: FULL_HIDES + 1 }, (_, index) => hidden(index));
    await db.papers.bulkPut(library);
    clock.time = 1_700_000_000_000;
    const before = await judgedExamples(db, 0);

    await repo.hide({ id: 'arxiv:2402.10001', title: 'A new hide', authors: ['Grace Hopper'], abstract: 'Fresh.', site: 'arxiv', url: 'https://arxiv.org/abs/2402.10001' });
    // The window is now the new hide and the FULL_HIDES - 1 newest before it: index 1 left it.
    const left = await db.papers.get(library[1]!.id);
    expect(left?.abstract).toBeUndefined();
    expect(left).toEqual(trimmedHide(library[1]!));
    expect((await db.papers.get(library[2]!.id))?.abstract).toBe(library[2]!.abstract);
    const after = await judgedExamples(db, 0);
    expect(after.slice(1)).toEqual(before.slice(0, FULL_HIDES - 1));
  });
});
