import type { UiRequest } from '../messaging/protocol';
import type { PaperRecord } from '../paper/model';
import { ask, sentence, type Outcome } from '../ui/ask';
import { plural, t } from '../i18n/t';
import { runPaperChunks, type ChunkAnswer, type ChunkedResult } from './chunks';

/**
 * The library page's edits of many papers, each described as a piece of Work: what it is called
 * while it runs ("Tagging 12,000 papers with “to read”"), how many papers it covers, and how to
 * run it. Every write is a request to the background (the only writer), sent in chunks
 * (chunks.ts); the result comes back in words, with what Undo needs.
 */

/**
 * What Undo does: put records back as they were; or, after a tag was deleted, put it back on the
 * papers that had it (`ids`) and put back as they were the few (`records`) that re-tagging would
 * change otherwise (see deleteTagUndo).
 */
export type Undo =
  | { kind: 'restore'; records: readonly PaperRecord[] }
  | { kind: 'retag'; ids: readonly string[]; tag: string; records: readonly PaperRecord[] };

/** What a piece of work did, in words, with its Undo. */
export type Notice = Outcome<Undo>;

export interface Work {
  /** While it runs, followed by "…" and the progress. */
  label: string;
  /** How many papers it covers: the progress counts up to this. */
  total: number;
  run(onProgress: (done: number) => void): Promise<Notice>;
}

export const number = (count: number): string => count.toLocaleString('en');
export const papers = (count: number): string => plural(count, 'paperCountOne', 'paperCountMany', number(count));
export const quoted = (text: string): string => t('quoted', text);

/** The requests a chunk of work sends. */
type EditRequest = Extract<UiRequest, { type: 'ui:bulkTags' | 'ui:unsave' | 'ui:unhide' | 'ui:deletePapers' | 'ui:restorePapers' }>;

/** Sends one chunk of an edit; its answer holds the papers as they were, for Undo. */
async function sendEdit(request: EditRequest): Promise<ChunkAnswer<PaperRecord>> {
  const reply = await ask(request);
  if (!reply.ok) return reply;
  const result = reply.result;
  if ('deleted' in result) return { ok: true, previous: result.deleted };
  // Restoring answers a count; what it overwrote is not offered for a second Undo.
  if ('restored' in result) return { ok: true, previous: [] };
  return { ok: true, previous: result.previous };
}

/**
 * Work over `ids`, chunk by chunk. `done(changed)` words the result; a failure part-way says how
 * far it got, and still offers to undo that part.
 */
function chunkedWork(
  label: string,
  ids: readonly string[],
  request: (chunk: string[]) => EditRequest,
  done: (result: ChunkedResult<PaperRecord>) => Notice,
  stopped: { nothing: string; part: (done: string) => string },
): Work {
  return {
    label,
    total: ids.length,
    async run(onProgress) {
      const result = await runPaperChunks(ids, idOfId, (chunk) => sendEdit(request(chunk)), onProgress);
      if (result.error === undefined) return done(result);
      const undo: Undo | undefined = result.previous.length > 0 ? { kind: 'restore', records: result.previous } : undefined;
      const prefix = result.done === 0 ? stopped.nothing : stopped.part(number(result.done));
      return { tone: 'error', text: `${prefix} ${sentence(result.error)}`, ...(undo && { undo }) };
    },
  };
}

const restoreUndo = (records: readonly PaperRecord[]): { undo?: Undo } => (records.length > 0 ? { undo: { kind: 'restore', records } } : {});

export function addTagWork(ids: readonly string[], tag: string): Work {
  return chunkedWork(
    t('workTagging', papers(ids.length), quoted(tag)),
    ids,
    (chunk) => ({ type: 'ui:bulkTags', ids: chunk, add: [tag], remove: [] }),
    ({ previous }) => {
      const had = ids.length - previous.length;
      const text = had > 0 ? t('workTaggedSomeHadIt', quoted(tag), papers(previous.length), papers(had)) : t('workTagged', quoted(tag), papers(previous.length));
      return { tone: 'done', text, ...restoreUndo(previous) };
    },
    { nothing: t('workNothingTagged'), part: (done) => t('workPartTagged', done, papers(ids.length)) },
  );
}

export function removeTagWork(ids: readonly string[], tag: string): Work {
  return chunkedWork(
    t('workRemovingTag', quoted(tag), papers(ids.length)),
    ids,
    (chunk) => ({ type: 'ui:bulkTags', ids: chunk, add: [], remove: [tag] }),
    ({ previous }) => ({ tone: 'done', text: t('workRemovedTag', quoted(tag), papers(previous.length)), ...restoreUndo(previous) }),
    { nothing: t('workNothingUntagged'), part: (done) => t('workPartUntagged', done, papers(ids.length)) },
  );
}

export function unhideWork(ids: readonly string[]): Work {
  return chunkedWork(
    t('workUnhiding', papers(ids.length)),
    ids,
    (chunk) => ({ type: 'ui:unhide', ids: chunk }),
    ({ previous }) => ({ tone: 'done', text: t('workUnhid', papers(previous.length)), ...restoreUndo(previous) }),
    { nothing: t('workNothingUnhidden'), part: (done) => t('workPartUnhidden', done, papers(ids.length)) },
  );
}

export function unsaveWork(ids: readonly string[]): Work {
  return chunkedWork(
    t('workUnsaving', papers(ids.length)),
    ids,
    (chunk) => ({ type: 'ui:unsave', ids: chunk }),
    // Unsaving keeps the record (with its tags, note and key): say where it went.
    ({ previous }) => ({ tone: 'done', text: plural(previous.length, 'workUnsavedOne', 'workUnsavedMany', papers(previous.length)), ...restoreUndo(previous) }),
    { nothing: t('workNothingUnsaved'), part: (done) => t('workPartUnsaved', done, papers(ids.length)) },
  );
}

/** `title`: one paper, named by its title in the result. */
export function deleteWork(ids: readonly string[], title?: string): Work {
  return chunkedWork(
    t('workDeleting', title === undefined ? papers(ids.length) : shortTitle(title)),
    ids,
    (chunk) => ({ type: 'ui:deletePapers', ids: chunk }),
    ({ previous }) => ({ tone: 'done', text: t('workDeleted', title === undefined ? papers(previous.length) : shortTitle(title)), ...restoreUndo(previous) }),
    { nothing: t('workNothingDeleted'), part: (done) => t('workPartDeleted', done, papers(ids.length)) },
  );
}

/** A paper's id, for runPaperChunks: the edits send ids or whole records. */
const idOfId = (id: string) => id;
const idOfRecord = (record: PaperRecord) => record.id;

/** A title short enough for a status line, quoted. */
export function shortTitle(title: string): string {
  return quoted(title.length > 60 ? `${title.slice(0, 57)}…` : title);
}

/** Undo: records back exactly as they were, in chunks. */
export function restoreWork(records: readonly PaperRecord[]): Work {
  return {
    label: t('workRestoring', papers(records.length)),
    total: records.length,
    async run(onProgress) {
      const result = await runPaperChunks(records, idOfRecord, (chunk) => sendEdit({ type: 'ui:restorePapers', papers: chunk }), onProgress);
      if (result.error === undefined) return { tone: 'done', text: t('workRestored', papers(records.length)) };
      return { tone: 'error', text: `${t('workPartRestored', number(result.done), papers(records.length))} ${sentence(result.error)}` };
    },
  };
}

/**
 * The Undo of deleting a tag, from the papers as they were (the delete's answer). Adding the tag
 * back (`ui:bulkTags`) touches nothing else of a paper that changed since, so that is how it goes
 * back on saved papers. But adding a tag saves a paper, as tagging a card does: a paper that had
 * the tag without being saved (hidden, or unsaved since) would come back saved, so those few are
 * put back exactly as they were instead.
 */
export function deleteTagUndo(previous: readonly PaperRecord[], tag: string): Undo | undefined {
  if (previous.length === 0) return undefined;
  const ids = previous.filter((paper) => paper.savedAt !== undefined).map((paper) => paper.id);
  const records = previous.filter((paper) => paper.savedAt === undefined);
  return { kind: 'retag', ids, tag, records };
}

/** Runs deleteTagUndo's plan: the tag back on `ids`, then `records` back as they were. */
export function retagWork(ids: readonly string[], tag: string, records: readonly PaperRecord[]): Work {
  const total = ids.length + records.length;
  return {
    label: t('workPuttingTagBack', quoted(tag), papers(total)),
    total,
    async run(onProgress) {
      const tagged = await runPaperChunks(ids, idOfId, (chunk) => sendEdit({ type: 'ui:bulkTags', ids: chunk, add: [tag], remove: [] }), onProgress);
      const restored =
        tagged.error === undefined ? await runPaperChunks(records, idOfRecord, (chunk) => sendEdit({ type: 'ui:restorePapers', papers: chunk }), (done) => onProgress(ids.length + done)) : undefined;
      const error = tagged.error ?? restored?.error;
      if (error === undefined) return { tone: 'done', text: t('workPutTagBack', quoted(tag), papers(total)) };
      return { tone: 'error', text: `${t('workPartPutTagBack', quoted(tag), number(tagged.done + (restored?.done ?? 0)), papers(total))} ${sentence(error)}` };
    },
  };
}

export function undoWork(undo: Undo): Work {
  return undo.kind === 'restore' ? restoreWork(undo.records) : retagWork(undo.ids, undo.tag, undo.records);
}
