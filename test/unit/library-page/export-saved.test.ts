// @vitest-environment node
/**
 * The library page's export worker: it reads the saved papers from the library itself (plain
 * IndexedDB, in chunks) and must give the bytes the page's own export of its saved list gives
 * (lib/ui/export-bibtex.ts: the saved papers, most recently saved first, through the exporter).
 * Checked on fake-indexeddb, with papers saved at the same instant across chunk boundaries.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { exportBibtexInParts } from '../../../lib/bibtex';
import { PapershelfDatabase } from '../../../lib/db/database';
import { PaperRepository } from '../../../lib/db/repository';
import type { ExportProgress, ExportWorkerMessage } from '../../../lib/library-page/export-protocol';
import { exportEntryOf, isExportEntry } from '../../../lib/library-page/export-entry';
import { ExportOfGiven, exportSavedPapers } from '../../../lib/library-page/export-saved';
import { readSavedPapers } from '../../../lib/library-page/saved-papers-read';
import type { PaperInput, PaperRecord } from '../../../lib/paper/model';
import { sortedPapers } from '../../../lib/search';

const SURNAMES = ['Müller', 'Vaswani', 'Østergaard', 'Dirac', 'Noether'];

function paper(index: number): PaperInput {
  const id = `arxiv:2405.${String(index).padStart(5, '0')}`;
  // Shared first authors, years and first title words: the made keys collide, so file order shows in their suffixes.
  return {
    id,
    title: `Attention on $\\mathcal{O}(n)$ graphs, part ${index}`,
    authors: [`Ann ${SURNAMES[index % SURNAMES.length]}`, 'Bo Li'],
    publishedAt: `2024-0${1 + (index % 9)}-15`,
    site: 'arxiv',
    url: `https://arxiv.org/abs/${id.slice('arxiv:'.length)}`,
  };
}

/**
 * 90 papers written through the repository: every fourth hidden, the others saved five at a time
 * at the same instant (as an import saves them), some tagged.
 */
async function library(factory: IDBFactory, name: string): Promise<PaperRecord[]> {
  const db = new PapershelfDatabase(name, { indexedDB: factory, IDBKeyRange });
  let instant = 1_700_000_000_000;
  const repo = new PaperRepository(db, () => instant);
  for (let index = 0; index < 90; index++) {
    if (index % 5 === 0) instant += 1000;
    if (index % 4 === 0) await repo.hide(paper(index));
    else await repo.save(paper(index));
    if (index % 3 === 0 && index % 4 !== 0) await repo.setTags(paper(index), ['graphs']);
  }
  const records = await db.papers.toArray();
  db.close();
  return records;
}

/** What the page's own export gives: its saved list (LibraryApp's useSavedPapers) through the exporter. */
function pageExport(records: readonly PaperRecord[], tag?: string): string {
  const saved = sortedPapers(records, 'saved', 'desc', 'saved').filter((record) => record.savedAt !== undefined && (tag === undefined || record.tags.includes(tag)));
  return exportBibtexInParts(saved, { journalStyle: 'eprint', ascii: false }).parts.join('');
}

async function runExport(factory: IDBFactory, name: string, tag?: string): Promise<ExportWorkerMessage[]> {
  const messages: ExportWorkerMessage[] = [];
  await exportSavedPapers({ type: 'export', ...(tag && { tag }), options: { journalStyle: 'eprint', ascii: false } }, (message) => messages.push(message), { factory, keyRange: IDBKeyRange, name });
  return messages;
}

describe('exportSavedPapers (the export worker)', () => {
  it('gives the same bytes as the page exporting its saved list, every saved paper or one tag', async () => {
    const factory = new IDBFactory();
    const records = await library(factory, 'same-bytes');
    for (const tag of [undefined, 'graphs']) {
      const messages = await runExport(factory, 'same-bytes', tag);
      const done = messages.at(-1);
      if (done?.type !== 'done') throw new Error(`the export did not end with its file: ${JSON.stringify(done)}`);
      const expected = pageExport(records, tag);
      expect(await done.file.text()).toBe(expected);
      expect(done.papers).toBe(records.filter((record) => record.savedAt !== undefined && (tag === undefined || record.tags.includes(tag))).length);
      expect(done.file.type).toBe('application/x-bibtex;charset=utf-8');
    }
  });

  it('tells its progress: reading up to every saved paper, then writing', async () => {
    const factory = new IDBFactory();
    const records = await library(factory, 'progress');
    const saved = records.filter((record) => record.savedAt !== undefined).length;
    const messages = await runExport(factory, 'progress');
    const progress = messages.filter((message): message is ExportProgress => message.type === 'progress');
    const reading = progress.filter((message) => message.step === 'reading');
    expect(reading.at(-1)).toEqual({ type: 'progress', step: 'reading', done: saved, total: saved });
    const writing = progress.filter((message) => message.step === 'writing');
    expect(writing[0]).toEqual({ type: 'progress', step: 'writing', done: 0, total: saved });
    // Reading comes first, and nothing counts backwards.
    expect(progress.indexOf(writing[0]!)).toBe(reading.length);
    for (const steps of [reading, writing]) for (let index = 1; index < steps.length; index++) expect(steps[index]!.done).toBeGreaterThanOrEqual(steps[index - 1]!.done);
  });

  it('gives the same bytes from the papers the page hands over in chunks (what the exporter reads of them, abstracts left out)', async () => {
    const factory = new IDBFactory();
    const records = await library(factory, 'given');
    const withAbstracts = records.map((record) => ({ ...record, abstract: `An abstract of ${record.title}`, comments: '12 pages' }));
    const pageList = sortedPapers(withAbstracts, 'saved', 'desc', 'saved').filter((record) => record.savedAt !== undefined);
    const given = pageList.map(exportEntryOf);
    expect(given.every(isExportEntry)).toBe(true);
    expect(given.some((entry) => 'abstract' in entry || 'comments' in entry || 'savedAt' in entry)).toBe(false);
    const messages: ExportWorkerMessage[] = [];
    const exporting = new ExportOfGiven(given.length, { journalStyle: 'eprint', ascii: false }, (message) => messages.push(message));
    for (let start = 0; start < given.length; start += 7) {
      expect(messages.some((message) => message.type === 'done')).toBe(false);
      expect(exporting.add(given.slice(start, start + 7))).toBe(true);
    }
    const done = messages.at(-1);
    if (done?.type !== 'done') throw new Error(`the export did not end with its file: ${JSON.stringify(done)}`);
    expect(await done.file.text()).toBe(pageExport(withAbstracts));
    expect(done.papers).toBe(given.length);
    // Written as the chunks arrived: progress after each.
    const writing = messages.filter((message) => message.type === 'progress');
    expect(writing).toHaveLength(Math.ceil(given.length / 7));
    expect(writing.at(-1)).toEqual({ type: 'progress', step: 'writing', done: given.length, total: given.length });
  });

  it('refuses a chunk with something that is not an entry, or more papers than announced; hands over an empty file at once for none', async () => {
    const entry = { id: 'arxiv:2405.00001', title: 'A title', authors: ['Ann Li'], tags: [] };
    const messages: ExportWorkerMessage[] = [];
    const exporting = new ExportOfGiven(2, { journalStyle: 'eprint', ascii: false }, (message) => messages.push(message));
    expect(exporting.add([entry, { ...entry, title: 7 }])).toBe(false);
    expect(exporting.add([entry, entry, entry])).toBe(false);
    expect(messages).toEqual([]);
    const none: ExportWorkerMessage[] = [];
    new ExportOfGiven(0, { journalStyle: 'eprint', ascii: false }, (message) => none.push(message));
    expect(none).toMatchObject([{ type: 'done', papers: 0, warnings: 0 }]);
  });

  it('takes only entries of the exporter\'s shape from the page', () => {
    const entry = { id: 'arxiv:2405.00001', title: 'A title', authors: ['Ann Li'], tags: [] };
    expect(isExportEntry(entry)).toBe(true);
    expect(isExportEntry({ ...entry, venue: { kind: 'conference', name: 'NeurIPS' }, authorCount: 3, doi: '10.1/x' })).toBe(true);
    for (const bad of [null, 'arxiv:2405.00001', { ...entry, id: 7 }, { ...entry, authors: 'Ann Li' }, { ...entry, tags: [1] }, { ...entry, authorCount: -1 }, { ...entry, venue: { kind: 'blog', name: 'x' } }, { ...entry, doi: {} }]) {
      expect(isExportEntry(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('says so when there is no library to read', async () => {
    const messages = await runExport(new IDBFactory(), 'never-created');
    expect(messages).toEqual([{ type: 'failed', reason: 'unreadable' }]);
  });
});

describe('readSavedPapers', () => {
  it('reads every saved paper once, in chunks that end inside a group saved at one instant', async () => {
    const factory = new IDBFactory();
    const records = await library(factory, 'chunks');
    const saved = records.filter((record) => record.savedAt !== undefined);
    const db = new PapershelfDatabase('chunks', { indexedDB: factory, IDBKeyRange });
    await db.open();
    const steps: Array<[number, number]> = [];
    // 7 a request: chunks end in the middle of the groups of five saved at one instant.
    const read = await readSavedPapers(db.backendDB(), IDBKeyRange, (done, total) => steps.push([done, total]), 7);
    db.close();
    expect(read.map((record) => record.id).sort()).toEqual(saved.map((record) => record.id).sort());
    expect(steps.length).toBeGreaterThan(5);
    expect(steps.at(-1)).toEqual([saved.length, saved.length]);
  });
});
