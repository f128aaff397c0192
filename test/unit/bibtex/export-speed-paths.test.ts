// @vitest-environment node
/**
 * The paths the exporter takes for speed (scripts/bench-export-real.ts) give what the plain ones
 * give: the file in parts joins to the text and makes the same bytes as a Blob; the journal
 * reference's year is found by a scan that answers what the pattern it replaces answers, in
 * linear time; an escaped text never keeps a run of spaces or a space at an edge, though the
 * tidy-up that removes them runs only after replacements that can leave them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLatex, exportBibtexInParts, exportBibtexWithReport, type BibEntryInput, type ExportOptions } from '../../../lib/bibtex';
import { splitJournalRef } from '../../../lib/bibtex/export';
import { TRICKY_PAPERS } from '../../fixtures/bibtex/tricky-papers';

const OPTIONS: ExportOptions[] = [{}, { ascii: true }, { journalStyle: 'arxiv-journal' }];

describe('the file in parts', () => {
  it('joins to the text, with the same keys and warnings, and is one part per entry', () => {
    for (const options of OPTIONS) {
      const whole = exportBibtexWithReport(TRICKY_PAPERS, options);
      const inParts = exportBibtexInParts(TRICKY_PAPERS, options);
      expect(inParts.parts.join('')).toBe(whole.text);
      expect(inParts.keys).toEqual(whole.keys);
      expect(inParts.warnings).toEqual(whole.warnings);
      expect(inParts.parts).toHaveLength(whole.keys.length);
      expect(inParts.parts.slice(1).every((part) => part.startsWith('\n@'))).toBe(true);
    }
    expect(exportBibtexInParts([]).parts).toEqual([]);
  });

  it('makes the same bytes as a Blob as the text does, astral characters included', async () => {
    const papers: BibEntryInput[] = [
      { id: '2401.00001', title: '𝔸 Note on 𝒪(n) 😀', authors: ['Ōe 李'] },
      { id: '2401.00002', title: 'Plain', authors: ['Ada Lovelace'] },
      ...TRICKY_PAPERS,
    ];
    const { parts } = exportBibtexInParts(papers);
    const fromParts = new Uint8Array(await new Blob(parts).arrayBuffer());
    const fromText = new Uint8Array(await new Blob([exportBibtexWithReport(papers).text]).arrayBuffer());
    expect(Buffer.from(fromParts).equals(Buffer.from(fromText))).toBe(true);
  });
});

/** What the journal reference's split was written as: a pattern, quadratic on long runs of commas and spaces. */
function splitByPattern(ref: string): { journal: string; year?: string } {
  if (ref === '') return { journal: ref };
  const years = [...ref.matchAll(/\(((?:18|19|20)\d\d)\)/g)].map((match) => match[1]);
  if (years.length !== 1) return { journal: ref };
  const trailing = /^(.*\S)[\s,]*\((?:18|19|20)\d\d\)\.?$/.exec(ref);
  return { journal: trailing ? trailing[1]!.replace(/,$/, '') : ref, year: years[0] };
}

describe('the journal reference', () => {
  it('is split as the pattern splits it', () => {
    const pieces = [' ', ',', '.', '(', ')', '(2007)', '(1899)', '(2101)', 'Phys. Rev. D', ' 76', ', 044016', 'x', ' , ', '\u00A0'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 10 }), (chosen) => {
        const ref = chosen.join('');
        expect(splitJournalRef(ref)).toEqual(splitByPattern(ref));
      }),
      { numRuns: 3_000 },
    );
    for (const ref of ['Phys. Rev. D 76, 044016 (2007)', 'X ,  (2001)', 'X,, (2001)', '(2001).', ', (2001)', 'Nature 1, 2 (2020).', 'A (1998) 231-252']) {
      expect(splitJournalRef(ref)).toEqual(splitByPattern(ref));
    }
  });

  it('is read in linear time: 200,000 characters of commas and spaces before its end', () => {
    const ref = `Journal (2007)${', '.repeat(100_000)}x`;
    const started = performance.now();
    const split = splitJournalRef(ref);
    expect(performance.now() - started).toBeLessThan(2_000); // the pattern takes minutes
    expect(split).toEqual({ journal: ref, year: '2007' });
    // The spaces before the year and one comma go; what is left before them stays.
    expect(splitJournalRef(`Journal${', '.repeat(100_000)}(2007)`)).toEqual({ journal: `Journal${', '.repeat(99_999)}`, year: '2007' });
  });
});

describe('escaped text', () => {
  it('never keeps a run of spaces or whitespace at an edge, whatever is dropped or replaced', () => {
    const pieces = [' ', '  ', 'a', 'Word', 'GPT-4', '😀', '🇫', '\uE000', 'ﷺ', '¨', '$x$', '$', '{', '}', 'é', '\u0301', 'α', '\u200B', '\t', ':'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), fc.boolean(), fc.boolean(), (chosen, ascii, title) => {
        const escaped = escapeLatex(chosen.join(''), { ascii, protectCase: title, math: title });
        expect(escaped).not.toMatch(/ {2}|^\s|\s$/);
      }),
      { numRuns: 3_000 },
    );
  });
});
