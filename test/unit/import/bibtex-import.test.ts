import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBibtex, type BibEntryInput } from '../../../lib/bibtex';
import { noArxivIdReason, arxivIdInText, parseBibtexLibrary } from '../../../lib/import/bibtex-import';
import { planParsedImport, type IncomingPaper, type ParsedImport } from '../../../lib/import/plan';

const FIXTURE = readFileSync(resolve(import.meta.dirname, '..', '..', 'fixtures', 'import', 'library.bib'), 'utf8');

function parsed(text: string): Extract<ParsedImport, { ok: true }> {
  const result = parseBibtexLibrary(text);
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result;
}

function byKey(result: Extract<ParsedImport, { ok: true }>, key: string): IncomingPaper {
  const paper = result.papers.find((candidate) => candidate.entry === key);
  if (!paper) throw new Error(`no paper for ${key}`);
  return paper;
}

function reasonOf(result: ParsedImport): string {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.reason;
}

describe('parseBibtexLibrary on the fixture library', () => {
  const result = parsed(FIXTURE);

  it('finds the arXiv id in every form exporters write it', () => {
    const ids = Object.fromEntries(result.papers.map((paper) => [paper.entry, paper.metadata.id]));
    expect(ids).toEqual({
      vaswani2017attention: 'arxiv:1706.03762', // eprint + archivePrefix
      mueller2021gans: 'arxiv:2103.01234', // biblatex eprinttype, versioned eprint
      pdfonly: 'arxiv:2006.11239', // http PDF link with version and .pdf
      htmlonly: 'arxiv:2010.11929', // HTML link with version and fragment
      doionly: 'arxiv:2005.14165', // 10.48550/arXiv.<id>
      devlin2018bert: 'arxiv:1810.04805', // journal = {arXiv preprint arXiv:<id>}
      maldacena1999: 'arxiv:hep-th/9711200', // old-style id in note
      Radford2021LearningTV: 'arxiv:2103.00020', // journal = ArXiv, volume = abs/<id>
      howpub: 'arxiv:2106.09685', // \url in howpublished
      vaswani2017v2: 'arxiv:1706.03762',
    });
  });

  it('rejects the entry without an arXiv id, with the reason', () => {
    expect(result.rejected).toEqual([{ entry: 'watson1953', line: 110, reason: noArxivIdReason() }]);
  });

  it('turns LaTeX into Unicode, drops case-protection braces and keeps organisations whole', () => {
    const paper = byKey(result, 'mueller2021gans');
    expect(paper.metadata.title).toBe('GANs for Schrödinger Bridges: Étude of Šedivý Transport');
    expect(paper.metadata.authors).toEqual(['Jörg Müller', 'Jan van der Berg', 'Google DeepMind', 'Pál Erdős', 'John Smith Jr.']);
    expect(byKey(result, 'devlin2018bert').metadata.title).toBe('BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding');
  });

  it('flips `Last, First` and drops `and others`', () => {
    expect(byKey(result, 'pdfonly').metadata.authors).toEqual(['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel']);
    expect(byKey(result, 'htmlonly').metadata.authors).toEqual(['Alexey Dosovitskiy']);
    expect(byKey(result, 'vaswani2017attention').metadata.authors).toContain('Łukasz Kaiser');
  });

  it('sets publishedAt only for a full date, and keeps the year otherwise', () => {
    expect(byKey(result, 'mueller2021gans').metadata.publishedAt).toBe('2021-03-04');
    expect(byKey(result, 'howpub').metadata.publishedAt).toBe('2021-06-17');
    const yearOnly = byKey(result, 'devlin2018bert'); // year + month, no day
    expect(yearOnly.metadata.publishedAt).toBeUndefined();
    expect(yearOnly.year).toBe(2018);
    expect(byKey(result, 'pdfonly').year).toBe(2020); // a bare number
  });

  it('reads keywords separated by commas or semicolons as tags, in the file’s order', () => {
    expect(byKey(result, 'vaswani2017attention').tags).toEqual(['transformers', 'attention', 'nlp']);
    expect(byKey(result, 'mueller2021gans').tags).toEqual(['generative models', 'optimal transport']);
  });

  it('keeps the citation key, the primary class and the annotation', () => {
    const paper = byKey(result, 'vaswani2017attention');
    expect(paper.citationKey).toBe('vaswani2017attention');
    expect(paper.metadata.primaryCategory).toBe('cs.CL');
    expect(byKey(result, 'mueller2021gans').metadata.primaryCategory).toBe('stat.ML'); // biblatex eprintclass
    expect(byKey(result, 'mueller2021gans').note).toBe('Read section 3 again.');
  });

  it('imports every paper as saved, with no time and no sources of its own', () => {
    for (const paper of result.papers) {
      expect(paper.saved).toBe(true);
      expect(paper.savedAt).toBeUndefined();
      expect(paper.sources).toBeUndefined();
    }
  });

  it('reads the same with the async parser', async () => {
    expect(parseBibtexLibrary(FIXTURE)).toEqual(result);
  });
});

describe('parseBibtexLibrary refuses files that are not BibTeX whole', () => {
  it('a truncated file: the entries before the cut import, the cut one is listed', () => {
    const truncated = FIXTURE.slice(0, FIXTURE.indexOf('% Only arXiv') - 40);
    const result = parsed(truncated);
    expect(result.papers.map((paper) => paper.entry)).toEqual(['vaswani2017attention', 'mueller2021gans', 'pdfonly']);
    expect(result.rejected).toEqual([{ entry: 'htmlonly', line: 44, reason: "the “{” of “url” on line 47 is never closed (the file ends first)" }]);
  });

  it('binary garbage', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 300 }, (_, index) => 1 + ((index * 97) % 250)));
    const result = parsed(`@@{{${garbage}`);
    expect(result.papers).toEqual([]);
    expect(result.rejected.map((entry) => entry.reason)).toEqual([expect.stringMatching(/^an “@” that starts no entry/), 'binary data between entries, skipped']);
    expect(reasonOf(parseBibtexLibrary('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR'))).toBe('the file holds binary data, not text');
  });

  it('a 50 MB string, before parsing it', () => {
    const huge = `@misc{a, title={${'x'.repeat(50 * 1024 * 1024)}}}`;
    const started = performance.now();
    expect(reasonOf(parseBibtexLibrary(huge))).toBe('the file is 50 MB; the import limit is 20 MB');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('text in the wrong encoding', () => {
    const latin1 = '@article{m, title={M\uFFFDller und G\uFFFDdel \uFFFDber Sch\uFFFDnheit}, eprint={2101.00001}}';
    expect(reasonOf(parseBibtexLibrary(latin1))).toMatch(/^the file is not UTF-8/);
  });

  it('a file with no entries', () => {
    expect(reasonOf(parseBibtexLibrary('Just some notes, no BibTeX here.'))).toBe('no BibTeX entries found in the file');
    expect(reasonOf(parseBibtexLibrary(''))).toBe('no BibTeX entries found in the file');
  });
});

describe('parseBibtexLibrary, entry by entry', () => {
  it('keeps going past repairable problems and reports them as warnings', () => {
    const result = parsed('@article{a, title={T \\foo{bar}}, journal = TPAMI, eprint={2101.00001}, archivePrefix={arXiv}}');
    expect(result.papers[0]?.metadata.title).toBe('T bar');
    expect(result.warnings).toEqual(['the @string “TPAMI” is not defined in the file: a on line 1 has its name as text instead']);
  });

  it('ignores eprints of other archives', () => {
    const result = parsed('@article{h, title={T}, eprint={hal-01234567}, archivePrefix={HAL}}');
    expect(result.rejected).toEqual([{ entry: 'h', line: 1, reason: noArxivIdReason() }]);
  });

  it('rejects an entry without a title', () => {
    const result = parsed('@misc{untitled, eprint={2101.00001}, archivePrefix={arXiv}}');
    expect(result.rejected).toEqual([{ entry: 'untitled', line: 1, reason: 'no title' }]);
  });

  it('rejects an entry with a tag over the length limit', () => {
    const result = parsed(`@misc{t, title={T}, eprint={2101.00001}, keywords={ok, ${'k'.repeat(80)}}}`);
    expect(result.rejected[0]?.entry).toBe('t');
    expect(result.rejected[0]?.reason).toMatch(/longer than 64 characters/);
  });

  it('rejects an entry whose title is too long, naming the field', () => {
    const result = parsed(`@misc{long, title={${'word '.repeat(500)}}, eprint={2101.00001}}`);
    expect(result.rejected[0]?.reason).toBe('its title is longer than 2,000 characters');
  });

  it('strips formatting markup from titles', () => {
    const result = parsed('@misc{m, title={\\textit{Deep} \\textbf{Nets} and \\textsc{Kernels}}, eprint={2101.00001}}');
    expect(result.papers[0]?.metadata.title).toBe('Deep Nets and Kernels');
  });

  it('accepts a parenthesised entry and a BOM', () => {
    const result = parsed('\uFEFF@misc(p, title = "Quoted {"}Title{"}", url = {https://arxiv.org/abs/2101.00001v4})');
    expect(result.papers[0]?.metadata).toEqual({ id: 'arxiv:2101.00001', title: 'Quoted "Title"', authors: [] });
  });
});

describe('arxivIdInText', () => {
  it.each([
    ['arXiv preprint arXiv:1706.03762', '1706.03762'],
    ['arXiv:1706.03762v5 [cs.CL]', '1706.03762'],
    ['ArXiv: math.GT/0309136', 'math/0309136'],
    ['see https://arxiv.org/pdf/2101.00001v2.pdf.', '2101.00001'],
    ['Nature 171, 737', null],
    ['arXiv preprint', null],
  ])('%s → %s', (text, id) => {
    expect(arxivIdInText(text)).toBe(id);
  });
});

/** The one paper of a one-entry file. */
function only(bib: string): IncomingPaper {
  const result = parsed(bib);
  expect(result.rejected).toEqual([]);
  const paper = result.papers[0];
  if (!paper || result.papers.length !== 1) throw new Error(`expected one paper, got ${result.papers.length}`);
  return paper;
}

/** An arXiv entry of the exporter's shape with the fields given. */
function misc(fields: string, type = 'misc', eprint = '2405.00001'): string {
  return `@${type}{k,\n  title = {T},\n${fields}\n  eprint = {${eprint}},\n  archivePrefix = {arXiv}\n}\n`;
}

describe('keywords come back as the tags they were', () => {
  it('keeps the file’s order', () => {
    expect(only(misc('  keywords = {transformers, to-read},')).tags).toEqual(['transformers', 'to-read']);
  });

  it('renders escaped specials, and a braced keyword with a semicolon is one tag', () => {
    const paper = only(misc('  keywords = {C++ \\& Rust, to\\_read, 50\\% done, {ideas; later}},'));
    expect(paper.tags).toEqual(['C++ & Rust', 'to_read', '50% done', 'ideas; later']);
  });

  it('splits a braced keyword with a comma into the tags it would be when typed: tags hold no commas', () => {
    const paper = only(misc('  keywords = {C++ \\& Rust, {ideas, later}, {later,  soon}},'));
    expect(paper.tags).toEqual(['C++ & Rust', 'ideas', 'later', 'soon']);
  });

  it('renders accents and the exporter’s commands for braces and symbols (ASCII files)', () => {
    const paper = only(misc("  keywords = {{\\'e}cole, Sch{\\\"o}n, {\\textbraceleft}draft, a\\{b\\}c, x {\\textasciitilde} y},"));
    expect(paper.tags).toEqual(['école', 'Schön', '{draft', 'a{b}c', 'x ~ y']);
  });

  it('splits at semicolons and at commas outside braces only, and skips empty keywords', () => {
    expect(only(misc('  keywords = {a; {b; c}, , d ;},')).tags).toEqual(['a', 'b; c', 'd']);
  });

  it('reads keywords split over quotes and repeated keywords fields', () => {
    expect(only(misc('  keywords = "one, {two; three}",\n  keywords = {four},')).tags).toEqual(['one', 'two; three', 'four']);
  });

  it('reads the same with the async parser', async () => {
    const bib = misc('  keywords = {C++ \\& Rust, {ideas, later}, {\\\'e}cole},');
    expect(parseBibtexLibrary(bib)).toEqual(parseBibtexLibrary(bib));
  });
});

describe('titles keep their TeX math as the library stores it', () => {
  const titleOf = (title: string): string => only(`@misc{k, title = {${title}}, eprint = {2405.00001}}`).metadata.title;

  it('keeps math the exporter kept (braced at the top level) verbatim', () => {
    expect(titleOf('{$\\alpha$}-Heat: Fast \\{{GPU}\\} Kernels for {$\\mathcal{O}(n \\log n)$} Attention with {$\\Gamma$}-Priors')).toBe(
      '$\\alpha$-Heat: Fast {GPU} Kernels for $\\mathcal{O}(n \\log n)$ Attention with $\\Gamma$-Priors',
    );
  });

  it('reads symbols the exporter wrote for Unicode characters back as the characters', () => {
    expect(titleOf('{$\\beta$}-{VAE} Meets {$\\leq$} 2{$\\times$} on {$\\infty$}-Width Nets')).toBe('β-VAE Meets ≤ 2× on ∞-Width Nets');
    // Inside a case-protection group, or before a digit, a symbol is never math the exporter kept.
    expect(titleOf('{{$\\Gamma$}}-Priors with {$\\mathcal{O}(1)$} Cost')).toBe('Γ-Priors with $\\mathcal{O}(1)$ Cost');
    expect(titleOf('{$\\alpha$}2 Kernels for {$\\mathcal{O}(1)$} Cost')).toBe('α2 Kernels for $\\mathcal{O}(1)$ Cost');
  });

  it('keeps math from other tools where it stands, and escaped dollars are not math', () => {
    expect(titleOf('The $\\mathcal{O}(n)$ Bound for {Deep $k$-Means}')).toBe('The $\\mathcal{O}(n)$ Bound for Deep $k$-Means');
    expect(titleOf('Costs \\$5 and \\$10 per {R\\&D} Run')).toBe('Costs $5 and $10 per R&D Run');
    expect(titleOf('{{$x^2$} Whole Title}')).toBe('$x^2$ Whole Title');
  });

  it('falls back to the parser’s rendering when the title uses an @string', () => {
    const paper = only('@string{q = "Q"}\n@misc{k, title = q # { $\\alpha$}, eprint = {2405.00001}}');
    expect(paper.metadata.title).toBe('Q α');
  });

  it('reads the same with the async parser', async () => {
    const bib = '@misc{k, title = {{$\\alpha$}-Heat for {$\\mathcal{O}(n)$}}, eprint = {2405.00001}}';
    expect(parseBibtexLibrary(bib)).toEqual(parseBibtexLibrary(bib));
  });
});

describe('publication data comes back as the exporter wrote it', () => {
  it('@article with a journal reference and a DOI', () => {
    const paper = only(
      misc('  journal = {Adv. Theor. Math. Phys. 2 (1998) 231-252},\n  year = {1998},\n  doi = {10.1023/A:1026654312961},', 'article', 'hep-th/9711200'),
    );
    expect(paper.metadata).toMatchObject({ journalRef: 'Adv. Theor. Math. Phys. 2 (1998) 231-252', doi: '10.1023/A:1026654312961' });
    expect(paper.metadata.venue).toBeUndefined();
  });

  it('a journal reference whose year the exporter moved to `year` gets it back, unless it is the preprint’s year', () => {
    const moved = only(misc('  journal = {Phys. Rev. D 76, 044016},\n  year = {2008},', 'article', '0705.0001'));
    expect(moved.metadata.journalRef).toBe('Phys. Rev. D 76, 044016 (2008)');
    // 2007 is also what the exporter writes without a year in the reference: nothing is added.
    const same = only(misc('  journal = {Phys. Rev. D 76, 044016},\n  year = {2007},', 'article', '0705.0001'));
    expect(same.metadata.journalRef).toBe('Phys. Rev. D 76, 044016');
  });

  it('@inproceedings: the booktitle is a conference venue', () => {
    const name = 'Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (CVPR)';
    const paper = only(misc(`  booktitle = {${name}},\n  year = {2015},`, 'inproceedings', '1512.03385'));
    expect(paper.metadata.venue).toEqual({ kind: 'conference', name });
    expect(paper.metadata.journalRef).toBeUndefined();
    // Published the year after the preprint: the year is kept in a journal reference.
    const later = only(misc(`  booktitle = {CVPR},\n  year = {2016},`, 'inproceedings', '1512.03385'));
    expect(later.metadata).toMatchObject({ venue: { kind: 'conference', name: 'CVPR' }, journalRef: 'CVPR (2016)' });
  });

  it('a journal that is only a name is a journal venue; the preprint itself is neither', () => {
    expect(only(misc('  journal = {Nature},\n  year = {2024},', 'article')).metadata.venue).toEqual({ kind: 'journal', name: 'Nature' });
    for (const journal of ['arXiv preprint arXiv:2405.00001', 'CoRR', 'ArXiv', 'arXiv e-prints']) {
      const paper = only(misc(`  journal = {${journal}},\n  year = {2024},`, 'article'));
      expect(paper.metadata.venue).toBeUndefined();
      expect(paper.metadata.journalRef).toBeUndefined();
    }
  });

  it('DOIs: a doi.org link or escaped underscores are read as the DOI; one that is not a DOI is left out', () => {
    expect(only(misc('  doi = {https://doi.org/10.1103/PhysRevD.76.044016},')).metadata.doi).toBe('10.1103/PhysRevD.76.044016');
    expect(only(misc('  doi = {10.1000/a\\_b},')).metadata.doi).toBe('10.1000/a_b');
    expect(only(misc('  doi = {not a doi},')).metadata.doi).toBeUndefined();
  });

  it('a year that is neither the preprint’s nor a journal’s stays in the preview only (the model has no year)', () => {
    const paper = only(misc('  year = {2025},'));
    expect(paper.year).toBe(2025);
    expect(paper.metadata.publishedAt).toBeUndefined();
  });
});

describe('authors come back as the names the exporter was given', () => {
  it('particles, suffixes, organisations and accents on dotless letters', () => {
    const paper = only(
      misc(
        "  author = {van Beethoven, Ludwig and King, Jr., Martin Luther and de la Fuente, Juan Carlos and De Freitas, Nando and {OpenAI Team} and {Bill \\& Melinda Gates Foundation} and P{\\'e}rez, Mar{\\'\\i}a Jos{\\'e} and {\\L}ukasz, Kaiser},",
      ),
    );
    expect(paper.metadata.authors).toEqual([
      'Ludwig van Beethoven',
      'Martin Luther King Jr.',
      'Juan Carlos de la Fuente',
      'Nando De Freitas',
      'OpenAI Team',
      'Bill & Melinda Gates Foundation',
      'María José Pérez',
      'Kaiser Łukasz',
    ]);
  });
});

describe('TeX ligatures are read as the exporter wrote them', () => {
  const titleOf = (bib: string): string => only(bib).metadata.title;

  it('a UTF-8 file keeps a typed `--` and reads its TeX quotes as the `"` they were written for', () => {
    // The UTF-8 exporter leaves – and “ as they are, so `--` and ``…'' here were typed that way.
    expect(titleOf("@misc{k, title = {Zürich -- Say ``Hi''}, eprint = {2405.00001}}")).toBe('Zürich -- Say "Hi"');
  });

  it('an ASCII file reads them as – and “…” where only that exports the same', () => {
    // {\\'e} cannot come from the UTF-8 exporter, so the file is ASCII, where – is written `--`.
    expect(titleOf("@misc{k, title = {Caf{\\'e} -- ``Bar''}, eprint = {2405.00001}}")).toBe('Café – “Bar”');
  });

  it('a pure-ASCII file that either mode could have written keeps `--` (it exports the same in both)', () => {
    expect(titleOf('@misc{k, title = {Foo -- Bar}, eprint = {2405.00001}}')).toBe('Foo -- Bar');
  });

  it('journals, booktitles and keywords too', () => {
    const paper = only(misc('  journal = {Acta 231--252},\n  year = {2011},\n  keywords = {a--b, x\\_y--z},', 'article', '0705.0001'));
    expect(paper.metadata.journalRef).toBe('Acta 231--252 (2011)');
    expect(paper.tags).toEqual(['a--b', 'x_y--z']);
    expect(only(misc('  booktitle = {Proc. A--B},\n  year = {2007},', 'inproceedings', '0705.0001')).metadata.venue).toEqual({ kind: 'conference', name: 'Proc. A--B' });
  });
});

describe('export → import → export gives the same text', () => {
  /** Exports `papers`, imports the file into an empty library, and exports the records again. */
  function again(papers: readonly BibEntryInput[], ascii: boolean): { first: string; second: string } {
    const first = exportBibtex(papers, { ascii });
    const planned = planParsedImport(new Map(), parseBibtexLibrary(first), 1_700_000_000_000);
    if (!planned.ok) throw new Error(planned.reason);
    const keys = new Map(planned.plan.entries.map((entry) => [entry.id, entry.citationKey]));
    return { first, second: exportBibtex(planned.plan.records.map((record) => ({ ...record, citationKey: keys.get(record.id) })), { ascii }) };
  }

  const TITLES = [
    'Foo -- Bar',
    'Foo – Bar — Baz',
    'Say "Hi" to “Them”',
    '$\\alpha$-Nets -- and β2 with $x$',
    'Costs $5 for α',
    'Γ-Priors and $\\Gamma$-Priors',
    'Plain ASCII: A--B ``quoted\'\'',
  ];
  const NAMES = [
    'Ludwig van Beethoven',
    'Martin Luther King Jr.',
    'William Gates III',
    'Juan Carlos de la Fuente',
    'Nando De Freitas',
    'Ludwig Von Mises',
    'Quoc V. Le',
    'Thi Van Nguyen',
    'Gemini Team Google',
    'Bill & Melinda Gates Foundation',
    'The ATLAS Collaboration',
    'OpenAI',
    'Mistral AI',
    'Pierre and Jean',
    'María José Pérez',
    'Łukasz Kaiser',
    'Hans-Peter von der Heide',
  ];

  for (const ascii of [false, true]) {
    const mode = ascii ? 'ASCII' : 'UTF-8';

    it(`titles with math, dashes and quotes (${mode}, each alone and all in one file)`, () => {
      const papers = TITLES.map((title, index) => ({ id: `arxiv:2405.${10_000 + index}`, title, authors: ['Ada Lovelace'] }));
      for (const paper of papers) {
        const alone = again([paper], ascii);
        expect(alone.second, paper.title).toBe(alone.first);
      }
      const { first, second } = again(papers, ascii);
      expect(second).toBe(first);
    });

    it(`author names, stored as the exporter was given them (${mode})`, () => {
      const papers = NAMES.map((name, index) => ({ id: `arxiv:2405.${10_000 + index}`, title: 'T', authors: [name] }));
      const { first, second } = again(papers, ascii);
      expect(second).toBe(first);
      const parsed = parseBibtexLibrary(first);
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(parsed.papers.map((paper) => paper.metadata.authors?.[0])).toEqual(NAMES);
    });
  }
});

describe('a reference manager’s bookkeeping keywords', () => {
  it('stay out of the tags and come back apart, for the preview to offer', () => {
    const zotero = readFileSync(resolve(import.meta.dirname, '..', '..', 'fixtures', 'import', 'shapes', 'zotero.bib'), 'utf8');
    const result = parsed(zotero);
    const index = result.papers.findIndex((paper) => paper.entry === 'chen_simple_2020');
    expect(result.papers[index]?.tags).toEqual(['contrastive']);
    expect(result.managerTags?.[index]).toEqual(['/unread', 'Computer Science - Machine Learning', 'Statistics - Machine Learning']);
    const lee = result.papers.findIndex((paper) => paper.entry === 'lee_deep_2018');
    expect(result.papers[lee]?.tags).toEqual(['gaussian processes']);
    expect(result.managerTags?.[lee]).toEqual(['#nosource', '⛔ No DOI found']);
  });
});
