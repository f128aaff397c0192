import type { z } from 'zod';
import { PaperInputSchema, type PaperInput } from '../paper/model';

/** Fields a paper can lose without being lost itself. */
const OPTIONAL_FIELDS: ReadonlySet<string> = new Set(['authors', 'authorCount', 'abstract', 'publishedAt', 'upvotes', 'primaryCategory', 'categories', 'comments']);

/** How a reader names each required field (the card shows the reason). */
const FIELD_WORDS: Readonly<Record<string, string>> = { id: 'arXiv id', title: 'title', url: 'link', site: 'site' };

/** A schema's complaint about a required field, in words a reader follows (never Zod's own text). */
function inWords(issue: z.core.$ZodIssue): string {
  const field = FIELD_WORDS[String(issue.path[0])] ?? 'data';
  if (issue.code === 'too_big') return `its ${field} is longer than ${Number(issue.maximum).toLocaleString('en')} characters`;
  if (issue.code === 'too_small') return `its ${field} is empty`;
  if (issue.code === 'invalid_type') return `it has no ${field}`;
  return `its ${field} is not one Papershelf can read`;
}

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
    return [...new Set(required.map(inWords))].join('; ');
  }
  const trimmed: Record<string, unknown> = { ...paper };
  for (const field of badFields) delete trimmed[field];
  const second = PaperInputSchema.safeParse(trimmed);
  return second.success ? second.data : 'what the page says about it does not hold together';
}
