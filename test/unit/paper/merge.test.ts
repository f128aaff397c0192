import { describe, expect, it } from 'vitest';
import { mergePaper } from '../../../lib/paper/merge';
import type { PaperInput, PaperRecord } from '../../../lib/paper/model';

const ID = '2409.12345';
const HF_URL = `https://huggingface.co/papers/${ID}`;
const ARXIV_URL = `https://arxiv.org/abs/${ID}`;

function input(overrides: Partial<PaperInput> = {}): PaperInput {
  return { id: ID, title: 'A Paper', site: 'huggingface', url: HF_URL, ...overrides };
}

function record(overrides: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: ID,
    title: 'A Paper',
    authors: ['A. One', 'B. Two', 'C. Three'],
    abstract: 'A long, known abstract.',
    publishedAt: '2024-09-18',
    upvotes: 7,
    sources: { huggingface: HF_URL },
    tags: ['keep'],
    savedAt: 1_000,
    hiddenAt: 2_000,
    createdAt: 500,
    updatedAt: 2_000,
    ...overrides,
  };
}

describe('mergePaper', () => {
  it('builds a new record from the page when nothing is stored', () => {
    const merged = mergePaper(undefined, input({ authors: ['X'], abstract: 'Abs.', publishedAt: '2024-09-18', upvotes: 3 }), 9_000);
    expect(merged).toEqual({
      id: ID,
      title: 'A Paper',
      authors: ['X'],
      abstract: 'Abs.',
      publishedAt: '2024-09-18',
      upvotes: 3,
      sources: { huggingface: HF_URL },
      tags: [],
      createdAt: 9_000,
      updatedAt: 9_000,
    });
    expect(merged).not.toHaveProperty('savedAt');
    expect(merged).not.toHaveProperty('hiddenAt');
  });

  it('keeps the longer author list', () => {
    expect(mergePaper(record(), input({ authors: ['A. One'] }), 3_000).authors).toEqual(['A. One', 'B. Two', 'C. Three']);
    expect(mergePaper(record(), input({ authors: [] }), 3_000).authors).toEqual(['A. One', 'B. Two', 'C. Three']);
    expect(mergePaper(record(), input({ authors: ['P', 'Q', 'R', 'S'] }), 3_000).authors).toEqual(['P', 'Q', 'R', 'S']);
  });

  it('keeps known fields the page does not repeat, and a known abstract over a shorter one', () => {
    const merged = mergePaper(record(), input({ abstract: 'Short.', publishedAt: '2030-01-01' }), 3_000);
    expect(merged.abstract).toBe('A long, known abstract.');
    expect(merged.publishedAt).toBe('2024-09-18');
    expect(merged.upvotes).toBe(7);
    expect(mergePaper(record(), input({ abstract: 'A longer abstract than the one already known.' }), 3_000).abstract).toBe(
      'A longer abstract than the one already known.',
    );
    expect(mergePaper(record({ publishedAt: undefined }), input({ publishedAt: '2030-01-01' }), 3_000).publishedAt).toBe('2030-01-01');
  });

  it('follows the newest title but never empties it; takes the latest upvotes and author count', () => {
    expect(mergePaper(record(), input({ title: 'A Paper, typo fixed' }), 3_000).title).toBe('A Paper, typo fixed');
    expect(mergePaper(record(), input({ title: '' }), 3_000).title).toBe('A Paper');
    const merged = mergePaper(record(), input({ upvotes: 0, authorCount: 12 }), 3_000);
    expect(merged.upvotes).toBe(0);
    expect(merged.authorCount).toBe(12);
  });

  it('never touches saved, hidden or tags', () => {
    const existing = record();
    const hostile = { ...input(), savedAt: undefined, hiddenAt: undefined, tags: ['injected'] } as unknown as PaperInput;
    const merged = mergePaper(existing, hostile, 3_000);
    expect(merged.savedAt).toBe(1_000);
    expect(merged.hiddenAt).toBe(2_000);
    expect(merged.tags).toEqual(['keep']);
    expect(merged.createdAt).toBe(500);

    const unsaved = mergePaper(record({ savedAt: undefined, hiddenAt: undefined, tags: [] }), input(), 3_000);
    expect(unsaved.savedAt).toBeUndefined();
    expect(unsaved.hiddenAt).toBeUndefined();
    expect(unsaved.tags).toEqual([]);
  });

  it('records the URL of each site, the latest per site', () => {
    const first = mergePaper(record(), input({ site: 'arxiv', url: ARXIV_URL }), 3_000);
    expect(first.sources).toEqual({ huggingface: HF_URL, arxiv: ARXIV_URL });
    const second = mergePaper(first, input({ url: `${HF_URL}?from=daily` }), 4_000);
    expect(second.sources).toEqual({ huggingface: `${HF_URL}?from=daily`, arxiv: ARXIV_URL });
  });

  it('updates updatedAt and does not mutate the stored record', () => {
    const existing = record();
    const snapshot = structuredClone(existing);
    const merged = mergePaper(existing, input({ site: 'arxiv', url: ARXIV_URL, authors: ['1', '2', '3', '4'] }), 3_000);
    expect(merged.updatedAt).toBe(3_000);
    expect(merged.createdAt).toBe(500);
    expect(existing).toEqual(snapshot);
    expect(merged.sources).not.toBe(existing.sources);
  });
});
