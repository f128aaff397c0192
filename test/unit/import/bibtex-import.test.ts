import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_ARXIV_ID, arxivIdInText, parseBibtexLibrary, parseBibtexLibraryAsync } from '../../../lib/import/bibtex-import';
import type { IncomingPaper, ParsedImport } from '../../../lib/import/plan';

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
      vaswani2017attention: '1706.03762', // eprint + archivePrefix
      mueller2021gans: '2103.01234', // biblatex eprinttype, versioned eprint
      pdfonly: '2006.11239', // http PDF link with version and .pdf
      htmlonly: '2010.11929', // HTML link with version and fragment
      doionly: '2005.14165', // 10.48550/arXiv.<id>
      devlin2018bert: '1810.04805', // journal = {arXiv preprint arXiv:<id>}
      maldacena1999: 'hep-th/9711200', // old-style id in note
      Radford2021LearningTV: '2103.00020', // journal = ArXiv, volume = abs/<id>
      howpub: '2106.09685', // \url in howpublished
      vaswani2017v2: '1706.03762',
    });
  });

  it('rejects the entry without an arXiv id, with the reason', () => {
    expect(result.rejected).toEqual([{ entry: 'watson1953', reason: NO_ARXIV_ID }]);
    expect(NO_ARXIV_ID).toBe('no arXiv id in eprint, url, doi or journal');
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

  it('reads keywords separated by commas or semicolons as tags', () => {
    expect(byKey(result, 'vaswani2017attention').tags).toEqual(['attention', 'nlp', 'transformers']);
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
    expect(await parseBibtexLibraryAsync(FIXTURE)).toEqual(result);
  });
});

describe('parseBibtexLibrary refuses broken files whole', () => {
  it('a truncated file', () => {
    const truncated = FIXTURE.slice(0, FIXTURE.indexOf('% Only arXiv') - 40);
    expect(reasonOf(parseBibtexLibrary(truncated))).toMatch(/^the file is not valid BibTeX: .*line \d+/);
  });

  it('binary garbage', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 300 }, (_, index) => 1 + ((index * 97) % 250)));
    expect(reasonOf(parseBibtexLibrary(`@@{{${garbage}`))).toMatch(/^the file is not valid BibTeX/);
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
    expect(result.warnings).toEqual(['Unresolved @string reference "TPAMI"']);
  });

  it('ignores eprints of other archives', () => {
    const result = parsed('@article{h, title={T}, eprint={hal-01234567}, archivePrefix={HAL}}');
    expect(result.rejected).toEqual([{ entry: 'h', reason: NO_ARXIV_ID }]);
  });

  it('rejects an entry without a title', () => {
    const result = parsed('@misc{untitled, eprint={2101.00001}, archivePrefix={arXiv}}');
    expect(result.rejected).toEqual([{ entry: 'untitled', reason: 'no title' }]);
  });

  it('rejects an entry with a tag over the length limit', () => {
    const result = parsed(`@misc{t, title={T}, eprint={2101.00001}, keywords={ok, ${'k'.repeat(80)}}}`);
    expect(result.rejected[0]?.entry).toBe('t');
    expect(result.rejected[0]?.reason).toMatch(/longer than 64 characters/);
  });

  it('rejects an entry whose title is too long, naming the field', () => {
    const result = parsed(`@misc{long, title={${'word '.repeat(500)}}, eprint={2101.00001}}`);
    expect(result.rejected[0]?.reason).toMatch(/^title: /);
  });

  it('strips formatting markup from titles', () => {
    const result = parsed('@misc{m, title={\\textit{Deep} \\textbf{Nets} and \\textsc{Kernels}}, eprint={2101.00001}}');
    expect(result.papers[0]?.metadata.title).toBe('Deep Nets and Kernels');
  });

  it('accepts a parenthesised entry and a BOM', () => {
    const result = parsed('\uFEFF@misc(p, title = "Quoted {"}Title{"}", url = {https://arxiv.org/abs/2101.00001v4})');
    expect(result.papers[0]?.metadata).toEqual({ id: '2101.00001', title: 'Quoted "Title"', authors: [] });
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
