import { describe, expect, it } from 'vitest';
import { PaperInputSchema } from '../../../lib/paper/model';
import { arxivAdapter, readArxivEntryDetails } from '../../../lib/sites/arxiv';
import { ADAPTERS, adapterFor } from '../../../lib/sites';
import { readAllCards } from '../../../lib/sites/read-all';
import type { AdapterResult, CardRef } from '../../../lib/sites/types';
import { SHARED_PAGES_PRESENT, listSharedPages, readSharedPage } from '../../shared-pages';
import { byId, fixtureReader, parse } from './site-test-helpers';

const NEW_URL = new URL('https://arxiv.org/list/cond-mat.mtrl-sci/new');

const fixture = fixtureReader('arxiv');

function read(root: ParentNode, url: URL = NEW_URL): AdapterResult {
  return readAllCards(arxivAdapter, root, url);
}


/** Every card is valid, and on listings the dd is the element with its own dt as the companion. */
function expectWellFormedListingCards(result: AdapterResult): void {
  for (const card of result.cards) {
    expect(PaperInputSchema.safeParse(card.paper).success).toBe(true);
    expect(card.element.localName).toBe('dd');
    expect(card.companions).toHaveLength(1);
    const dt = card.companions?.[0];
    expect(dt?.localName).toBe('dt');
    expect(dt?.nextElementSibling).toBe(card.element);
  }
}

describe('arxivAdapter.matches', () => {
  it.each([
    'https://arxiv.org/list/cond-mat.mtrl-sci/new',
    'https://arxiv.org/list/cs.LG/new',
    'https://arxiv.org/list/cs.LG/new/',
    'https://www.arxiv.org/list/cs.LG/new',
    'https://arxiv.org/list/hep-th/new',
    'https://arxiv.org/list/math/new#item12',
    'https://arxiv.org/list/cs.LG/recent',
    'https://arxiv.org/list/cs.LG/recent?skip=0&show=2000',
    'https://arxiv.org/list/astro-ph.CO/pastweek',
    'https://arxiv.org/list/cs.CL/pastweek?skip=25&show=25',
    'https://arxiv.org/list/q-bio.NC/pastweek?show=2000',
    'https://arxiv.org/list/cs.LG/2026-09',
    'https://arxiv.org/list/cs.LG/2026-09?skip=2000&show=2000',
    'https://arxiv.org/list/hep-th/9901',
    'https://arxiv.org/list/math.GT/0309',
    'https://arxiv.org/catchup/cs.LG/2026-09-20',
    'https://arxiv.org/catchup/cond-mat.mtrl-sci/2026-09-20?abs=True',
    'https://arxiv.org/catchup?smonth=09&group=grp_&sday=20&num=50&archive=cs&method=with&syear=2026',
    'https://arxiv.org/search/?query=attention&searchtype=all&source=header',
    'https://arxiv.org/search/?query=attention&searchtype=all&start=50',
    'https://arxiv.org/search/cs?searchtype=author&query=Vaswani,+A', // the author links of listings
    'https://arxiv.org/search/advanced?advanced=&terms-0-term=attention&terms-0-field=title',
    'https://arxiv.org/search/advanced',
    'https://arxiv.org/abs/2609.22268',
    'https://arxiv.org/abs/2609.22268v2',
    'https://www.arxiv.org/abs/1706.03762',
    'https://arxiv.org/abs/hep-th/9901001',
    'https://arxiv.org/abs/math.GT/0309136v2',
  ])('accepts %s', (url) => {
    expect(arxivAdapter.matches(new URL(url))).toBe(true);
  });

  it.each([
    'https://arxiv.org/pdf/2609.22268',
    'https://arxiv.org/pdf/2609.22268v1.pdf',
    'https://arxiv.org/html/2609.22268v1',
    'https://arxiv.org/html/2609.22268v1/',
    'https://arxiv.org/format/2609.22268',
    'https://arxiv.org/abs/',
    'https://arxiv.org/abs/not-an-id',
    'https://arxiv.org/abs/2609.22268/extra',
    'https://arxiv.org/',
    'https://arxiv.org/list/cs.LG', // no period
    'https://arxiv.org/list/cs.LG/yesterday',
    'https://arxiv.org/list/cs.LG/2026-9',
    'https://arxiv.org/list/cs.LG/new/extra',
    'https://arxiv.org/catchup/cs.LG/yesterday',
    'https://arxiv.org/searching',
    'https://arxiv.org/user/login',
    'http://arxiv.org/list/cs.LG/new', // the extension only runs on https
    'https://export.arxiv.org/list/cs.LG/new', // the API mirror is not browsed
    'https://arxiv.org.evil.example/list/cs.LG/new',
    'https://evil.example/list/cs.LG/new',
    'https://huggingface.co/papers',
    'https://info.arxiv.org/help/api/index.html',
  ])('rejects %s', (url) => {
    expect(arxivAdapter.matches(new URL(url))).toBe(false);
  });

  it('names its site and is registered', () => {
    expect(arxivAdapter.site).toBe('arxiv');
    expect(ADAPTERS).toContain(arxivAdapter);
    expect(adapterFor(NEW_URL)).toBe(arxivAdapter);
  });
});

describe('arxivAdapter on a /new listing (list-new-mini.html)', () => {
  const doc = fixture('list-new-mini.html');
  const result = read(doc);

  it('finds every readable entry of the three sections, in page order', () => {
    expect(result.cards.map((card) => card.paper.id)).toEqual([
      '2609.00101',
      '2609.00102',
      '2609.00105',
      '2609.00106',
      'hep-th/9901001',
      '2501.01234',
    ]);
    expectWellFormedListingCards(result);
  });

  it('skips and counts the dt without an id link, the dd without a title and the dt without a dd', () => {
    expect(result.skipped).toBe(3);
    // Finding reports the entries without an id or a dd; the missing title shows when the entry is read.
    expect(result.problems).toEqual([
      expect.stringMatching(/no arXiv id link/),
      expect.stringMatching(/2609\.00109 has no dd/),
      expect.stringMatching(/2609\.00104: no title/),
    ]);
  });

  it('reads a complete entry', () => {
    expect(byId(result, '2609.00101').paper).toEqual({
      id: '2609.00101',
      title: 'Alpha: Spectral Methods for $\\alpha$-Heat Transport',
      authors: ['Ada Lovelace', 'Alan Turing'],
      abstract: 'We solve the heat equation quickly. Code is at this https URL under a free license.',
      primaryCategory: 'cond-mat.mtrl-sci',
      categories: ['cond-mat.mtrl-sci', 'physics.comp-ph'],
      comments: '12 pages, 3 figures',
      site: 'arxiv',
      url: 'https://arxiv.org/abs/2609.00101',
    });
  });

  it('collapses a title over several lines and decodes entities in names', () => {
    const beta = byId(result, '2609.00102').paper;
    expect(beta.title).toBe('Beta: A Title Broken Over Lines');
    expect(beta.authors).toEqual(["Théo Núñez-O'Brien"]);
    expect(beta.comments).toBeUndefined();
  });

  it('reads cross-lists with their own primary category, and entries without authors', () => {
    expect(byId(result, '2609.00105').paper).toMatchObject({
      authors: ['Sterling G. Baird', 'Ryan Weber', 'Oliver K. Johnson'],
      primaryCategory: 'physics.ins-det',
      comments: '8 pages',
      abstract: 'Epsilon abstract.',
    });
    const zeta = byId(result, '2609.00106').paper;
    expect(zeta.authors).toBeUndefined();
    expect(zeta.abstract).toBeUndefined();
    expect(zeta.primaryCategory).toBe('cs.CL');
  });

  it('reads replacements: an old-style id keeps its slash, a versioned href loses its version', () => {
    expect(byId(result, 'hep-th/9901001').paper).toMatchObject({
      title: 'Eta: An Old-Style Identifier Returns',
      url: 'https://arxiv.org/abs/hep-th/9901001',
      primaryCategory: 'hep-th',
    });
    expect(byId(result, '2501.01234').paper).toMatchObject({
      title: "Theta: Kirchhoff's Analogy & Friends",
      url: 'https://arxiv.org/abs/2501.01234',
      comments: 'Published in Journal of Applied Mechanics (ASME)',
    });
  });

  it('leaves a definition list outside the listing alone', () => {
    const footerDt = doc.querySelector('footer dt');
    expect(footerDt).not.toBeNull();
    expect(result.cards.some((card) => card.companions?.includes(footerDt as Element))).toBe(false);
  });

  it('does not write the DOM, and gives the same answer twice', () => {
    const before = doc.documentElement.outerHTML;
    const again = read(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(again).toEqual(result);
    expect(again.cards.map((card) => card.element)).toEqual(result.cards.map((card) => card.element));
  });

  it('finds cheap references: the dd with its dt, the id and the shown title, and no paper yet', () => {
    const found = arxivAdapter.findCards(doc, NEW_URL);
    // The entry without a title is found (its title is read lazily) and fails only when read.
    expect(found.skipped).toBe(2);
    const readable = found.cards.filter((card) => card.id !== '2609.00104');
    expect(readable.map(({ id, title }) => [id, title])).toEqual(result.cards.map(({ paper }) => [paper.id, paper.title]));
    const [first] = found.cards;
    expect(first?.element).toBe(result.cards[0]?.element);
    expect(first?.companions).toEqual(result.cards[0]?.companions);
    expect(first && 'paper' in first).toBe(false);
  });

  it('reads a paper again from a reference later, with the page as it is then', () => {
    const copy = parse(doc.documentElement.outerHTML);
    const ref = arxivAdapter.findCards(copy, NEW_URL).cards[0];
    if (!ref) throw new Error('no card found');
    ref.element.querySelector('.list-comments')?.replaceChildren('Accepted at ICML 2026');
    expect(arxivAdapter.readPaper(ref, copy, NEW_URL)).toMatchObject({ id: '2609.00101', comments: 'Accepted at ICML 2026' });
  });

  it('reads one section when given that dl as the root', () => {
    const cross = doc.querySelectorAll('dl#articles')[1];
    if (!cross) throw new Error('fixture lost its second section');
    expect(read(cross).cards.map((card) => card.paper.id)).toEqual(['2609.00105', '2609.00106']);
  });
});

describe('arxivAdapter on a /pastweek listing (list-pastweek-mini.html)', () => {
  const result = read(fixture('list-pastweek-mini.html'), new URL('https://arxiv.org/list/cs.LG/pastweek?show=2000'));

  it('finds the entries of both markups, none with an abstract', () => {
    expect(result.skipped).toBe(0);
    expect(result.problems).toEqual([]);
    expect(result.cards.map((card) => card.paper.id)).toEqual(['2609.00201', '2609.00202', '2609.00203', 'cs/0112017', 'math/0309136']);
    expect(result.cards.every((card) => card.paper.abstract === undefined)).toBe(true);
    expectWellFormedListingCards(result);
  });

  it('reads the 2026 markup', () => {
    expect(byId(result, '2609.00201').paper).toEqual({
      id: '2609.00201',
      title: 'Iota: Learning Without Abstracts',
      authors: ['Iris Ito', 'Ivan Ivanov'],
      primaryCategory: 'cs.LG',
      categories: ['cs.LG', 'cs.AI'],
      comments: 'NeurIPS 2026 workshop',
      site: 'arxiv',
      url: 'https://arxiv.org/abs/2609.00201',
    });
    expect(byId(result, '2609.00202').paper.primaryCategory).toBe('stat.ML');
  });

  it('reads the older markup: span.list-identifier, "Authors:" descriptor, a link without a title', () => {
    expect(byId(result, '2609.00203').paper).toEqual({
      id: '2609.00203',
      title: 'Lambda: The Older Markup',
      authors: ['Lena Lambda', 'Max Mu'],
      primaryCategory: 'cs.LG',
      categories: ['cs.LG'],
      comments: '9 pages',
      site: 'arxiv',
      url: 'https://arxiv.org/abs/2609.00203',
    });
    expect(byId(result, 'cs/0112017').paper).toMatchObject({ title: 'Mu: An Identifier Link Without a Title Attribute', authors: ['Mona Mu'] });
    expect(byId(result, 'math/0309136').paper).toMatchObject({ url: 'https://arxiv.org/abs/math/0309136', authors: ['Nora Nu'] });
  });
});

describe('arxivAdapter on a catch-up page (catchup-mini.html)', () => {
  const result = read(fixture('catchup-mini.html'), new URL('https://arxiv.org/catchup/cs.LG/2026-09-20'));

  it('reads every section and counts the dt that lost its dd', () => {
    expect(result.cards.map((card) => card.paper.id)).toEqual(['2609.00302', '2609.00303', '2406.09999']);
    expect(result.skipped).toBe(1);
    expect(result.problems).toEqual([expect.stringMatching(/2609\.00301 has no dd/)]);
    expectWellFormedListingCards(result);
  });

  it('reads abstracts, authors, categories and comments', () => {
    expect(byId(result, '2609.00302').paper).toMatchObject({
      title: 'Xi: Catching Up',
      authors: ['Xiao Xu', 'Xena Xavier'],
      abstract: 'Xi abstract on a catch-up page.',
      primaryCategory: 'cs.LG',
    });
    expect(byId(result, '2609.00303').paper).toMatchObject({ primaryCategory: 'math.OC', comments: '20 pages' });
  });
});

describe('arxivAdapter on search results (search-mini.html)', () => {
  const doc = fixture('search-mini.html');
  const result = read(doc, new URL('https://arxiv.org/search/?query=attention&searchtype=all'));

  it('finds every result with an id link, the li being the card', () => {
    expect(result.cards.map((card) => card.paper.id)).toEqual(['1706.03762', '2609.00401', 'hep-th/9901001', '2609.00403']);
    for (const card of result.cards) {
      expect(card.element.matches('li.arxiv-result')).toBe(true);
      expect(card.companions).toBeUndefined();
      expect(PaperInputSchema.safeParse(card.paper).success).toBe(true);
    }
    expect(result.skipped).toBe(1);
    expect(result.problems).toEqual([expect.stringMatching(/search result 5: no arXiv id link/)]);
  });

  it('reads the full abstract without its toggle, search hits as plain text, and the v1 date', () => {
    expect(byId(result, '1706.03762').paper).toEqual({
      id: '1706.03762',
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Aidan N. Gomez'],
      abstract:
        'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks. ' +
        'We propose a new simple network architecture, the Transformer, based solely on attention mechanisms.',
      publishedAt: '2017-06-12',
      primaryCategory: 'cs.CL',
      categories: ['cs.CL', 'cs.LG'],
      comments: '15 pages, 5 figures',
      site: 'arxiv',
      url: 'https://arxiv.org/abs/1706.03762',
    });
  });

  it('takes the submission date of a paper never revised', () => {
    expect(byId(result, '2609.00401').paper).toMatchObject({
      abstract: 'Rho has a short abstract and no toggle.',
      publishedAt: '2026-09-21',
      primaryCategory: 'cond-mat.mtrl-sci',
    });
  });

  it('marks a shortened abstract as shortened when the full one is missing', () => {
    expect(byId(result, 'hep-th/9901001').paper).toMatchObject({
      abstract: 'Only the beginning of the Sigma abstract…',
      publishedAt: '1999-01-04',
      authors: ['Saburo Sato', 'Sofia Silva'],
    });
  });

  it('keeps a result that shows only its id and title', () => {
    expect(byId(result, '2609.00403').paper).toEqual({
      id: '2609.00403',
      title: 'Tau: Bare Minimum',
      site: 'arxiv',
      url: 'https://arxiv.org/abs/2609.00403',
    });
  });
});

describe('arxivAdapter on an abstract page (abs-mini.html)', () => {
  const doc = fixture('abs-mini.html');
  const url = new URL('https://arxiv.org/abs/2609.00501v2');
  const result = read(doc, url);

  it('finds one card, the div#abs block, read from the meta tags first', () => {
    expect(result.skipped).toBe(0);
    expect(result.cards).toHaveLength(1);
    const [card] = result.cards;
    expect(card?.element).toBe(doc.querySelector('#abs'));
    expect(card?.companions).toBeUndefined();
    expect(card?.paper).toEqual({
      id: '2609.00501',
      title: 'Phi: A $\\phi$-Fold Way',
      authors: ['Phuong Pham', 'Jan Willem van der Berg', 'ACME Collaboration'],
      abstract: 'We count the ways. Code at this https URL.',
      publishedAt: '2026-09-03', // citation_date: the first version's day
      primaryCategory: 'math.CO',
      categories: ['math.CO', 'math.PR'],
      comments: 'v2: fixed a typo in Lemma 3',
      site: 'arxiv',
      url: 'https://arxiv.org/abs/2609.00501',
    });
  });

  it('falls back to the visible page and the URL when the meta tags are missing', () => {
    const bare = parse(doc.documentElement.outerHTML);
    for (const meta of Array.from(bare.querySelectorAll('meta'))) meta.remove();
    bare.querySelector('blockquote.abstract')?.remove();
    expect(read(bare, url).cards[0]?.paper).toEqual({
      id: '2609.00501',
      title: 'Phi: A $\\phi$-Fold Way',
      authors: ['Phuong Pham', 'Jan Willem van der Berg', 'ACME Collaboration'],
      primaryCategory: 'math.CO',
      categories: ['math.CO', 'math.PR'],
      comments: 'v2: fixed a typo in Lemma 3',
      site: 'arxiv',
      url: 'https://arxiv.org/abs/2609.00501',
    });
  });

  it('prefers the visible names when arXiv truncated the citation_author tags', () => {
    const long = parse(doc.documentElement.outerHTML);
    const authors = long.querySelector('.authors');
    for (let index = 0; index < 120; index += 1) {
      const link = long.createElement('a');
      link.textContent = `Extra Author ${index}`;
      authors?.append(', ', link);
    }
    const paper = read(long, url).cards[0]?.paper;
    expect(paper?.authors).toHaveLength(123);
    expect(paper?.authors?.[1]).toBe('Jan Willem van der Berg');
  });

  it('uses citation_online_date when citation_date is missing', () => {
    const copy = parse(doc.documentElement.outerHTML);
    copy.querySelector('meta[name="citation_date"]')?.remove();
    expect(read(copy, url).cards[0]?.paper.publishedAt).toBe('2026-09-21');
  });

  it('reads the page when given the block itself, and nothing on a listing URL', () => {
    const block = doc.querySelector('#abs');
    if (!block) throw new Error('fixture lost #abs');
    expect(read(block, url).cards.map((card) => card.paper.id)).toEqual(['2609.00501']);
    expect(read(doc, NEW_URL)).toEqual({ cards: [], skipped: 0, problems: [] });
  });

  it('skips and counts an abstract block without a title', () => {
    const copy = parse(doc.documentElement.outerHTML);
    copy.querySelector('meta[name="citation_title"]')?.remove();
    copy.querySelector('h1.title')?.remove();
    const untitled = read(copy, url);
    expect(untitled.cards).toEqual([]);
    expect(untitled.skipped).toBe(1);
    expect(untitled.problems).toEqual([expect.stringMatching(/2609\.00501: no title/)]);
  });
});

describe('arxivAdapter after MathJax typeset the page', () => {
  // Shapes of MathJax's documented output, not captured from arXiv: the page is read again on
  // these mutations, and must give the text of the first read.
  const entry = (title: string, abstract: string) =>
    parse(`<div id="dlpage"><dl id="articles"><dt><a href="/abs/2609.00001" title="Abstract">arXiv:2609.00001</a></dt>
      <dd><div class="list-title mathjax"><span class="descriptor">Title:</span> ${title}</div><p class="mathjax">${abstract}</p></dd></dl></div>`);

  it('puts the TeX of MathJax 2 back in place of the rendered math', () => {
    const doc = entry(
      'Tuning <span class="MathJax_Preview" style="color: inherit;"></span><span class="MathJax" id="MathJax-Element-1-Frame" tabindex="0"><nobr><span class="math"><span class="mi">α</span></span></nobr></span><script type="math/tex" id="MathJax-Element-1">\\alpha</script>-Heat',
      'Energy <span class="MathJax_Display"><span class="MathJax">E = mc²</span></span><script type="math/tex; mode=display">E = mc^2</script> holds.',
    );
    expect(read(doc).cards[0]?.paper).toMatchObject({ title: 'Tuning $\\alpha$-Heat', abstract: 'Energy $$E = mc^2$$ holds.' });
  });

  it('reads MathJax 3 output as its assistive text', () => {
    const doc = entry(
      'Tuning <mjx-container class="MathJax CtxtMenu_Attached_0" jax="CHTML"><mjx-math class="MJX-TEX"><mjx-mi><mjx-c class="mjx-c1D6FC TEX-I"></mjx-c></mjx-mi></mjx-math><mjx-assistive-mml><math><mi>α</mi></math></mjx-assistive-mml></mjx-container>-Heat',
      'Plain.',
    );
    expect(read(doc).cards[0]?.paper.title).toBe('Tuning α-Heat');
  });

  it('ignores other scripts and styles inside a field', () => {
    const doc = entry('Clean<script>var x = 1;</script><style>.a{}</style> Title', 'Plain.');
    expect(read(doc).cards[0]?.paper.title).toBe('Clean Title');
  });
});

describe('readArxivEntryDetails', () => {
  const dd = (inner: string) => parse(`<dl><dt></dt><dd>${inner}</dd></dl>`).querySelector('dd') as Element;

  it('reads the primary category code and the comments of a listing dd', () => {
    expect(
      readArxivEntryDetails(
        dd(`<div class="list-comments mathjax"><span class="descriptor">Comments:</span>
          30 pages,
          15 figures</div>
          <div class="list-subjects"><span class="descriptor">Subjects:</span>
          <span class="primary-subject">Materials Science (cond-mat.mtrl-sci)</span>; Soft Condensed Matter (cond-mat.soft)</div>`),
      ),
    ).toEqual({ primaryCategory: 'cond-mat.mtrl-sci', categories: ['cond-mat.mtrl-sci', 'cond-mat.soft'], comments: '30 pages, 15 figures' });
  });

  it.each([
    ['a subject without a code', '<span class="primary-subject">Materials Science</span>'],
    ['a code that is not a category', '<span class="primary-subject">Something (not a category!)</span>'],
    ['nothing at all', ''],
  ])('leaves the category out for %s', (_name, inner) => {
    expect(readArxivEntryDetails(dd(inner))).toEqual({});
  });

  it('keeps a subject name with parentheses of its own', () => {
    expect(readArxivEntryDetails(dd('<span class="primary-subject">Physics (General) (physics.gen-ph)</span>'))).toEqual({
      primaryCategory: 'physics.gen-ph',
      categories: ['physics.gen-ph'],
    });
  });
});

describe('arxivAdapter never throws', () => {
  it.each([
    ['an empty document', ''],
    ['a dl outside any listing', '<dl><dt>term</dt><dd>definition</dd></dl>'],
    ['text only', 'arXiv:2609.22268 Title: nothing here'],
    ['an abstract link outside a dt', '<div id="dlpage"><a href="/abs/2609.22268" title="Abstract">arXiv:2609.22268</a></div>'],
  ])('%s gives no cards and no skips', (_name, html) => {
    expect(read(parse(html))).toEqual({ cards: [], skipped: 0, problems: [] });
  });

  it('skips and counts garbage entries and keeps the good one', () => {
    const doc = parse(
      `<div id="dlpage"><dl id="articles">
        <dt><a href="/abs/garbage" title="Abstract">arXiv:garbage</a></dt><dd><div class="list-title">A</div></dd>
        <dt><a href="/abs/%E0%A4%A" title="Abstract">arXiv:%</a></dt><dd><div class="list-title">B</div></dd>
        <dt><a title="Abstract">arXiv:2609.000</a></dt><dd><div class="list-title">C</div></dd>
        <dt></dt><dd></dd>
        <dt><a href="/abs/2609.00001" title="Abstract">arXiv:2609.00001</a></dt><dd></dd>
        <dt><a href="/abs/2609.00002" title="Abstract">arXiv:2609.00002</a></dt><p>not a dd</p><dd><div class="list-title">E</div></dd>
        <dt><a href="/abs/2609.00003" title="Abstract">arXiv:2609.00003</a></dt><dd><div class="list-title">${'x'.repeat(3000)}</div></dd>
        <dt><a href="javascript:alert(1)" title="Abstract">arXiv:2609.00004</a></dt><dd><div class="list-title">Text wins</div></dd>
        <dt><a href="/abs/2609.00005" title="Abstract">arXiv:2609.00005</a></dt><dd><div class="list-title">Good</div><p class="mathjax">${'y'.repeat(30_000)}</p><div class="list-comments">${'z'.repeat(3_000)}</div></dd>
      </dl></div>`,
    );
    const result = read(doc);
    expect(result.cards.map((card) => [card.paper.id, card.paper.title])).toEqual([
      ['2609.00004', 'Text wins'],
      ['2609.00005', 'Good'],
    ]);
    // An oversized abstract or comments line is dropped, not the card.
    expect(result.cards[1]?.paper.abstract).toBeUndefined();
    expect(result.cards[1]?.paper.comments).toBeUndefined();
    expect(result.skipped).toBe(7);
    expect(result.problems).toHaveLength(7);
    expect(result.problems[6]).toMatch(/2609\.00003: its title/);
  });

  it('skips a search result whose title is empty', () => {
    const doc = parse('<ol><li class="arxiv-result"><p class="list-title"><a href="https://arxiv.org/abs/2609.00001">arXiv:2609.00001</a></p><p class="title"> </p></li></ol>');
    const result = read(doc, new URL('https://arxiv.org/search/?query=x'));
    expect(result.cards).toEqual([]);
    expect(result.skipped).toBe(1);
  });

  it.each([
    ['null', null],
    ['a plain object', {}],
    ['an object whose querySelectorAll throws', { querySelectorAll: () => { throw new Error('boom'); } }],
  ])('survives a root that is %s', (_name, root) => {
    const result = read(root as unknown as ParentNode);
    expect(result.cards).toEqual([]);
    expect(result.problems).toEqual([expect.stringMatching(/page could not be read/)]);
  });

  it('gives a reason, not an exception, when readPaper gets something that is not a card', () => {
    const doc = fixture('list-new-mini.html');
    expect(typeof arxivAdapter.readPaper(null as unknown as CardRef, doc, NEW_URL)).toBe('string');
    expect(typeof arxivAdapter.readPaper({ element: {}, id: '2609.00101', title: 'T' } as unknown as CardRef, doc, NEW_URL)).toBe('string');
    expect(arxivAdapter.readPaper({ element: doc.createElement('dd'), id: 'nope', title: 'T' }, doc, NEW_URL)).toMatch(/^its arXiv id /);
  });

  it('survives a URL that is not a URL', () => {
    const result = read(fixture('list-new-mini.html'), null as unknown as URL);
    expect(result.cards).toEqual([]);
    expect(result.problems).toEqual([expect.stringMatching(/page could not be read/)]);
  });

  it('reads relative links against arxiv.org when the URL is not an arXiv page', () => {
    const result = read(fixture('list-new-mini.html'), new URL('https://example.org/mirror/'));
    expect(result.cards).toHaveLength(6);
  });
});

describe('arxivAdapter on a search result with a long run of dots (found by mutation.test.ts)', () => {
  // Stripping the shortened abstract's closing dots with /[.…]+$/ retried every run of dots:
  // quadratic, 6 s for 100,000 of them.
  const result = (short: string) =>
    parse(`<ol><li class="arxiv-result"><p class="list-title"><a href="https://arxiv.org/abs/2609.00001">arXiv:2609.00001</a></p>
      <p class="title">T</p><p class="abstract"><span class="abstract-short">${short}<a>… More</a></span></p></li></ol>`);
  const url = new URL('https://arxiv.org/search/?query=x');

  it('reads it in well under a second', () => {
    const doc = result(`${'.'.repeat(100_000)}x`);
    const started = performance.now();
    const paper = read(doc, url).cards[0]?.paper;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(paper).toMatchObject({ id: '2609.00001', title: 'T' });
    expect(paper?.abstract).toBeUndefined(); // 100,001 characters: past LIMITS.abstract, dropped
  });

  it('still replaces the closing dots and ellipses with one ellipsis', () => {
    expect(read(result('Only the start. . ..…'), url).cards[0]?.paper.abstract).toBe('Only the start. . …');
    expect(read(result('...'), url).cards[0]?.paper.abstract).toBe('…');
  });
});

describe('arxivAdapter on a 2000-entry listing (?show=2000)', () => {
  const entry = (index: number) => {
    const id = `2609.${String(10_000 + index).padStart(5, '0')}`;
    return `<dt><a name="item${index + 1}">[${index + 1}]</a> <a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a>
      [<a href="/pdf/${id}" title="Download PDF">pdf</a>]</dt>
      <dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Paper number ${index + 1}</div>
      <div class="list-authors"><a href="/a">Author A${index}</a>, <a href="/b">Author B${index}</a></div>
      <div class="list-comments mathjax"><span class="descriptor">Comments:</span> ${index % 30} pages</div>
      <div class="list-subjects"><span class="descriptor">Subjects:</span> <span class="primary-subject">Machine Learning (cs.LG)</span></div></div></dd>`;
  };
  const html = `<div id="dlpage"><dl id="articles"><h3>Replacement submissions (showing 2000 of 2000 entries)</h3>${Array.from({ length: 2000 }, (_, index) => entry(index)).join('')}</dl></div>`;
  const doc = parse(html);

  it('finds 2000 cards and reads 2000 papers', () => {
    const url = new URL('https://arxiv.org/list/cs.LG/pastweek?show=2000');
    // Timed once, printed, not asserted: jsdom's selector engine is far slower than a browser's.
    let started = performance.now();
    const found = arxivAdapter.findCards(doc, url);
    const findMs = performance.now() - started;
    started = performance.now();
    const result = read(doc, url);
    const readAllMs = performance.now() - started;
    console.info(`arxivAdapter on 2000 entries (jsdom): findCards ${findMs.toFixed(0)} ms, findCards + readPaper for all ${readAllMs.toFixed(0)} ms`);
    expect(found.cards).toHaveLength(2000);
    expect(found.skipped).toBe(0);
    expect(result.cards).toHaveLength(2000);
    expect(result.skipped).toBe(0);
    expect(result.cards[1999]?.paper).toMatchObject({ id: '2609.11999', title: 'Paper number 2000', authors: ['Author A1999', 'Author B1999'] });
  });
});

// ---------------------------------------------------------------------------------------------
// The real pages captured from arxiv.org (../shared/pages/arxiv; see PROVENANCE.md).

const sharedPages = listSharedPages('arxiv');
const LISTING = 'arxiv/list-cond-mat.mtrl-sci-new-2026-09-22.html';
const FIRST_ABS = 'arxiv/abs-2609.22268.html';

/** Listing entries counted on the raw HTML, not through the DOM: `dt`s holding an Abstract link. */
function rawEntryIds(html: string): string[] {
  const dts = html.match(/<dt[\s>][\s\S]*?<\/dt>/g) ?? [];
  return dts.filter((dt) => /title="Abstract"/.test(dt)).map((dt) => /arXiv:(\S+)/.exec(dt)?.[1] ?? '');
}

/** What an abstract page shows, read here without the adapter's code. */
function shownOnAbsPage(html: string): { title: string; authors: string[]; abstract: string } {
  const doc = parse(html);
  const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  return {
    title: clean(doc.querySelector('h1.title')?.textContent).replace(/^Title:\s*/, ''),
    authors: Array.from(doc.querySelectorAll('#abs .authors a'), (link) => clean(link.textContent)),
    abstract: clean(doc.querySelector('blockquote.abstract')?.textContent).replace(/^Abstract:\s*/, ''),
  };
}

describe.skipIf(!SHARED_PAGES_PRESENT)('arxivAdapter on the captured arXiv pages', () => {
  it('has pages to test', () => {
    expect(sharedPages.length).toBeGreaterThan(0);
  });

  const listings = sharedPages.filter((page) => /\/list-/.test(page));
  const absPages = sharedPages.filter((page) => /\/abs-/.test(page));

  it('knows what every captured page is', () => {
    expect([...listings, ...absPages].sort()).toEqual([...sharedPages].sort());
  });

  describe.each(listings)('%s', (page) => {
    const html = readSharedPage(page);
    const result = read(parse(html));

    it('finds every dt with an Abstract link, in page order, and skips none', () => {
      expect(result.cards.map((card) => card.paper.id)).toEqual(rawEntryIds(html));
      expect(result.cards.length).toBeGreaterThan(0);
      expect(result.skipped).toBe(0);
      expect(result.problems).toEqual([]);
      expectWellFormedListingCards(result);
    });

    it('reads a title, authors and a primary category for every entry', () => {
      for (const { paper } of result.cards) {
        expect(paper.title, paper.id).not.toMatch(/^Title:/);
        expect(paper.authors?.length, paper.id).toBeGreaterThan(0);
        expect(paper.primaryCategory, paper.id).toMatch(/^[a-z-]+(\.[A-Za-z-]+)?$/);
        expect(paper.url).toBe(`https://arxiv.org/abs/${paper.id}`);
      }
    });
  });

  describe.runIf(sharedPages.includes(LISTING))('list-cond-mat.mtrl-sci-new-2026-09-22.html', () => {
    const html = readSharedPage(LISTING);
    const result = read(parse(html));

    it('has exactly the 101 entries of that day: 45 new, 21 cross-lists, 35 replacements', () => {
      expect(result.cards).toHaveLength(101);
      expect(rawEntryIds(html)).toHaveLength(101);
      expect(new Set(result.cards.map((card) => card.paper.id)).size).toBe(101);
      const sections = new Map<Element | null, number>();
      for (const card of result.cards) {
        const dl = card.element.closest('dl');
        sections.set(dl, (sections.get(dl) ?? 0) + 1);
      }
      expect([...sections.values()]).toEqual([45, 21, 35]);
    });

    it('reads an abstract for every entry of /new', () => {
      expect(result.cards.every((card) => (card.paper.abstract?.length ?? 0) > 100)).toBe(true);
    });

    it('reads a cross-list with its own primary category, and the comments where shown', () => {
      expect(byId(result, '2609.22118').paper).toMatchObject({
        primaryCategory: 'physics.ins-det',
        comments: '8 pages, 8 figures',
        authors: ['Sterling G. Baird', 'Ryan Weber', 'Christopher Nyborg', 'Ronald Guymon', 'Gage Erickson', 'Oliver K. Johnson'],
      });
      expect(result.cards.filter((card) => card.paper.comments).length).toBe((html.match(/class='list-comments/g) ?? []).length);
    });

    it.runIf(sharedPages.includes(FIRST_ABS))('agrees with the abstract page of its first entry', () => {
      const first = result.cards[0]?.paper;
      const shown = shownOnAbsPage(readSharedPage(FIRST_ABS));
      expect(first?.id).toBe('2609.22268');
      expect(first?.title).toBe(shown.title);
      expect(first?.authors).toEqual(shown.authors);
      expect(first?.abstract).toBe(shown.abstract);
      expect(first?.primaryCategory).toBe('cond-mat.mtrl-sci');
    });
  });

  describe.each(absPages)('%s', (page) => {
    const html = readSharedPage(page);
    // Old-style ids cannot hold their slash in a file name; such a file would spell it `_`.
    const id = (/abs-(.+)\.html$/.exec(page)?.[1] ?? '').replace('_', '/');
    const doc = parse(html);
    const result = read(doc, new URL(`https://arxiv.org/abs/${id}`));

    it('has one card, the div#abs, with the id of its file name', () => {
      expect(result.skipped).toBe(0);
      expect(result.problems).toEqual([]);
      expect(result.cards).toHaveLength(1);
      expect(result.cards[0]?.paper.id).toBe(id);
      expect(result.cards[0]?.element).toBe(doc.querySelector('#abs'));
      expect(PaperInputSchema.safeParse(result.cards[0]?.paper).success).toBe(true);
    });

    it('agrees with what the page shows', () => {
      const shown = shownOnAbsPage(html);
      const paper = result.cards[0]?.paper;
      expect(paper?.title).toBe(shown.title);
      expect(paper?.authors).toEqual(shown.authors);
      expect(paper?.abstract).toBe(shown.abstract);
      expect(paper?.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('finds it from the URL alone, not from a listing URL', () => {
      expect(read(doc, NEW_URL).cards).toEqual([]);
    });
  });

  describe.runIf(sharedPages.includes('arxiv/abs-1706.03762.html'))('abs-1706.03762.html', () => {
    const paper = read(parse(readSharedPage('arxiv/abs-1706.03762.html')), new URL('https://arxiv.org/abs/1706.03762')).cards[0]?.paper;

    it('reads the first version date, category and comments of a revised paper', () => {
      expect(paper).toMatchObject({
        id: '1706.03762',
        title: 'Attention Is All You Need',
        publishedAt: '2017-06-12', // citation_date (v1), not citation_online_date (v7, 2023-08-02)
        primaryCategory: 'cs.CL',
        comments: '15 pages, 5 figures',
        url: 'https://arxiv.org/abs/1706.03762',
      });
      expect(paper?.authors).toHaveLength(8);
      expect(paper?.authors?.[5]).toBe('Aidan N. Gomez');
    });
  });
});
