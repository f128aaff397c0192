import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noArxivIdPaperMemory, parsePaperMemoryExport } from '../../../lib/import/papermemory-import';
import type { IncomingPaper, ParsedImport } from '../../../lib/import/plan';

const FIXTURE = readFileSync(resolve(import.meta.dirname, '..', '..', 'fixtures', 'import', 'papermemory-export.json'), 'utf8');

function parsed(text: string): Extract<ParsedImport, { ok: true }> {
  const result = parsePaperMemoryExport(text);
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result;
}

function byEntry(result: Extract<ParsedImport, { ok: true }>, entry: string): IncomingPaper {
  const paper = result.papers.find((candidate) => candidate.entry === entry);
  if (!paper) throw new Error(`no paper for ${entry}`);
  return paper;
}

function reasonOf(result: ParsedImport): string {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.reason;
}

describe('parsePaperMemoryExport on an export with five sources', () => {
  const result = parsed(FIXTURE);

  it('finds the arXiv id in the key, the pdfLink or the bibtex, and skips __dataVersion', () => {
    expect(result.papers.map((paper) => [paper.entry, paper.metadata.id])).toEqual([
      ['Arxiv-2106.04560', 'arxiv:2106.04560'],
      ['Arxiv-hep-th_9711200', 'arxiv:hep-th/9711200'], // PaperMemory writes `_` for the old-style `/`
      ['NeurIPS-2020_4c5bcfec', 'arxiv:2006.11239'], // eprint in its bibtex
      ['OR-ICLR.cc-2021_YicbFdNTTy', 'arxiv:2010.11929'], // arXiv url in its bibtex
    ]);
  });

  it('rejects the paper that names no arXiv id, with the reason', () => {
    expect(result.rejected).toEqual([{ entry: 'PMLR-2021-radford21a', reason: noArxivIdPaperMemory() }]);
    expect(noArxivIdPaperMemory()).toBe('no arXiv id in its id, pdfLink or bibtex');
  });

  it('reads title, `and`-separated authors, year, note and citation key', () => {
    const paper = byEntry(result, 'Arxiv-2106.04560');
    expect(paper.metadata).toEqual({
      id: 'arxiv:2106.04560',
      title: 'Scaling Vision Transformers',
      authors: ['Xiaohua Zhai', 'Alexander Kolesnikov', 'Neil Houlsby', 'Lucas Beyer'],
    });
    expect(paper.year).toBe(2021);
    expect(paper.note).toBe('ViT scaling laws.\nSee table 2.');
    expect(paper.citationKey).toBe('zhai2021scaling');
    expect(byEntry(result, 'Arxiv-hep-th_9711200').note).toBeUndefined(); // an empty note is no note
  });

  it('saves every paper at its addDate, favourite or not', () => {
    for (const paper of result.papers) expect(paper.saved).toBe(true);
    expect(byEntry(result, 'Arxiv-2106.04560').savedAt).toBe(Date.parse('2021-06-10T08:15:30.000Z'));
    expect(byEntry(result, 'Arxiv-2106.04560').createdAt).toBe(Date.parse('2021-06-10T08:15:30.000Z'));
    expect(byEntry(result, 'NeurIPS-2020_4c5bcfec').savedAt).toBe(Date.parse('2021-01-15T18:30:00.000Z'));
  });

  it('keeps every tag, beyond PaperMemory’s five, trimmed', () => {
    expect(byEntry(result, 'OR-ICLR.cc-2021_YicbFdNTTy').tags).toEqual(['vision', 'vit', 'classic', 'iclr', 'transformers', 'must-read', '2021']);
    expect(byEntry(result, 'Arxiv-2106.04560').tags).toEqual(['vision', 'scaling', 'transformers']);
  });
});

describe('parsePaperMemoryExport, item by item', () => {
  const item = (fields: Record<string, unknown>) =>
    JSON.stringify({ __dataVersion: 10000, 'Arxiv-2101.00001': { id: 'Arxiv-2101.00001', title: 'T', author: 'A B', pdfLink: 'https://arxiv.org/pdf/2101.00001.pdf', ...fields } });

  it('without an addDate, leaves the save time to the plan', () => {
    const paper = parsed(item({})).papers[0];
    expect(paper?.saved).toBe(true);
    expect(paper?.savedAt).toBeUndefined();
  });

  it('reads an anonymous OpenReview author as no author', () => {
    expect(parsed(item({ author: 'Anonymous' })).papers[0]?.metadata.authors).toEqual([]);
  });

  it('finds the id in a pdfLink when the key is not an arXiv one', () => {
    const text = JSON.stringify({ 'CVPR-2022_x': { id: 'CVPR-2022_x', title: 'T', author: 'A', pdfLink: 'https://arxiv.org/pdf/2112.10752v2.pdf' } });
    expect(parsed(text).papers[0]?.metadata.id).toBe('arxiv:2112.10752');
  });

  it('rejects an item with wrong fields, with the reason, and keeps the others', () => {
    const text = JSON.stringify({
      'Arxiv-2101.00001': { id: 'Arxiv-2101.00001', title: 'Good', author: 'A', pdfLink: 'https://arxiv.org/pdf/2101.00001.pdf' },
      'Arxiv-2101.00002': { id: 'Arxiv-2101.00002', title: 42, author: 'A', pdfLink: '' },
      'Arxiv-2101.00003': 'not an object',
      'Arxiv-2101.00004': { id: 'Arxiv-2101.00004', title: 'T', author: 'A', pdfLink: '', tags: ['x'.repeat(100)] },
    });
    const result = parsed(text);
    expect(result.papers.map((paper) => paper.metadata.id)).toEqual(['arxiv:2101.00001']);
    expect(result.rejected).toEqual([
      { entry: 'Arxiv-2101.00002', reason: 'no title' },
      { entry: 'Arxiv-2101.00003', reason: 'not a paper object' },
      { entry: 'Arxiv-2101.00004', reason: `tag "${'x'.repeat(40)}…" is longer than 64 characters` },
    ]);
  });

  // Papershelf's tags hold no commas (a comma separates tags); a file is mended, not refused.
  it('splits a tag holding commas, drops control characters and folds whitespace and repeats', () => {
    const text = JSON.stringify({
      'Arxiv-2101.00001': {
        id: 'Arxiv-2101.00001',
        title: 'Good',
        author: 'A',
        pdfLink: '',
        tags: ['ideas, later', 'a\u0000b', ' , ', 'deep \t  learning', 'Later', 7, 'ok\u0007'],
      },
    });
    const result = parsed(text);
    expect(result.rejected).toEqual([]);
    expect(result.papers[0]?.tags).toEqual(['ideas', 'later', 'a b', 'deep learning', 'ok']);
  });
});

describe('parsePaperMemoryExport refuses files that are not exports', () => {
  it('not JSON', () => {
    expect(reasonOf(parsePaperMemoryExport('{"Arxiv-1": {'))).toMatch(/^the file is not JSON /);
    expect(reasonOf(parsePaperMemoryExport(FIXTURE.slice(0, 500)))).toMatch(/^the file is not JSON /);
  });

  it('JSON of another shape', () => {
    expect(reasonOf(parsePaperMemoryExport('[1, 2, 3]'))).toBe('not a PaperMemory export: the file does not hold a list of papers');
    expect(reasonOf(parsePaperMemoryExport('{"__dataVersion": 10000}'))).toBe('not a PaperMemory export: none of its entries has an id, a title, authors and a PDF link');
    expect(reasonOf(parsePaperMemoryExport('{"a": {"name": "x", "url": "y"}}'))).toBe('not a PaperMemory export: none of its entries has an id, a title, authors and a PDF link');
  });

  it('a Papershelf backup given to the wrong importer', () => {
    const backup = readFileSync(resolve(import.meta.dirname, '..', '..', 'fixtures', 'import', 'backup-v1.json'), 'utf8');
    expect(reasonOf(parsePaperMemoryExport(backup))).toMatch(/^not a PaperMemory export/);
  });

  it('binary data, the wrong encoding and a 50 MB string', () => {
    expect(reasonOf(parsePaperMemoryExport('PK\u0003\u0004\u0000\u0000'))).toBe('the file holds binary data, not text');
    expect(reasonOf(parsePaperMemoryExport('{"a": "\uFFFD\uFFFD\uFFFD"}'))).toMatch(/^the file is not UTF-8/);
    expect(reasonOf(parsePaperMemoryExport(`{"a": "${'x'.repeat(50 * 1024 * 1024)}"}`))).toBe('the file is 50 MB; the import limit is 20 MB');
  });
});
