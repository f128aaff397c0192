import { t } from '../i18n/t';
import { z } from 'zod';
import { PaperRecordSchema, type PaperRecord } from '../paper/model';
import { checkImportText, withoutBom } from './guard';
import { issuesInWords } from '../text/problem-words';
import { localIdOf, paperIdInWords, readPaperId, type PaperId } from '../paper/paper-id';
import { PaperMetadataSchema, type IncomingPaper, type PaperMetadata, type ParsedImport } from './plan';

/** The fields `mergePaper` folds; every other stored field travels in `IncomingPaper.fields`. */
const METADATA_KEYS: ReadonlySet<string> = new Set(Object.keys(PaperMetadataSchema.shape));

export const BACKUP_FORMAT = 'papershelf-backup';

/**
 * Backup format versions. APPEND-ONLY like the database schema: a version that shipped stays
 * readable. v1 (2026-12): the papers as stored by database schema v1, with optional settings and
 * rules for when those exist. v2 (2026-12-05): the same, with papers under their PaperIds
 * (`arxiv:2409.12345`, database schema v7); a Papershelf that reads only v1 says to update
 * rather than failing on every id. A v1 file's bare arXiv ids are read as arXiv PaperIds.
 */
export const BACKUP_VERSION = 2;
const READABLE_VERSIONS: ReadonlySet<unknown> = new Set([1, 2]);

export const BackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.union([z.literal(1), z.literal(2)]),
  exportedAt: z.iso.datetime(),
  papers: z.array(PaperRecordSchema),
  settings: z.record(z.string(), z.unknown()).optional(),
  rules: z.array(z.unknown()).optional(),
});
export type Backup = z.infer<typeof BackupSchema>;

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
  const headProblem = backupHeadProblem(head);
  if (headProblem) return { ok: false, reason: headProblem };

  // Papers one by one first, so the reason names the paper rather than `papers.41.tags.0`.
  if (!Array.isArray(head['papers'])) return { ok: false, reason: t('backupNoPaperList') };
  const papers = head['papers'].map(withPaperId);
  const seen = new Set<string>();
  for (const [index, paper] of papers.entries()) {
    const checked = checkBackupPaper(paper, index, seen);
    if (!checked.ok) return checked;
  }

  const result = BackupSchema.safeParse({ ...head, papers });
  if (!result.success) return { ok: false, reason: t('backupUnreadable', issuesInWords(result.error.issues)) };
  return { ok: true, backup: result.data };
}

/**
 * What is wrong with a backup's top-level fields (not its papers), in words; undefined when it
 * says it is a Papershelf backup of a version this Papershelf reads.
 */
export function backupHeadProblem(head: Record<string, unknown>): string | undefined {
  if (head['format'] !== BACKUP_FORMAT) return t('backupNotABackup');
  const version = head['version'];
  if (READABLE_VERSIONS.has(version)) return undefined;
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) return t('backupNewerVersion', version, BACKUP_VERSION);
  return t('backupNoVersion', BACKUP_VERSION);
}

/**
 * Checks the backup's paper at `index` (0-based): a valid record whose id `seen` does not hold
 * yet (it is added). `seen` undefined: the caller checks repeats another way.
 */
export function checkBackupPaper(stored: unknown, index: number, seen: Set<string> | undefined): { ok: true; record: PaperRecord } | { ok: false; reason: string } {
  const paper = withPaperId(stored);
  const valid = PaperRecordSchema.safeParse(paper);
  if (!valid.success) return { ok: false, reason: t('backupPaperUnreadable', paperLabel((index + 1).toLocaleString('en'), paper), issuesInWords(valid.error.issues, { owner: 'its' })) };
  if (seen) {
    if (seen.has(valid.data.id)) return { ok: false, reason: repeatedPaper(index, valid.data.id) };
    seen.add(valid.data.id);
  }
  return { ok: true, record: valid.data };
}

/** The reason for a paper whose id came before in the same backup. */
export function repeatedPaper(index: number, id: PaperId): string {
  return t('backupPaperTwice', t('backupPaperLabelWithId', (index + 1).toLocaleString('en'), paperIdInWords(id)), paperIdInWords(id));
}

/** A backup's papers as import input: each keeps its state, tags, sources and times. */
export function backupPapers(backup: Backup): IncomingPaper[] {
  return backup.papers.map((record, index) => {
    const { sources, tags, savedAt, hiddenAt, createdAt, updatedAt, ...rest } = record;
    const metadata: Record<string, unknown> = {};
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) (METADATA_KEYS.has(key) ? metadata : fields)[key] = value;
    const paper: IncomingPaper = {
      entry: t('backupPaperLabelWithId', index + 1, localIdOf(record.id) ?? record.id),
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
function paperLabel(number: string | number, paper: unknown): string {
  const id = typeof paper === 'object' && paper !== null ? (paper as Record<string, unknown>)['id'] : undefined;
  // Only an id Papershelf can read is repeated back: anything else in the file is not a name for the paper.
  const paperId = typeof id === 'string' ? readPaperId(id) : null;
  return paperId ? t('backupPaperLabelWithId', number, paperIdInWords(paperId)) : t('entryOfPapers', number);
}

/** A stored paper under its PaperId, whichever version wrote it (v1 wrote bare arXiv ids); anything else as it is, for validation to refuse. */
function withPaperId(paper: unknown): unknown {
  const id = typeof paper === 'object' && paper !== null ? (paper as Record<string, unknown>)['id'] : undefined;
  const paperId = typeof id === 'string' ? readPaperId(id) : null;
  return paperId === null || paperId === id ? paper : { ...(paper as Record<string, unknown>), id: paperId };
}
