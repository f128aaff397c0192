import { backupPapers, parseBackup } from '../import/backup-schema';
import { checkImportSize, decodeImportBytes } from '../import/guard';
import { isManagerKeyword } from '../import/manager-keywords';
import { IncomingPaperSchema, MAX_IMPORT_PAPERS } from '../import/incoming-schema';
import { issuesInWords } from '../text/problem-words';
import { t } from '../i18n/t';
import { planParsedImport, type ImportPlan, type IncomingPaper, type ParsedImport } from '../import/plan';
import { LIMITS } from '../paper/model';
import { StoredRulesSchema, type Rule } from '../rules/model';
import { readSettings, SETTINGS_KEY, SettingsSchema, type Settings } from '../settings';
import { readBibtexInWorker } from './bibtex-reader';
import { db } from './library-db';

// Reading a chosen file into a preview of what importing it would do; nothing here writes.

export type ImportKind = 'bibtex' | 'backup' | 'papermemory';

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
  /**
   * BibTeX: the same import with the reference manager's keywords (`/unread`, arXiv subject names)
   * as tags too, offered in the preview; they are left out unless the user asks.
   */
  withManagerTags?: { papers: IncomingPaper[]; merge: ImportPlan; papersWithThem: number; examples: string[] };
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

/** Reads a chosen file into a preview, without writing anything. `onProgress` hears how far a .bib file is read. */
export async function readImportFile(file: File, onProgress: (fraction: number) => void = () => {}): Promise<ReadResult> {
  const size = checkImportSize(file.size); // before reading 2 GB into memory
  if (!size.ok) return size;
  const bytes = await file.arrayBuffer();
  const kind = detectKind(file.name, bytes);

  let parsed: ParsedImport;
  let backupSettings: Record<string, unknown> | undefined;
  let backupRules: Rule[] | undefined;
  if (kind === 'bibtex') {
    // Off the main thread, with a time budget (./bibtex-reader.ts); what comes back is checked.
    const read = await readBibtexInWorker(bytes, onProgress);
    if (!read.ok) return read;
    parsed = { ...read, papers: read.papers as IncomingPaper[] }; // each paper is validated below
  } else {
    const decoded = decodeImportBytes(bytes);
    if (!decoded.ok) return decoded;
    const { text } = decoded;
    if (kind === 'papermemory') {
      // PaperMemory keeps each paper's BibTeX, so its importer needs the parser: its own chunk.
      const { parsePaperMemoryExport } = await import('../import/papermemory-import');
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
  }
  if (!parsed.ok) return parsed;
  if (parsed.papers.length > MAX_IMPORT_PAPERS) {
    return { ok: false, reason: t('importTooManyPapers', parsed.papers.length.toLocaleString('en'), MAX_IMPORT_PAPERS.toLocaleString('en')) };
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
  const extra = accepted.managerTags;
  if (extra) {
    const tagged = acceptedByBackground({ ...accepted, papers: accepted.papers.map((paper, index) => ({ ...paper, tags: [...paper.tags, ...(extra[index] ?? [])] })) });
    const plan = planParsedImport(existing, { ...tagged, managerTags: undefined }, now);
    if (plan.ok) {
      const examples = [...new Set(extra.flat())].slice(0, 4);
      preview.withManagerTags = { papers: tagged.papers, merge: plan.plan, papersWithThem: extra.filter((tags) => tags.length > 0).length, examples };
    }
  }
  return { ok: true, preview };
}

type ParsedFile = Extract<ParsedImport, { ok: true }>;

/**
 * The background validates every paper of `ui:import` again and refuses the whole request when one
 * fails, with no word on which. A paper it would refuse (a note over the length limit, more tags
 * than a paper may have) is rejected here instead, with its reason, and the rest can go. Papers a
 * worker sent are only `unknown` until this check.
 */
function acceptedByBackground(parsed: ParsedFile): ParsedFile {
  const papers: IncomingPaper[] = [];
  const managerTags: string[][] = [];
  const rejected = [...parsed.rejected];
  (parsed.papers as unknown[]).forEach((paper, index) => {
    const valid = IncomingPaperSchema.safeParse(paper);
    if (valid.success) {
      papers.push(valid.data);
      managerTags.push((parsed.managerTags?.[index] ?? []).filter((tag) => isManagerKeyword(tag)));
      return;
    }
    const fields = (typeof paper === 'object' && paper !== null ? paper : {}) as { entry?: unknown; tags?: unknown };
    const tagCount = Array.isArray(fields.tags) ? fields.tags.length : 0;
    const reason = tagCount > LIMITS.tags ? t('importHasTooManyTags', tagCount, LIMITS.tags) : issuesInWords(valid.error.issues, { owner: 'its' });
    rejected.push({ entry: typeof fields.entry === 'string' ? fields.entry.slice(0, 200) : t('entryOfPapers', index + 1), reason });

  });
  const result: ParsedFile = { ...parsed, papers, rejected };
  if (parsed.managerTags) result.managerTags = managerTags;
  return result;
}

/**
 * `.bib` is BibTeX. JSON is a backup when it says so in `format` (or says any format at all, so a
 * damaged or newer backup gets the backup reader's reasons), else PaperMemory's export. A file
 * that is not JSON at all also goes to the backup reader, whose reason says so.
 */
function detectKind(fileName: string, bytes: ArrayBuffer): ImportKind {
  const name = fileName.toLowerCase();
  if (name.endsWith('.bib') || name.endsWith('.bibtex')) return 'bibtex';
  // Only the start is decoded here: a .bib file is read whole in the worker, not on this thread.
  const start = new TextDecoder('utf-8').decode(bytes.slice(0, 64));
  if (!name.endsWith('.json') && !/^\uFEFF?\s*[{[]/.test(start)) return 'bibtex';
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    return 'backup';
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'backup';
  return 'format' in data ? 'backup' : 'papermemory';
}
