/**
 * The BibTeX exporter: library papers → a `.bib` file a LaTeX user can compile without editing.
 *
 * Pure and stable: the same entries and options always give the same bytes. The shape follows
 * arXiv's own "Export BibTeX citation" (`@misc` with `eprint`, `archivePrefix`, `primaryClass`,
 * `url`); escaping and case protection are in `latex-escape.ts`, names in `names.ts`.
 *
 * Decisions (golden files in test/fixtures/bibtex/golden/ show each one):
 * - A paper with a venue or a journal reference is `@article` (journal) or `@inproceedings`
 *   (booktitle) and keeps its arXiv fields. A DOI alone does not make an article: we would not
 *   know the journal's name, and `@article` without `journal` makes BibTeX warn. arXiv's own DOIs
 *   (10.48550/arXiv.…) say nothing about publication anyway.
 * - A journal reference with one year in parentheses ("Phys. Rev. D 76, 044016 (2007)") gives
 *   that year to `year`: the published version's year, not the preprint's.
 * - `arxiv-journal` writes the form Google Scholar exports: `@article` with
 *   `journal = {arXiv preprint arXiv:<id>}`. It has to be `@article`: standard styles ignore
 *   `journal` on `@misc`, so the brief's `@misc` + journal would print nothing.
 * - No author names: the `author` field is left out, `key` holds the title (what styles sort an
 *   anonymous work by) and `note = {Author list incomplete}` says so in the bibliography. Some names but fewer than
 *   `authorCount`: the known names and `and others`, BibTeX's "et al.".
 * - Titles are never double-braced whole: the words whose case matters are braced one by one,
 *   so styles can still sentence-case the rest.
 * - Fields in one fixed order, one per line, two-space indent, values in braces, no comma after
 *   the last field; entries separated by one blank line; the file ends with a newline.
 * - Nothing from outside reaches TeX as a command (issue #13): text fields are escaped character
 *   by character, titles keep only math on the allow-list of tex-math.ts, and the fields written
 *   verbatim (key, doi, eprint, url, primaryClass, year) pass their own lists in field-rules.ts.
 *   A DOI that does not is left out with a warning. Abstracts and notes are never written.
 */
import { ArxivCategorySchema, type PaperRecord } from '../paper/model';
import { isCanonicalArxivId, arxivAbsUrl } from '../paper/arxiv-id';
import { arxivIdIn } from '../paper/paper-id';
import { baseCitationKey, keySuffix, memoizedBaseCitationKey, paperYear } from './citation-key';
import { cleanText, escapeLatex, type Substitution } from './latex-escape';
import { ARXIV_URL, CITATION_KEY, DOI, EPRINT, KEY_CHARACTERS, PRIMARY_CLASS, YEAR, checked } from './field-rules';
import { formatAuthorName } from './names';
import { t } from '../i18n/t';

export interface BibVenue {
  kind: 'journal' | 'conference';
  name: string;
}

/**
 * What the exporter needs of a paper: the PaperRecord fields it uses, plus publication data the
 * model may carry later (a PaperRecord can be passed as it is).
 */
export type BibEntryInput = Pick<PaperRecord, 'id' | 'title'> &
  Partial<Pick<PaperRecord, 'authorCount' | 'publishedAt' | 'primaryCategory'>> & {
    authors?: readonly string[];
    tags?: readonly string[];
    /** DOI of the published version (`10.1103/PhysRevD.76.044016`; a doi.org URL is accepted). */
    doi?: string;
    /** arXiv's journal reference, free text ("Phys. Rev. D 76, 044016 (2007)"). */
    journalRef?: string;
    /** Where the paper was published; wins over `journalRef` for the entry type and name. */
    venue?: BibVenue;
    /** The stored key; one is made from author, year and title when absent or unusable. */
    citationKey?: string;
  };

export interface ExportOptions {
  /** `eprint` (default): arXiv's own `@misc` form. `arxiv-journal`: Google Scholar's `@article` form. */
  journalStyle?: 'eprint' | 'arxiv-journal';
  /** Pure ASCII output with LaTeX accents (`{\'e}`); default UTF-8. See latex-escape.ts. */
  ascii?: boolean;
}

export interface ExportWarning {
  /** The paper's arXiv id (as given). */
  id: string;
  kind:
    | 'invalid-id'
    | 'duplicate-paper'
    | 'invalid-key'
    | 'duplicate-key'
    | 'invalid-doi'
    | 'authors-missing'
    | 'authors-incomplete'
    | 'characters';
  /** In words, for the person exporting. */
  message: string;
}

export interface ExportResult {
  text: string;
  /** The key of each exported entry, in file order. */
  keys: string[];
  warnings: ExportWarning[];
}

const FIELD_ORDER = [
  'title',
  'author',
  'key',
  'journal',
  'booktitle',
  'year',
  'eprint',
  'archivePrefix',
  'primaryClass',
  'doi',
  'url',
  'keywords',
  'note',
] as const;
type FieldName = (typeof FIELD_ORDER)[number];
const FIELD_INDEX = new Map<FieldName, number>(FIELD_ORDER.map((name, index) => [name, index]));

/** The DOI to write verbatim, or undefined when it has a character outside field-rules.ts's DOI list. */
function normalizeDoi(raw: string): string | undefined {
  const doi = cleanText(raw)
    .replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
  return DOI.test(doi) ? doi : undefined;
}

/**
 * The journal name and year in a journal reference. A year in parentheses is the publication
 * year; at the end ("Phys. Rev. D 76, 044016 (2007)") it is taken out of the journal text, in the
 * middle ("Adv. Theor. Math. Phys. 2 (1998) 231-252") it stays where it is.
 */
function splitJournalRef(ref: string): { journal: string; year?: string } {
  // Most papers have none; the patterns below find nothing in an empty string either.
  if (ref === '') return { journal: ref };
  const years = [...ref.matchAll(/\(((?:18|19|20)\d\d)\)/g)].map((match) => match[1]);
  // Several years (an erratum, a reprint): we cannot tell which one is meant.
  if (years.length !== 1) return { journal: ref };
  const trailing = /^(.*\S)[\s,]*\((?:18|19|20)\d\d\)\.?$/.exec(ref);
  return { journal: trailing ? trailing[1]!.replace(/,$/, '') : ref, year: years[0] };
}

interface Built {
  text: string;
  warnings: ExportWarning[];
}

/** A result and the substitutions that computing it reported, in order. */
interface Remembered<T> {
  value: T;
  substitutions: readonly Substitution[];
}

/**
 * What one export call remembers between its entries: author names, tags, venue names and
 * categories repeat across a library. Every result depends only on the string and the call's
 * options, which are the same for all entries of the call, so a remembered result is the one a
 * fresh computation would give; the substitutions are replayed into each entry that uses it, so
 * its character warning is unchanged. A memo lives for one call only: nothing outlives it.
 */
interface ExportMemo {
  /** Raw author name → formatted BibTeX name (null for an empty name). */
  authors: Map<string, Remembered<string | null>>;
  /** Tag or venue name → escaped text (both escaped with the same options). */
  escaped: Map<string, Remembered<string>>;
  /** Category → whether it is a valid arXiv category. */
  categories: Map<string, boolean>;
  /** formatAuthorName and escapeLatex with the call's options, made once per call. */
  formatName: (name: string, report: Substitution[]) => string | null;
  escapeField: (text: string, report: Substitution[]) => string;
}

function newMemo(options: ExportOptions): ExportMemo {
  const ascii = options.ascii ?? false;
  return {
    authors: new Map(),
    escaped: new Map(),
    categories: new Map(),
    formatName: (name, report) => formatAuthorName(name, { ascii, report }),
    escapeField: (text, report) => escapeLatex(text, { ascii, report }),
  };
}

/** `compute(text, report)` remembered in `cache`; its substitutions are appended to `report`. */
function remember<T>(
  cache: Map<string, Remembered<T>>,
  text: string,
  report: Substitution[],
  compute: (text: string, report: Substitution[]) => T,
): T {
  let found = cache.get(text);
  if (found === undefined) {
    const substitutions: Substitution[] = [];
    found = { value: compute(text, substitutions), substitutions };
    cache.set(text, found);
  }
  for (const substitution of found.substitutions) report.push(substitution);
  return found.value;
}

function isArxivCategory(category: string, memo: ExportMemo): boolean {
  let valid = memo.categories.get(category);
  if (valid === undefined) {
    valid = ArxivCategorySchema.safeParse(category).success;
    memo.categories.set(category, valid);
  }
  return valid;
}

function buildEntry(entry: BibEntryInput, key: string, options: ExportOptions, memo: ExportMemo): Built {
  const warnings: ExportWarning[] = [];
  const substitutions: Substitution[] = [];
  const ascii = options.ascii ?? false;
  const escape = { ascii, report: substitutions };
  // Field values by their place in FIELD_ORDER.
  const fields: Array<string | undefined> = new Array<string | undefined>(FIELD_ORDER.length).fill(undefined);
  const set = (name: FieldName, value: string | undefined): void => {
    if (value !== undefined && value !== '') fields[FIELD_INDEX.get(name)!] = value;
  };

  set('title', escapeLatex(entry.title, { ascii, report: substitutions, protectCase: true, math: true }));

  const names: string[] = [];
  for (const name of entry.authors ?? []) {
    const formatted = remember(memo.authors, name, substitutions, memo.formatName);
    if (formatted !== null) names.push(formatted);
  }
  const authorList = names.join(' and ');
  const named = names.length;
  if (named === 0) {
    set('note', 'Author list incomplete');
    // Styles sort by author, else by `key` (plain.bst warns "need author or key" without one);
    // an anonymous work is filed under its title.
    set('key', escapeLatex(entry.title, { ascii: escape.ascii }));
    warnings.push({
      id: entry.id,
      kind: 'authors-missing',
      message: entry.authorCount ? t('exportWarnAuthorsMissingCount', entry.id, entry.authorCount) : t('exportWarnAuthorsMissing', entry.id),
    });
  } else if (entry.authorCount !== undefined && entry.authorCount > named) {
    set('author', `${authorList} and others`);
    warnings.push({
      id: entry.id,
      kind: 'authors-incomplete',
      message: t('exportWarnAuthorsIncomplete', entry.id, named, entry.authorCount),
    });
  } else {
    set('author', authorList);
  }

  let type: 'misc' | 'article' | 'inproceedings' = 'misc';
  const venueName = entry.venue ? remember(memo.escaped, entry.venue.name, substitutions, memo.escapeField) : '';
  const journalRef = splitJournalRef(entry.journalRef ? cleanText(entry.journalRef) : '');
  if (entry.venue && venueName !== '') {
    type = entry.venue.kind === 'conference' ? 'inproceedings' : 'article';
    set(entry.venue.kind === 'conference' ? 'booktitle' : 'journal', venueName);
  } else if (journalRef.journal !== '') {
    type = 'article';
    set('journal', escapeLatex(journalRef.journal, escape));
  } else if (options.journalStyle === 'arxiv-journal') {
    type = 'article';
    set('journal', `arXiv preprint arXiv:${entry.id}`);
  }
  // The published version's year when the journal reference tells it, else the preprint's.
  const year = journalRef.year ?? paperYear(entry);
  if (year !== undefined) set('year', checked(YEAR, year, 'year'));

  set('eprint', checked(EPRINT, entry.id, 'eprint'));
  set('archivePrefix', 'arXiv');
  // Old-style ids name their archive (hep-th/9901001); that is what arXiv exports as primaryClass.
  const category = entry.primaryCategory ?? /^([a-z-]+)\//.exec(entry.id)?.[1];
  if (category !== undefined && isArxivCategory(category, memo)) set('primaryClass', checked(PRIMARY_CLASS, category, 'primaryClass'));

  if (entry.doi !== undefined) {
    const doi = normalizeDoi(entry.doi);
    if (doi) set('doi', doi);
    else {
      warnings.push({
        id: entry.id,
        kind: 'invalid-doi',
        message: t('exportWarnInvalidDoi', entry.id, entry.doi),
      });
    }
  }
  set('url', checked(ARXIV_URL, arxivAbsUrl(entry.id), 'url'));

  const keywords: string[] = [];
  for (const tag of entry.tags ?? []) {
    const escaped = remember(memo.escaped, tag, substitutions, memo.escapeField);
    // biblatex splits keywords at commas outside braces, and many importers (ours included) at
    // semicolons too: a tag holding either is braced whole.
    const keyword = /[,;]/.test(escaped) ? `{${escaped}}` : escaped;
    if (keyword !== '' && !keywords.includes(keyword)) keywords.push(keyword);
  }
  set('keywords', keywords.join(', '));

  if (substitutions.length > 0) warnings.push(characterWarning(entry.id, substitutions));

  // Joined from parts into one flat string: the entry's text is kept until the whole file is
  // joined, and a flat string is much less for the garbage collector to copy than a tree of
  // concatenations.
  const parts: string[] = ['@', type, '{', checked(KEY_CHARACTERS, key, 'citation key'), ',\n'];
  let first = true;
  for (let index = 0; index < FIELD_ORDER.length; index++) {
    const value = fields[index];
    if (value === undefined) continue;
    parts.push(first ? '  ' : ',\n  ', FIELD_ORDER[index]!, ' = {', value, '}');
    first = false;
  }
  parts.push('\n}\n');
  return { text: parts.join(''), warnings };
}

function characterWarning(id: string, substitutions: Substitution[]): ExportWarning {
  const list = (kind: Substitution['kind']): string =>
    [...new Set(substitutions.filter((s) => s.kind === kind).map((s) => s.char))].join(' ');
  const parts: string[] = [];
  const unmapped = list('unmapped');
  const approximated = list('approximated');
  const dropped = list('dropped');
  if (unmapped) parts.push(t('exportWarnCharsUnmapped', unmapped));
  if (approximated) parts.push(t('exportWarnCharsApproximated', approximated));
  if (dropped) parts.push(t('exportWarnCharsDropped', dropped));
  return { id, kind: 'characters', message: t('exportWarnCharacters', id, parts.join('; ')) };
}

/**
 * One entry. Its key is `entry.citationKey` when that is a valid key, else a fresh one (no other
 * keys taken). Throws a RangeError when `entry.id` is not a canonical arXiv id.
 */
export function entryToBibtex(tagged: BibEntryInput, options: ExportOptions = {}): string {
  const entry = withArxivId(tagged);
  if (!isCanonicalArxivId(entry.id)) throw new RangeError(`not a canonical arXiv id: ${JSON.stringify(entry.id)}`);
  const key = entry.citationKey !== undefined && CITATION_KEY.test(entry.citationKey) ? entry.citationKey : baseCitationKey(entry);
  return buildEntry(entry, key, options, newMemo(options)).text;
}

/**
 * The whole file and what went wrong on the way. Entries keep their order; an entry whose id is
 * not a canonical arXiv id, or that repeats an earlier id, is skipped. Keys are unique in the file,
 * compared case-insensitively as BibTeX does: stored keys are kept (in order of appearance), a
 * repeated or invalid stored key and missing ones get a made key with a suffix past those taken.
 */
export function exportBibtexWithReport(entries: readonly BibEntryInput[], options: ExportOptions = {}): ExportResult {
  const warnings: ExportWarning[] = [];
  const seenIds = new Set<string>();
  const kept: BibEntryInput[] = [];
  for (const entry of entries.map(withArxivId)) {
    if (!isCanonicalArxivId(entry.id)) {
      warnings.push({ id: entry.id, kind: 'invalid-id', message: t('exportWarnInvalidId', entry.id) });
    } else if (seenIds.has(entry.id)) {
      warnings.push({ id: entry.id, kind: 'duplicate-paper', message: t('exportWarnDuplicatePaper', entry.id) });
    } else {
      seenIds.add(entry.id);
      kept.push(entry);
    }
  }

  const baseKey = memoizedBaseCitationKey();
  const taken = new Set<string>();
  const isTaken = (key: string): boolean => taken.has(key.toLowerCase());
  // What disambiguateKey(base, isTaken) gives: the first free of base, basea, baseb, … Probing from
  // the start every time is quadratic when many papers share a base (same first author, year and
  // first title word). Keys are only ever added to `taken`, so a candidate once found taken stays
  // taken: each base resumes at the candidate it returned last.
  const probed = new Map<string, number>();
  const freeKey = (base: string): string => {
    for (let n = probed.get(base) ?? 0; ; n++) {
      const candidate = n === 0 ? base : base + keySuffix(n);
      if (!isTaken(candidate)) {
        probed.set(base, n);
        return candidate;
      }
    }
  };
  const keys: Array<string | undefined> = kept.map((entry) => {
    const stored = entry.citationKey;
    if (stored === undefined) return undefined;
    if (!CITATION_KEY.test(stored)) {
      warnings.push({ id: entry.id, kind: 'invalid-key', message: t('exportWarnInvalidKey', entry.id, stored) });
      return undefined;
    }
    if (isTaken(stored)) return undefined;
    taken.add(stored.toLowerCase());
    return stored;
  });
  const finalKeys = kept.map((entry, index) => {
    const existing = keys[index];
    if (existing !== undefined) return existing;
    const stored = entry.citationKey;
    const repeated = stored !== undefined && CITATION_KEY.test(stored);
    const key = freeKey(repeated ? stored : baseKey(entry));
    if (repeated) {
      warnings.push({ id: entry.id, kind: 'duplicate-key', message: t('exportWarnDuplicateKey', entry.id, stored, key) });

    }
    taken.add(key.toLowerCase());
    return key;
  });

  const memo = newMemo(options);
  const texts = kept.map((entry, index) => {
    const built = buildEntry(entry, finalKeys[index]!, options, memo);
    warnings.push(...built.warnings);
    return built.text;
  });
  return { text: texts.join('\n'), keys: finalKeys, warnings };
}

/** The `.bib` file for `entries` (see {@link exportBibtexWithReport} for the warnings). */
export function exportBibtex(entries: readonly BibEntryInput[], options: ExportOptions = {}): string {
  return exportBibtexWithReport(entries, options).text;
}

/**
 * The entry under its arXiv id, which is what BibTeX's eprint, url and warnings name: a record's
 * PaperId (`arxiv:2409.12345`) or a bare arXiv id gives it; anything else is left to be refused.
 */
function withArxivId(entry: BibEntryInput): BibEntryInput {
  const id = arxivIdIn(entry.id);
  return id === null || id === entry.id ? entry : { ...entry, id };
}
