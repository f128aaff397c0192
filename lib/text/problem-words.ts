/**
 * The one way Papershelf turns a schema's complaint or a thrown error into words a reader follows.
 * Zod's own text ("Too big: expected string to have <=2000 characters"), property paths
 * (`papers.0.id`) and exception text (`TypeError: Failed to fetch`) mean nothing to someone
 * triaging papers, so none of them ever reaches a message: a field is named by what a reader
 * calls it, a problem by what is wrong with it, and an error that was not written for a reader is
 * replaced by what the caller was doing.
 */
import type { z } from 'zod';
import { t, type KeyWithValues, type MessageKey } from '../i18n/t';

/**
 * An error whose message was written for a reader (the library's refusals, a tag that is too
 * long, a rule that cannot run in linear time): the only kind whose message is shown as it is.
 */
export class InWordsError extends Error {
  override name = 'InWordsError';
}

/** How a reader names each field Papershelf's schemas know; a field not listed here is never named. */
const FIELD_WORDS: Readonly<Record<string, MessageKey>> = {
  id: 'namedFieldId',
  title: 'namedFieldTitle',
  url: 'namedFieldUrl',
  site: 'namedFieldSite',
  authors: 'namedFieldAuthors',
  authorCount: 'namedFieldAuthorCount',
  abstract: 'namedFieldAbstract',
  publishedAt: 'namedFieldPublishedAt',
  upvotes: 'namedFieldUpvotes',
  primaryCategory: 'namedFieldPrimaryCategory',
  categories: 'namedFieldCategories',
  comments: 'namedFieldComments',
  doi: 'namedFieldDoi',
  journalRef: 'namedFieldJournalRef',
  venue: 'namedFieldVenue',
  year: 'namedFieldYear',
  tags: 'namedFieldTags',
  note: 'namedFieldNote',
  citationKey: 'namedFieldCitationKey',
  savedAt: 'namedFieldSavedAt',
  hiddenAt: 'namedFieldHiddenAt',
  createdAt: 'namedFieldCreatedAt',
  updatedAt: 'namedFieldUpdatedAt',
  exportedAt: 'namedFieldExportedAt',
  lastSeenAt: 'namedFieldLastSeenAt',
  papers: 'namedFieldPapers',
  paper: 'namedFieldPaper',
  rules: 'namedFieldRules',
  pattern: 'namedFieldPattern',
  match: 'namedFieldMatch',
  target: 'namedFieldTarget',
  action: 'namedFieldAction',
  enabled: 'namedFieldEnabled',
  settings: 'namedFieldSettings',
  version: 'namedFieldVersion',
  format: 'namedFieldFormat',
  key: 'namedFieldKey',
  ids: 'namedFieldIds',
  mode: 'namedFieldMode',
  sources: 'namedFieldSources',
  type: 'namedFieldType',
  add: 'namedFieldAdd',
  remove: 'namedFieldRemove',
  from: 'namedFieldFrom',
  to: 'namedFieldTo',
  tag: 'namedFieldTag',
};

/** A field's name in words, or undefined for a field a reader has no name for. */
function fieldWord(field: string): string | undefined {
  const key = Object.hasOwn(FIELD_WORDS, field) ? FIELD_WORDS[field] : undefined;
  return key && t(key);
}

/** Lists whose entries a reader counts from 1: `papers.2` is "paper 3". */
const ENTRY_WORDS: Readonly<Record<string, KeyWithValues>> = {
  papers: 'entryOfPapers',
  rules: 'entryOfRules',
  authors: 'entryOfAuthors',
  tags: 'entryOfTags',
  categories: 'entryOfCategories',
  ids: 'entryOfIds',
  cards: 'entryOfCards',
};

const TYPE_WORDS: Readonly<Record<string, MessageKey>> = {
  string: 'problemIsNotString',
  number: 'problemIsNotNumber',
  int: 'problemIsNotInt',
  boolean: 'problemIsNotBoolean',
  array: 'problemIsNotArray',
  object: 'problemIsNotObject',
  date: 'problemIsNotDate',
};

export interface IssueWordsOptions {
  /**
   * The word before a field named alone: "its" for a card ("its title is empty"), "the" (the
   * default) elsewhere ("the title of paper 3 is empty").
   */
  owner?: 'its' | 'the';
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
      const noun = last && Object.hasOwn(ENTRY_WORDS, last) ? ENTRY_WORDS[last] : undefined;
      const entry = t(noun ?? 'entryOfList', Number(segment) + 1);
      // "paper 3" replaces "paper list": the entry is more precise than the list it is in.
      if (noun && parts.at(-1) === fieldWord(last!)) parts.pop();
      parts.push(entry);
      lastEntry = entry;
      last = undefined;
      continue;
    }
    last = String(segment);
    const word = fieldWord(last);
    // A field with no reader's name is left out rather than shown by its property name.
    if (word) parts.push(word);
  }
  if (parts.length === 0) return path.length > 0 ? t(owner === 'its' ? 'fieldOneOfIts' : 'fieldSome') : undefined;
  const [innermost = '', ...outer] = parts.reverse();
  // An entry is named by its number ("paper 3"), which needs no article.
  const named = innermost === lastEntry ? innermost : undefined;
  if (outer.length === 0) return named ?? t(owner === 'its' ? 'fieldIts' : 'fieldThe', innermost);
  return t('fieldOfOuter', named ?? t('fieldThe', innermost), outer.reduce((inner, next) => t('fieldOfJoin', inner, next)));
}

/**
 * Problems a schema states itself, where Zod's code alone says too little ("is not a DOI" rather
 * than "is not one Papershelf can read"): the schemas (lib/paper/model.ts) give one of these keys as
 * their message, and it is said here like every other problem. Zod's own messages are never shown.
 */
export const SCHEMA_PROBLEMS = {
  citationKeyCharacters: 'problemCitationKeyCharacters',
  notDoi: 'problemNotDoi',
  notArxivCategory: 'problemNotArxivCategory',
  notArxivId: 'problemNotArxivId',
  notPaperId: 'problemNotPaperId',
  notHttpsAddress: 'problemNotHttpsAddress',
  notDay: 'problemNotDay',
} as const satisfies Record<string, MessageKey>;

type SchemaProblem = (typeof SCHEMA_PROBLEMS)[keyof typeof SCHEMA_PROBLEMS];
const SCHEMA_PROBLEM_KEYS: ReadonlySet<string> = new Set<SchemaProblem>(Object.values(SCHEMA_PROBLEMS));

/** What is wrong, as the rest of a sentence about the field ("is longer than 2,000 characters"). */
function problemOf(issue: z.core.$ZodIssue): string {
  if (SCHEMA_PROBLEM_KEYS.has(issue.message)) return t(issue.message as SchemaProblem);
  const amount = (value: unknown) => Number(value).toLocaleString('en');
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return t('problemLongerThan', amount(issue.maximum));
      if (issue.origin === 'array' || issue.origin === 'set') return t('problemMoreEntriesThan', amount(issue.maximum));
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return t('problemLargerThan', amount(issue.maximum));
      return t('problemTooLarge');
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t('problemEmpty') : t('problemShorterThan', amount(issue.minimum));
      if (issue.origin === 'array' || issue.origin === 'set') return Number(issue.minimum) <= 1 ? t('problemEmpty') : t('problemFewerEntriesThan', amount(issue.minimum));
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return t('problemSmallerThan', amount(issue.minimum));
      return t('problemTooSmall');
    case 'invalid_type': {
      // Zod 4 keeps the input out of its issues; its message still says whether there was one.
      if (/received undefined$/.test(issue.message)) return t('problemMissing');
      const expected = TYPE_WORDS[String(issue.expected)];
      return t(expected ?? 'problemUnreadableForm');
    }
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? t('problemUnknownField') : t('problemUnknownFields', issue.keys.length);
    default:
      return t('problemUnreadable');
  }
}

/** One issue in words: "its title is longer than 2,000 characters", "the arXiv id of paper 3 is missing". */
export function issueInWords(issue: z.core.$ZodIssue, options: IssueWordsOptions = {}): string {
  const owner = options.owner ?? 'the';
  const field = fieldOf(issue.path, owner) ?? options.whole ?? t(owner === 'its' ? 'wholeIt' : 'wholeData');
  return t('issueInWords', field, problemOf(issue));
}

/** The first few issues in words, repeats merged, joined with "; ". */
export function issuesInWords(issues: readonly z.core.$ZodIssue[], options: IssueWordsOptions = {}, limit = 3): string {
  const words = [...new Set(issues.map((issue) => issueInWords(issue, options)))];
  const shown = words.slice(0, limit).join('; ');
  return words.length > limit ? t('issuesAndMore', shown, words.length - limit) : shown;
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
  if (name === 'QuotaExceededError' || /quota/i.test(text)) return t('errorStorageFull');
  if (name === 'AbortError' || name === 'TimeoutError') return t('errorTookTooLong');
  // Dexie's name for a database the browser closed under the page (an upgrade in another tab, say).
  if (name === 'DatabaseClosedError') return t('errorDatabaseClosed');
  if (name === 'NotAllowedError' && /clipboard|write/i.test(text)) return t('errorClipboardNotAllowed');
  if (name === 'NotAllowedError') return t('errorNotAllowed');
  if (name === 'TypeError' && /fetch|network/i.test(text)) return t('errorNetwork');
  if (name === 'NetworkError') return t('errorNetwork');
  return fallback;
}
