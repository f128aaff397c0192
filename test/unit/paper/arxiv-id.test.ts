import { describe, expect, it } from 'vitest';
import { arxivAbsUrl, canonicalArxivId, isCanonicalArxivId } from '../../../lib/paper/arxiv-id';

describe('canonicalArxivId', () => {
  it.each([
    ['0704.0001', '0704.0001'], // first new-style id (April 2007), four-digit number
    ['1412.9999', '1412.9999'], // last year of four-digit numbers
    ['2409.12345', '2409.12345'], // five-digit number (2015 on)
    ['2409.12345v2', '2409.12345'],
    ['2409.12345v10', '2409.12345'],
    ['arXiv:2409.12345v3', '2409.12345'],
    ['arxiv:2409.12345', '2409.12345'],
    ['ARXIV:2409.12345', '2409.12345'],
    ['  2409.12345  ', '2409.12345'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v1', 'hep-th/9901001'],
    ['math.GT/0309136', 'math.GT/0309136'],
    ['math.GT/0309136v2', 'math.GT/0309136'],
    ['cond-mat/0011001', 'cond-mat/0011001'],
    ['arXiv:hep-th/9901001v3', 'hep-th/9901001'],
  ])('%s → %s', (raw, id) => {
    expect(canonicalArxivId(raw)).toBe(id);
  });

  it.each([
    '2409.123', // too few digits
    '2409.123456', // too many digits
    '240.12345',
    '2409-12345',
    '2409.12345v', // a version needs a number
    '2409.12345v2v3',
    'abc',
    '',
    '   ',
    'arXiv:',
    'https://arxiv.org/abs/2409.12345',
    '/papers/2409.12345',
    'hep-th/990100', // old-style numbers have seven digits
    'hep-th/99010011',
    'HEP-TH/9901001', // archive names are lower case
    '2409.12345 extra',
  ])('rejects %j', (raw) => {
    expect(canonicalArxivId(raw)).toBeNull();
  });
});

describe('isCanonicalArxivId', () => {
  it.each(['0704.0001', '2409.12345', 'hep-th/9901001', 'math.GT/0309136'])('accepts %s', (id) => {
    expect(isCanonicalArxivId(id)).toBe(true);
  });

  it.each(['2409.12345v2', 'arXiv:2409.12345', ' 2409.12345', 'hep-th/9901001v1', '2409.123', ''])('rejects %j', (id) => {
    expect(isCanonicalArxivId(id)).toBe(false);
  });
});

describe('arxivAbsUrl', () => {
  it('links the abstract page', () => {
    expect(arxivAbsUrl('2409.12345')).toBe('https://arxiv.org/abs/2409.12345');
    expect(arxivAbsUrl('hep-th/9901001')).toBe('https://arxiv.org/abs/hep-th/9901001');
  });
});
