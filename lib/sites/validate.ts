import { issueInWords } from '../text/problem-words';
import { t } from '../i18n/t';
import { PaperInputSchema, type PaperInput } from '../paper/model';

/** Fields a paper can lose without being lost itself. */
const OPTIONAL_FIELDS: ReadonlySet<string> = new Set(['authors', 'authorCount', 'abstract', 'publishedAt', 'upvotes', 'primaryCategory', 'categories', 'comments']);

/**
 * Validates what an adapter read. When only optional fields are wrong (an oversized abstract in a
 * page's data, say), they are dropped and the paper is kept: id and title are what the user needs.
 * Returns the reason in words when the paper itself is not valid.
 */
export function validatePaper(paper: PaperInput): PaperInput | string {
  const first = PaperInputSchema.safeParse(paper);
  if (first.success) return first.data;
  const badFields = new Set(first.error.issues.map((issue) => String(issue.path[0])));
  if (![...badFields].every((field) => OPTIONAL_FIELDS.has(field))) {
    const required = first.error.issues.filter((issue) => !OPTIONAL_FIELDS.has(String(issue.path[0])));
    return [...new Set(required.map((issue) => issueInWords(issue, { owner: 'its' })))].join('; ');
  }
  const trimmed: Record<string, unknown> = { ...paper };
  for (const field of badFields) delete trimmed[field];
  const second = PaperInputSchema.safeParse(trimmed);
  return second.success ? second.data : t('cardDataInconsistent');
}
