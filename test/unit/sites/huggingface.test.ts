import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaperInputSchema } from '../../../lib/paper/model';
import { huggingfaceAdapter } from '../../../lib/sites/huggingface';
import { readAllCards } from '../../../lib/sites/read-all';
import type { AdapterResult } from '../../../lib/sites/types';
import { SHARED_PAGES_PRESENT, listSharedPages, readSharedPage } from '../../shared-pages';
import { byId, fixtureReader, parse } from './site-test-helpers';

const DAILY_URL = new URL('https://huggingface.co/papers/date/2026-09-28');

const fixture = fixtureReader('huggingface');

function read(root: ParentNode, url: URL = DAILY_URL): AdapterResult {
  return readAllCards(huggingfaceAdapter, root, url);
}


describe('huggingfaceAdapter.matches', () => {
  it.each([
    'https://huggingface.co/papers',
    'https://huggingface.co/papers/',
    'https://huggingface.co/papers?q=diffusion',
    'https://huggingface.co/papers/date/2026-09-28',
    'https://huggingface.co/papers/date/2026-09-28?foo=1#top',
    'https://huggingface.co/papers/week/2026-W39',
    'https://huggingface.co/papers/month/2026-09',
    'https://huggingface.co/papers/trending',
  ])('accepts the list page %s', (url) => {
    expect(huggingfaceAdapter.matches(new URL(url))).toBe(true);
  });

  it.each([
    'https://huggingface.co/papers/2609.31620',
    'https://huggingface.co/papers/2609.31620#community',
    'https://huggingface.co/papers/2609.31620v2',
    'https://huggingface.co/papers/2609.31620/',
    'https://huggingface.co/papers/0704.0001?utm=x',
  ])('accepts the single paper page %s', (url) => {
    expect(huggingfaceAdapter.matches(new URL(url))).toBe(true);
  });

  it.each([
    'https://huggingface.co/papers/2609.123', // too short for an arXiv id
    'https://huggingface.co/papers/2609.31620/extra',
    'https://huggingface.co/papers/date/yesterday',
    'https://huggingface.co/papers/submit',
    'https://huggingface.co/',
    'https://huggingface.co/models',
    'https://huggingface.co/USC-PSI-Lab',
    'http://huggingface.co/papers', // the extension only runs on https
    'https://hf.co/papers',
    'https://evil.example/papers/date/2026-09-28',
    'https://arxiv.org/list/cs.LG/new',
  ])('rejects %s', (url) => {
    expect(huggingfaceAdapter.matches(new URL(url))).toBe(false);
  });

  it('names its site', () => {
    expect(huggingfaceAdapter.site).toBe('huggingface');
  });
});

describe('huggingfaceAdapter.readCards on daily-mini.html', () => {
  const doc = fixture('daily-mini.html');
  const result = read(doc);

  it('finds every paper card in page order and skips the one whose link is not an arXiv paper', () => {
    expect(result.cards.map((card) => card.paper.id)).toEqual(['2609.00001', '0704.0001', '2609.00003', '2609.00005']);
    expect(result.skipped).toBe(1);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/card 4: .*not-an-arxiv-id.*not an arXiv paper/);
  });

  it('returns the article elements themselves', () => {
    const articles = Array.from(doc.querySelectorAll('article'));
    for (const card of result.cards) {
      expect(card.element.tagName).toBe('ARTICLE');
      expect(articles).toContain(card.element);
    }
  });

  it('reads the title from the card and collapses its whitespace', () => {
    expect(byId(result, '2609.00001').paper.title).toBe('Alpha: A Test Paper for Card Reading');
    expect(byId(result, '2609.00003').paper.title).toBe('Beta & Gamma: A Title With Odd Whitespace');
  });

  it('drops version, query and fragment from the href and builds the canonical URL', () => {
    const beta = byId(result, '2609.00003').paper;
    expect(beta.id).toBe('2609.00003');
    expect(beta.url).toBe('https://huggingface.co/papers/2609.00003');
    expect(beta.site).toBe('huggingface');
  });

  it('reads the shown upvotes: digits, "1,203" with a separator, "-" as zero', () => {
    expect(byId(result, '2609.00001').paper.upvotes).toBe(12);
    expect(byId(result, '0704.0001').paper.upvotes).toBe(0);
    expect(byId(result, '2609.00003').paper.upvotes).toBe(1203); // the card wins over the JSON's 3
    expect(byId(result, '2609.00005').paper.upvotes).toBe(7);
  });

  it('takes authors, abstract and date from the embedded JSON matched by id', () => {
    const alpha = byId(result, '2609.00001').paper;
    // The blank name is left out; inner whitespace is collapsed; order is kept.
    expect(alpha.authors).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(alpha.abstract).toBe('Alpha studies "quoted" words & <tags> in abstracts.\n  It has two lines.');
    expect(alpha.publishedAt).toBe('2026-09-25');
    expect(alpha.authorCount).toBeUndefined();

    const old = byId(result, '0704.0001').paper;
    expect(old.title).toBe('Calculation of prompt diphoton production cross sections at Tevatron and LHC energies');
    expect(old.authors).toEqual(['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan']);
    expect(old.publishedAt).toBe('2007-04-02');

    const beta = byId(result, '2609.00003').paper;
    expect(beta.authors).toEqual(['Grace Hopper', 'Edsger Dijkstra']);
    expect(beta.authorCount).toBeUndefined(); // the names are known, the "· 2 authors" text is not needed
  });

  it('keeps a card the JSON does not know, from the page alone, with its "· N authors" count', () => {
    expect(byId(result, '2609.00005').paper).toEqual({
      id: '2609.00005',
      title: 'Epsilon: Rendered After the Data Was Embedded',
      site: 'huggingface',
      url: 'https://huggingface.co/papers/2609.00005',
      upvotes: 7,
      authorCount: 3,
    });
  });

  it('returns only papers that pass PaperInputSchema', () => {
    for (const card of result.cards) expect(PaperInputSchema.safeParse(card.paper).success).toBe(true);
  });

  it('does not write the DOM', () => {
    const before = doc.documentElement.outerHTML;
    read(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('gives the same answer on a second call (the parsed JSON is cached by its text)', () => {
    const again = read(doc);
    expect(again.cards.map((card) => card.paper)).toEqual(result.cards.map((card) => card.paper));
    expect(again.cards.map((card) => card.element)).toEqual(result.cards.map((card) => card.element));
  });

  it('reads a subtree: one card, with the JSON from the list element around it', () => {
    const article = byId(result, '2609.00001').element;
    const single = read(article);
    expect(single.cards).toHaveLength(1);
    expect(single.cards[0]?.element).toBe(article);
    expect(single.cards[0]?.paper.authors).toEqual(['Ada Lovelace', 'Alan Turing']);
  });

  it('sees a change of the embedded JSON (the cache is keyed on the exact text)', () => {
    const copy = parse(doc.documentElement.outerHTML);
    const props = copy.querySelector('[data-props]');
    if (!props) throw new Error('fixture lost its data-props');
    const data = JSON.parse(props.getAttribute('data-props') ?? '') as { dailyPapers: { paper: { summary: string } }[] };
    const first = data.dailyPapers[0];
    if (!first) throw new Error('fixture has no papers');
    first.paper.summary = 'Changed abstract.';
    props.setAttribute('data-props', JSON.stringify(data));
    expect(byId(read(copy), '2609.00001').paper.abstract).toBe('Changed abstract.');
    expect(byId(read(doc), '2609.00001').paper.abstract).toMatch(/^Alpha studies/);
  });
});

describe('huggingfaceAdapter.readCards without embedded JSON (daily-no-props.html)', () => {
  const result = read(fixture('daily-no-props.html'));

  it('returns every card from the page alone', () => {
    expect(result.skipped).toBe(0);
    expect(result.problems).toEqual([]);
    expect(result.cards.map((card) => card.paper)).toEqual([
      { id: '2609.10001', title: 'Zeta: No Embedded Data', site: 'huggingface', url: 'https://huggingface.co/papers/2609.10001', upvotes: 4 },
      {
        id: '2609.10002',
        title: 'Eta: Counted Authors Only',
        site: 'huggingface',
        url: 'https://huggingface.co/papers/2609.10002',
        upvotes: 0,
        authorCount: 2,
      },
      {
        id: '2609.10003',
        title: 'Theta: Absolute Title Link',
        site: 'huggingface',
        url: 'https://huggingface.co/papers/2609.10003',
        upvotes: 21,
        authorCount: 5,
      },
    ]);
  });
});

describe('huggingfaceAdapter.readCards on a search page (search-mini.html)', () => {
  const result = read(fixture('search-mini.html'), new URL('https://huggingface.co/papers?q=diffusion'));

  it('finds cards outside the props element and keeps both elements of a paper shown twice', () => {
    expect(result.cards.map((card) => card.paper.id)).toEqual(['2609.20001', '2609.20002', '2609.20003', '2609.20001']);
    expect(result.skipped).toBe(0);
    const [first, , , last] = result.cards;
    expect(first?.element).not.toBe(last?.element);
    expect(first?.paper).toEqual(last?.paper);
  });

  it('prefers searchResults and falls back to dailyPapers', () => {
    const iota = byId(result, '2609.20001').paper;
    expect(iota.authors).toEqual(['Iris Ito', 'Ivan Ivanov']);
    expect(iota.abstract).toBe('Iota abstract.');
    expect(iota.publishedAt).toBe('2026-09-10');
    const lambda = byId(result, '2609.20003').paper;
    expect(lambda.authors).toEqual(['Lena Lambda']);
    expect(lambda.publishedAt).toBe('2026-09-01');
  });
});

describe('huggingfaceAdapter.readCards never throws', () => {
  const card = (href: string, title = 'A title') =>
    `<article><a href="${href}"></a><h3><a href="${href}">${title}</a></h3><div role="checkbox"><div class="leading-none">3</div></div></article>`;

  it.each([
    ['an empty document', ''],
    ['an article without links', '<article><h3>No link</h3><p>text</p></article>'],
    ['an article with a non-paper h3 link', '<article><h3><a href="/models">Models</a></h3></article>'],
  ])('%s gives no cards and no skips', (_name, html) => {
    expect(read(parse(html))).toEqual({ cards: [], skipped: 0, problems: [] });
  });

  it('reads cards from the page when data-props is not JSON, and says so', () => {
    const doc = parse(`<div data-target="DailyPapers" data-props="{not json">${card('/papers/2609.00001')}</div>`);
    const result = read(doc);
    expect(result.cards.map((found) => found.paper)).toEqual([
      { id: '2609.00001', title: 'A title', site: 'huggingface', url: 'https://huggingface.co/papers/2609.00001', upvotes: 3 },
    ]);
    expect(result.skipped).toBe(0);
    expect(result.problems).toEqual([expect.stringMatching(/not valid JSON/)]);
  });

  it.each([
    ['a JSON array', '[1,2]'],
    ['dailyPapers that is not a list', '{"dailyPapers":"nope"}'],
    ['items of the wrong shape', '{"dailyPapers":[null,1,"x",{"paper":{"id":42}},{"paper":{"id":"2609.00001","authors":"nobody","summary":7,"publishedAt":false,"upvotes":-4}}]}'],
  ])('ignores %s in data-props', (_name, json) => {
    const doc = parse(`<div data-target="DailyPapers" data-props='${json}'>${card('/papers/2609.00001')}</div>`);
    const result = read(doc);
    expect(result.cards).toHaveLength(1);
    expect(result.cards[0]?.paper).toEqual({
      id: '2609.00001',
      title: 'A title',
      site: 'huggingface',
      url: 'https://huggingface.co/papers/2609.00001',
      upvotes: 3,
    });
  });

  it('skips and counts cards it cannot turn into a paper', () => {
    const doc = parse(
      [
        card('/papers/2609.00001', '   '), // no title anywhere
        card('/papers/%E0%A4%A'), // malformed escape
        card('/papers/2609.123'), // too short for an arXiv id
        card('/papers/2609.00002'),
      ].join(''),
    );
    const result = read(doc);
    expect(result.cards.map((found) => found.paper.id)).toEqual(['2609.00002']);
    expect(result.skipped).toBe(3);
    expect(result.problems).toHaveLength(3);
  });

  it('keeps a card whose JSON has an oversized abstract, without the abstract', () => {
    const props = JSON.stringify({ dailyPapers: [{ paper: { id: '2609.00001', summary: 'x'.repeat(30_000), authors: [{ name: 'A' }] } }] });
    const doc = parse(`<div data-target="DailyPapers">${card('/papers/2609.00001')}</div>`);
    doc.querySelector('div')?.setAttribute('data-props', props);
    const paper = read(doc).cards[0]?.paper;
    expect(paper?.abstract).toBeUndefined();
    expect(paper?.authors).toEqual(['A']);
  });

  it('falls back to the JSON title and upvotes when the card shows none', () => {
    const props = JSON.stringify({ dailyPapers: [{ paper: { id: '2609.00001', title: ' JSON  title ', upvotes: 8 } }] });
    const doc = parse(`<div data-target="DailyPapers"><article><h3><a href="/papers/2609.00001"></a></h3></article></div>`);
    doc.querySelector('div')?.setAttribute('data-props', props);
    expect(read(doc).cards[0]?.paper).toMatchObject({ title: 'JSON title', upvotes: 8 });
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
});

// ---------------------------------------------------------------------------------------------
// Search results: search-seed.html reproduces the reader's view in ../shared/seed (cards 1-6, 9, 13).

const SEARCH_URL = new URL('https://huggingface.co/papers?q=machine+learning+systems');

describe('huggingfaceAdapter on the search view (search-seed.html)', () => {
  const doc = fixture('search-seed.html');
  const result = read(doc, SEARCH_URL);
  const paper = (id: string) => byId(result, id).paper;

  it('finds the eight cards in page order, skipping none', () => {
    expect(result.cards.map((card) => card.paper.id)).toEqual([
      '2402.13004', '2408.05472', '1910.09012', '2311.15792', '2301.07799', '2307.01909', '2412.09405', '2505.24005',
    ]);
    expect(result.skipped).toBe(0);
    expect(result.problems).toEqual([]);
    for (const card of result.cards) expect(card.element.tagName).toBe('ARTICLE');
  });

  it('reads the titles the seed shows', () => {
    expect(result.cards.map((card) => card.paper.title)).toEqual([
      'Towards MLOps: A DevOps Tools Recommender System for Machine Learning System',
      'FuXi Weather: A data-to-forecast machine learning system for global weather',
      'Two Case Studies of Experience Prototyping Machine Learning Systems in the Wild',
      'Rethinking Privacy in Machine Learning Pipelines from an Information Flow Control Perspective',
      'A Domain-Agnostic Approach for Characterization of Lifelong Learning Systems',
      'ClimateLearn: Benchmarking Machine Learning for Weather and Climate Modeling',
      'Learned Compression for Compressed Learning',
      'How far away are truly hyperparameter-free learning algorithms?',
    ]);
  });

  it('takes names, abstract and date from the JSON for the cards it has (1, 3, 6)', () => {
    const mlops = paper('2402.13004');
    expect(mlops.authors).toEqual(['Mlops Author 1', 'Mlops Author 2', 'Mlops Author 3']); // the card shows "3 authors"
    expect(mlops.authorCount).toBeUndefined();
    expect(mlops.abstract).toMatch(/^Applying DevOps practices to machine learning system is termed as MLOps/);
    expect(mlops.abstract).toMatch(/highest f-score value of 0\.66\.$/);
    expect(mlops.publishedAt).toBe('2024-02-20'); // shown as "Feb 20, 2024"
    expect(mlops.upvotes).toBe(0);

    // A bare paper object in searchResults.
    const cases = paper('1910.09012');
    expect(cases.authors).toEqual(['Casestudy Author 1']); // "1 authors"
    expect(cases.abstract).toMatch(/^Throughout the course of my Ph\.D\., I have been designing/);
    expect(cases.publishedAt).toBe('2019-10-20');
  });

  it('takes the abstract from the card when the JSON entry has none (card 6)', () => {
    const climate = paper('2307.01909');
    expect(climate.authors).toHaveLength(5); // "5 authors"
    expect(climate.abstract).toMatch(/^Modeling weather and climate is an essential endeavor/);
    expect(climate.abstract).toMatch(/github\.com\/aditya-grover\/climate-learn\.$/);
    expect(climate.abstract).toHaveLength(1691);
    expect(climate.publishedAt).toBe('2023-07-04');
  });

  it('reads a card the JSON does not have from what it shows: abstract, "N authors", date', () => {
    expect(paper('2408.05472')).toEqual({
      id: '2408.05472',
      title: 'FuXi Weather: A data-to-forecast machine learning system for global weather',
      site: 'huggingface',
      url: 'https://huggingface.co/papers/2408.05472',
      authorCount: 11,
      abstract: expect.stringMatching(/^Weather forecasting traditionally relies on numerical weather prediction \(NWP\) systems.*where observational infrastructure is limited\.$/),
      publishedAt: '2024-08-10', // "Aug 10, 2024"
    });
    expect(paper('2311.15792')).toMatchObject({ authorCount: 9, publishedAt: '2023-11-27' });
    expect(paper('2311.15792').abstract).toMatch(/^Modern machine learning systems use models trained on ever-growing corpora\./);
    expect(paper('2301.07799')).toMatchObject({ authorCount: 47, publishedAt: '2023-01-18' });
    expect(paper('2301.07799').abstract).toMatch(/^Despite the advancement of machine learning techniques in recent years/);
  });

  it('reads the upvotes a card shows ("Dec 12, 2024 2") and none where it shows none', () => {
    expect(paper('2412.09405')).toMatchObject({ upvotes: 2, authorCount: 2, publishedAt: '2024-12-12' });
    expect(paper('2408.05472').upvotes).toBeUndefined();
  });

  it('never invents a year: "May 29" gives no date (nor does the page heading "Dec 24")', () => {
    const hyper = paper('2505.24005');
    expect(hyper.publishedAt).toBeUndefined();
    expect(hyper.authorCount).toBe(7);
    expect(hyper.abstract).toMatch(/^Despite major advances in methodology, hyperparameter tuning remains/);
  });

  it('returns only papers that pass PaperInputSchema and does not write the DOM', () => {
    const before = doc.documentElement.outerHTML;
    for (const card of read(doc, SEARCH_URL).cards) expect(PaperInputSchema.safeParse(card.paper).success).toBe(true);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('the card rules for abstract and date (synthetic cards)', () => {
  const card = (body: string, title = 'A title') =>
    parse(`<article><h3><a href="/papers/2609.00001">${title}</a></h3>${body}</article>`);
  const long = (word: string, times = 20) => `${word} `.repeat(times).trim();
  const paperOf = (body: string, title?: string) => read(card(body, title), SEARCH_URL).cards[0]?.paper;

  it('takes the longest paragraph, not the author line or a short one', () => {
    const paper = paperOf(`<p>Short line.</p><p>${long('shorter')}</p><p>${long('longest', 30)}</p><p>3 authors</p><ul><li>3 authors</li></ul>`);
    expect(paper?.abstract).toBe(long('longest', 30));
    expect(paper?.authorCount).toBe(3);
  });

  it('takes no abstract from paragraphs under 80 characters', () => {
    expect(paperOf('<p>Submitted by someone on Sep 28, 2026 with a note.</p>')?.abstract).toBeUndefined();
  });

  it.each([
    ['Feb 20, 2024', '2024-02-20'],
    ['· Jul 4, 2023', '2023-07-04'],
    ['September 5, 2025', '2025-09-05'],
    ['Published on Mar 3, 2024', '2024-03-03'],
    ['Dec 24', undefined], // no year shown: none guessed
    ['Feb 30, 2024', undefined], // not a day
    ['in 2024', undefined],
  ])('reads the shown date "%s" as %s', (shown, expected) => {
    expect(paperOf(`<div><span>${shown}</span></div>`)?.publishedAt).toBe(expected);
  });

  it('prefers a time element with a datetime, and ignores dates in the title and inside the abstract', () => {
    expect(paperOf('<span>Feb 20, 2024</span><time datetime="2024-02-19T23:00:00.000Z">yesterday</time>')?.publishedAt).toBe('2024-02-19');
    expect(paperOf('<span>May 29</span>', 'Mar 3, 2024')?.publishedAt).toBeUndefined();
    const abstract = `<p>${long('text')} <em>Jan 5, 2020</em> ${long('more')}</p>`;
    expect(paperOf(abstract)?.publishedAt).toBeUndefined();
  });

  it('stays with the first shown date when it has no year, even if another one has', () => {
    expect(paperOf('<span>May 29</span><span>Jun 1, 2020</span>')?.publishedAt).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Weekly, monthly and trending lists: the daily markup with other props.

describe.each([
  ['week-mini.html', 'https://huggingface.co/papers/week/2026-W39', 'week',
    { id: '2609.30001', title: 'Nu: A Paper of the Week', authors: ['Nora Nu', 'Nils Nu'], abstract: 'Nu abstract.', publishedAt: '2026-09-21', upvotes: 88 },
    { id: '2609.30002', title: 'Xi: Rendered Without Data', authorCount: 4, upvotes: 0 }],
  ['month-mini.html', 'https://huggingface.co/papers/month/2026-09', 'month',
    { id: '2609.31001', title: 'Omicron: A Paper of the Month', authors: ['Olga Omicron'], abstract: 'Omicron abstract.', publishedAt: '2026-09-02', upvotes: 1024 },
    { id: '2609.31002', title: 'Pi: Rendered Without Data', authorCount: 2, upvotes: 5 }],
  ['trending-mini.html', 'https://huggingface.co/papers/trending', undefined,
    { id: '2608.32001', title: 'Rho: A Trending Paper', authors: ['Rita Rho', 'Rolf Rho', 'Rosa Rho'], abstract: 'Rho abstract.', publishedAt: '2026-08-30', upvotes: 310 },
    { id: '2609.32002', title: 'Sigma: Rendered Without Data', authorCount: 6, upvotes: 12 }],
])('huggingfaceAdapter on %s', (file, href, periodType, inJson, notInJson) => {
  const doc = fixture(file);
  const url = new URL(href);
  const result = read(doc, url);

  it('is a page the adapter reads, with the props the fixture claims', () => {
    expect(huggingfaceAdapter.matches(url)).toBe(true);
    const props = JSON.parse(doc.querySelector('[data-target="DailyPapers"]')?.getAttribute('data-props') ?? '{}') as { periodType?: string };
    expect(props.periodType).toBe(periodType);
  });

  it('reads both cards as on the daily list: the JSON where it has the paper, the card otherwise', () => {
    expect(result.skipped).toBe(0);
    expect(result.problems).toEqual([]);
    const site = { site: 'huggingface' as const };
    expect(result.cards.map((card) => card.paper)).toEqual([
      { ...inJson, ...site, url: `https://huggingface.co/papers/${inJson.id}` },
      { ...notInJson, ...site, url: `https://huggingface.co/papers/${notInJson.id}` },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The single paper page (paper-page.html).

const PAPER_URL = new URL('https://huggingface.co/papers/2609.40001');
const TAU = {
  id: '2609.40001',
  title: 'Tau: Reading One Paper & Nothing Around It',
  site: 'huggingface',
  url: 'https://huggingface.co/papers/2609.40001',
  upvotes: 31,
  authors: ['Tara Tau', 'Theo Tau', 'Tilda Tau', 'Tomás Tau'],
  abstract:
    'We study how a browser extension can tell the paper of a page from the papers the page merely lists. Tau reads the title from the page heading, the authors from their links, and the abstract from under its heading, and it ignores the cards of citing papers shown below. Experiments on made-up pages show that <nothing> else is needed.',
  publishedAt: '2026-09-24',
};

/** A copy of paper-page.html changed by `edit`. */
function paperPage(edit: (doc: Document) => void = () => {}): Document {
  const doc = fixture('paper-page.html');
  edit(doc);
  return doc;
}
const pageProps = (doc: Document) => doc.querySelector('[data-target="PaperContent"]');

describe('huggingfaceAdapter on a single paper page (paper-page.html)', () => {
  it.each([
    'https://huggingface.co/papers/2609.40001',
    'https://huggingface.co/papers/2609.40001v2',
    'https://huggingface.co/papers/2609.40001#community',
  ])('finds exactly one card, the paper of %s, and none of the cards listed on it', (href) => {
    const doc = paperPage();
    const found = huggingfaceAdapter.findCards(doc, new URL(href));
    expect(found.cards).toHaveLength(1);
    expect(found.skipped).toBe(0);
    const [card] = found.cards;
    expect(card?.id).toBe('2609.40001');
    expect(card?.title).toBe(TAU.title);
    // The header section around the h1: the block the page gives this paper, holding no other card.
    expect(card?.element.tagName).toBe('SECTION');
    expect(card?.element.querySelector('h1')).toBe(doc.querySelector('h1'));
    expect(card?.element.querySelector('article')).toBeNull();
  });

  it('the same document read as a list gives the two citing cards instead (the URL decides)', () => {
    expect(read(paperPage(), DAILY_URL).cards.map((card) => card.paper.id)).toEqual(['2609.40002', '2609.40003']);
  });

  it('reads the paper from the PaperContent JSON', () => {
    const result = read(paperPage(), PAPER_URL);
    expect(result.cards.map((card) => card.paper)).toEqual([TAU]);
    expect(result.skipped).toBe(0);
    expect(result.problems).toEqual([]);
  });

  it('reads the same paper from the page alone when there is no JSON', () => {
    const result = read(paperPage((doc) => pageProps(doc)?.removeAttribute('data-props')), PAPER_URL);
    expect(result.cards.map((card) => card.paper)).toEqual([TAU]);
  });

  it('prefers the JSON over the page (the DOM is only a fallback)', () => {
    const doc = paperPage((d) => {
      for (const p of Array.from(d.querySelectorAll('p.text-gray-700'))) p.textContent = 'A different abstract shown on the page, long enough to count as one for sure.';
    });
    expect(read(doc, PAPER_URL).cards[0]?.paper.abstract).toBe(TAU.abstract);
  });

  it('also accepts the JSON on a data-target="PaperPage" element', () => {
    const doc = paperPage((d) => {
      const props = pageProps(d);
      props?.setAttribute('data-target', 'PaperPage');
      // Proves the JSON is read: the page no longer shows the names.
      d.querySelector('.mb-8')?.remove();
    });
    expect(read(doc, PAPER_URL).cards[0]?.paper.authors).toEqual(TAU.authors);
  });

  it('ignores JSON about another paper and reads the page instead', () => {
    const doc = paperPage((d) => {
      const props = pageProps(d);
      const data = JSON.parse(props?.getAttribute('data-props') ?? '{}') as { paper: Record<string, unknown> };
      data.paper = { ...data.paper, id: '2609.49999', title: 'Wrong', summary: 'Wrong.', authors: [{ name: 'Wrong' }] };
      props?.setAttribute('data-props', JSON.stringify(data));
    });
    expect(read(doc, PAPER_URL).cards[0]?.paper).toEqual(TAU);
  });

  it('takes the title from the JSON when the h1 is empty', () => {
    const doc = paperPage((d) => d.querySelector('h1')?.replaceChildren());
    expect(read(doc, PAPER_URL).cards[0]?.paper.title).toBe(TAU.title);
  });

  it('reports unreadable JSON and still reads the page', () => {
    const result = read(paperPage((d) => pageProps(d)?.setAttribute('data-props', '{oops')), PAPER_URL);
    expect(result.cards[0]?.paper).toEqual(TAU);
    expect(result.problems).toEqual([expect.stringMatching(/not valid JSON/)]);
  });

  it('counts a paper page without a title heading as skipped', () => {
    const result = read(paperPage((d) => d.querySelector('h1')?.remove()), PAPER_URL);
    expect(result.cards).toEqual([]);
    expect(result.skipped).toBe(1);
    expect(result.problems).toEqual([expect.stringMatching(/paper page 2609\.40001: no title heading/)]);
  });

  it('does not take a list left in the document (client-side navigation) for the paper', () => {
    const result = read(fixture('daily-mini.html'), PAPER_URL);
    expect(result.cards).toEqual([]);
    expect(result.skipped).toBe(1);
  });

  it.each([
    ['the h1 parent when there is no section', '<main><div class="wrap"><h1>T</h1></div></main>', 'DIV'],
    ['the h1 itself when its parent is main', '<main><h1>T</h1><article><h3><a href="/papers/2609.00002">Other</a></h3></article></main>', 'H1'],
    ['the h1 parent when the section also holds cards', '<section><div><h1>T</h1></div><article><h3><a href="/papers/2609.00002">Other</a></h3></article></section>', 'DIV'],
  ])('chooses %s as the element', (_name, html, tag) => {
    const found = huggingfaceAdapter.findCards(parse(html), new URL('https://huggingface.co/papers/2609.00001'));
    expect(found.cards.map((card) => [card.id, card.element.tagName, card.title])).toEqual([['2609.00001', tag, 'T']]);
  });

  it('leaves controls out of the author names and takes nothing without an "Authors:" label', () => {
    const page = (row: string) =>
      parse(`<section><h1>T</h1><div><span>Authors:</span> <span><a href="/a">Ann A</a></span> ${row}</div><a href="/x">View arXiv page</a></section>`);
    const url = new URL('https://huggingface.co/papers/2609.00001');
    expect(read(page('<button>Bo B</button> <button>+ 3</button> <button>Show more</button> <a href="#">…</a>'), url).cards[0]?.paper.authors).toEqual(['Ann A', 'Bo B']);
    const unlabelled = parse('<section><h1>T</h1><div><a href="/a">Ann A</a></div><a href="/x">View arXiv page</a></section>');
    expect(read(unlabelled, url).cards[0]?.paper.authors).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Regressions found by the property tests (mutation.test.ts).

describe('huggingfaceAdapter on long runs of whitespace', () => {
  // The count, date and "Authors:" patterns run on every raw text node of a card; with two `\s*`
  // around an optional character they backtracked quadratically: 15 s for one such node.
  const spaces = ' '.repeat(100_000);
  const noisy = `<span>${spaces}.x</span><span>· 3${spaces}x</span><span>Feb 20,${spaces}x</span><span>Published on${spaces}x</span>`;

  it('reads a list card holding 100,000-space text nodes in well under a second', () => {
    const doc = parse(`<article><h3><a href="/papers/2609.00001">T</a></h3>${noisy}<span>· 4 authors</span><span>Feb 20, 2024</span></article>`);
    const started = performance.now();
    const paper = read(doc, SEARCH_URL).cards[0]?.paper;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(paper).toMatchObject({ id: '2609.00001', title: 'T', authorCount: 4, publishedAt: '2024-02-20' });
  });

  it('reads a paper page whose authors row holds one in well under a second', () => {
    const doc = parse(`<section><h1>T</h1><div><span>Authors${spaces}x</span>${noisy}</div><div><span>Authors :</span> <a href="/a">Ann A</a></div></section>`);
    const started = performance.now();
    const paper = read(doc, new URL('https://huggingface.co/papers/2609.00001')).cards[0]?.paper;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(paper?.authors).toEqual(['Ann A']);
  });
});

// ---------------------------------------------------------------------------------------------
// findCards stays cheap: it runs on every DOM change of pages with up to 2000 cards.

describe('huggingfaceAdapter.findCards on 2000 cards', () => {
  afterEach(() => vi.restoreAllMocks());

  let lists = 0;
  /**
   * A list of `count` cards inside a DailyPapers element whose JSON knows the first paper. The JSON
   * text differs per list, so the adapter's parse cache cannot hide a parse.
   */
  function bigList(count: number): Document {
    const props = JSON.stringify({ list: ++lists, dailyPapers: [{ paper: { id: '2601.00000', title: 'From JSON' } }] }).replace(/"/g, '&quot;');
    const cards = Array.from({ length: count }, (_, index) => {
      const id = `2601.${String(index).padStart(5, '0')}`;
      return `<article><a href="/papers/${id}"></a><h3><a href="/papers/${id}">Paper ${index}</a></h3></article>`;
    });
    return parse(`<div data-target="DailyPapers" data-props="${props}">${cards.join('')}</div>`);
  }

  /** Counts every read of the title links' text, whatever property it goes through. */
  function spyOnTitles(doc: Document): { reads: number } {
    const counter = { reads: 0 };
    for (const link of Array.from(doc.querySelectorAll('h3 a'))) {
      const value = link.textContent;
      for (const property of ['textContent', 'innerText', 'innerHTML', 'outerHTML']) {
        Object.defineProperty(link, property, { configurable: true, get: () => (counter.reads++, value) });
      }
    }
    return counter;
  }

  it('returns 2000 refs without reading a single title or parsing the JSON', () => {
    const doc = bigList(2000);
    const titles = spyOnTitles(doc);
    const parseJson = vi.spyOn(JSON, 'parse');
    const found = huggingfaceAdapter.findCards(doc, DAILY_URL);
    expect(found.cards).toHaveLength(2000);
    expect(found.skipped).toBe(0);
    expect(new Set(found.cards.map((card) => card.element)).size).toBe(2000);
    expect(found.cards[1999]?.id).toBe('2601.01999');
    expect(titles.reads).toBe(0);
    expect(parseJson).not.toHaveBeenCalled();

    // The title is read on first use, once.
    expect(found.cards[7]?.title).toBe('Paper 7');
    expect(found.cards[7]?.title).toBe('Paper 7');
    expect(titles.reads).toBe(1);
    expect(parseJson).not.toHaveBeenCalled();
  });

  it('parses the JSON only for a card whose title is empty, and only when the title is asked for', () => {
    const doc = bigList(3);
    doc.querySelector('h3 a')?.replaceChildren();
    const parseJson = vi.spyOn(JSON, 'parse');
    const found = huggingfaceAdapter.findCards(doc, DAILY_URL);
    expect(parseJson).not.toHaveBeenCalled();
    expect(found.cards[0]?.title).toBe('From JSON');
  });

  it('reads no title eagerly on a paper page either', () => {
    const doc = paperPage();
    let reads = 0;
    const heading = doc.querySelector('h1');
    const value = heading?.textContent;
    for (const property of ['textContent', 'innerText', 'innerHTML', 'outerHTML']) {
      if (heading) Object.defineProperty(heading, property, { configurable: true, get: () => (reads++, value) });
    }
    const parseJson = vi.spyOn(JSON, 'parse');
    const found = huggingfaceAdapter.findCards(doc, PAPER_URL);
    expect(found.cards).toHaveLength(1);
    expect(reads).toBe(0);
    expect(parseJson).not.toHaveBeenCalled();
    expect(found.cards[0]?.title).toBe(TAU.title);
    expect(reads).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// The real pages captured from huggingface.co (../shared/pages/huggingface; see PROVENANCE.md).

interface JsonPaper {
  id: string;
  title: string;
  summary?: string;
  publishedAt?: string;
  upvotes?: number;
  authors: { name?: string }[];
}

/** The papers of the page, read from data-props here without the adapter's code. */
function embeddedPapers(doc: Document): Map<string, JsonPaper> {
  const props = doc.querySelector('[data-target="DailyPapers"]')?.getAttribute('data-props');
  const data = JSON.parse(props ?? '{}') as { dailyPapers?: { paper: JsonPaper }[]; searchResults?: { paper: JsonPaper }[] };
  const items = [...(data.searchResults ?? []), ...(data.dailyPapers ?? [])];
  return new Map(items.map((item) => [item.paper.id, item.paper]));
}

/** Articles holding a title link to a paper, counted on the raw HTML rather than through the DOM. */
function countPaperArticles(html: string): number {
  const articles = html.match(/<article[\s>][\s\S]*?<\/article>/g) ?? [];
  return articles.filter((article) => /<h3[^>]*>\s*<a[^>]*href="\/papers\//.test(article)).length;
}

const sharedPages = listSharedPages('huggingface');

describe.skipIf(!SHARED_PAGES_PRESENT)('huggingfaceAdapter.readCards on the captured Hugging Face pages', () => {
  it('has pages to test', () => {
    expect(sharedPages.length).toBeGreaterThan(0);
  });

  describe.each(sharedPages)('%s', (page) => {
    const html = readSharedPage(page);
    const doc = parse(html);
    const result = read(doc);
    const json = embeddedPapers(doc);

    it('finds every article with a paper title link, and skips none', () => {
      expect(result.cards.length).toBe(countPaperArticles(html));
      expect(result.cards.length).toBeGreaterThan(0);
      expect(result.skipped).toBe(0);
      expect(result.problems).toEqual([]);
    });

    it('agrees with the embedded JSON on every id, title, author list, abstract, date and vote count', () => {
      for (const { paper } of result.cards) {
        const embedded = json.get(paper.id);
        expect(embedded, paper.id).toBeDefined();
        expect(paper.title).toBe(embedded?.title.replace(/\s+/g, ' ').trim());
        expect(paper.authors).toEqual(embedded?.authors.map((author) => author.name?.trim()).filter(Boolean));
        expect(paper.abstract).toBe(embedded?.summary?.trim());
        expect(paper.publishedAt).toBe(embedded?.publishedAt?.slice(0, 10));
        // The card's count is read from the page; at capture time it equalled the JSON's.
        expect(paper.upvotes).toBe(embedded?.upvotes);
        expect(PaperInputSchema.safeParse(paper).success).toBe(true);
      }
    });
  });

  describe.runIf(sharedPages.includes('huggingface/papers-daily-2026-09-28.html'))('papers-daily-2026-09-28.html', () => {
    const result = read(parse(readSharedPage('huggingface/papers-daily-2026-09-28.html')));

    it('has exactly the 28 cards of that day, each once', () => {
      expect(result.cards).toHaveLength(28);
      expect(new Set(result.cards.map((card) => card.paper.id)).size).toBe(28);
    });

    it('reads the first card completely', () => {
      const first = result.cards[0]?.paper;
      expect(first?.id).toBe('2609.31620');
      expect(first?.title.startsWith('FuseReg')).toBe(true);
      expect(first?.authors?.[0]).toBe('Hongyang Du');
      expect(first?.authors).toHaveLength(16);
      expect(first?.publishedAt).toBe('2026-09-25');
      expect(first?.upvotes).toBe(110);
      expect(first?.url).toBe('https://huggingface.co/papers/2609.31620');
      expect(first?.abstract).toMatch(/^Representation autoencoders \(RAEs\)/);
    });

    it('reads "-" upvotes as zero on the last cards', () => {
      expect(result.cards.slice(-2).map((card) => card.paper.upvotes)).toEqual([0, 0]);
    });
  });
});
