import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noArxivIdReason, parseBibtexLibrary } from '../../../lib/import/bibtex-import';
import { parsePaperMemoryExport } from '../../../lib/import/papermemory-import';
import { planImport, planParsedImport, type ImportPlan, type IncomingPaper, type PlanResult } from '../../../lib/import/plan';
import { PaperRecordSchema, type PaperRecord } from '../../../lib/paper/model';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'fixtures', 'import');
const BIB = readFileSync(resolve(FIXTURES, 'library.bib'), 'utf8');
const PAPERMEMORY = readFileSync(resolve(FIXTURES, 'papermemory-export.json'), 'utf8');
const NOW = 1_800_000_000_000;
const ID = 'arxiv:1706.03762';

function stored(overrides: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: ID,
    title: 'Attention is all you need',
    authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez', 'Łukasz Kaiser', 'Illia Polosukhin', 'Someone Else'],
    abstract: 'The dominant sequence transduction models…',
    upvotes: 99,
    sources: { huggingface: `https://huggingface.co/papers/${ID}` },
    tags: ['NLP', 'mine'],
    savedAt: 1_000,
    hiddenAt: 2_000,
    createdAt: 500,
    updatedAt: 2_000,
    ...overrides,
  };
}

function incoming(overrides: Partial<IncomingPaper> = {}): IncomingPaper {
  return { entry: 'key', metadata: { id: ID, title: 'Attention Is All You Need', authors: ['A. Vaswani'] }, tags: [], saved: true, ...overrides };
}

function ok(result: PlanResult): ImportPlan {
  if (!result.ok) throw new Error(`expected a plan, got: ${result.reason}`);
  return result.plan;
}

function library(...records: PaperRecord[]): Map<string, PaperRecord> {
  return new Map(records.map((record) => [record.id, record]));
}

describe('planImport merges with the library without losing anything', () => {
  it('keeps tags, saved, hidden, createdAt and sources; unions tags; follows mergePaper for the rest', () => {
    const plan = ok(planImport(library(stored()), [incoming({ tags: ['nlp', 'classic'], savedAt: 9_999, createdAt: 9_999 })], NOW));
    expect(plan.records).toEqual([
      {
        ...stored(),
        title: 'Attention Is All You Need', // mergePaper: the title follows the newer source
        tags: ['NLP', 'mine', 'classic'], // stored spellings first, case-insensitive union
        savedAt: 1_000,
        hiddenAt: 2_000,
        createdAt: 500,
        updatedAt: NOW,
      },
    ]);
    expect(plan.counts).toEqual({ new: 0, merged: 1, unchanged: 0, duplicate: 0, rejected: 0 });
  });

  it('saves a paper the library only had hidden, at the file’s save time or now', () => {
    const hiddenOnly = stored({ savedAt: undefined });
    delete hiddenOnly.savedAt;
    expect(ok(planImport(library(hiddenOnly), [incoming({ savedAt: 5_000 })], NOW)).records[0]?.savedAt).toBe(5_000);
    expect(ok(planImport(library(hiddenOnly), [incoming()], NOW)).records[0]?.savedAt).toBe(NOW);
  });

  it('never unsaves or unhides: a backup of a hidden-only paper leaves a saved one saved', () => {
    const record = ok(planImport(library(stored()), [incoming({ saved: false, hiddenAt: 7_000 })], NOW)).records[0];
    expect(record?.savedAt).toBe(1_000);
    expect(record?.hiddenAt).toBe(2_000);
  });

  it('creates new records saved, with no invented sources', () => {
    const plan = ok(planImport(new Map(), [incoming({ tags: ['x'], year: 2017, citationKey: 'vaswani2017', note: 'n' })], NOW));
    expect(plan.records).toEqual([
      { id: ID, title: 'Attention Is All You Need', authors: ['A. Vaswani'], sources: {}, tags: ['x'], savedAt: NOW, createdAt: NOW, updatedAt: NOW },
    ]);
    expect(plan.entries).toEqual([{ entry: 'key', id: ID, status: 'new', year: 2017, citationKey: 'vaswani2017', note: 'n' }]);
  });

  it('leaves out records the import would not change, and counts them', () => {
    const same = stored({ title: 'Attention Is All You Need' });
    const plan = ok(planImport(library(same), [incoming({ tags: ['nlp'] })], NOW));
    expect(plan.records).toEqual([]);
    expect(plan.counts).toEqual({ new: 0, merged: 0, unchanged: 1, duplicate: 0, rejected: 0 });
    expect(plan.entries[0]?.status).toBe('unchanged');
  });

  it('folds two entries for one paper into one record', () => {
    const plan = ok(
      planImport(new Map(), [incoming({ entry: 'v5', tags: ['a'] }), incoming({ entry: 'v2', tags: ['b'], metadata: { id: ID, title: 'Attention', authors: [] } })], NOW),
    );
    expect(plan.records).toHaveLength(1);
    expect(plan.records[0]?.tags).toEqual(['a', 'b']);
    expect(plan.entries.map((entry) => entry.status)).toEqual(['new', 'duplicate']);
    expect(plan.counts).toMatchObject({ new: 1, duplicate: 1 });
  });

  it('rejects one entry whose tags would pass the limit, and keeps the rest', () => {
    const full = stored({ tags: Array.from({ length: 500 }, (_, index) => `t${index}`) });
    const other = incoming({ entry: 'other', metadata: { id: 'arxiv:2101.00001', title: 'Other', authors: [] } });
    const plan = ok(planImport(library(full), [incoming({ tags: ['one-more'] }), other], NOW));
    expect(plan.rejected).toEqual([{ entry: 'key', reason: 'it would have 501 tags; a paper has at most 500' }]);
    expect(plan.records.map((record) => record.id)).toEqual(['arxiv:2101.00001']);
    expect(plan.counts).toMatchObject({ new: 1, rejected: 1 });
  });

  it('fails whole when a final record would be invalid, returning nothing to write', () => {
    const broken = stored({ sources: { arxiv: 'http://arxiv.org/abs/1706.03762' } }); // stored before https was required
    const result = planImport(library(broken), [incoming(), incoming({ entry: 'fine', metadata: { id: 'arxiv:2101.00001', title: 'Fine', authors: [] } })], NOW);
    expect(result).toEqual({ ok: false, reason: 'arXiv:1706.03762 cannot be stored: its link to a page it was seen on is not a web address starting with https://' });
  });

  it('changes neither the map nor the stored records it was given', () => {
    const record = stored();
    const before = structuredClone(record);
    const existing = library(record);
    ok(planImport(existing, [incoming({ tags: ['new-tag'] })], NOW));
    expect(record).toEqual(before);
    expect([...existing.keys()]).toEqual([ID]);
  });

  // Fields the library gained after v1 (a note, a citation key) travel in `fields` from backups.
  const HAS_NOTE = 'note' in PaperRecordSchema.shape;
  it.skipIf(!HAS_NOTE)('fills a stored field the library lacks from a backup, and never replaces one it has', () => {
    const fields = { note: 'from the backup' };
    const fresh = ok(planImport(new Map(), [incoming({ fields })], NOW)).records[0] as Record<string, unknown> | undefined;
    expect(fresh?.['note']).toBe('from the backup');
    const kept = ok(planImport(library({ ...stored(), note: 'mine' } as PaperRecord), [incoming({ fields })], NOW)).records[0] as Record<string, unknown> | undefined;
    expect(kept?.['note']).toBe('mine');
  });

  it('drops backup fields the schema does not know', () => {
    const record = ok(planImport(new Map(), [incoming({ fields: { fromTheFuture: 1 } })], NOW)).records[0];
    expect(record && 'fromTheFuture' in record).toBe(false);
  });

  it('passes a failed file through: nothing to write', () => {
    expect(planParsedImport(new Map(), { ok: false, reason: 'the file is not JSON' }, NOW)).toEqual({ ok: false, reason: 'the file is not JSON' });
  });
});

describe('planParsedImport on the fixture files', () => {
  it('previews the .bib library against a library that has one of its papers', () => {
    const plan = ok(planParsedImport(library(stored()), parseBibtexLibrary(BIB), NOW));
    expect(plan.counts).toEqual({ new: 8, merged: 1, unchanged: 0, duplicate: 1, rejected: 1 });
    expect(plan.rejected).toEqual([{ entry: 'watson1953', line: 110, reason: noArxivIdReason() }]);
    const attention = plan.records.find((record) => record.id === ID);
    expect(attention?.tags).toEqual(['NLP', 'mine', 'transformers', 'attention', 'classic']); // the file's order
    expect(attention?.hiddenAt).toBe(2_000);
    expect(attention?.primaryCategory).toBe('cs.CL');
    for (const record of plan.records) expect(PaperRecordSchema.safeParse(record).success).toBe(true);
  });

  it('previews the PaperMemory export with save times from addDate', () => {
    const plan = ok(planParsedImport(new Map(), parsePaperMemoryExport(PAPERMEMORY), NOW));
    expect(plan.counts).toEqual({ new: 4, merged: 0, unchanged: 0, duplicate: 0, rejected: 1 });
    const vit = plan.records.find((record) => record.id === 'arxiv:2106.04560');
    expect(vit).toMatchObject({ savedAt: Date.parse('2021-06-10T08:15:30.000Z'), createdAt: Date.parse('2021-06-10T08:15:30.000Z'), updatedAt: NOW });
    expect(plan.entries.find((entry) => entry.id === 'arxiv:2106.04560')).toMatchObject({ note: 'ViT scaling laws.\nSee table 2.', citationKey: 'zhai2021scaling', year: 2021 });
  });

  it('stores the DOI, journal reference and venue a .bib file gives', () => {
    const bib = [
      '@article{m, title = {M}, journal = {Adv. Theor. Math. Phys. 2 (1998) 231-252}, year = {1998}, doi = {10.1023/A:1026654312961}, eprint = {hep-th/9711200}}',
      '@inproceedings{h, title = {H}, booktitle = {CVPR}, year = {2015}, eprint = {1512.03385}}',
    ].join('\n');
    const records = ok(planParsedImport(new Map(), parseBibtexLibrary(bib), NOW)).records;
    expect(records.find((record) => record.id === 'arxiv:hep-th/9711200')).toMatchObject({ journalRef: 'Adv. Theor. Math. Phys. 2 (1998) 231-252', doi: '10.1023/A:1026654312961' });
    expect(records.find((record) => record.id === 'arxiv:1512.03385')?.venue).toEqual({ kind: 'conference', name: 'CVPR' });
  });

  it('importing the same file twice changes nothing the second time', () => {
    const first = ok(planParsedImport(new Map(), parseBibtexLibrary(BIB), NOW));
    const second = ok(planParsedImport(library(...first.records), parseBibtexLibrary(BIB), NOW + 1_000));
    expect(second.records).toEqual([]);
    expect(second.counts).toEqual({ new: 0, merged: 0, unchanged: 9, duplicate: 1, rejected: 1 });
  });
});
