import { paperPageUrl } from '../lib/paper/paper-id';
import type { MissingField } from '../lib/metadata/completeness';
import type { PaperRecord } from '../lib/paper/model';
import { SITES } from '../lib/paper/sites';
import { t, type MessageKey } from '../lib/i18n/t';

/**
 * The page the user saved it from when known (the site's adapter wrote it, lib/sites `paperUrl`),
 * by the sites' order of preference; else its page at the registry of its id (arXiv).
 */
export function paperLink(paper: Pick<PaperRecord, 'id' | 'sources'>): string {
  for (const site of SITES) {
    const url = paper.sources[site];
    if (url) return url;
  }
  return paperPageUrl(paper.id);
}

/** For a narrow row: one or two names, else the first with "et al.". */
export function shortAuthors(paper: Pick<PaperRecord, 'authors' | 'authorCount'>): string {
  const { authors } = paper;
  const total = Math.max(authors.length, paper.authorCount ?? 0);
  if (authors.length === 0) return total ? t('authorCount', total) : t('authorsUnknown');
  if (total === 1) return authors[0]!;
  if (total === 2 && authors.length === 2) return t('twoAuthors', authors[0]!, authors[1]!);
  return t('authorEtAl', authors[0]!);
}

/** Where the paper stands, in words, for views that mix saved and hidden papers. */
export function paperStateWords(paper: Pick<PaperRecord, 'savedAt' | 'hiddenAt'>): string {
  if (paper.savedAt !== undefined && paper.hiddenAt !== undefined) return t('stateSavedHidden');
  if (paper.savedAt !== undefined) return t('stateSaved');
  if (paper.hiddenAt !== undefined) return t('stateHidden');
  return t('stateNotSaved');
}

/** Record fields as the user reads them (the metadata editor, MetadataSection, the rows' "incomplete" note). */
const FIELD_WORDS: Readonly<Record<string, MessageKey>> = {
  title: 'fieldTitle',
  authors: 'fieldAuthors',
  publishedAt: 'fieldDate',
  abstract: 'fieldAbstract',
  primaryCategory: 'fieldCategory',
};

/** "a", "a and b", "a, b and c". */
export function listInWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return t('listAnd', words.slice(0, -1).join(', '), words[words.length - 1]!);
}

/** A missing `title` (missingFields) is one a card may have cut short. */
const MISSING_WORDS: Readonly<Record<string, MessageKey>> = { ...FIELD_WORDS, title: 'fieldFullTitle' };

/** "title, authors and date": fields named by their words; empty when none. */
export function fieldsInWords(fields: readonly string[], words: Readonly<Record<string, MessageKey>> = FIELD_WORDS): string {
  return listInWords(fields.map((field) => (words[field] ? t(words[field]) : field)));
}

/** What missingFields reports, in words. */
export function missingInWords(missing: readonly MissingField[]): string {
  return fieldsInWords(missing, MISSING_WORDS);
}
