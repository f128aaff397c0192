// @vitest-environment node
/** The count line of the popup and the library page in each phase of loading (components/count-line.ts). */
import { describe, expect, it } from 'vitest';
import { countLine, type CountFacts } from '../../../components/count-line';
import { DEFAULT_QUERY } from '../../../lib/search';

const facts = (extra: Partial<CountFacts>): CountFacts => ({
  phase: 'complete',
  query: DEFAULT_QUERY,
  shown: 0,
  done: true,
  searchable: true,
  total: undefined,
  loaded: 0,
  all: undefined,
  ...extra,
});

describe('the popup count line', () => {
  it('says the library is opening, and nothing after an error (the error says it)', () => {
    expect(countLine(facts({ phase: 'opening', searchable: false }))).toBe('Opening your library…');
    expect(countLine(facts({ phase: 'error', searchable: false }))).toBe('');
  });

  it('counts matches of the view once everything is read, with "+" while the search runs', () => {
    expect(countLine(facts({ shown: 12, total: 3456 }))).toBe('12 of 3,456 saved papers');
    expect(countLine(facts({ shown: 40, done: false, total: 3456 }))).toBe('40+ of 3,456 saved papers, searching…');
    expect(countLine(facts({ query: { ...DEFAULT_QUERY, show: 'hidden' }, shown: 2, total: 9 }))).toBe('2 of 9 hidden papers');
    expect(countLine(facts({ query: { ...DEFAULT_QUERY, show: 'all' }, shown: 2, total: undefined }))).toBe('2 of … papers');
  });

  it('while reading: the newest rows shown, and how far the read got', () => {
    expect(countLine(facts({ phase: 'first', searchable: false, shown: 13, total: 50_000, loaded: 2_000 }))).toBe(
      'Newest of 50,000 saved papers. Reading the library: 2,000 of 50,000 papers…',
    );
    expect(countLine(facts({ phase: 'saved', searchable: false, query: { ...DEFAULT_QUERY, show: 'all' }, shown: 0, loaded: 60_000, all: 100_000 }))).toBe(
      'Reading the library: 60,000 of 100,000 papers…',
    );
  });

  it('a search typed before the saved papers are all read says it looked at the newest so far', () => {
    expect(countLine(facts({ phase: 'first', searchable: false, shown: 3, done: false, total: 50_000, partialRead: 8_000 }))).toBe(
      '3+ found in the newest 8,000 of 50,000 saved papers, reading the rest…',
    );
    expect(countLine(facts({ phase: 'first', searchable: false, shown: 3, done: true, total: undefined, partialRead: 8_000 }))).toBe(
      '3 found in the newest 8,000 of … saved papers, reading the rest…',
    );
  });
});
