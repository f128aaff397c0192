import { z } from 'zod';
import { arxivAbsUrl } from '../paper/arxiv-id';
import { arxivIdOf, paperIdInWords } from '../paper/paper-id';
import { mergePaper } from '../paper/merge';
import { LibraryInputSchema, LIMITS, PaperRecordSchema, TagSchema, type PaperRecord } from '../paper/model';
import { normalizeTag, TagError, tidyTag, uniqueTags } from '../paper/tags';
import { issuesInWords } from '../text/problem-words';
import { t } from '../i18n/t';

/**
 * What an imported file says about a paper's bibliographic data, under its PaperId: a LibraryInput
 * without the page it was seen on (an import saw no page, so it adds no `sources` of its own).
 */
export const PaperMetadataSchema = LibraryInputSchema.omit({ site: true, url: true });
export type PaperMetadata = z.infer<typeof PaperMetadataSchema>;

/** One paper read from a file, before it meets the library. Importers produce these. */
export interface IncomingPaper {
  /** Names the entry in the preview: a citation key, a PaperMemory id, `paper 3`. */
  entry: string;
  metadata: PaperMetadata;
  /** Clean tags (see cleanImportedTags; a backup's as stored); the plan unions them with the stored ones. */
  tags: string[];
  /** Whether the file has the paper saved: true for BibTeX and PaperMemory, as backed up for backups. */
  saved: boolean;
  /** When it was saved, if the file knows; a saved paper without one is stamped with the import time. */
  savedAt?: number;
  hiddenAt?: number;
  createdAt?: number;
  /** Only backups know these: a restored record keeps its sources and its last change time. */
  sources?: PaperRecord['sources'];
  updatedAt?: number;
  /**
   * Other stored fields a backup carries (those the library gained after its first schema, such as
   * a citation key or a note): each fills a gap and never replaces what the library has. The final
   * validation keeps only what PaperRecordSchema knows.
   */
  fields?: Record<string, unknown>;
  /** Kept in the plan for the preview and for fields the library does not store yet. */
  year?: number;
  note?: string;
  citationKey?: string;
}

/** An entry the importer or the plan could not use, with the reason shown in the preview. */
export interface RejectedEntry {
  entry: string;
  reason: string;
  /** Where the entry starts in the file, when the file has lines (BibTeX). */
  line?: number;
}

/** What an importer returns: the papers it read, the entries it skipped, or why the file failed. */
export type ParsedImport =
  | {
      ok: true;
      papers: IncomingPaper[];
      rejected: RejectedEntry[];
      warnings: string[];
      /** BibTeX: each paper's reference-manager keywords (`/unread`, …), kept out of its tags unless the user asks. */
      managerTags?: string[][];
    }
  | { ok: false; reason: string };

export type PlannedStatus = 'new' | 'merged' | 'unchanged' | 'duplicate';

/** One line of the preview: what happens to one entry of the file. */
export interface PlannedEntry {
  entry: string;
  id: string;
  /** `duplicate`: an earlier entry of the same file has this id; its data was folded into that one. */
  status: PlannedStatus;
  year?: number;
  note?: string;
  citationKey?: string;
}

export interface ImportPlan {
  /** The final records to put, each validated by PaperRecordSchema; unchanged records are left out. */
  records: PaperRecord[];
  counts: { new: number; merged: number; unchanged: number; duplicate: number; rejected: number };
  rejected: RejectedEntry[];
  entries: PlannedEntry[];
  warnings: string[];
}

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; reason: string };

/**
 * Folds incoming papers into the library without writing anything: the preview shows the counts,
 * and the write puts `records` in one transaction. Run it again inside that transaction against
 * fresh records, since the library may have changed while the preview was open.
 *
 * An import only adds: it never unsaves, unhides, untags or forgets a field. Bibliographic fields
 * follow `mergePaper`; tags are the union (stored spellings first); a paper stays saved with its
 * first save time, hidden with its first hide time; `createdAt` and `sources` already stored stay.
 *
 * A paper whose merge breaks a limit (too many tags) is rejected on its own; a final record that
 * fails PaperRecordSchema anyway fails the whole plan, so nothing of a doubtful file is written.
 */
export function planImport(
  existing: ReadonlyMap<string, PaperRecord>,
  incoming: readonly IncomingPaper[],
  now: number,
  rejectedEarlier: readonly RejectedEntry[] = [],
  warnings: readonly string[] = [],
): PlanResult {
  const rejected: RejectedEntry[] = [...rejectedEarlier];
  const entries: PlannedEntry[] = [];
  const folded = new Map<string, PaperRecord>();

  for (const paper of incoming) {
    const id = paper.metadata.id;
    const seen = folded.has(id);
    const before = folded.get(id) ?? existing.get(id);
    const merged = mergeIncoming(before, paper, now);
    if (!merged.ok) {
      rejected.push({ entry: paper.entry, reason: merged.reason });
      continue;
    }
    folded.set(id, merged.record);
    const status: PlannedStatus = seen ? 'duplicate' : existing.has(id) ? 'merged' : 'new';
    entries.push(withDetails({ entry: paper.entry, id, status }, paper));
  }

  const records: PaperRecord[] = [];
  for (const [id, record] of folded) {
    const valid = PaperRecordSchema.safeParse(record);
    if (!valid.success) return { ok: false, reason: t('importPaperCannotBeStored', paperIdInWords(id), issuesInWords(valid.error.issues, { owner: 'its' })) };
    const stored = existing.get(id);
    if (stored && sameRecord(stored, valid.data)) {
      for (const entry of entries) if (entry.id === id && entry.status === 'merged') entry.status = 'unchanged';
      continue;
    }
    records.push(valid.data);
  }

  const count = (status: PlannedStatus) => entries.filter((entry) => entry.status === status).length;
  return {
    ok: true,
    plan: {
      records,
      counts: { new: count('new'), merged: count('merged'), unchanged: count('unchanged'), duplicate: count('duplicate'), rejected: rejected.length },
      rejected,
      entries,
      warnings: [...warnings],
    },
  };
}

/** The usual path: an importer's result straight into a plan (a failed file stays failed). */
export function planParsedImport(existing: ReadonlyMap<string, PaperRecord>, parsed: ParsedImport, now: number): PlanResult {
  if (!parsed.ok) return parsed;
  return planImport(existing, parsed.papers, now, parsed.rejected, parsed.warnings);
}

type MergeResult = { ok: true; record: PaperRecord } | { ok: false; reason: string };

function mergeIncoming(before: PaperRecord | undefined, paper: IncomingPaper, now: number): MergeResult {
  // mergePaper wants the page a paper was seen on; an import has none, so the arXiv page stands in
  // and the sources are set right below (stored ones kept, a backup's added, nothing invented).
  const merged = mergePaper(before, { ...paper.metadata, site: 'arxiv', url: arxivAbsUrl(arxivIdOf(paper.metadata.id) ?? '') }, now);
  merged.sources = { ...paper.sources, ...before?.sources };
  const open = merged as Record<string, unknown>;
  for (const [key, value] of Object.entries(paper.fields ?? {})) if (value !== undefined && open[key] === undefined) open[key] = value;

  // Stored tags stay as they are (one from before the current tag rules must not reject the entry);
  // incoming ones are held to what a record may store, so a bad one rejects this entry only.
  let incomingTags: string[];
  try {
    incomingTags = paper.tags.map((tag) => TagSchema.parse(tag));
  } catch (error) {
    if (error instanceof z.ZodError) return { ok: false, reason: t('importTagCannotBeStored', issuesInWords(error.issues, { whole: t('importWholeTag') })) };
    throw error;
  }
  const tags = uniqueTags([...(before?.tags ?? []), ...incomingTags]);
  if (tags.length > LIMITS.tags) return { ok: false, reason: t('importWouldHaveTooManyTags', tags.length, LIMITS.tags) };
  merged.tags = tags;

  const savedAt = before?.savedAt ?? (paper.saved ? (paper.savedAt ?? now) : undefined);
  const hiddenAt = before?.hiddenAt ?? paper.hiddenAt;
  if (savedAt === undefined) delete merged.savedAt;
  else merged.savedAt = savedAt;
  if (hiddenAt === undefined) delete merged.hiddenAt;
  else merged.hiddenAt = hiddenAt;
  merged.createdAt = before?.createdAt ?? paper.createdAt ?? now;
  // A restored record that the library did not have comes back exactly as it was backed up.
  merged.updatedAt = before === undefined && paper.updatedAt !== undefined ? paper.updatedAt : now;
  return { ok: true, record: merged };
}

function withDetails(entry: PlannedEntry, paper: IncomingPaper): PlannedEntry {
  if (paper.year !== undefined) entry.year = paper.year;
  if (paper.note !== undefined) entry.note = paper.note;
  if (paper.citationKey !== undefined) entry.citationKey = paper.citationKey;
  return entry;
}

/** Same content apart from `updatedAt`, whatever the key order. */
function sameRecord(a: PaperRecord, b: PaperRecord): boolean {
  return stableJson({ ...a, updatedAt: 0 }) === stableJson({ ...b, updatedAt: 0 });
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** C0/C1 controls and DEL, which normalizeTag refuses; a file's tag loses them instead. */
const CONTROL_CHARACTERS = /\p{Cc}/gu;

/**
 * Cleans one entry's tags as importers read them, to what normalizeTag accepts: a file is the
 * user's existing tags, so what the editor would refuse is mended rather than rejected. A comma
 * separates tags in Papershelf, so "ideas, later" (a PaperMemory tag, a braced BibTeX keyword)
 * becomes the two tags it would be when typed; control characters become spaces; empty tags (which
 * PaperMemory and BibTeX keywords leave behind) are dropped; duplicates fold. A tag over the length
 * limit is an error worth showing rather than a tag to cut silently: the entry is rejected.
 */
export function cleanImportedTags(raw: readonly unknown[]): { ok: true; tags: string[] } | { ok: false; reason: string } {
  const tags: string[] = [];
  for (const value of raw) {
    if (typeof value !== 'string') continue;
    for (const piece of value.replace(CONTROL_CHARACTERS, ' ').split(',')) {
      const tidy = tidyTag(piece);
      if (tidy === '') continue;
      try {
        tags.push(normalizeTag(tidy));
      } catch (error) {
        // Only the length is left to refuse once the rest is mended.
        if (error instanceof TagError) return { ok: false, reason: t('importTagTooLong', tidy.slice(0, 40), LIMITS.tag) };

        throw error;
      }
    }
  }
  return { ok: true, tags: uniqueTags(tags) };
}

/**
 * Validates what an importer read, turning Zod's issues into the preview's words. The value kept is
 * the parsed one, so anything the schema does not know is dropped.
 */
export function validateMetadata(metadata: PaperMetadata): { ok: true; metadata: PaperMetadata } | { ok: false; reason: string } {
  const result = PaperMetadataSchema.safeParse(metadata);
  return result.success ? { ok: true, metadata: result.data } : { ok: false, reason: issuesInWords(result.error.issues, { owner: 'its' }) };
}

