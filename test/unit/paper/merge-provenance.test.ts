/**
 * mergePaper and field provenance: a listing page is the weakest source. It must not overwrite
 * what arXiv's or Hugging Face's API, an import or the user set, nor a field the user edited; it
 * still fills what is missing.
 */
import { describe, expect, it } from 'vitest';
import { mergePaper } from '../../../lib/paper/merge';
import type { FieldSource, PaperInput, PaperRecord, TrackedField } from '../../../lib/paper/model';

const ID = '2410.01234';
const PAGE_URL = `https://arxiv.org/abs/${ID}`;

function page(overrides: Partial<PaperInput> = {}): PaperInput {
  return {
    id: ID,
    title: 'Page Title From a Listing',
    authors: ['Page One', 'Page Two', 'Page Three', 'Page Four'],
    primaryCategory: 'cs.LG',
    comments: '9 pages, page comments',
    site: 'arxiv',
    url: PAGE_URL,
    ...overrides,
  };
}

function stored(overrides: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: ID,
    title: 'The Title arXiv Gave',
    authors: ['Api One', 'Api Two'],
    primaryCategory: 'cs.CL',
    comments: 'Accepted at a venue',
    sources: {},
    tags: ['kept'],
    savedAt: 1_000,
    createdAt: 500,
    updatedAt: 1_000,
    ...overrides,
  };
}

/** The four fields a listing page can change on a known paper, as stored before the merge. */
const FIELDS = ['title', 'authors', 'primaryCategory', 'comments'] as const satisfies readonly TrackedField[];
const STRONG_SOURCES: FieldSource[] = ['arxiv-api', 'hf-api', 'import', 'user'];

const allFrom = (source: FieldSource) => Object.fromEntries(FIELDS.map((field) => [field, source])) as PaperRecord['fieldSources'];

describe('mergePaper: a page never overwrites a better source', () => {
  it.each(STRONG_SOURCES)('keeps title, authors, primary category and comments set by %s', (source) => {
    const before = stored({ fieldSources: allFrom(source) });
    const merged = mergePaper(before, page(), 2_000);
    for (const field of FIELDS) expect(merged[field], field).toEqual(before[field]);
    // The provenance itself is kept.
    expect(merged.fieldSources).toEqual(allFrom(source));
  });

  it.each(FIELDS)('guards %s on its own: the other fields still follow the page', (field) => {
    const merged = mergePaper(stored({ fieldSources: { [field]: 'arxiv-api' } }), page(), 2_000);
    const before = stored();
    const fromPage = page();
    for (const other of FIELDS) {
      if (other === field) expect(merged[other], other).toEqual(before[other]);
      else expect(merged[other], other).toEqual(fromPage[other]);
    }
  });

  it('keeps the fields listed in userEdited, whatever their recorded source', () => {
    const before = stored({ userEdited: [...FIELDS], fieldSources: allFrom('page') });
    const merged = mergePaper(before, page(), 2_000);
    for (const field of FIELDS) expect(merged[field], field).toEqual(before[field]);

    // Without a source entry at all (a record from before provenance).
    const legacy = mergePaper(stored({ userEdited: ['title'] }), page(), 2_000);
    expect(legacy.title).toBe('The Title arXiv Gave');
    expect(legacy.comments).toBe('9 pages, page comments');
  });

  it('a field whose source is a page, or that has no recorded source, follows the newer page', () => {
    for (const fieldSources of [undefined, allFrom('page')]) {
      const merged = mergePaper(stored({ fieldSources }), page(), 2_000);
      expect(merged.title).toBe('Page Title From a Listing');
      expect(merged.authors).toEqual(['Page One', 'Page Two', 'Page Three', 'Page Four']);
      expect(merged.primaryCategory).toBe('cs.LG');
      expect(merged.comments).toBe('9 pages, page comments');
    }
  });

  it('still refreshes what is not bibliographic: the site URL, upvotes, updatedAt', () => {
    const merged = mergePaper(stored({ fieldSources: allFrom('arxiv-api') }), page({ upvotes: 4 }), 2_000);
    expect(merged.sources).toEqual({ arxiv: PAGE_URL });
    expect(merged.upvotes).toBe(4);
    expect(merged.updatedAt).toBe(2_000);
    expect(merged.tags).toEqual(['kept']);
    expect(merged.savedAt).toBe(1_000);
  });
});

describe('mergePaper: a page fills what is missing', () => {
  it('fills an empty author list, category and comments beside API-sourced fields', () => {
    const before = stored({
      authors: [],
      primaryCategory: undefined,
      comments: undefined,
      fieldSources: { title: 'arxiv-api' },
    });
    const merged = mergePaper(before, page(), 2_000);
    expect(merged.title).toBe('The Title arXiv Gave');
    expect(merged.authors).toEqual(['Page One', 'Page Two', 'Page Three', 'Page Four']);
    expect(merged.primaryCategory).toBe('cs.LG');
    expect(merged.comments).toBe('9 pages, page comments');
  });

  it('fills an abstract and a date the API did not give', () => {
    const merged = mergePaper(stored({ fieldSources: allFrom('arxiv-api') }), page({ abstract: 'From the page.', publishedAt: '2024-10-02' }), 2_000);
    expect(merged.abstract).toBe('From the page.');
    expect(merged.publishedAt).toBe('2024-10-02');
  });

  it('never takes an empty value from a page over a known one', () => {
    const merged = mergePaper(stored(), page({ title: '', authors: [], primaryCategory: undefined, comments: undefined }), 2_000);
    expect(merged.title).toBe('The Title arXiv Gave');
    expect(merged.authors).toEqual(['Api One', 'Api Two']);
    expect(merged.primaryCategory).toBe('cs.CL');
    expect(merged.comments).toBe('Accepted at a venue');
  });
});

describe('mergePaper: authorCount', () => {
  it('is taken from the page when larger than the known author list', () => {
    expect(mergePaper(stored(), page({ authors: undefined, authorCount: 9 }), 2_000).authorCount).toBe(9);
    // Also beside an API-sourced list: the count says there are names the list lacks.
    const guarded = mergePaper(stored({ fieldSources: { authors: 'hf-api' } }), page({ authors: undefined, authorCount: 5 }), 2_000);
    expect(guarded.authors).toEqual(['Api One', 'Api Two']);
    expect(guarded.authorCount).toBe(5);
  });

  it('is not taken when the known list is as long or longer', () => {
    expect(mergePaper(stored(), page({ authors: undefined, authorCount: 2 }), 2_000)).not.toHaveProperty('authorCount');
    expect(mergePaper(stored(), page({ authors: undefined, authorCount: 1 }), 2_000)).not.toHaveProperty('authorCount');
    // The page brings the full list and its count at once: the count adds nothing.
    expect(mergePaper(stored(), page({ authorCount: 4 }), 2_000)).not.toHaveProperty('authorCount');
    // A count of 0 from an odd card means nothing either.
    expect(mergePaper(stored({ authors: [] }), page({ authors: undefined, authorCount: 0 }), 2_000)).not.toHaveProperty('authorCount');
  });

  it('is compared with the list after the merge: a longer list from the same page wins', () => {
    // Known: 2 names. The page: 4 names and "3 authors" (a stale card count).
    expect(mergePaper(stored(), page({ authorCount: 3 }), 2_000)).not.toHaveProperty('authorCount');
  });

  it('a stored count the merged list has caught up with is dropped', () => {
    // Known: 2 names of "3 authors". The page lists 4 names: the old count is stale.
    const merged = mergePaper(stored({ authorCount: 3 }), page(), 2_000);
    expect(merged.authors).toHaveLength(4);
    expect(merged).not.toHaveProperty('authorCount');
  });

  it('a stored count still larger than the list is kept', () => {
    const merged = mergePaper(stored({ authorCount: 12 }), page(), 2_000);
    expect(merged.authors).toHaveLength(4);
    expect(merged.authorCount).toBe(12);
    expect(mergePaper(stored({ authorCount: 12 }), page({ authorCount: undefined, authors: undefined }), 2_000).authorCount).toBe(12);
  });
});
