import { t } from '../i18n/t';
import { z } from 'zod';
import { PaperRecordSchema, type PaperRecord } from '../paper/model';
import { checkImportText, withoutBom } from './guard';
import { issuesInWords } from '../text/problem-words';
import { canonicalArxivId } from '../paper/arxiv-id';
import { PaperMetadataSchema, type IncomingPaper, type PaperMetadata, type ParsedImport } from './plan';

/** The fields `mergePaper` folds; every other stored field travels in `IncomingPaper.fields`. */
const METADATA_KEYS: ReadonlySet<string> = new Set(Object.keys(PaperMetadataSchema.shape));

export const BACKUP_FORMAT = 'papershelf-backup';

/**
 * Backup format versions. APPEND-ONLY like the database schema: a version that shipped stays
 * readable. v1 (2026-12): the papers as stored by database schema v1, with optional settings and
 * rules for when those exist.
 */
export const BACKUP_VERSION = 1;

export const BackupV1Schema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  papers: z.array(PaperRecordSchema),
  settings: z.record(z.string(), z.unknown()).optional(),
  rules: z.array(z.unknown()).optional(),
});
export type Backup = z.infer<typeof BackupV1Schema>;

export type BackupParseResult = { ok: true; backup: Backup } | { ok: false; reason: string };

/** A backup of `papers` taken at `now` (ms). The papers are copied, not shared. */
export function createBackup(
  papers: readonly PaperRecord[],
  now: number,
  extra: { settings?: Record<string, unknown>; rules?: unknown[] } = {},
): Backup {
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    papers: papers.map((paper) => structuredClone(paper)),
  };
  if (extra.settings) backup.settings = structuredClone(extra.settings);
  if (extra.rules) backup.rules = structuredClone(extra.rules);
  return backup;
}

/** The file a user downloads: readable JSON, one paper per few lines. */
export function serializeBackup(backup: Backup): string {
  return `${JSON.stringify(backup, null, 2)}\n`;
}

/**
 * Reads a backup file. A backup is Papershelf's own format, so it is all or nothing down to the
 * paper: one invalid paper, or two with the same id, means the file was damaged and none is used.
 * Reasons name the first problem: not JSON, not a backup, a version from a newer Papershelf, or
 * `paper 3 (2106.04560) invalid: tags.0: a tag cannot be empty`.
 */
export function parseBackup(text: string): BackupParseResult {
  const checked = checkImportText(text);
  if (!checked.ok) return checked;
  let data: unknown;
  try {
    data = JSON.parse(withoutBom(text));
  } catch (error) {
    // JSON.parse's own text ("Unexpected token … at position 5") is for developers.
    return { ok: false, reason: t('backupNotJson') };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, reason: t('backupNotABackup') };

  const head = data as Record<string, unknown>;
  if (head['format'] !== BACKUP_FORMAT) return { ok: false, reason: t('backupNotABackup') };
  const version = head['version'];
  if (version !== BACKUP_VERSION) {
    if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) {
      return { ok: false, reason: t('backupNewerVersion', version, BACKUP_VERSION) };
    }
    return { ok: false, reason: t('backupNoVersion', BACKUP_VERSION) };
  }

  // Papers one by one first, so the reason names the paper rather than `papers.41.tags.0`.
  const papers = head['papers'];
  if (!Array.isArray(papers)) return { ok: false, reason: t('backupNoPaperList') };
  const seen = new Set<string>();
  for (const [index, paper] of papers.entries()) {
    const valid = PaperRecordSchema.safeParse(paper);
    const label = paperLabel(index + 1, paper);
    if (!valid.success) return { ok: false, reason: t('backupPaperUnreadable', label, issuesInWords(valid.error.issues, { owner: 'its' })) };
    if (seen.has(valid.data.id)) return { ok: false, reason: t('backupPaperTwice', label, valid.data.id) };
    seen.add(valid.data.id);
  }

  const result = BackupV1Schema.safeParse(data);
  if (!result.success) return { ok: false, reason: t('backupUnreadable', issuesInWords(result.error.issues)) };
  return { ok: true, backup: result.data };
}

/** A backup's papers as import input: each keeps its state, tags, sources and times. */
export function backupPapers(backup: Backup): IncomingPaper[] {
  return backup.papers.map((record, index) => {
    const { sources, tags, savedAt, hiddenAt, createdAt, updatedAt, ...rest } = record;
    const metadata: Record<string, unknown> = {};
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) (METADATA_KEYS.has(key) ? metadata : fields)[key] = value;
    const paper: IncomingPaper = {
      entry: `paper ${index + 1} (${record.id})`,
      metadata: metadata as PaperMetadata, // PaperRecordSchema validated it, with the same field rules
      tags,
      sources,
      saved: savedAt !== undefined,
      createdAt,
      updatedAt,
    };
    if (Object.keys(fields).length > 0) paper.fields = fields;
    if (savedAt !== undefined) paper.savedAt = savedAt;
    if (hiddenAt !== undefined) paper.hiddenAt = hiddenAt;
    return paper;
  });
}

/** The import path for a backup file: parse, then every paper as import input. */
export function parseBackupImport(text: string): ParsedImport {
  const parsed = parseBackup(text);
  if (!parsed.ok) return parsed;
  return { ok: true, papers: backupPapers(parsed.backup), rejected: [], warnings: [] };
}

/** "paper 3", with its arXiv id when the file gives one Papershelf can read. */
function paperLabel(number: number, paper: unknown): string {
  const id = typeof paper === 'object' && paper !== null ? (paper as Record<string, unknown>)['id'] : undefined;
  // Only an id Papershelf can read is repeated back: anything else in the file is not a name for the paper.
  const canonical = typeof id === 'string' ? canonicalArxivId(id) : null;
  return canonical && canonical === id ? t('backupPaperLabelWithId', number, canonical) : t('entryOfPapers', number);
}
