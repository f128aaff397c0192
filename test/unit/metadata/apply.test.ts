// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { applyFetched, applyFetchedToRecords } from '../../../lib/metadata/apply';
import type { FetchedPaper } from '../../../lib/metadata/fetched';
import type { PaperRecord } from '../../../lib/paper/model';

const ID = 'arxiv:2409.12345';
const NOW = 2_000_000;

/** A paper saved from a Hugging Face daily card: a title, "12 authors", the day it was featured. */
function hfCard(overrides: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: ID,
    title: 'Shelving Papers at Scale',
    authors: [],
    authorCount: 3,
    publishedAt: '2024-09-20',
    sources: { huggingface: `https://huggingface.co/papers/${ID}` },
    tags: ['reading'],
    savedAt: 1_000,
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

const ARXIV: FetchedPaper = {
  id: ID,
  source: 'arxiv-api',
  version: 2,
  title: 'Shelving Papers at Scale: A Study of Metadata',
  authors: ['Ada Lovelace', 'Zoë Müller', 'Charles Babbage'],
  abstract: 'We study metadata.',
  publishedAt: '2024-09-18',
  primaryCategory: 'cs.DL',
  categories: ['cs.DL', 'cs.IR'],
  comments: 'Accepted at ICLR 2025',
  journalRef: 'ICLR 2025',
  doi: '10.1000/182',
  venue: { kind: 'conference', name: 'ICLR 2025' },
};

const HF: FetchedPaper = {
  id: ID,
  source: 'hf-api',
  title: 'Shelving Papers at Scale: A Study of Metadata',
  authors: ['Ada Lovelace', 'Zoë Müller', 'Charles Babbage'],
  abstract: 'We study metadata.',
  publishedAt: '2024-09-19',
};

describe('applyFetched', () => {
  it('fills an HF card from arXiv and records where each field came from', () => {
    const { record, changed } = applyFetched(hfCard(), ARXIV, NOW);
    const { authorCount: _stale, ...card } = hfCard();
    expect(record).toEqual({
      ...card,
      title: ARXIV.title,
      authors: ARXIV.authors,
      abstract: ARXIV.abstract,
      publishedAt: '2024-09-18',
      primaryCategory: 'cs.DL',
      comments: 'Accepted at ICLR 2025',
      journalRef: 'ICLR 2025',
      doi: '10.1000/182',
      venue: { kind: 'conference', name: 'ICLR 2025' },
      fieldSources: {
        title: 'arxiv-api',
        authors: 'arxiv-api',
        abstract: 'arxiv-api',
        publishedAt: 'arxiv-api',
        primaryCategory: 'arxiv-api',
        comments: 'arxiv-api',
        journalRef: 'arxiv-api',
        doi: 'arxiv-api',
        venue: 'arxiv-api',
      },
      updatedAt: NOW,
    });
    // The count is stale once every name is known.
    expect(record).not.toHaveProperty('authorCount');
    expect(changed.sort()).toEqual(['abstract', 'authorCount', 'authors', 'comments', 'doi', 'journalRef', 'primaryCategory', 'publishedAt', 'title', 'venue']);
    // User state is never touched.
    expect(record).toMatchObject({ tags: ['reading'], savedAt: 1_000, createdAt: 1_000 });
  });

  it('never overwrites what the user edited, by source or by userEdited', () => {
    const card = hfCard({
      title: 'My Own Title',
      publishedAt: '2024-01-01',
      doi: '10.1000/mine',
      fieldSources: { title: 'user', publishedAt: 'user' },
      userEdited: ['doi', 'authors'],
    });
    const { record, changed } = applyFetched(card, ARXIV, NOW);
    expect(record).toMatchObject({ title: 'My Own Title', publishedAt: '2024-01-01', doi: '10.1000/mine', authors: [], authorCount: 3 });
    expect(record.fieldSources).toMatchObject({ title: 'user', publishedAt: 'user' });
    expect(record.fieldSources).not.toHaveProperty('doi');
    expect(changed).not.toContain('title');
    expect(changed).not.toContain('authors');
    expect(changed).not.toContain('authorCount');
    expect(changed).toContain('primaryCategory');
  });

  it('replaces a shorter author list and a count, never lengthens one into a shorter list', () => {
    const partial = hfCard({ authors: ['Ada Lovelace'], authorCount: 3 });
    expect(applyFetched(partial, ARXIV, NOW).record.authors).toEqual(ARXIV.authors);
    const longer = hfCard({ authors: ['A', 'B', 'C', 'D'], authorCount: undefined });
    const kept = applyFetched(longer, ARXIV, NOW);
    expect(kept.record.authors).toEqual(['A', 'B', 'C', 'D']);
    expect(kept.changed).not.toContain('authors');
  });

  it("prefers arXiv's list and date over Hugging Face's, never the reverse", () => {
    const fromHf = applyFetched(hfCard(), HF, NOW).record;
    expect(fromHf).toMatchObject({ publishedAt: '2024-09-19', fieldSources: { authors: 'hf-api', publishedAt: 'hf-api' } });

    const arxivNames = { ...ARXIV, authors: ['Ada Lovelace', 'Zoe Muller', 'Charles Babbage'] };
    const fromArxiv = applyFetched(fromHf, arxivNames, NOW + 1).record;
    expect(fromArxiv).toMatchObject({ authors: arxivNames.authors, publishedAt: '2024-09-18', fieldSources: { authors: 'arxiv-api', publishedAt: 'arxiv-api' } });

    const again = applyFetched(fromArxiv, HF, NOW + 2);
    expect(again.changed).toEqual([]);
    expect(again.record).toBe(fromArxiv);
  });

  it('replaces a page title or abstract only when the page’s is shorter (truncated)', () => {
    const longPage = hfCard({ title: 'Shelving Papers at Scale: A Study of Metadata, the Long Page Title', abstract: 'A longer abstract the page had in full.' });
    const result = applyFetched(longPage, ARXIV, NOW);
    expect(result.record.title).toBe(longPage.title);
    expect(result.record.abstract).toBe(longPage.abstract);
    expect(result.changed).not.toContain('title');
  });

  it('lets arXiv refresh its own title but keeps an imported venue', () => {
    const enriched = applyFetched(hfCard(), ARXIV, NOW).record;
    const revised = applyFetched(enriched, { ...ARXIV, title: 'Revised', venue: { kind: 'conference', name: 'ICLR 2026' } }, NOW + 1).record;
    expect(revised.title).toBe('Revised');
    expect(revised.venue).toEqual({ kind: 'conference', name: 'ICLR 2026' });

    const imported = hfCard({ venue: { kind: 'journal', name: 'JMLR' }, fieldSources: { venue: 'import' } });
    expect(applyFetched(imported, ARXIV, NOW).record.venue).toEqual({ kind: 'journal', name: 'JMLR' });
  });

  it('fills publication data from Hugging Face only where empty, from arXiv always', () => {
    const withData = hfCard({ comments: 'old comment', primaryCategory: 'cs.IR' });
    const fromHf = applyFetched(withData, { ...HF, comments: 'hf comment', primaryCategory: 'cs.AI' }, NOW).record;
    expect(fromHf).toMatchObject({ comments: 'old comment', primaryCategory: 'cs.IR' });
    const fromArxiv = applyFetched(withData, ARXIV, NOW).record;
    expect(fromArxiv).toMatchObject({ comments: 'Accepted at ICLR 2025', primaryCategory: 'cs.DL' });
  });

  it('confirms an equal value from a better source without changing it', () => {
    const card = hfCard({ publishedAt: '2024-09-18' });
    const { record, changed } = applyFetched(card, { id: ID, source: 'arxiv-api', publishedAt: '2024-09-18' }, NOW);
    expect(record.publishedAt).toBe('2024-09-18');
    expect(record.fieldSources).toEqual({ publishedAt: 'arxiv-api' });
    expect(changed).toEqual(['publishedAt']);
  });

  it('keeps a count when the service had to cut its list', () => {
    const { record } = applyFetched(hfCard({ authorCount: undefined }), { id: ID, source: 'arxiv-api', authors: ['A', 'B'], authorCount: 3 }, NOW);
    expect(record).toMatchObject({ authors: ['A', 'B'], authorCount: 3 });
  });

  it('returns the record itself when nothing changes, and ignores another paper', () => {
    const card = hfCard();
    expect(applyFetched(card, { id: ID, source: 'arxiv-api' }, NOW)).toEqual({ record: card, changed: [] });
    expect(applyFetched(card, { ...ARXIV, id: 'arxiv:1706.03762' }, NOW)).toEqual({ record: card, changed: [] });
  });

  it('keeps fields the schema does not list', () => {
    const card = { ...hfCard(), futureField: 'kept' } as PaperRecord;
    expect(applyFetched(card, ARXIV, NOW).record).toHaveProperty('futureField', 'kept');
  });
});

describe('applyFetchedToRecords', () => {
  it('returns only the records that changed, skipping papers no longer in the library', () => {
    const unchanged = hfCard({ id: 'arxiv:1706.03762' });
    const records = new Map([
      [ID, hfCard()],
      ['arxiv:1706.03762', unchanged],
    ]);
    const updates = applyFetchedToRecords(records, [ARXIV, { id: 'arxiv:1706.03762', source: 'arxiv-api' }, { ...ARXIV, id: 'arxiv:2501.00001' }], NOW);
    expect(updates.map((record) => record.id)).toEqual([ID]);
  });
});
