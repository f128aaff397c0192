import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, backupPapers, createBackup, parseBackup, parseBackupImport, serializeBackup } from '../../../lib/import/backup-schema';
import { planParsedImport } from '../../../lib/import/plan';
import type { PaperRecord } from '../../../lib/paper/model';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'fixtures', 'import');
const V1 = readFileSync(resolve(FIXTURES, 'backup-v1.json'), 'utf8');
const CORRUPT = readFileSync(resolve(FIXTURES, 'backup-corrupt.json'), 'utf8');
const NOW = Date.UTC(2026, 11, 5, 12);

function reasonOf(result: { ok: true } | { ok: false; reason: string }): string {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.reason;
}

function withFields(fields: Record<string, unknown>): string {
  return JSON.stringify({ ...JSON.parse(V1), ...fields });
}

describe('parseBackup', () => {
  it('reads a version 1 backup with settings and rules, its bare arXiv ids as paper ids', () => {
    const result = parseBackup(V1);
    if (!result.ok) throw new Error(result.reason);
    expect(result.backup.format).toBe(BACKUP_FORMAT);
    expect(result.backup.papers.map((paper) => paper.id)).toEqual(['arxiv:2409.12345', 'arxiv:hep-th/9901001', 'arxiv:2501.00001']);
    expect(result.backup.settings).toEqual({ theme: 'dark' });
    expect(result.backup.rules).toEqual([{ hideCategory: 'math.GT' }]);
  });

  it('writes version 2, under paper ids, and reads it back as written', () => {
    const parsed = parseBackup(V1);
    if (!parsed.ok) throw new Error(parsed.reason);
    const written = serializeBackup(createBackup(parsed.backup.papers, NOW));
    expect(JSON.parse(written)).toMatchObject({ version: 2, papers: [{ id: 'arxiv:2409.12345' }, { id: 'arxiv:hep-th/9901001' }, { id: 'arxiv:2501.00001' }] });
    const again = parseBackup(written);
    expect(again.ok && again.backup.papers).toEqual(parsed.backup.papers);
  });

  it('refuses a corrupted backup whole, naming the paper and the field', () => {
    expect(reasonOf(parseBackup(CORRUPT))).toBe('paper 2 (arXiv:hep-th/9901001) cannot be read: tag 2 is empty');
    expect(reasonOf(parseBackupImport(CORRUPT))).toBe('paper 2 (arXiv:hep-th/9901001) cannot be read: tag 2 is empty');
  });

  it('refuses text that is not JSON', () => {
    expect(reasonOf(parseBackup('{"format": "papershelf-backup", '))).toMatch(/^the file is not JSON /);
    expect(reasonOf(parseBackup('@misc{a, title={T}}'))).toMatch(/^the file is not JSON /);
  });

  it('refuses JSON in another format', () => {
    expect(reasonOf(parseBackup('[]'))).toBe('not a Papershelf backup: the file does not say it was written by Papershelf');
    expect(reasonOf(parseBackup('{"papers": []}'))).toBe('not a Papershelf backup: the file does not say it was written by Papershelf');
    expect(reasonOf(parseBackup(withFields({ format: 'zotero' })))).toBe('not a Papershelf backup: the file does not say it was written by Papershelf');
  });

  it('refuses a version it does not know, telling a newer backup from a broken one', () => {
    expect(reasonOf(parseBackup(withFields({ version: 3 })))).toBe(
      'unsupported backup version 3: this Papershelf reads version 2; update Papershelf to import it',
    );
    expect(reasonOf(parseBackup(withFields({ version: '1' })))).toBe("the backup does not say which version of Papershelf's backups it is; this Papershelf reads version 2");
    expect(reasonOf(parseBackup(withFields({ version: undefined })))).toBe("the backup does not say which version of Papershelf's backups it is; this Papershelf reads version 2");
  });

  it('refuses wrong fields, naming them as a reader does', () => {
    expect(reasonOf(parseBackup(withFields({ papers: {} })))).toBe('the backup holds no list of papers');
    expect(reasonOf(parseBackup(withFields({ exportedAt: 'yesterday' })))).toBe('the backup cannot be read: the export date is not one Papershelf can read');
    expect(reasonOf(parseBackup(withFields({ rules: 'none' })))).toBe('the backup cannot be read: the rule list is not a list');
    const badPaper = JSON.parse(V1);
    badPaper.papers[0].id = '2409.12345v2';
    expect(reasonOf(parseBackup(JSON.stringify(badPaper)))).toBe('paper 1 cannot be read: its arXiv id is not written as Papershelf stores ids (such as arxiv:2409.12345, without a version)');
    badPaper.papers[0] = { title: 'no id' };
    expect(reasonOf(parseBackup(JSON.stringify(badPaper)))).toMatch(/^paper 1 cannot be read: its arXiv id is missing; its author list is missing; /);
  });

  it('refuses two papers with the same id', () => {
    const twice = JSON.parse(V1);
    twice.papers.push(twice.papers[0]);
    expect(reasonOf(parseBackup(JSON.stringify(twice)))).toBe('paper 4 (arXiv:2409.12345) cannot be read: arXiv:2409.12345 appears twice');
  });

  it('refuses binary data and oversized files before parsing', () => {
    expect(reasonOf(parseBackup('\u0000\u0001garbage'))).toBe('the file holds binary data, not text');
    expect(reasonOf(parseBackup(`{"pad": "${' '.repeat(50 * 1024 * 1024)}"}`))).toBe('the file is 50 MB; the import limit is 20 MB');
  });
});

describe('createBackup', () => {
  const parsedV1 = parseBackup(V1);
  if (!parsedV1.ok) throw new Error(parsedV1.reason);
  const papers: PaperRecord[] = parsedV1.backup.papers;

  it('writes what parseBackup reads back, unchanged', () => {
    const backup = createBackup(papers, NOW, { settings: { theme: 'dark' }, rules: [] });
    expect(backup.exportedAt).toBe('2026-12-05T12:00:00.000Z');
    const again = parseBackup(serializeBackup(backup));
    expect(again).toEqual({ ok: true, backup });
  });

  it('copies the papers, so later edits do not leak into the backup', () => {
    const copy = structuredClone(papers);
    const backup = createBackup(copy, NOW);
    copy[0]?.tags.push('later');
    expect(backup.papers[0]?.tags).toEqual(['to-read', 'LLM']);
    expect('settings' in backup).toBe(false);
  });

  it('restores into an empty library exactly as it was backed up', () => {
    const plan = planParsedImport(new Map(), parseBackupImport(serializeBackup(createBackup(papers, NOW))), NOW);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.plan.records).toEqual(papers);
    expect(plan.plan.counts).toEqual({ new: 3, merged: 0, unchanged: 0, duplicate: 0, rejected: 0 });
  });

  it('turns records into import input that keeps state, sources and times', () => {
    const [first, hidden] = backupPapers(createBackup(papers, NOW));
    expect(first).toMatchObject({ saved: true, savedAt: 1764000000000, createdAt: 1763990000000, updatedAt: 1764000000500, tags: ['to-read', 'LLM'] });
    expect(first?.sources).toEqual({ huggingface: 'https://huggingface.co/papers/2409.12345', arxiv: 'https://arxiv.org/list/cs.CL/new' });
    expect(hidden).toMatchObject({ saved: false, hiddenAt: 1764100000000 });
    expect(hidden?.savedAt).toBeUndefined();
  });
});
