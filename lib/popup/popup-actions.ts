// Loaded after the popup's first paint (see use-paper-actions.ts): everything here needs Zod (the
// protocol, the settings) or the BibTeX exporter, which the first rows do not.
import '../zod-setup';
import { t } from '../i18n/t';
import { paperIdInWords } from '../paper/paper-id';
import { entryToBibtex } from '../bibtex';
import type { PaperRecord } from '../paper/model';
import { exportOptionsFrom, readSettings, SETTINGS_KEY } from '../settings';
import { ask, sentence, type Outcome as ActionOutcome } from '../ui/ask';
import { downloadBibtex } from '../ui/export-bibtex';
import { db } from './popup-library';
import { messageOf } from '../ui/message-of';

/** What an action did, for the popup's status line; `undo` after a delete: the records to put back. */
export type Outcome = ActionOutcome<PaperRecord[]>;

const quoted = (paper: PaperRecord) => `“${paper.title.length > 60 ? `${paper.title.slice(0, 57)}…` : paper.title}”`;

/** The user's BibTeX settings as they are now: an export never follows the defaults by accident. */
async function settings() {
  return readSettings(await db.settings.get(SETTINGS_KEY));
}

export async function copyBibtex(paper: PaperRecord): Promise<Outcome> {
  try {
    await navigator.clipboard.writeText(entryToBibtex(paper, exportOptionsFrom(await settings())));
    return { tone: 'done', text: t('copiedBibtexOf', paperIdInWords(paper.id)) };
  } catch (error) {
    return { tone: 'error', text: t('couldNotCopy', messageOf(error, t('clipboardRefused'))) };
  }
}

/** Undefined when there was nothing left to delete (a second press before the list caught up). */
export async function deletePaper(paper: PaperRecord): Promise<Outcome | undefined> {
  const reply = await ask({ type: 'ui:deletePapers', ids: [paper.id] });
  if (!reply.ok) return { tone: 'error', text: t('paperNotDeleted', quoted(paper), sentence(reply.error)) };
  const { deleted } = reply.result;
  return deleted.length > 0 ? { tone: 'done', text: t('deletedPaper', quoted(paper)), undo: deleted } : undefined;
}

export async function restorePapers(records: PaperRecord[]): Promise<Outcome> {
  const reply = await ask({ type: 'ui:restorePapers', papers: records });
  const what = records.length === 1 ? quoted(records[0]!) : t('paperCountMany', records.length);
  return reply.ok ? { tone: 'done', text: t('restoredPapers', what) } : { tone: 'error', text: t('couldNotRestore', what, sentence(reply.error)) };
}

/** Undefined when the tags were saved. */
export async function setTags(paper: PaperRecord, tags: string[]): Promise<Outcome | undefined> {
  const reply = await ask({ type: 'ui:setTags', id: paper.id, tags });
  return reply.ok ? undefined : { tone: 'error', text: t('tagsOfPaperNotSaved', quoted(paper), sentence(reply.error)) };
}

export async function exportBibtex(papers: readonly PaperRecord[]): Promise<Outcome> {
  return { tone: 'done', text: downloadBibtex(document, papers, await settings()) };
}
