import { PaperRecordSchema, type FieldSource, type PaperRecord, type TrackedField } from '../paper/model';
import type { FetchSource, FetchedPaper } from './fetched';

export interface ApplyResult {
  record: PaperRecord;
  /** The fields whose value or recorded source changed; empty when `record` is the input itself. */
  changed: string[];
}

/** How much a source is trusted for bibliographic data, worst first. The user's word is final. */
const RANK: Readonly<Record<FieldSource, number>> = { page: 0, 'hf-api': 1, import: 2, 'arxiv-api': 3, user: 4 };

type Decision = 'replace' | 'confirm' | 'keep';

/**
 * Folds what a remote service says about a paper into its record. Pure.
 *
 * Rules, field by field:
 * - a field whose source is `user`, or that is listed in `userEdited`, is never touched;
 * - an empty field is filled;
 * - authors: a longer list replaces a shorter one or a bare count; at equal length the better
 *   source wins (arXiv's list over Hugging Face's, either over a page's); a list is never shortened;
 * - title, abstract: a better source replaces a page's only when the page's is shorter (cards
 *   truncate); the same source refreshes its own value (arXiv revises titles between versions);
 * - publishedAt: a better source replaces a worse one (arXiv's v1 date over the day a paper was
 *   featured on Hugging Face);
 * - primaryCategory, comments, journalRef, doi: arXiv's value replaces any other, since arXiv is
 *   where they live; Hugging Face only fills a gap;
 * - venue: only filled, or refreshed by the source that set it: a venue the user imported stays.
 * When a field keeps its value but a better source confirms it, the field's source is upgraded
 * (so `missingFields` stops asking for it). Nothing is ever removed except a stale `authorCount`.
 */
export function applyFetched(record: PaperRecord, fetched: FetchedPaper, now: number): ApplyResult {
  if (fetched.id !== record.id) return { record, changed: [] };
  const source = fetched.source;
  const next: PaperRecord = { ...record };
  const sources: Partial<Record<TrackedField, FieldSource>> = { ...record.fieldSources };
  const changed: string[] = [];

  const consider = <K extends TrackedField>(field: K, value: PaperRecord[K] | undefined, better: (current: NonNullable<PaperRecord[K]>, from: FieldSource) => boolean) => {
    const decision = decide(record, field, value, source, better);
    if (decision === 'keep') return;
    // A copy: the record must not share an array with the fetched paper.
    if (decision === 'replace') next[field] = (Array.isArray(value) ? [...value] : value) as PaperRecord[K];
    sources[field] = source;
    changed.push(field);
  };

  consider('title', fetched.title, (current, from) => from === source || (RANK[source] > RANK[from] && fetched.title!.length > current.length));
  consider('abstract', fetched.abstract, (current, from) => from === source || (RANK[source] > RANK[from] && fetched.abstract!.length > current.length));
  consider('authors', fetched.authors, (current, from) => {
    const incoming = fetched.authors!;
    if (incoming.length !== current.length) return incoming.length > current.length;
    return from === source || RANK[source] > RANK[from];
  });
  consider('publishedAt', fetched.publishedAt, (_current, from) => from === source || RANK[source] > RANK[from]);
  const arxivOwns = () => source === 'arxiv-api';
  consider('primaryCategory', fetched.primaryCategory, arxivOwns);
  consider('comments', fetched.comments, arxivOwns);
  consider('journalRef', fetched.journalRef, arxivOwns);
  consider('doi', fetched.doi, arxivOwns);
  consider('venue', fetched.venue, (_current, from) => from === source);

  // The count only says "more authors than names": a list that long makes it stale; a list the
  // service had to cut (or that lacks some names) brings its own count.
  if (!isProtected(record, 'authors')) {
    const count = fetched.authorCount !== undefined && fetched.authorCount > next.authors.length ? fetched.authorCount : next.authorCount;
    if (count !== undefined && count <= next.authors.length) {
      delete next.authorCount;
      changed.push('authorCount');
    } else if (count !== next.authorCount) {
      next.authorCount = count;
      changed.push('authorCount');
    }
  }

  if (changed.length === 0) return { record, changed };
  next.fieldSources = sources;
  next.updatedAt = Math.max(now, record.updatedAt);
  // Every value was validated when fetched; this guards the record as a whole. A record that would
  // not validate is left as it was: nothing half-applied is ever written.
  // The record itself is returned, not Zod's copy, which would drop fields the schema does not list.
  return PaperRecordSchema.safeParse(next).success ? { record: next, changed } : { record, changed: [] };
}

/**
 * Applies a batch of fetched papers to the records they name (the background does this inside
 * one read-write transaction). Returns only the records that changed, ready for `bulkPut`.
 * Papers whose record is gone (deleted since they were queued) are ignored.
 */
export function applyFetchedToRecords(records: ReadonlyMap<string, PaperRecord>, fetched: readonly FetchedPaper[], now: number): PaperRecord[] {
  const updated = new Map<string, PaperRecord>();
  for (const paper of fetched) {
    const current = updated.get(paper.id) ?? records.get(paper.id);
    if (!current) continue;
    const result = applyFetched(current, paper, now);
    if (result.changed.length > 0) updated.set(paper.id, result.record);
  }
  return [...updated.values()];
}

/** The user's own edits are final. */
export function isProtected(record: PaperRecord, field: TrackedField): boolean {
  return record.fieldSources?.[field] === 'user' || (record.userEdited?.includes(field) ?? false);
}

function decide<K extends TrackedField>(
  record: PaperRecord,
  field: K,
  value: PaperRecord[K] | undefined,
  source: FetchSource,
  better: (current: NonNullable<PaperRecord[K]>, from: FieldSource) => boolean,
): Decision {
  if (value === undefined || isProtected(record, field)) return 'keep';
  const current = record[field];
  if (isEmpty(current)) return 'replace';
  // A value from before provenance was recorded came from a page (or an import, which ranks above).
  const from: FieldSource = record.fieldSources?.[field] ?? 'page';
  if (sameValue(current, value)) return RANK[source] > RANK[from] ? 'confirm' : 'keep';
  return better(current as NonNullable<PaperRecord[K]>, from) ? 'replace' : 'keep';
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
  if (a && b && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}
