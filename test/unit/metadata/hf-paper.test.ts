// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseHfPaper } from '../../../lib/metadata/hf-paper';
import { fixture } from './fixtures';

describe('parseHfPaper', () => {
  it('reads id, title, authors (hidden ones too), abstract and date, and ignores the rest', () => {
    expect(parseHfPaper(JSON.parse(fixture('hf-paper.json')))).toEqual({
      ok: true,
      paper: {
        id: '2409.12345',
        source: 'hf-api',
        title: 'Shelving Papers at Scale: A Study of Metadata & Its Discontents',
        authors: ['Ada Lovelace', 'Zoë Müller-Østergaard', 'Charles Babbage'],
        abstract: 'We study metadata. Authors write less than they think.',
        publishedAt: '2024-09-18',
      },
    });
  });

  it('refuses malformed JSON shapes with a reason', () => {
    expect(parseHfPaper(JSON.parse(fixture('hf-paper-malformed.json')))).toEqual({ ok: false, reason: 'not a Hugging Face paper' });
    expect(parseHfPaper(JSON.parse(fixture('hf-not-found.json')))).toEqual({ ok: false, reason: 'Hugging Face: Paper not found' });
    expect(parseHfPaper(null)).toMatchObject({ ok: false });
    expect(parseHfPaper([])).toMatchObject({ ok: false });
    expect(parseHfPaper({ id: 'not-an-id', title: 'T' })).toEqual({ ok: false, reason: 'not an arXiv id: not-an-id' });
    expect(parseHfPaper({ id: '2409.12345', title: '   ' })).toEqual({ ok: false, reason: 'the paper has no usable title' });
  });

  it('accepts a versioned id and keeps optional fields optional', () => {
    expect(parseHfPaper({ id: '2409.12345v2', title: 'T', publishedAt: 'yesterday', authors: 'nobody' })).toEqual({
      ok: true,
      paper: { id: '2409.12345', source: 'hf-api', title: 'T' },
    });
  });

  it('marks the list incomplete when an author has no usable name', () => {
    const result = parseHfPaper({ id: '2409.12345', title: 'T', authors: [{ name: 'A' }, { user: { user: 'b' } }, { name: ' ' }] });
    expect(result).toEqual({ ok: true, paper: { id: '2409.12345', source: 'hf-api', title: 'T', authors: ['A'], authorCount: 3 } });
  });
});
