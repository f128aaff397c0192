import { describe, expect, it } from 'vitest';
import { arxivIdIn, arxivIdOf, isPaperId, kindOf, localIdOf, paperIdInWords, paperIdOf, paperPageUrl, readPaperId } from '../../../lib/paper/paper-id';
import { PaperIdSchema } from '../../../lib/paper/model';

describe('paper ids', () => {
  it('tags a canonical arXiv id with its kind, and reads the kind and the id back', () => {
    expect(paperIdOf('arxiv', '2409.12345')).toBe('arxiv:2409.12345');
    expect(paperIdOf('arxiv', 'hep-th/9901001')).toBe('arxiv:hep-th/9901001');
    expect(kindOf('arxiv:2409.12345')).toBe('arxiv');
    expect(localIdOf('arxiv:hep-th/9901001')).toBe('hep-th/9901001');
    expect(arxivIdOf('arxiv:2409.12345')).toBe('2409.12345');
    expect(paperPageUrl('arxiv:2409.12345')).toBe('https://arxiv.org/abs/2409.12345');
    expect(paperIdInWords('arxiv:2409.12345')).toBe('arXiv:2409.12345');
  });

  it('refuses what is not a canonical id of a known kind', () => {
    expect(() => paperIdOf('arxiv', '2409.12345v2')).toThrow(RangeError);
    expect(() => paperIdOf('arxiv', 'arxiv:2409.12345')).toThrow(RangeError);
    for (const bad of ['2409.12345', 'arxiv:2409.12345v2', 'ARXIV:2409.12345', 'arxiv:', 'doi:10.1000/182', 'constructor:x', `arxiv:${'1'.repeat(80)}`, 'arxiv: 2409.12345']) {
      expect(isPaperId(bad), bad).toBe(false);
      expect(kindOf(bad), bad).toBeNull();
      expect(arxivIdOf(bad), bad).toBeNull();
      expect(PaperIdSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(PaperIdSchema.safeParse('arxiv:2409.12345').success).toBe(true);
  });

  it('reads the bare arXiv ids older versions wrote as arXiv paper ids, and nothing else', () => {
    expect(readPaperId('2409.12345')).toBe('arxiv:2409.12345');
    expect(readPaperId('math/0309136')).toBe('arxiv:math/0309136');
    expect(readPaperId('arxiv:2409.12345')).toBe('arxiv:2409.12345');
    expect(readPaperId('2409.12345v2')).toBeNull();
    expect(readPaperId('setting:bibtexAscii')).toBeNull();
    expect(arxivIdIn('2409.12345')).toBe('2409.12345');
    expect(arxivIdIn('arxiv:2409.12345')).toBe('2409.12345');
    expect(arxivIdIn('not an id')).toBeNull();
  });
});
