// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isComplete, missingFields } from '../../../lib/metadata/completeness';
import type { PaperRecord } from '../../../lib/paper/model';

function record(overrides: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: '1706.03762',
    title: 'Attention Is All You Need',
    authors: ['Ashish Vaswani'],
    abstract: 'The dominant sequence transduction models…',
    publishedAt: '2017-06-12',
    primaryCategory: 'cs.CL',
    sources: { arxiv: 'https://arxiv.org/abs/1706.03762' },
    tags: [],
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

describe('missingFields', () => {
  it('finds nothing missing in a full arXiv record', () => {
    expect(missingFields(record())).toEqual([]);
    expect(isComplete(record())).toBe(true);
  });

  it('asks for authors when only a count or fewer names than the count are known', () => {
    expect(missingFields(record({ authors: [], authorCount: 8 }))).toEqual(['authors']);
    expect(missingFields(record({ authors: ['A'], authorCount: 8 }))).toEqual(['authors']);
    expect(missingFields(record({ authors: [] }))).toEqual(['authors']);
  });

  it('asks for a date a Hugging Face page gave until an API confirms it', () => {
    const hf = record({ sources: { huggingface: 'https://huggingface.co/papers/1706.03762' } });
    expect(missingFields(hf)).toEqual(['publishedAt']);
    expect(missingFields({ ...hf, fieldSources: { publishedAt: 'arxiv-api' } })).toEqual([]);
    expect(missingFields({ ...hf, fieldSources: { publishedAt: 'hf-api' } })).toEqual([]);
  });

  it('asks for the primary category, the abstract and a truncated page title', () => {
    const bare = record({ primaryCategory: undefined, abstract: undefined, title: 'Attention Is All…' });
    expect(missingFields(bare)).toEqual(['title', 'primaryCategory', 'abstract']);
    expect(isComplete(bare)).toBe(false);
    // A title arXiv itself ends with an ellipsis is the real one.
    expect(missingFields(record({ title: 'Wait for it...', fieldSources: { title: 'arxiv-api' } }))).toEqual([]);
  });
});
