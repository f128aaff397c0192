// @vitest-environment node
/**
 * The exporter remembers author names, tags, venues and categories within one call, and resumes
 * key disambiguation where it stopped for each base. These tests check that none of that can be
 * seen in the output: not across calls, not across entries, not between options.
 */
import { describe, expect, it } from 'vitest';
import {
  disambiguateKey,
  entryToBibtex,
  exportBibtex,
  exportBibtexWithReport,
  type BibEntryInput,
  type ExportOptions,
} from '../../../lib/bibtex';
import { TRICKY_PAPERS } from '../../fixtures/bibtex/tricky-papers';

const OPTIONS: ExportOptions[] = [{}, { ascii: true }, { journalStyle: 'arxiv-journal' }, { ascii: true, journalStyle: 'arxiv-journal' }];

describe('export memo', () => {
  it('exporting the tricky corpus twice in one process gives the same text, keys and warnings', () => {
    for (const options of OPTIONS) {
      const first = exportBibtexWithReport(TRICKY_PAPERS, options);
      const second = exportBibtexWithReport(TRICKY_PAPERS, options);
      expect(second.text).toBe(first.text);
      expect(second.keys).toEqual(first.keys);
      expect(second.warnings).toEqual(first.warnings);
    }
  });

  it('nothing carries over between calls with different options', () => {
    const utf8 = exportBibtex(TRICKY_PAPERS);
    const ascii = exportBibtex(TRICKY_PAPERS, { ascii: true });
    // Interleaved, and in the other order: each call stands alone.
    expect(exportBibtex(TRICKY_PAPERS, { ascii: true })).toBe(ascii);
    expect(exportBibtex(TRICKY_PAPERS)).toBe(utf8);
    expect(ascii).not.toBe(utf8);
  });

  it('every entry of a file is what the entry alone gives (with the key the file gave it)', () => {
    const doubled = [...TRICKY_PAPERS, ...TRICKY_PAPERS.map((paper, index) => ({ ...paper, id: `2501.${String(10000 + index)}` }))];
    for (const options of OPTIONS) {
      const { text, keys } = exportBibtexWithReport(doubled, options);
      expect(keys).toHaveLength(doubled.length);
      const alone = doubled.map((paper, index) => entryToBibtex({ ...paper, citationKey: keys[index] }, options));
      expect(text).toBe(alone.join('\n'));
    }
  });

  it('characters a remembered name or tag could not write are reported for every entry that has it', () => {
    const shared = { authors: ['Nguyễn Văn Ơn', 'Zoë Müller'], tags: ['émoji 🚀'] };
    const papers: BibEntryInput[] = [
      { id: '2401.00001', title: 'First', publishedAt: '2024-01-02', ...shared },
      { id: '2401.00002', title: 'Second', publishedAt: '2024-01-02', ...shared },
    ];
    const { warnings } = exportBibtexWithReport(papers, { ascii: true });
    const characters = warnings.filter((warning) => warning.kind === 'characters');
    expect(characters.map((warning) => warning.id)).toEqual(['2401.00001', '2401.00002']);
    expect(characters[1]!.message).toBe(characters[0]!.message.replace('2401.00001', '2401.00002'));
    expect(characters[0]!.message).toBe(exportBibtexWithReport([papers[0]!], { ascii: true }).warnings.find((w) => w.kind === 'characters')!.message);
  });

  it('many papers with one base key get the keys disambiguateKey gives, around stored keys', () => {
    const papers: BibEntryInput[] = Array.from({ length: 60 }, (_, index) => ({
      id: `2401.${String(10000 + index)}`,
      title: 'Attention is all',
      authors: ['Ada Lovelace'],
      publishedAt: '2024-01-02',
      // Stored keys that take some of the suffixes, one in upper case (keys compare case-insensitively).
      ...(index === 10 ? { citationKey: 'lovelace2024attentionc' } : {}),
      ...(index === 40 ? { citationKey: 'Lovelace2024AttentionAB' } : {}),
    }));
    const { keys } = exportBibtexWithReport(papers);
    const taken = new Set(['lovelace2024attentionc', 'lovelace2024attentionab']);
    const expected = papers.map((paper) => {
      if (paper.citationKey) return paper.citationKey;
      const key = disambiguateKey('lovelace2024attention', (candidate) => taken.has(candidate.toLowerCase()));
      taken.add(key.toLowerCase());
      return key;
    });
    expect(keys).toEqual(expected);
    expect(keys.slice(0, 4)).toEqual(['lovelace2024attention', 'lovelace2024attentiona', 'lovelace2024attentionb', 'lovelace2024attentiond']);
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
  });
});
