import { backupPapers, parseBackup } from '../../lib/import/backup-schema';
import { checkImportSize, decodeImportBytes } from '../../lib/import/guard';
import { IncomingPaperSchema, MAX_IMPORT_PAPERS } from '../../lib/import/incoming-schema';
import { describeIssues, planParsedImport, type ImportPlan, type IncomingPaper, type ParsedImport } from '../../lib/import/plan';
import { LIMITS } from '../../lib/paper/model';
import { StoredRulesSchema, type Rule } from '../../lib/rules/model';
import { readSettings, SETTINGS_KEY, SettingsSchema, type Settings } from '../../lib/settings';
import { db } from './library-db';

// Reading a chosen file into a preview of what importing it would do; nothing here writes.

export type ImportKind = 'bibtex' | 'backup' | 'papermemory';

export const KIND_LABEL: Record<ImportKind, string> = {
  bibtex: 'a BibTeX file',
  backup: 'a Papershelf backup',
  papermemory: 'a PaperMemory export',
};

export interface Preview {
  fileName: string;
  kind: ImportKind;
  /** What is sent to the background, which plans again against the library as it is then. */
  papers: IncomingPaper[];
  /** Against the library as it was when the file was read. */
  merge: ImportPlan;
  /** Backups only: against an empty library, which is what `replace` starts from. */
  replace?: ImportPlan;
  /** A backup's settings, restored along with a replace. */
  backupSettings?: Record<string, unknown>;
  /** A backup's rules, restored along with a replace when every one of them is valid. */
  backupRules?: Rule[];
}

export type ReadResult = { ok: true; preview: Preview } | { ok: false; reason: string };

/**
 * The settings a replace restores: the backup's own values for the settings it names, the current
 * ones for the rest (a backup from an older Papershelf knows fewer settings). None when the backup
 * names no setting this version has.
 */
export async function restoredSettings(fromBackup: Record<string, unknown> | undefined): Promise<Settings | undefined> {
  if (!fromBackup) return undefined;
  const known = Object.keys(SettingsSchema.shape).filter((key) => key in fromBackup);
  if (known.length === 0) return undefined;
  const current = readSettings(await db.settings.get(SETTINGS_KEY));
  const parsed = SettingsSchema.safeParse({ ...current, ...Object.fromEntries(known.map((key) => [key, fromBackup[key]])) });
  return parsed.success ? parsed.data : undefined;
}

/** Reads a chosen file into a preview, without writing anything. */
export async function readImportFile(file: File): Promise<ReadResult> {
  const size = checkImportSize(file.size); // before reading 2 GB into memory
  if (!size.ok) return size;
  const decoded = decodeImportBytes(await file.arrayBuffer());
  if (!decoded.ok) return decoded;
  const { text } = decoded;
  const kind = detectKind(file.name, text);

  let parsed: ParsedImport;
  let backupSettings: Record<string, unknown> | undefined;
  let backupRules: Rule[] | undefined;
  if (kind === 'bibtex') {
    // Better BibTeX's parser is most of the import code: its own chunk, loaded when a file needs it.
    const { parseBibtexLibraryAsync } = await import('../../lib/import/bibtex-import');
    parsed = await parseBibtexLibraryAsync(text);
  } else if (kind === 'papermemory') {
    // PaperMemory keeps each paper's BibTeX, so its importer needs the parser too.
    const { parsePaperMemoryExport } = await import('../../lib/import/papermemory-import');
    parsed = parsePaperMemoryExport(text);
  } else {
    // parseBackupImport without losing the settings, which a replace restores.
    const backup = parseBackup(text);
    if (!backup.ok) return backup;
    parsed = { ok: true, papers: backupPapers(backup.backup), rejected: [], warnings: [] };
    backupSettings = backup.backup.settings;
    // A rule this version cannot run arrives switched off, with its reason shown in the Rules section.
    const rules = StoredRulesSchema.safeParse(backup.backup.rules ?? []);
    if (rules.success && rules.data.length > 0) backupRules = rules.data;
  }
  if (!parsed.ok) return parsed;
  if (parsed.papers.length > MAX_IMPORT_PAPERS) {
    return { ok: false, reason: `the file holds ${parsed.papers.length.toLocaleString('en')} papers; one import takes at most ${MAX_IMPORT_PAPERS.toLocaleString('en')}` };
  }
  const accepted = acceptedByBackground(parsed);

  const ids = [...new Set(accepted.papers.map((paper) => paper.metadata.id))];
  const stored = await db.papers.bulkGet(ids);
  const existing = new Map(stored.flatMap((record) => (record ? [[record.id, record] as const] : [])));
  const now = Date.now();
  const merge = planParsedImport(existing, accepted, now);
  if (!merge.ok) return merge;
  const preview: Preview = { fileName: file.name, kind, papers: accepted.papers, merge: merge.plan };
  if (kind === 'backup') {
    const replace = planParsedImport(new Map(), accepted, now);
    if (!replace.ok) return replace;
    preview.replace = replace.plan;
    if (backupSettings) preview.backupSettings = backupSettings;
    if (backupRules) preview.backupRules = backupRules;
  }
  return { ok: true, preview };
}

/**
 * The background validates every paper of `ui:import` again and refuses the whole request when one
 * fails, with no word on which. A paper it would refuse (a note over the length limit, more tags
 * than a paper may have) is rejected here instead, with its reason, and the rest can go.
 */
function acceptedByBackground(parsed: Extract<ParsedImport, { ok: true }>): Extract<ParsedImport, { ok: true }> {
  const papers: IncomingPaper[] = [];
  const rejected = [...parsed.rejected];
  for (const paper of parsed.papers) {
    const valid = IncomingPaperSchema.safeParse(paper);
    if (valid.success) papers.push(paper);
    else {
      const reason =
        paper.tags.length > LIMITS.tags ? `it has ${paper.tags.length} tags; a paper has at most ${LIMITS.tags}` : describeIssues(valid.error.issues);
      rejected.push({ entry: paper.entry.slice(0, 200), reason });
    }
  }
  return papers.length === parsed.papers.length ? parsed : { ...parsed, papers, rejected };
}

/**
 * `.bib` is BibTeX. JSON is a backup when it says so in `format` (or says any format at all, so a
 * damaged or newer backup gets the backup reader's reasons), else PaperMemory's export. A file
 * that is not JSON at all also goes to the backup reader, whose reason says so.
 */
function detectKind(fileName: string, text: string): ImportKind {
  const name = fileName.toLowerCase();
  if (name.endsWith('.bib') || name.endsWith('.bibtex')) return 'bibtex';
  if (!name.endsWith('.json') && !/^\uFEFF?\s*[{[]/.test(text)) return 'bibtex';
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return 'backup';
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'backup';
  return 'format' in data ? 'backup' : 'papermemory';
}
