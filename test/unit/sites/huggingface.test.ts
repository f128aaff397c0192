import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PaperInputSchema } from '../../../lib/paper/model';
import { huggingfaceAdapter } from '../../../lib/sites/huggingface';
import { readAllCards } from '../../../lib/sites/read-all';
import type { AdapterResult, FoundCard } from '../../../lib/sites/types';
import { SHARED_PAGES_PRESENT, listSharedPages, readSharedPage } from '../../shared-pages';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'fixtures', 'huggingface');
const DAILY_URL = new URL('https://huggingface.co/papers/date/2026-09-28');

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

function fixture(name: string): Document {
  return parse(readFileSync(resolve(FIXTURES, name), 'utf8'));
}

function read(root: ParentNode, url: URL = DAILY_URL): AdapterResult {
  return readAllCards(huggingfaceAdapter, root, url);
}

function byId(result: AdapterResult, id: string): FoundCard {
  const card = result.cards.find((found) => found.paper.id === id);
  if (!card) throw new Error(`no card for ${id}`);
  return card;
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
    'https://huggingface.co/papers/2609.31620', // one paper, not a list
    'https://huggingface.co/papers/2609.31620#community',
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
