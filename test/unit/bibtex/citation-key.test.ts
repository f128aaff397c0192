// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  baseCitationKey,
  disambiguateKey,
  foldForKey,
  keySuffix,
  makeCitationKey,
  paperYear,
} from '../../../lib/bibtex/citation-key';
import type { PaperRecord } from '../../../lib/paper/model';

const NONE: ReadonlySet<string> = new Set();

describe('makeCitationKey', () => {
  it.each([
    [{ title: 'Attention Is All You Need', authors: ['Ashish Vaswani'], publishedAt: '2017-06-12' }, 'vaswani2017attention'],
    [{ title: 'On the Opportunities and Risks of Foundation Models', authors: ['Rishi Bommasani'], publishedAt: '2021-08-16' }, 'bommasani2021opportunities'],
    [{ title: 'Towards a Theory of Everything', authors: ['A. Einstein'], publishedAt: '1950-01-01' }, 'einstein1950theory'],
    [{ title: 'The The', authors: ['Matt Johnson'], publishedAt: '1983-01-01' }, 'johnson1983'],
    // Particles stay in the family name, suffixes do not.
    [{ title: 'Symphonies', authors: ['Ludwig van Beethoven'], publishedAt: '1808-12-22' }, 'vanbeethoven1808symphonies'],
    [{ title: 'Dreams', authors: ['Martin Luther King Jr.'], publishedAt: '1963-08-28' }, 'king1963dreams'],
    // ASCII folding.
    [{ title: 'Über Alles', authors: ['Zoë Ménard'], publishedAt: '2024-01-01' }, 'menard2024uber'],
    [{ title: 'Straße', authors: ['Søren Weiß'], publishedAt: '2024-01-01' }, 'weiss2024strasse'],
    [{ title: 'Œuvres', authors: ['Łukasz Øster'], publishedAt: '2024-01-01' }, 'oster2024oeuvres'],
    [{ title: 'GPT-4 Technical Report', authors: ['OpenAI'], publishedAt: '2023-03-15' }, 'openai2023gpt4'],
    [{ title: '$\\alpha$-Heat: Kernels', authors: ['Mei Tanaka'], publishedAt: '2024-05-01' }, 'tanaka2024alphaheat'],
    [{ title: '🤗 Transformers', authors: ['Thomas Wolf'], publishedAt: '2019-10-09' }, 'wolf2019transformers'],
    // Organisations: their first significant word.
    [{ title: 'Results', authors: ['The ATLAS Collaboration'], publishedAt: '2012-07-31' }, 'atlas2012results'],
    [{ title: 'Gemini', authors: ['Gemini Team Google'], publishedAt: '2023-12-19' }, 'gemini2023gemini'],
    // No authors, or none that folds to ASCII.
    [{ title: 'Scaling Laws', authors: [], publishedAt: '2024-09-18' }, 'anon2024scaling'],
    [{ title: 'Scaling Laws', publishedAt: '2024-09-18' }, 'anon2024scaling'],
    [{ title: 'Vision', authors: ['李飞飞', 'Jia Deng'], publishedAt: '2009-06-20' }, 'anon2009vision'],
    [{ title: 'Scaling Laws', authors: ['  ', 'Jared Kaplan'], publishedAt: '2020-01-23' }, 'kaplan2020scaling'],
    // No date: the year comes from the arXiv id, else "nd".
    [{ title: 'Scaling Laws', authors: ['Jared Kaplan'], id: '2001.08361' }, 'kaplan2020scaling'],
    [{ title: 'Strings', authors: ['Ed Witten'], id: 'hep-th/9503124' }, 'witten1995strings'],
    [{ title: 'Strings', authors: ['Ed Witten'] }, 'wittenndstrings'],
    // A title with no significant word.
    [{ title: 'On the', authors: ['Ed Witten'], publishedAt: '1995-03-01' }, 'witten1995'],
  ])('%j → %s', (input, expected) => {
    expect(makeCitationKey(input, NONE)).toBe(expected);
  });

  it('suffixes colliding keys a, b, … z, aa', () => {
    const input = { title: 'Learning', authors: ['Wei Zhang'], publishedAt: '2023-01-01' };
    const taken = new Set<string>();
    const keys: string[] = [];
    for (let i = 0; i < 29; i++) {
      const key = makeCitationKey(input, taken);
      taken.add(key);
      keys.push(key);
    }
    expect(keys.slice(0, 4)).toEqual(['zhang2023learning', 'zhang2023learninga', 'zhang2023learningb', 'zhang2023learningc']);
    expect(keys[26]).toBe('zhang2023learningz');
    expect(keys[27]).toBe('zhang2023learningaa');
    expect(keys[28]).toBe('zhang2023learningab');
    expect(new Set(keys).size).toBe(29);
  });

  it('fills the first free suffix', () => {
    const input = { title: 'Learning', authors: ['Wei Zhang'], publishedAt: '2023-01-01' };
    expect(makeCitationKey(input, new Set(['zhang2023learning', 'zhang2023learningb']))).toBe('zhang2023learninga');
  });

  it('is pure: same input and taken keys, same key; the taken set is not changed', () => {
    const input = { title: 'Learning', authors: ['Wei Zhang'], publishedAt: '2023-01-01' };
    const taken = new Set(['zhang2023learning']);
    expect(makeCitationKey(input, taken)).toBe(makeCitationKey(input, taken));
    expect([...taken]).toEqual(['zhang2023learning']);
  });

  it('takes a PaperRecord as it is', () => {
    const record: PaperRecord = {
      id: '1706.03762',
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      sources: {},
      tags: [],
      createdAt: 1,
      updatedAt: 1,
    };
    expect(makeCitationKey(record, NONE)).toBe('vaswani2017attention');
  });

  it('always makes keys BibTeX and biber accept', () => {
    const key = makeCitationKey({ title: '«Ωmega» & {Braces}, #1 %', authors: ['O\'Brien-Smith, Dr.'], publishedAt: '2024-01-01' }, NONE);
    expect(key).toMatch(/^[a-z0-9]+$/);
  });
});

describe('helpers', () => {
  it('foldForKey', () => {
    expect(foldForKey("Ångström-Øre ß Æsir d'Alembert İ")).toBe('angstromoressaesirdalemberti');
    expect(foldForKey('李飞飞')).toBe('');
  });

  it('paperYear prefers the date, then the id', () => {
    expect(paperYear({ publishedAt: '2024-09-18', id: '2001.00001' })).toBe('2024');
    expect(paperYear({ id: '0704.0001' })).toBe('2007');
    expect(paperYear({ id: '2409.12345' })).toBe('2024');
    expect(paperYear({ id: 'hep-th/9901001' })).toBe('1999');
    expect(paperYear({ id: 'math/0309136' })).toBe('2003');
    expect(paperYear({ id: 'not-an-id' })).toBeUndefined();
    expect(paperYear({})).toBeUndefined();
  });

  it('keySuffix is bijective base 26', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703].map(keySuffix)).toEqual(['a', 'b', 'z', 'aa', 'az', 'ba', 'zz', 'aaa']);
  });

  it('disambiguateKey takes a predicate', () => {
    expect(disambiguateKey('x', (key) => key.toLowerCase() === 'x' || key === 'xa')).toBe('xb');
  });

  it('baseCitationKey ignores taken keys', () => {
    expect(baseCitationKey({ title: 'Learning', authors: ['Wei Zhang'], publishedAt: '2023-01-01' })).toBe('zhang2023learning');
  });
});
