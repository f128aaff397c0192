/**
 * The one way Papershelf turns a schema's complaint or a thrown error into words a reader follows.
 * Zod's own text ("Too big: expected string to have <=2000 characters"), property paths
 * (`papers.0.id`) and exception text (`TypeError: Failed to fetch`) mean nothing to someone
 * triaging papers, so none of them ever reaches a message: a field is named by what a reader
 * calls it, a problem by what is wrong with it, and an error that was not written for a reader is
 * replaced by what the caller was doing.
 */
import type { z } from 'zod';

/**
 * An error whose message was written for a reader (the library's refusals, a tag that is too
 * long, a rule that cannot run in linear time): the only kind whose message is shown as it is.
 */
export class InWordsError extends Error {
  override name = 'InWordsError';
}

/** How a reader names each field Papershelf's schemas know; a field not listed here is never named. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  id: 'arXiv id',
  title: 'title',
  url: 'link',
  site: 'site',
  authors: 'author list',
  authorCount: 'number of authors',
  abstract: 'abstract',
  publishedAt: 'publication date',
  upvotes: 'upvote count',
  primaryCategory: 'primary category',
  categories: 'category list',
  comments: 'comments',
  doi: 'DOI',
  journalRef: 'journal reference',
  venue: 'venue',
  year: 'year',
  tags: 'tag list',
  note: 'note',
  citationKey: 'citation key',
  savedAt: 'date saved',
  hiddenAt: 'date hidden',
  createdAt: 'creation date',
  updatedAt: 'date of the last change',
  exportedAt: 'export date',
  lastSeenAt: 'date last seen',
  papers: 'paper list',
  paper: 'paper',
  rules: 'rule list',
  pattern: 'pattern',
  match: 'kind of match',
  target: 'field to match',
  action: 'action',
  enabled: 'on/off switch',
  settings: 'settings',
  version: 'version',
  format: 'format',
  key: 'key',
  ids: 'list of arXiv ids',
  mode: 'import mode',
  sources: 'link to a page it was seen on',
  type: 'kind of request',
  add: 'list of tags to add',
  remove: 'list of tags to remove',
  from: 'tag to rename',
  to: 'new tag name',
  tag: 'tag',
};

/** Lists whose entries a reader counts from 1: `papers.2` is "paper 3". */
const ENTRY_WORDS: Readonly<Record<string, string>> = {
  papers: 'paper',
  rules: 'rule',
  authors: 'author',
  tags: 'tag',
  categories: 'category',
  ids: 'arXiv id',
  cards: 'card',
};

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a record',
  date: 'a date',
};

export interface IssueWordsOptions {
  /**
   * The word before a field named alone: "its" for a card ("its title is empty"), "the" (the
   * default) elsewhere ("the title of paper 3 is empty").
   */
  owner?: string;
  /** What a complaint about the whole value is about ("the file", "the request"). */
  whole?: string;
}

/** The field an issue is about, in words: "its title", "the title of paper 3", or undefined for the whole value. */
function fieldOf(path: readonly PropertyKey[], owner: string): string | undefined {
  const parts: string[] = [];
  let last: string | undefined;
  let lastEntry: string | undefined;
  for (const segment of path) {
    if (typeof segment === 'number' || /^\d+$/.test(String(segment))) {
      const noun = last ? ENTRY_WORDS[last] : undefined;
      const entry = `${noun ?? 'entry'} ${Number(segment) + 1}`;
      // "paper 3" replaces "paper list": the entry is more precise than the list it is in.
      if (noun && parts.at(-1) === FIELD_WORDS[last!]) parts.pop();
      parts.push(entry);
      lastEntry = entry;
      last = undefined;
      continue;
    }
    last = String(segment);
    const word = FIELD_WORDS[last];
    // A field with no reader's name is left out rather than shown by its property name.
    if (word) parts.push(word);
  }
  if (parts.length === 0) return path.length > 0 ? (owner === 'its' ? 'one of its fields' : 'a field') : undefined;
  const [innermost, ...outer] = parts.reverse();
  // An entry is named by its number ("paper 3"), which needs no article.
  const named = innermost === lastEntry ? innermost : undefined;
  if (outer.length === 0) return named ?? `${owner} ${innermost}`;
  return `${named ?? `the ${innermost}`} of ${outer.join(' of ')}`;
}

/** What is wrong, as the rest of a sentence about the field ("is longer than 2,000 characters"). */
function problemOf(issue: z.core.$ZodIssue): string {
  const amount = (value: unknown) => Number(value).toLocaleString('en');
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `is longer than ${amount(issue.maximum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `has more than ${amount(issue.maximum)} entries`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return `is larger than ${amount(issue.maximum)}`;
      return 'is too large';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'is empty' : `is shorter than ${amount(issue.minimum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return Number(issue.minimum) <= 1 ? 'is empty' : `has fewer than ${amount(issue.minimum)} entries`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return `is smaller than ${amount(issue.minimum)}`;
      return 'is too small';
    case 'invalid_type': {
      // Zod 4 keeps the input out of its issues; its message still says whether there was one.
      if (/received undefined$/.test(issue.message)) return 'is missing';
      const expected = TYPE_WORDS[String(issue.expected)];
      return expected ? `is not ${expected}` : 'is not in a form Papershelf can read';
    }
    case 'unrecognized_keys':
      return `holds ${issue.keys.length === 1 ? 'a field' : `${issue.keys.length} fields`} Papershelf does not know`;
    default:
      return 'is not one Papershelf can read';
  }
}

/** One issue in words: "its title is longer than 2,000 characters", "the arXiv id of paper 3 is missing". */
export function issueInWords(issue: z.core.$ZodIssue, options: IssueWordsOptions = {}): string {
  const owner = options.owner ?? 'the';
  const field = fieldOf(issue.path, owner) ?? options.whole ?? (owner === 'its' ? 'it' : 'the data');
  return `${field} ${problemOf(issue)}`;
}

/** The first few issues in words, repeats merged, joined with "; ". */
export function issuesInWords(issues: readonly z.core.$ZodIssue[], options: IssueWordsOptions = {}, limit = 3): string {
  const words = [...new Set(issues.map((issue) => issueInWords(issue, options)))];
  const shown = words.slice(0, limit).join('; ');
  return words.length > limit ? `${shown}; and ${words.length - limit} more` : shown;
}

/**
 * A thrown error in words. Only an InWordsError's message is shown as it is; storage and network
 * failures are named; anything else becomes `fallback`, what the caller was doing when it failed
 * ("the file could not be read"), because the exception's own text is for developers (it goes to
 * the console, never to the page).
 */
export function errorInWords(error: unknown, fallback: string): string {
  if (error instanceof InWordsError) return error.message;
  // DOMException (IndexedDB, clipboard) is an Error in every browser Papershelf runs in.
  const name = error instanceof Error ? error.name : '';
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (name === 'QuotaExceededError' || /quota/i.test(text)) return 'the browser says its storage is full';
  if (name === 'AbortError' || name === 'TimeoutError') return 'it took too long and was stopped';
  // Dexie's name for a database the browser closed under the page (an upgrade in another tab, say).
  if (name === 'DatabaseClosedError') return 'the database was closed; reload this page';
  if (name === 'NotAllowedError' && /clipboard|write/i.test(text)) return 'the browser did not allow access to the clipboard';
  if (name === 'NotAllowedError') return 'the browser did not allow it';
  if (name === 'TypeError' && /fetch|network/i.test(text)) return 'the network could not be reached';
  if (name === 'NetworkError') return 'the network could not be reached';
  return fallback;
}
