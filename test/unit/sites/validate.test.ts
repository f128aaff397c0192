// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { validatePaper } from '../../../lib/sites/validate';
import type { PaperInput } from '../../../lib/paper/model';

const paper = (extra: Record<string, unknown> = {}): PaperInput =>
  ({ id: '2609.00001', title: 'A Title', site: 'arxiv', url: 'https://arxiv.org/abs/2609.00001', ...extra }) as PaperInput;

describe('validatePaper', () => {
  it('keeps a valid paper as it is', () => {
    expect(validatePaper(paper({ categories: ['cs.CL', 'cs.LG'] }))).toEqual(paper({ categories: ['cs.CL', 'cs.LG'] }));
  });

  it.each([
    ['categories', ['cs.CL', 'not a category!']],
    ['abstract', 'x'.repeat(30_000)],
    ['authors', ['ok', 42]],
    ['primaryCategory', 'NOPE NOPE'],
  ])('drops a bad optional field (%s) and keeps the paper', (field, value) => {
    const result = validatePaper(paper({ [field]: value }));
    expect(typeof result).toBe('object');
    expect(result).not.toHaveProperty(field);
    expect(result).toMatchObject({ id: '2609.00001', title: 'A Title' });
  });

  it('leaves out an over-long author name on its own, keeping the rest of the list', () => {
    expect(validatePaper(paper({ authors: ['ok', 'y'.repeat(600), 'fine'] }))).toEqual(paper({ authors: ['ok', 'fine'] }));
  });

  it('refuses a paper whose id or title is wrong, with the reason in words (no schema text, no property names)', () => {
    expect(validatePaper(paper({ title: '' }))).toBe('its title is empty');
    expect(validatePaper(paper({ title: 'T'.repeat(2_001) }))).toBe('its title is longer than 2,000 characters');
    expect(validatePaper(paper({ id: '2609.00001v2' }))).toBe('its arXiv id is not written as arXiv writes ids (such as 2409.12345, without a version)');
    expect(validatePaper(paper({ url: 'http://arxiv.org/abs/2609.00001' }))).toBe('its link is not a web address starting with https://');
    for (const reason of [validatePaper(paper({ title: 'T'.repeat(2_001), id: 'x' })), validatePaper(paper({ title: undefined }))]) {
      expect(reason).not.toMatch(/Too big|Too small|expected|Invalid|invalid_|<=|\bpath\b/);
    }
  });
});
