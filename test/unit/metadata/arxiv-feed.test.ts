// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseArxivFeed } from '../../../lib/metadata/arxiv-feed';
import { fixture } from './fixtures';

describe('parseArxivFeed', () => {
  it('reads every entry of a normal feed: canonical ids, versions, clean text, v1 dates', () => {
    const result = parseArxivFeed(fixture('arxiv-multi.xml'));
    expect(result).toMatchObject({ ok: true, missing: [], skipped: 0 });
    if (!result.ok) return;
    expect(result.papers.map((paper) => [paper.id, paper.version])).toEqual([
      ['1706.03762', 7],
      ['hep-th/9711200', 3],
      ['2409.12345', 2],
    ]);
    const [attention, maldacena, made] = result.papers;
    expect(attention).toEqual({
      id: '1706.03762',
      source: 'arxiv-api',
      version: 7,
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez', 'Lukasz Kaiser', 'Illia Polosukhin'],
      abstract:
        'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks in an encoder-decoder configuration. We propose a new simple network architecture, the Transformer, based solely on attention mechanisms, dispensing with recurrence and convolutions entirely.',
      // `published` is version 1's date, not `updated`.
      publishedAt: '2017-06-12',
      primaryCategory: 'cs.CL',
      categories: ['cs.CL', 'cs.LG'],
      comments: '15 pages, 5 figures',
      journalRef: 'Advances in Neural Information Processing Systems 30 (NIPS 2017)',
      venue: { kind: 'conference', name: 'NIPS 2017' },
    });
    expect(maldacena).toMatchObject({
      authors: ['Juan M. Maldacena'],
      publishedAt: '1997-11-27',
      primaryCategory: 'hep-th',
      doi: '10.1023/A:1026654312961',
      journalRef: 'Adv.Theor.Math.Phys.2:231-252,1998',
      comments: '20 pages, harvmac, v2: section on AdS_2 corrected, references added, v3: more references and a sign in eqn. (2.8) corrected',
    });
    // A journal reference names no venue unless it is clearly a listed conference.
    expect(maldacena).not.toHaveProperty('venue');
    expect(maldacena).not.toHaveProperty('withdrawn');
    expect(made).toMatchObject({
      // Hard wraps and runs of spaces collapse; entities decode.
      title: 'Shelving Papers at Scale: A Study of Metadata & Its Discontents',
      abstract: 'We study metadata. Authors write <i>less</i> than they think — and readers notice.',
      authors: ['Ada Lovelace', 'Zoë Müller-Østergaard'],
      // One author came without a name: the list is known to be short of one.
      authorCount: 3,
      // ACM (H.3.7) and MSC (68P20) classes are not arXiv categories.
      categories: ['cs.DL', 'cs.IR'],
      // Two DOIs (article and erratum): the first.
      doi: '10.1103/PhysRevD.76.044016',
      venue: { kind: 'conference', name: 'ICLR 2025' },
    });
  });

  it('returns arXiv’s own message for an error feed', () => {
    expect(parseArxivFeed(fixture('arxiv-error.xml'))).toEqual({ ok: false, reason: 'arXiv: incorrect id format for 1234.12345', arxivError: true });
  });

  it('reads an empty result as no papers', () => {
    expect(parseArxivFeed(fixture('arxiv-empty.xml'))).toEqual({ ok: true, papers: [], missing: [], skipped: 0 });
  });

  it('lists an entry without a title as missing and counts unreadable entries', () => {
    const result = parseArxivFeed(fixture('arxiv-unknown-id.xml'));
    expect(result).toMatchObject({ ok: true, missing: ['2409.99999'], skipped: 2 });
    if (result.ok) expect(result.papers.map((paper) => paper.id)).toEqual(['1706.03762']);
  });

  it('records a withdrawn paper with its comment', () => {
    const result = parseArxivFeed(fixture('arxiv-withdrawn.xml'));
    expect(result.ok && result.papers[0]).toMatchObject({
      id: '2301.00001',
      withdrawn: true,
      comments: 'This paper has been withdrawn by the authors due to a crucial error in the proof of Theorem 2',
      publishedAt: '2023-01-02',
    });
  });

  it('rejects malformed XML, a non-feed, throttling and an empty body with a reason', () => {
    expect(parseArxivFeed(fixture('arxiv-malformed.xml'))).toMatchObject({ ok: false, reason: expect.stringMatching(/^not XML/) });
    expect(parseArxivFeed('<html><body>Service Unavailable</body></html>')).toEqual({ ok: false, reason: 'not an Atom feed' });
    expect(parseArxivFeed('{"papers": []}')).toMatchObject({ ok: false, reason: expect.stringMatching(/^not XML/) });
    expect(parseArxivFeed('Rate exceeded.')).toMatchObject({ ok: false, throttled: true });
    expect(parseArxivFeed('   ')).toEqual({ ok: false, reason: 'the answer is empty' });
  });

  it('refuses a DOCTYPE, so no entity can expand', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><feed><entry><id>http://arxiv.org/abs/1706.03762v1</id><title>&b;</title></entry></feed>`;
    expect(parseArxivFeed(bomb)).toMatchObject({ ok: false, reason: expect.stringMatching(/DOCTYPE/) });
  });

  it('reads a feed whose namespaces use other prefixes, and ids that look like numbers stay text', () => {
    const xml = `<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:x="http://arxiv.org/schemas/atom">
      <a:entry><a:id>http://arxiv.org/abs/1706.03762v1</a:id><a:title>T</a:title><a:published>2017-06-12T17:57:34Z</a:published>
      <x:primary_category term="cs.CL"/><x:doi>10.1000/182</x:doi></a:entry></a:feed>`;
    const result = parseArxivFeed(xml);
    expect(result.ok && result.papers).toEqual([
      { id: '1706.03762', source: 'arxiv-api', version: 1, title: 'T', publishedAt: '2017-06-12', primaryCategory: 'cs.CL', categories: ['cs.CL'], doi: '10.1000/182' },
    ]);
  });

  it('leaves out a field that fails its check instead of failing the paper', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
      <entry><id>http://arxiv.org/abs/2409.00001v1</id><title>${'x'.repeat(2_001)}</title><published>2024-02-30T00:00:00Z</published>
      <arxiv:primary_category term="Not A Category"/><arxiv:doi>doi:nonsense</arxiv:doi><author><name>A B</name></author></entry></feed>`;
    const result = parseArxivFeed(xml);
    expect(result.ok && result.papers).toEqual([{ id: '2409.00001', source: 'arxiv-api', version: 1, authors: ['A B'] }]);
  });

  it('decodes each reference once: an escaped ampersand stays text', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2409.00001v1</id>
      <title>A &amp;#8212; B &#x2014; C &amp;lt; D</title></entry></feed>`;
    const result = parseArxivFeed(xml);
    expect(result.ok && result.papers[0]?.title).toBe('A &#8212; B — C &lt; D');
  });

  it('loses only the odd field, not the entry, when an element has an unexpected shape', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
      <entry><id>http://arxiv.org/abs/2409.00001v1</id><title>T</title><author/><author><name>A B</name></author>
      <arxiv:primary_category>cs.CL</arxiv:primary_category><arxiv:comment>one</arxiv:comment><arxiv:comment>two</arxiv:comment></entry></feed>`;
    const result = parseArxivFeed(xml);
    expect(result.ok && result.papers).toEqual([{ id: '2409.00001', source: 'arxiv-api', version: 1, title: 'T', authors: ['A B'], authorCount: 2 }]);
  });
});
