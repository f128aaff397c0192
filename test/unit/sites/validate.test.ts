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

  it('refuses a paper whose id or title is wrong, with the reason', () => {
    expect(validatePaper(paper({ title: '' }))).toMatch(/^title /);
    expect(validatePaper(paper({ id: '2609.00001v2' }))).toMatch(/^id /);
  });
});
