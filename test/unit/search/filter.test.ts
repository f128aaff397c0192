// @vitest-environment node
/**
 * The library's queries (lib/search): search over every field, words ANDed, accents and case
 * ignored, arXiv ids in any pasted form; tag filters (all/any); saved/hidden/all; each sort with
 * fixed tie rules; and the incremental filter giving the same answers as a plain reference
 * implementation, whatever the order of queries and arrays (the caches must never show).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, filterPapers, foldText, LibraryFilter, queryWords, showCounts, sortedPapers, type LibraryQuery } from '../../../lib/search';
import { splitWords } from '../../../lib/search/vocabulary';
import type { PaperRecord } from '../../../lib/paper/model';
import { tagKey } from '../../../lib/paper/tags';

let clock = 1_700_000_000_000;

function record(id: string, fields: Partial<PaperRecord> = {}): PaperRecord {
  const at = (clock += 1000);
  return { id, title: `Paper ${id}`, authors: [], sources: {}, tags: [], createdAt: at, updatedAt: at, savedAt: at, ...fields };
}

const ids = (papers: readonly PaperRecord[]) => papers.map((paper) => paper.id);
const search = (papers: readonly PaperRecord[], text: string, rest: Partial<LibraryQuery> = {}) =>
  ids(filterPapers(papers, { ...DEFAULT_QUERY, show: 'all', ...rest, text }));

describe('foldText', () => {
  it.each([
    ['Müller', 'muller'],
    ['ŁUKASZ Kaiser', 'lukasz kaiser'],
    ['Søren', 'soren'],
    ['Straße', 'strasse'],
    ['Ærø', 'aero'],
    ['José Núñez', 'jose nunez'],
    ['e\u0301cole', 'ecole'],
    ['ASCII Only', 'ascii only'],
  ])('%s → %s', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });
});

describe('queryWords', () => {
  it('folds, splits on spaces and punctuation, and drops repeats', () => {
    expect(queryWords('  Attention,  IS all  (you) need attention ')).toEqual(['attention', 'is', 'all', 'you', 'need']);
  });

  it('reads an arXiv id in any pasted form as the canonical id', () => {
    expect(queryWords('arXiv:1706.03762v5')).toEqual(['1706.03762']);
    expect(queryWords('https://arxiv.org/abs/1706.03762v2')).toEqual(['1706.03762']);
    expect(queryWords('https://huggingface.co/papers/2409.12345')).toEqual(['2409.12345']);
    expect(queryWords('hep-th/9901001v3')).toEqual(['hep-th/9901001']);
    // Typed halfway: the beginning of an id; the bare prefix asks for nothing yet.
    expect(queryWords('arXiv:2409.1')).toEqual(['2409.1']);
    expect(queryWords('arXiv:')).toEqual([]);
  });
});

describe('filterPapers: search', () => {
  const papers = [
    record('1706.03762', {
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Łukasz Kaiser'],
      abstract: 'The dominant sequence transduction models are based on recurrent networks.',
      tags: ['Classic', 'LLM'],
      citationKey: 'vaswani2017attention',
    }),
    record('1810.04805', {
      title: 'BERT: Pre-training of Deep Bidirectional Transformers',
      authors: ['Jacob Devlin', 'Zoë Müller'],
      abstract: 'We introduce a new language representation model.',
      note: 'Read the ablations first.',
    }),
    record('hep-th/9901001', { title: 'Strings', authors: ['Søren Kierkegaard'] }),
  ];

  it.each([
    ['a title word', 'bidirectional', ['1810.04805']],
    ['an author', 'vaswani', ['1706.03762']],
    ['an abstract word', 'recurrent', ['1706.03762']],
    ['a tag', 'classic', ['1706.03762']],
    ['the note', 'ablations', ['1810.04805']],
    ['the citation key', 'vaswani2017attention', ['1706.03762']],
    ['an id', '1810.04805', ['1810.04805']],
    ['the end of an id', '04805', ['1810.04805']],
    ['an old-style id', 'hep-th/9901001', ['hep-th/9901001']],
    ['an id pasted with arXiv: and a version', 'arXiv:1706.03762v7', ['1706.03762']],
    ['part of a word', 'former', ['1810.04805']],
    ['a word ignoring case', 'BERT', ['1810.04805']],
    ['a name without its accents', 'muller zoe', ['1810.04805']],
    ['a name typed with accents the paper lacks', 'kierkégaard', ['hep-th/9901001']],
    ['a letter with a stroke', 'lukasz', ['1706.03762']],
    ['every word, in different fields', 'devlin language', ['1810.04805']],
    ['nothing when one word is missing', 'devlin recurrent', []],
    ['nothing for an unknown word', 'qwertyuiop', []],
  ])('finds %s', (_label, text, expected) => {
    expect(search(papers, text)).toEqual(expected);
  });

  it('an empty or blank query lists every paper of the view', () => {
    expect(search(papers, '').sort()).toEqual(ids(papers).sort());
    expect(search(papers, '   ').sort()).toEqual(ids(papers).sort());
  });

  it('an empty library has no matches', () => {
    expect(filterPapers([], DEFAULT_QUERY)).toEqual([]);
    expect(filterPapers([], { ...DEFAULT_QUERY, text: 'x', tags: ['y'] })).toEqual([]);
  });
});

describe('filterPapers: tags and views', () => {
  const papers = [
    record('2401.00001', { tags: ['LLM', 'vision'] }),
    record('2401.00002', { tags: ['llm'] }),
    record('2401.00003', { tags: ['Vision'], savedAt: undefined, hiddenAt: clock }),
    record('2401.00004', { tags: [], savedAt: undefined }),
    record('2401.00005', { tags: ['RL'], hiddenAt: clock }),
  ];

  it('all: every picked tag, in any spelling', () => {
    expect(search(papers, '', { tags: ['llm', 'VISION'], tagMode: 'all' })).toEqual(['2401.00001']);
  });

  it('any: one of the picked tags', () => {
    expect(search(papers, '', { tags: ['llm', 'rl'], tagMode: 'any', sort: 'title', direction: 'asc' })).toEqual(['2401.00001', '2401.00002', '2401.00005']);
  });

  it('tags and text together', () => {
    expect(search(papers, '00002', { tags: ['LLM'] })).toEqual(['2401.00002']);
  });

  it('saved, hidden or every paper the library holds', () => {
    const view = (show: LibraryQuery['show']) => ids(filterPapers(papers, { ...DEFAULT_QUERY, show, sort: 'title', direction: 'asc' }));
    expect(view('saved')).toEqual(['2401.00001', '2401.00002', '2401.00005']);
    expect(view('hidden')).toEqual(['2401.00003', '2401.00005']);
    expect(view('all')).toEqual(['2401.00001', '2401.00002', '2401.00003', '2401.00004', '2401.00005']);
    expect(showCounts(papers)).toEqual({ saved: 3, hidden: 2, all: 5 });
  });

  it('a tag nobody has matches nothing', () => {
    expect(search(papers, '', { tags: ['nothing'] })).toEqual([]);
  });
});

describe('filterPapers: sorting', () => {
  const base = 1_800_000_000_000;
  const papers = [
    record('2402.00003', { title: '“Quoted” title', savedAt: base + 2, publishedAt: '2024-02-01' }),
    record('2402.00001', { title: 'zebra', savedAt: base + 1, publishedAt: '2023-05-05' }),
    record('2402.00002', { title: 'Émile', savedAt: base + 2 }),
    record('2402.00004', { title: 'alpha', savedAt: base + 3, publishedAt: '2024-02-01', hiddenAt: base + 9 }),
    record('2402.00005', { title: 'Alpha', savedAt: undefined, hiddenAt: base + 5, publishedAt: '2020-01-01' }),
  ];
  const sorted = (query: Partial<LibraryQuery>) => ids(filterPapers(papers, { ...DEFAULT_QUERY, ...query }));

  it('by date saved, newest first; a tie goes by arXiv id', () => {
    expect(sorted({ sort: 'saved', direction: 'desc' })).toEqual(['2402.00004', '2402.00002', '2402.00003', '2402.00001']);
    expect(sorted({ sort: 'saved', direction: 'asc' })).toEqual(['2402.00001', '2402.00002', '2402.00003', '2402.00004']);
  });

  it('in the hidden view, by date hidden', () => {
    expect(sorted({ show: 'hidden', sort: 'saved', direction: 'desc' })).toEqual(['2402.00004', '2402.00005']);
  });

  it('by date published; papers without a date come last either way', () => {
    expect(sorted({ show: 'all', sort: 'published', direction: 'desc' })).toEqual(['2402.00003', '2402.00004', '2402.00001', '2402.00005', '2402.00002']);
    expect(sorted({ show: 'all', sort: 'published', direction: 'asc' })).toEqual(['2402.00005', '2402.00001', '2402.00003', '2402.00004', '2402.00002']);
  });

  it('by title: case and accents ignored, leading quotes skipped, ties by id', () => {
    expect(sorted({ show: 'all', sort: 'title', direction: 'asc' })).toEqual(['2402.00004', '2402.00005', '2402.00002', '2402.00003', '2402.00001']);
    expect(sorted({ show: 'all', sort: 'title', direction: 'desc' })).toEqual(['2402.00001', '2402.00003', '2402.00002', '2402.00004', '2402.00005']);
  });

  it('never depends on the order the records came in', () => {
    for (const sort of ['saved', 'published', 'title'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const query = { ...DEFAULT_QUERY, show: 'all' as const, sort, direction };
        expect(ids(filterPapers([...papers].reverse(), query))).toEqual(ids(filterPapers(papers, query)));
      }
    }
  });
});

describe('LibraryFilter: step by step', () => {
  const papers = Array.from({ length: 600 }, (_, index) =>
    record(`2403.${String(index).padStart(5, '0')}`, { title: index % 3 === 0 ? `Graph paper ${index}` : `Other paper ${index}` }),
  );

  it('a first screenful is a prefix of the whole answer, and the rest follows', () => {
    const query: LibraryQuery = { ...DEFAULT_QUERY, text: 'graph' };
    const whole = ids(filterPapers(papers, query));
    expect(whole).toHaveLength(200);
    const filter = new LibraryFilter([...papers], query);
    expect(filter.step(Infinity, 20)).toBe(false);
    expect(ids(filter.matches)).toEqual(whole.slice(0, 20));
    expect(filter.step(Infinity)).toBe(true);
    expect(ids(filter.matches)).toEqual(whole);
  });

  it('a zero budget still makes progress and ends', () => {
    const filter = new LibraryFilter([...papers], { ...DEFAULT_QUERY, text: 'paper 5' });
    let steps = 0;
    while (!filter.step(0)) steps++;
    expect(steps).toBeGreaterThan(0);
    expect(ids(filter.matches)).toEqual(ids(filterPapers(papers, { ...DEFAULT_QUERY, text: 'paper 5' })));
  });
});

/**
 * A plain reference: a paper matches when every query word lies inside one of the words of one of
 * its fields. Slow and obviously right, to compare the cached, narrowing implementation with.
 */
function referenceMatches(paper: PaperRecord, query: LibraryQuery): boolean {
  if (query.show === 'saved' && paper.savedAt === undefined) return false;
  if (query.show === 'hidden' && paper.hiddenAt === undefined) return false;
  const keys = paper.tags.map(tagKey);
  const wanted = query.tags.map(tagKey);
  if (wanted.length > 0 && !(query.tagMode === 'all' ? wanted.every((key) => keys.includes(key)) : wanted.some((key) => keys.includes(key)))) return false;
  const fields = [paper.id, paper.title, ...paper.authors, paper.abstract ?? '', ...paper.tags, paper.note ?? '', paper.citationKey ?? ''];
  const words = fields.flatMap((field) => splitWords(foldText(field)));
  return queryWords(query.text).every((part) => words.some((word) => word.includes(part)));
}

describe('filterPapers agrees with a plain reference', () => {
  const VOCABULARY = ['graph', 'Graphs', 'neural', 'Müller', 'muller', 'net', 'network', 'LLM', 'llm', 'attention', 'x-ray', 'state-of-the-art', 'ça'];
  const word = fc.constantFrom(...VOCABULARY);
  const paperArb = fc.record({
    n: fc.integer({ min: 0, max: 40 }),
    title: fc.array(word, { minLength: 1, maxLength: 4 }),
    abstract: fc.array(word, { maxLength: 6 }),
    tags: fc.uniqueArray(fc.constantFrom('LLM', 'llm', 'vision', 'RL'), { maxLength: 2, selector: tagKey }),
    saved: fc.boolean(),
    hidden: fc.boolean(),
  });
  const queryArb = fc.record({
    text: fc.array(fc.oneof(word, word.map((w) => w.slice(0, 3)), fc.constantFrom('zzz', 'a', 'e', '-the-')), { maxLength: 3 }).map((words) => words.join(' ')),
    tags: fc.array(fc.constantFrom('llm', 'Vision', 'rl'), { maxLength: 2 }),
    tagMode: fc.constantFrom('all' as const, 'any' as const),
    show: fc.constantFrom('saved' as const, 'hidden' as const, 'all' as const),
    sort: fc.constantFrom('saved' as const, 'published' as const, 'title' as const),
    direction: fc.constantFrom('asc' as const, 'desc' as const),
  });

  it('for any library and any sequence of queries, typed letter by letter', () => {
    fc.assert(
      fc.property(fc.array(paperArb, { maxLength: 30 }), fc.array(queryArb, { minLength: 1, maxLength: 4 }), (specs, queries) => {
        const seen = new Set<string>();
        const papers = specs
          .map((spec) => ({ ...spec, id: `2404.${String(spec.n).padStart(5, '0')}` }))
          .filter((spec) => !seen.has(spec.id) && seen.add(spec.id))
          .map((spec) =>
            record(spec.id, {
              title: spec.title.join(' '),
              abstract: spec.abstract.join(' '),
              tags: spec.tags,
              savedAt: spec.saved ? clock : undefined,
              hiddenAt: spec.hidden ? clock : undefined,
            }),
          );
        for (const query of queries) {
          // Each prefix, as typing sends it: exercises narrowing of the last answer.
          for (let length = 0; length <= query.text.length; length++) {
            const typed = { ...query, text: query.text.slice(0, length) };
            const expected = new Set(papers.filter((paper) => referenceMatches(paper, typed)).map((paper) => paper.id));
            const got = ids(filterPapers(papers, typed));
            expect(new Set(got)).toEqual(expected);
            expect(got).toHaveLength(expected.size);
          }
          // The same records in a new array (the library changed elsewhere) answer the same.
          const again = [...papers];
          expect(new Set(ids(filterPapers(again, query)))).toEqual(new Set(ids(filterPapers(papers, query))));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('when each letter is typed before the last query finished (its matches so far and the papers it had not reached are narrowed)', () => {
    fc.assert(
      fc.property(fc.array(paperArb, { maxLength: 30 }), queryArb, fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 30, maxLength: 30 }), (specs, query, stops) => {
        const seen = new Set<string>();
        const papers = specs
          .map((spec) => ({ ...spec, id: `2404.${String(spec.n).padStart(5, '0')}` }))
          .filter((spec) => !seen.has(spec.id) && seen.add(spec.id))
          .map((spec) => record(spec.id, { title: spec.title.join(' '), abstract: spec.abstract.join(' '), tags: spec.tags, savedAt: spec.saved ? clock : undefined, hiddenAt: spec.hidden ? clock : undefined }));
        // The full scan, in the view's order.
        const expectedOf = (typed: LibraryQuery) => ids(sortedPapers(papers, typed.sort, typed.direction, typed.show).filter((paper) => referenceMatches(paper, typed)));
        for (let length = 0; length <= query.text.length; length++) {
          const typed = { ...query, text: query.text.slice(0, length) };
          const filter = new LibraryFilter(papers, typed);
          // Abandoned after a few matches (0: before looking at anything), as the next keystroke does.
          const stop = stops[length % stops.length]!;
          if (stop > 0) filter.step(Infinity, stop);
          const expected = expectedOf(typed);
          expect(ids(filter.matches)).toEqual(expected.slice(0, filter.matches.length));
          if (length === query.text.length) {
            filter.step(Infinity);
            expect(ids(filter.matches)).toEqual(expected);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
