import type { PaperRecord } from '../paper/model';
import { hasAbstract } from '../paper/without-abstract';

/** What enrichment can add to a record; the UI shows a paper with any of these as incomplete. */
export type MissingField = 'title' | 'authors' | 'publishedAt' | 'primaryCategory' | 'abstract';

/**
 * The fields a citation or the library still lacks, in a stable order:
 * - `title` when a card may have cut it short (a page's title ending with an ellipsis);
 * - `authors` when no name is known, or fewer names than the card's "N authors";
 * - `publishedAt` when unknown, or when it may be the day Hugging Face featured the paper rather
 *   than arXiv's v1 date: it came from a page (no API confirmed it) and the paper was seen on HF;
 * - `primaryCategory`: every arXiv paper has one, and BibTeX's `primaryClass` needs it;
 * - `abstract`: listing cards often show none.
 * DOI, journal reference and venue are not "missing": most preprints have none.
 */
export function missingFields(record: PaperRecord): MissingField[] {
  const missing: MissingField[] = [];
  if (mayBeTruncatedTitle(record)) missing.push('title');
  if (record.authors.length === 0 || (record.authorCount ?? 0) > record.authors.length) missing.push('authors');
  if (!record.publishedAt || mayBeFeaturedDate(record)) missing.push('publishedAt');
  if (!record.primaryCategory) missing.push('primaryCategory');
  if (!hasAbstract(record)) missing.push('abstract');
  return missing;
}

export function isComplete(record: PaperRecord): boolean {
  return missingFields(record).length === 0;
}

function mayBeFeaturedDate(record: PaperRecord): boolean {
  const source = record.fieldSources?.publishedAt;
  return (source === undefined || source === 'page') && record.sources.huggingface !== undefined;
}

function mayBeTruncatedTitle(record: PaperRecord): boolean {
  const source = record.fieldSources?.title;
  return (source === undefined || source === 'page') && /(?:…|\.\.\.)$/.test(record.title.trim());
}
