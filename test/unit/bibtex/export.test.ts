// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  entryToBibtex,
  exportBibtex,
  exportBibtexWithReport,
  type BibEntryInput,
  type ExportOptions,
} from '../../../lib/bibtex';
import type { PaperRecord } from '../../../lib/paper/model';
import { TRICKY_PAPERS } from '../../fixtures/bibtex/tricky-papers';

const GOLDEN_DIR = new URL('../../fixtures/bibtex/golden/', import.meta.url);

/**
 * Compares byte for byte with a golden file. `UPDATE_GOLDEN=1 npx vitest run …` rewrites the
 * files (never under CI); review every changed line before committing it.
 */
function expectGolden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(name, GOLDEN_DIR));
  if (process.env.UPDATE_GOLDEN && !process.env.CI) writeFileSync(path, actual);
  const expected = readFileSync(path);
  expect(actual).toBe(expected.toString('utf8'));
  expect(Buffer.from(actual, 'utf8').equals(expected)).toBe(true);
}

const byId = (id: string): BibEntryInput => {
  const paper = TRICKY_PAPERS.find((entry) => entry.id === id);
  if (!paper) throw new Error(`no fixture ${id}`);
  return paper;
};

const paper = (overrides: Partial<BibEntryInput> = {}): BibEntryInput => ({
  id: '2409.12345',
  title: 'A Paper',
  authors: ['Ada Lovelace'],
  publishedAt: '2024-09-18',
  primaryCategory: 'cs.LG',
  ...overrides,
});

describe('golden files', () => {
  it('tricky papers, UTF-8', () => {
    expectGolden('tricky-papers.utf8.bib', exportBibtex(TRICKY_PAPERS));
  });

  it('tricky papers, ASCII', () => {
    expectGolden('tricky-papers.ascii.bib', exportBibtex(TRICKY_PAPERS, { ascii: true }));
  });

  it('Google Scholar form (arxiv-journal)', () => {
    const entries = ['1706.03762', 'hep-th/9711200', '1512.03385', '2409.12345'].map(byId);
    expectGolden('arxiv-journal.bib', exportBibtex(entries, { journalStyle: 'arxiv-journal' }));
  });
});

describe('exportBibtex: file shape', () => {
  it('is empty for no entries', () => {
    expect(exportBibtex([])).toBe('');
  });

  it('separates entries by one blank line and ends with one newline', () => {
    const text = exportBibtex(TRICKY_PAPERS);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text.split('\n\n@')).toHaveLength(TRICKY_PAPERS.length);
    expect(text).not.toMatch(/\n{3}/);
    expect(text).not.toMatch(/[ \t]$/m);
  });

  it('is stable: same input, same bytes; the input is not changed', () => {
    const before = JSON.stringify(TRICKY_PAPERS);
    for (const options of [{}, { ascii: true }, { journalStyle: 'arxiv-journal' }] satisfies ExportOptions[]) {
      expect(exportBibtex(TRICKY_PAPERS, options)).toBe(exportBibtex(structuredClone(TRICKY_PAPERS) as BibEntryInput[], options));
    }
    expect(JSON.stringify(TRICKY_PAPERS)).toBe(before);
  });

  it('writes pure ASCII in ASCII mode', () => {
    expect(exportBibtex(TRICKY_PAPERS, { ascii: true })).toMatch(/^[\x20-\x7E\n]*$/);
    expect(exportBibtex(TRICKY_PAPERS, { ascii: true, journalStyle: 'arxiv-journal' })).toMatch(/^[\x20-\x7E\n]*$/);
  });

  it('keeps every field on one line with a two-space indent, in the fixed order', () => {
    const order = ['title', 'author', 'key', 'journal', 'booktitle', 'year', 'eprint', 'archivePrefix', 'primaryClass', 'doi', 'url', 'keywords', 'note'];
    for (const entry of exportBibtex(TRICKY_PAPERS).trim().split('\n\n')) {
      const lines = entry.split('\n');
      expect(lines[0]).toMatch(/^@(misc|article|inproceedings)\{[A-Za-z0-9_:.-]+,$/);
      expect(lines.at(-1)).toBe('}');
      const names = lines.slice(1, -1).map((line) => /^ {2}([A-Za-z]+) = \{.*\},?$/.exec(line)?.[1]);
      expect(names.every((name) => name !== undefined)).toBe(true);
      const positions = names.map((name) => order.indexOf(name!));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(lines.at(-2)!.endsWith(',')).toBe(false);
    }
  });

  it('takes a PaperRecord as it is', () => {
    const record: PaperRecord = {
      id: '1706.03762',
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani'],
      publishedAt: '2017-06-12',
      primaryCategory: 'cs.CL',
      sources: { arxiv: 'https://arxiv.org/abs/1706.03762' },
      tags: [],
      createdAt: 1,
      updatedAt: 1,
    };
    expect(exportBibtex([record])).toBe(
      [
        '@misc{vaswani2017attention,',
        '  title = {Attention Is All You Need},',
        '  author = {Vaswani, Ashish},',
        '  year = {2017},',
        '  eprint = {1706.03762},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.CL},',
        '  url = {https://arxiv.org/abs/1706.03762}',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('entry types', () => {
  it('a preprint is @misc with arXiv fields', () => {
    expect(entryToBibtex(paper())).toMatch(/^@misc\{lovelace2024paper,\n/);
  });

  it('a venue wins over a journal reference for the name; the reference still gives the year', () => {
    const text = entryToBibtex(paper({ venue: { kind: 'journal', name: 'Nature' }, journalRef: 'Nature 1, 2 (2020)' }));
    expect(text).toContain('@article{');
    expect(text).toContain('  journal = {Nature},\n  year = {2020},');
  });

  it('a conference venue is @inproceedings with booktitle', () => {
    const text = entryToBibtex(paper({ venue: { kind: 'conference', name: 'NeurIPS & Friends' } }));
    expect(text).toContain('@inproceedings{');
    expect(text).toContain('  booktitle = {NeurIPS \\& Friends},');
    expect(text).toContain('  eprint = {2409.12345},');
  });

  it('takes the year of a journal reference', () => {
    expect(entryToBibtex(paper({ journalRef: 'Phys. Rev. D 76, 044016 (2007)' }))).toContain('  journal = {Phys. Rev. D 76, 044016},\n  year = {2007},');
    expect(entryToBibtex(paper({ journalRef: 'Adv. Theor. Math. Phys. 2 (1998) 231-252' }))).toContain(
      '  journal = {Adv. Theor. Math. Phys. 2 (1998) 231-252},\n  year = {1998},',
    );
    expect(entryToBibtex(paper({ journalRef: 'JHEP 05 (2020) 1; erratum (2021)' }))).toContain('  year = {2024},');
  });

  it('a DOI alone keeps @misc', () => {
    const text = entryToBibtex(paper({ doi: '10.1000/xyz123' }));
    expect(text).toContain('@misc{');
    expect(text).toContain('  doi = {10.1000/xyz123},');
  });

  it('arxiv-journal writes the Google Scholar @article form, and leaves published papers alone', () => {
    expect(entryToBibtex(paper(), { journalStyle: 'arxiv-journal' })).toContain('@article{lovelace2024paper,\n  title = {A Paper},\n  author = {Lovelace, Ada},\n  journal = {arXiv preprint arXiv:2409.12345},');
    expect(entryToBibtex(paper({ venue: { kind: 'journal', name: 'Nature' } }), { journalStyle: 'arxiv-journal' })).toContain('  journal = {Nature},');
  });

  it('old-style ids give primaryClass and year', () => {
    const text = entryToBibtex(paper({ id: 'cond-mat/0011001', primaryCategory: undefined, publishedAt: undefined }));
    expect(text).toContain('  year = {2000},\n  eprint = {cond-mat/0011001},\n  archivePrefix = {arXiv},\n  primaryClass = {cond-mat},\n  url = {https://arxiv.org/abs/cond-mat/0011001}');
  });

  it('a new-style id without category has no primaryClass', () => {
    expect(entryToBibtex(paper({ primaryCategory: undefined }))).not.toContain('primaryClass');
  });
});

describe('fields', () => {
  it('normalises DOIs given as URLs and drops unsafe ones with a warning', () => {
    expect(entryToBibtex(paper({ doi: 'https://doi.org/10.1103/PhysRevD.76.044016' }))).toContain('  doi = {10.1103/PhysRevD.76.044016},');
    expect(entryToBibtex(paper({ doi: 'doi:10.1103/X' }))).toContain('  doi = {10.1103/X},');
    const report = exportBibtexWithReport([paper({ doi: '10.1000/a}b' })]);
    expect(report.text).not.toContain('doi');
    expect(report.warnings.map((warning) => warning.kind)).toEqual(['invalid-doi']);
  });

  it('writes a DOI only when every character is on its list: nothing TeX reads specially, no ^^ notation', () => {
    for (const doi of ['10.1007/978-3-319-10602-1_48', '10.1002/(SICI)1097-4636(199706)35:4<443::AID-JBM5>3.0.CO;2-C', '10.48550/arXiv.2409.12345', '10.1000/a+[b]']) {
      expect(entryToBibtex(paper({ doi }))).toContain(`  doi = {${doi}},`);
    }
    for (const doi of [
      '10.1234/x^^5cInputIfFileExists^^7b/some/file^^7d^^7b^^7d^^7b^^7d',
      '10.1234/x^2',
      '10.1234/a~b',
      '10.1234/a$b$',
      '10.1234/a&b',
      "10.1234/a'b",
      '10.1234/a"b',
      '10.1234/a@b',
      '10.1234/a`b',
      '10.1234/a|b',
      '10.1234/a=b',
      '10.1234/é',
      '10.1234/a\\b',
      '10.1234/a%b',
      '10.1234/a#b',
    ]) {
      const report = exportBibtexWithReport([paper({ doi })]);
      expect(report.text, doi).not.toContain('doi =');
      expect(report.warnings.map((warning) => warning.kind)).toEqual(['invalid-doi']);
    }
  });

  it('never writes the abstract, the note or the comments of a record', () => {
    const record = { ...paper(), abstract: 'ABSTRACT-TEXT', note: 'NOTE-TEXT', comments: 'COMMENTS-TEXT' };
    expect(entryToBibtex(record)).not.toMatch(/ABSTRACT-TEXT|NOTE-TEXT|COMMENTS-TEXT/);
  });

  it('keywords: escaped, de-duplicated, commas braced', () => {
    expect(entryToBibtex(paper({ tags: ['C++ & Rust', 'to_read', 'to_read', 'a, b', '\u202E'] }))).toContain(
      '  keywords = {C++ \\& Rust, to\\_read, {a, b}}',
    );
  });

  it('no author names: no author field, the title as sort key and a note', () => {
    const report = exportBibtexWithReport([paper({ authors: [], authorCount: 12, title: 'Scaling {MoE}' })]);
    expect(report.text).toContain('  title = {Scaling \\{{MoE}\\}},\n  key = {Scaling \\{MoE\\}},\n  year');
    expect(report.text).not.toContain('author =');
    expect(report.text).toContain('  note = {Author list incomplete}\n}');
    expect(report.warnings).toEqual([
      { id: '2409.12345', kind: 'authors-missing', message: '2409.12345: the page showed 12 authors but no names; the entry has no author field.' },
    ]);
    expect(exportBibtexWithReport([paper({ authors: undefined })]).warnings[0]?.message).toBe(
      '2409.12345: no author names are known; the entry has no author field.',
    );
  });

  it('fewer names than the count: "and others"', () => {
    const report = exportBibtexWithReport([paper({ authors: ['Ada Lovelace', 'Alan Turing'], authorCount: 5 })]);
    expect(report.text).toContain('  author = {Lovelace, Ada and Turing, Alan and others},');
    expect(report.warnings.map((warning) => warning.kind)).toEqual(['authors-incomplete']);
  });

  it('reports characters ASCII mode could not write', () => {
    const report = exportBibtexWithReport([paper({ title: '🤗 Nguyễn Ơn', authors: ['李飞飞'] })], { ascii: true });
    expect(report.text).toContain('  title = {Nguy{\\~{\\^e}}n On},');
    expect(report.text).toContain('  author = {{???}},');
    expect(report.warnings).toEqual([
      {
        id: '2409.12345',
        kind: 'characters',
        message:
          '2409.12345: some characters were written as "?" because ASCII has no form for them: 李 飞; written without an accent LaTeX cannot express: Ơ; left out (emoji and symbols LaTeX cannot print): 🤗.',
      },
    ]);
  });
});

describe('keys', () => {
  it('keeps stored keys and makes the missing ones', () => {
    const report = exportBibtexWithReport([paper(), paper({ id: '2409.00001', citationKey: 'mine:2024' })]);
    expect(report.keys).toEqual(['lovelace2024paper', 'mine:2024']);
    expect(report.text).toContain('@misc{mine:2024,');
  });

  it('stored keys are reserved before made ones, whatever the order', () => {
    const report = exportBibtexWithReport([paper(), paper({ id: '2409.00001', citationKey: 'lovelace2024paper' })]);
    expect(report.keys).toEqual(['lovelace2024papera', 'lovelace2024paper']);
    expect(report.warnings).toEqual([]);
  });

  it('compares keys case-insensitively, as BibTeX does', () => {
    const report = exportBibtexWithReport([paper({ id: '2409.00001', citationKey: 'Lovelace2024Paper' }), paper()]);
    expect(report.keys).toEqual(['Lovelace2024Paper', 'lovelace2024papera']);
  });

  it('a repeated stored key gets a suffix and a warning', () => {
    const report = exportBibtexWithReport([paper({ citationKey: 'same' }), paper({ id: '2409.00001', citationKey: 'same' })]);
    expect(report.keys).toEqual(['same', 'samea']);
    expect(report.warnings.map((warning) => warning.kind)).toEqual(['duplicate-key']);
  });

  it('an unusable stored key is replaced, with a warning', () => {
    const report = exportBibtexWithReport([paper({ citationKey: 'has space,comma' })]);
    expect(report.keys).toEqual(['lovelace2024paper']);
    expect(report.warnings.map((warning) => warning.kind)).toEqual(['invalid-key']);
    expect(entryToBibtex(paper({ citationKey: '{bad}' }))).toMatch(/^@misc\{lovelace2024paper,/);
  });

  it('collisions in the corpus: zhang2023learning, …a, …b', () => {
    const keys = exportBibtexWithReport(TRICKY_PAPERS).keys;
    expect(keys.filter((key) => key.startsWith('zhang2023'))).toEqual(['zhang2023learning', 'zhang2023learninga', 'zhang2023learningb']);
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
  });
});

describe('bad input', () => {
  it('skips entries with a non-canonical id, with a warning; entryToBibtex throws', () => {
    const report = exportBibtexWithReport([paper({ id: '2409.12345v2' }), paper({ id: 'x} @misc{evil' })]);
    expect(report.text).toBe('');
    expect(report.warnings.map((warning) => warning.kind)).toEqual(['invalid-id', 'invalid-id']);
    expect(() => entryToBibtex(paper({ id: 'nope' }))).toThrow(RangeError);
  });

  it('exports a paper listed twice once', () => {
    const report = exportBibtexWithReport([paper(), paper({ title: 'Other' })]);
    expect(report.keys).toEqual(['lovelace2024paper']);
    expect(report.warnings.map((warning) => warning.kind)).toEqual(['duplicate-paper']);
  });

  it('cannot be broken out of a field', () => {
    const text = entryToBibtex(
      paper({ title: '}, author = {Mallory} } @misc{x,', authors: ['}} @misc{y'], tags: ['}'], venue: { kind: 'journal', name: '} }' } }),
    );
    expect(text.match(/^@/gm)).toHaveLength(1);
    expect(text).not.toMatch(/^ {2}author = \{Mallory/m);
  });
});
