import { describe, expect, it } from 'vitest';
import { arxivAbsUrl, arxivIdFromUrl, canonicalArxivId, isCanonicalArxivId } from '../../../lib/paper/arxiv-id';

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
    ['math.GT/0309136', 'math/0309136'],
    ['math.GT/0309136v2', 'math/0309136'],
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
  it.each(['0704.0001', '2409.12345', 'hep-th/9901001', 'math/0309136'])('accepts %s', (id) => {
    expect(isCanonicalArxivId(id)).toBe(true);
  });

  it.each(['2409.12345v2', 'arXiv:2409.12345', ' 2409.12345', 'hep-th/9901001v1', 'math.GT/0309136', '2409.123', ''])('rejects %j', (id) => {
    expect(isCanonicalArxivId(id)).toBe(false);
  });
});

describe('arxivAbsUrl', () => {
  it('links the abstract page', () => {
    expect(arxivAbsUrl('2409.12345')).toBe('https://arxiv.org/abs/2409.12345');
    expect(arxivAbsUrl('hep-th/9901001')).toBe('https://arxiv.org/abs/hep-th/9901001');
  });
});

describe('arxivIdFromUrl', () => {
  it.each([
    // abstract pages, every host and form
    ['https://arxiv.org/abs/2409.12345', '2409.12345'],
    ['https://arxiv.org/abs/2409.12345v3', '2409.12345'],
    ['https://www.arxiv.org/abs/2409.12345', '2409.12345'],
    ['https://export.arxiv.org/abs/2409.12345v1', '2409.12345'],
    ['http://arxiv.org/abs/0704.0001', '0704.0001'], // old listings link over http
    ['https://arxiv.org/abs/2409.12345/', '2409.12345'],
    ['https://arxiv.org/abs/2409.12345?context=cs.LG#top', '2409.12345'],
    ['/abs/2609.22268', '2609.22268'], // the listing's own relative link (2026-09 /new capture)
    ['abs/2609.22268', '2609.22268'],
    ['  /abs/2609.22268  ', '2609.22268'],
    // old-style ids keep their slash
    ['/abs/hep-th/9901001v2', 'hep-th/9901001'],
    ['https://arxiv.org/abs/math.GT/0309136', 'math/0309136'],
    ['https://arxiv.org/abs/hep-th%2F9901001', 'hep-th/9901001'],
    // PDFs, with and without the extension
    ['https://arxiv.org/pdf/2409.12345', '2409.12345'],
    ['https://arxiv.org/pdf/2409.12345v2', '2409.12345'],
    ['https://arxiv.org/pdf/2409.12345v2.pdf', '2409.12345'],
    ['https://arxiv.org/pdf/2409.12345.pdf', '2409.12345'],
    ['/pdf/2609.22268', '2609.22268'],
    ['https://arxiv.org/pdf/hep-th/9901001v1.pdf', 'hep-th/9901001'],
    ['https://export.arxiv.org/pdf/math.GT/0309136v2', 'math/0309136'],
    // HTML renderings, with anything after the id
    ['https://arxiv.org/html/2609.22268v1', '2609.22268'],
    ['https://arxiv.org/html/2609.22268', '2609.22268'],
    ['https://arxiv.org/html/2609.22268v1/', '2609.22268'],
    ['https://arxiv.org/html/2609.22268v1/#S2', '2609.22268'],
    ['https://arxiv.org/html/2609.22268v2/x1.png', '2609.22268'],
    ['https://arxiv.org/html/hep-th/9901001v1/', 'hep-th/9901001'],
    // Hugging Face paper pages
    ['https://huggingface.co/papers/2609.31620', '2609.31620'],
    ['https://huggingface.co/papers/2609.31620v2#community', '2609.31620'],
    ['/papers/2609.31620', null], // relative to arxiv.org by default: not a paper link there
  ])('%s → %s', (href, id) => {
    expect(arxivIdFromUrl(href)).toBe(id);
  });

  it('resolves relative links against the given base', () => {
    expect(arxivIdFromUrl('/papers/2609.31620', 'https://huggingface.co/papers/date/2026-09-28')).toBe('2609.31620');
    expect(arxivIdFromUrl('../../abs/2609.22268', 'https://arxiv.org/list/cs.LG/new')).toBe('2609.22268');
    expect(arxivIdFromUrl('/abs/2609.22268', 'https://huggingface.co/')).toBeNull();
  });

  it.each([
    '',
    '#item1',
    'https://arxiv.org/',
    'https://arxiv.org/abs/',
    'https://arxiv.org/abs/2409.123', // too short
    'https://arxiv.org/abs/2409.12345v', // a version needs a number
    'https://arxiv.org/abs/2409.12345/extra', // an abstract URL is exactly the id
    'https://arxiv.org/abs/hep-th', // an archive without a number
    'https://arxiv.org/abs/%202409.12345', // spaces are not forgiven in a path
    'https://arxiv.org/abs/%E0%A4%A', // a malformed escape
    'https://arxiv.org/format/2409.12345',
    'https://arxiv.org/src/2409.12345',
    'https://arxiv.org/list/cs.LG/new',
    'https://arxiv.org/search/?query=2409.12345',
    'https://arxiv.org/html/', // no id
    'https://arxiv.org/html/notanid/2409.12345',
    'https://evil.example/abs/2409.12345',
    'https://arxiv.org.evil.example/abs/2409.12345',
    'https://huggingface.co/abs/2409.12345',
    'https://huggingface.co/papers/2409.12345/extra',
    'https://huggingface.co/papers/date/2026-09-28',
    'ftp://arxiv.org/abs/2409.12345',
    'javascript:alert(1)',
    'mailto:help@arxiv.org',
  ])('gives null for %j', (href) => {
    expect(arxivIdFromUrl(href)).toBeNull();
  });

  it('gives null for an unparsable base instead of throwing', () => {
    expect(arxivIdFromUrl('/abs/2409.12345', 'not a url')).toBeNull();
  });
});
