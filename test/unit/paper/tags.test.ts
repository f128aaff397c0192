import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, TagSchema } from '../../../lib/paper/model';
import { groupTagCounts, normalizeTag, normalizeTags, TagError, tagKey, tidyTag, uniqueTags } from '../../../lib/paper/tags';

/** Any code point, with the characters the cleaning is about drawn often. */
const TAG_CHARACTER = fc.oneof(
  fc.constantFrom(' ', '\t', '\n', '\u00a0', ',', '\u0000', '\u0085', '\u0301', 'e', 'É', 'İ', 'ß'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

describe('normalizeTag', () => {
  it('trims, folds every whitespace run to one space, and composes to NFC', () => {
    expect(normalizeTag('  llm ')).toBe('llm');
    expect(normalizeTag('\tdeep \n\u00a0 learning\r\n')).toBe('deep learning');
    expect(normalizeTag('e\u0301cole')).toBe('\u00e9cole');
  });

  it.each([[''], ['   '], ['\n\t']])('refuses an empty tag %j', (raw) => {
    expect(() => normalizeTag(raw)).toThrow(TagError);
    expect(() => normalizeTag(raw)).toThrow(new TagError('A tag cannot be empty.'));
  });

  it('accepts 64 characters, counted after cleaning, and refuses more, saying how many', () => {
    expect(LIMITS.tag).toBe(64);
    const max = 'x'.repeat(64);
    expect(normalizeTag(`  ${max}  `)).toBe(max);
    expect(normalizeTag('a     '.repeat(20).trim())).toHaveLength(39);
    expect(() => normalizeTag('y'.repeat(80))).toThrow(new TagError('A tag is at most 64 characters (this one has 80).'));
  });

  it('refuses control characters and commas, with the reason', () => {
    expect(() => normalizeTag('a\u0000b')).toThrow(new TagError('A tag cannot contain control characters.'));
    expect(() => normalizeTag('bell\u0007')).toThrow(TagError);
    expect(() => normalizeTag('c1\u0085')).toThrow(TagError);
    expect(() => normalizeTag('ideas, later')).toThrow(new TagError('A tag cannot contain a comma: commas separate tags.'));
  });

  it('keeps what BibTeX and the other importers keep in a tag: semicolons, symbols, any script', () => {
    for (const tag of ['a; b', 'C++ & Rust', '50% done', '{draft', 'Ünïcode', '機械学習', '🔥 hot']) expect(normalizeTag(tag)).toBe(tag);
  });

  it('is a TagError named TagError, an Error', () => {
    const error = (() => {
      try {
        normalizeTag('');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('TagError');
  });

  it('gives a tag the record schema accepts, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: TAG_CHARACTER, maxLength: 80 }), (raw) => {
        let tag: string;
        try {
          tag = normalizeTag(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(TagError);
          return;
        }
        expect(TagSchema.parse(tag)).toBe(tag);
        expect(normalizeTag(tag)).toBe(tag);
        expect(tidyTag(raw)).toBe(tag);
      }),
    );
  });
});

describe('tagKey', () => {
  it('is case-insensitive and independent of how an accent was typed', () => {
    expect(tagKey('LLM')).toBe(tagKey('llm'));
    expect(tagKey('ÜNÏCODE')).toBe(tagKey('ünïcode'));
    expect(tagKey('E\u0301COLE')).toBe(tagKey('\u00e9cole'));
    expect(tagKey('llm')).not.toBe(tagKey('llms'));
  });

  it('folds "I" to "i" whatever the browser locale (no Turkish dotless ı)', () => {
    expect(tagKey('IMAGE')).toBe('image');
  });
});

describe('uniqueTags / normalizeTags', () => {
  it('de-duplicates case-insensitively, keeping the first spelling and order', () => {
    expect(uniqueTags(['LLM', 'Vision', 'llm', 'vision', 'RL', 'Llm'])).toEqual(['LLM', 'Vision', 'RL']);
    expect(normalizeTags(['LLM', 'Vision', 'llm', ' vision ', 'RL', 'Llm'])).toEqual(['LLM', 'Vision', 'RL']);
    expect(normalizeTags(['Ünïcode', 'ÜNÏCODE'])).toEqual(['Ünïcode']);
  });

  it('cleans every tag, and throws the TagError of the first bad one', () => {
    expect(normalizeTags(['  llm ', '\tvision\n'])).toEqual(['llm', 'vision']);
    expect(normalizeTags([])).toEqual([]);
    expect(() => normalizeTags(['ok', '   ', 'a,b'])).toThrow(new TagError('A tag cannot be empty.'));
  });

  it('has no cap of its own: 600 distinct tags pass (the record schema bounds a paper at 500)', () => {
    const many = Array.from({ length: 600 }, (_, index) => `t${index}`);
    expect(normalizeTags(many)).toHaveLength(600);
  });
});

describe('groupTagCounts', () => {
  it('sorts most used first, then alphabetically whatever the case', () => {
    expect(
      groupTagCounts([
        { tag: 'vision', count: 2 },
        { tag: 'Zebra', count: 5 },
        { tag: 'apple', count: 2 },
        { tag: 'Banana', count: 2 },
      ]),
    ).toEqual([
      { tag: 'Zebra', count: 5 },
      { tag: 'apple', count: 2 },
      { tag: 'Banana', count: 2 },
      { tag: 'vision', count: 2 },
    ]);
  });

  it('adds up spellings equal case-insensitively, named by the most common one', () => {
    expect(
      groupTagCounts([
        { tag: 'llm', count: 1 },
        { tag: 'LLM', count: 3 },
        { tag: 'Llm', count: 1 },
        { tag: 'rl', count: 4 },
      ]),
    ).toEqual([
      { tag: 'LLM', count: 5 },
      { tag: 'rl', count: 4 },
    ]);
  });

  it('counts repeated entries of one spelling (one per paper, as index keys come)', () => {
    expect(groupTagCounts(['a', 'b', 'a', 'A', 'a'].map((tag) => ({ tag, count: 1 })))).toEqual([
      { tag: 'a', count: 4 },
      { tag: 'b', count: 1 },
    ]);
  });

  it('breaks a tie between spellings the same way whatever the order they come in', () => {
    const rows = [
      { tag: 'bert', count: 2 },
      { tag: 'BERT', count: 2 },
    ];
    expect(groupTagCounts(rows)).toEqual([{ tag: 'BERT', count: 4 }]);
    expect(groupTagCounts([...rows].reverse())).toEqual([{ tag: 'BERT', count: 4 }]);
  });

  it('leaves out spellings with no papers, and gives nothing for nothing', () => {
    expect(groupTagCounts([{ tag: 'gone', count: 0 }])).toEqual([]);
    expect(groupTagCounts([])).toEqual([]);
  });
});
