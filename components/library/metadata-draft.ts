import type { PaperRecord } from '../../lib/paper/model';
import { fieldsInWords } from '../paper-text';
import { t } from '../../lib/i18n/t';

/** The "Correct the metadata" form as typed: authors one per line. */
export interface MetadataDraft {
  title: string;
  authors: string;
  publishedAt: string;
}

/** What `ui:editMetadata` is sent: only the fields the user changed. */
export interface MetadataChanges {
  title?: string;
  authors?: string[];
  publishedAt?: string;
}

export type DraftCheck = { ok: true; changes: MetadataChanges; count: number } | { ok: false; reason: string };

export function draftOf(paper: Pick<PaperRecord, 'title' | 'authors' | 'publishedAt'>): MetadataDraft {
  return { title: paper.title, authors: paper.authors.join('\n'), publishedAt: paper.publishedAt ?? '' };
}

const WHITESPACE_RUNS = /\s+/g;
const tidy = (text: string) => text.replace(WHITESPACE_RUNS, ' ').trim();

/**
 * The fields of the draft that differ from the paper, tidied as the repository will store them.
 * Only those are sent: a field sent becomes the user's for good (enrichment stops correcting it),
 * so a form saved after changing the title must not take the date over too. The checks here are
 * the ones a user needs at once; the background checks again (a date that does not exist, the
 * length limits) and says so in words.
 */
export function metadataChanges(paper: Pick<PaperRecord, 'title' | 'authors' | 'publishedAt'>, draft: MetadataDraft): DraftCheck {
  const changes: MetadataChanges = {};
  const title = tidy(draft.title);
  if (title === '') return { ok: false, reason: t('titleCannotBeEmpty') };
  if (title !== paper.title) changes.title = title;

  const authors = draft.authors.split('\n').map(tidy).filter((name) => name !== '');
  if (authors.length === 0) return { ok: false, reason: t('nameAtLeastOneAuthor') };
  if (authors.length !== paper.authors.length || authors.some((name, index) => name !== paper.authors[index])) changes.authors = authors;

  const date = draft.publishedAt.trim();
  if (date === '' && paper.publishedAt !== undefined) return { ok: false, reason: t('dateCannotBeRemoved') };
  if (date !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { ok: false, reason: t('writeDateAsIso') };
  if (date !== '' && date !== paper.publishedAt) changes.publishedAt = date;

  return { ok: true, changes, count: Object.keys(changes).length };
}

/** "title and authors": the fields the user corrected by hand, in words; empty when none. */
export function editedByHand(paper: Pick<PaperRecord, 'userEdited'>): string {
  return fieldsInWords(paper.userEdited ?? []);
}
