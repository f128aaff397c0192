import { entryToBibtex } from '../bibtex';
import { t } from '../i18n/t';
import { paperIdInWords } from '../paper/paper-id';
import { CitationKeySchema, type PaperRecord } from '../paper/model';
import { exportOptionsFrom, type Settings } from '../settings';
import type { FieldStatus } from '../../components/library/status';
import type { MetadataChanges } from '../../components/library/metadata-draft';
import { ask, messageOf, sentence } from '../ui/ask';
import { issuesInWords } from '../text/problem-words';

/**
 * What the details panel asks of the background for one paper, each answered in words for the
 * part of the panel that asked. Every write goes through the background, the library's only writer.
 */

export async function saveTags(paper: PaperRecord, tags: string[]): Promise<FieldStatus | undefined> {
  const reply = await ask({ type: 'ui:setTags', id: paper.id, tags });
  return reply.ok ? undefined : { tone: 'error', text: t('tagsNotSaved', sentence(reply.error)) };
}

export async function saveNote(paper: PaperRecord, note: string): Promise<FieldStatus> {
  const reply = await ask({ type: 'ui:setNote', id: paper.id, note });
  if (!reply.ok) return { tone: 'error', text: t('noteNotSaved', sentence(reply.error)) };
  return { tone: 'done', text: note.trim() === '' ? t('noteRemoved') : t('noteSaved') };
}

/**
 * The key's form is checked here (so a typo is refused at once, in words); whether another paper
 * holds it, by the background, which refuses it then with that paper's id.
 */
export function checkKey(paper: PaperRecord, key: string): { ok: true; key: string } | { ok: false; status: FieldStatus } {
  const trimmed = key.trim();
  const valid = CitationKeySchema.safeParse(trimmed);
  if (!valid.success) {
    // The schema states its problems as message keys; issuesInWords says them in the reader's language.
    const reason = trimmed === '' ? t('keyEmpty') : issuesInWords(valid.error.issues, { whole: t('keyWhole') });
    return { ok: false, status: { tone: 'error', text: t('keyNotSavedBecause', reason) } };
  }
  return { ok: true, key: valid.data };
}

export async function saveKey(paper: PaperRecord, key: string): Promise<FieldStatus> {
  if (key === paper.citationKey) return { tone: 'done', text: t('keySaved') };
  const reply = await ask({ type: 'ui:setCitationKey', id: paper.id, key });
  return reply.ok ? { tone: 'done', text: t('keySaved') } : { tone: 'error', text: t('keyNotSaved', sentence(reply.error)) };
}

export async function saveMetadata(paper: PaperRecord, changes: MetadataChanges): Promise<FieldStatus> {
  const reply = await ask({ type: 'ui:editMetadata', id: paper.id, ...changes });
  return reply.ok ? { tone: 'done', text: t('metadataSaved') } : { tone: 'error', text: t('metadataNotSaved', sentence(reply.error)) };
}

export async function lookUpAgain(paper: PaperRecord): Promise<FieldStatus> {
  const reply = await ask({ type: 'ui:refreshMetadata', ids: [paper.id] });
  if (!reply.ok) return { tone: 'error', text: sentence(reply.error) };
  const asking = t('askingArxivAgain', paperIdInWords(paper.id));
  return { tone: 'done', text: (paper.userEdited?.length ?? 0) > 0 ? `${asking} ${t('correctionsStayAsTheyAre')}` : asking };
}

export async function copyBibtex(paper: PaperRecord, settings: Settings): Promise<{ tone: 'done' | 'error'; text: string }> {
  try {
    await navigator.clipboard.writeText(entryToBibtex(paper, exportOptionsFrom(settings)));
    return { tone: 'done', text: t('copiedBibtexOf', paperIdInWords(paper.id)) };
  } catch (error) {
    return { tone: 'error', text: t('couldNotCopy', messageOf(error, t('clipboardRefused'))) };
  }
}
