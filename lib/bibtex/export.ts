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
import { cleanText, escapeLatex, type EscapeOptions, type Substitution } from './latex-escape';
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
/**
 * What comes before each field's value, by its place in FIELD_ORDER: the first field written
 * opens the entry's body, every later one closes the field before it. Every entry has at least
 * `eprint`, `archivePrefix` and `url`, so the last field is always closed by ENTRY_END.
 */
const FIRST_FIELD = FIELD_ORDER.map((name) => `  ${name} = {`);
const NEXT_FIELD = FIELD_ORDER.map((name) => `},\n  ${name} = {`);
const ENTRY_END = '}\n}\n';
type FieldName = (typeof FIELD_ORDER)[number];
/** Each field's place in FIELD_ORDER. */
const FIELD = Object.fromEntries(FIELD_ORDER.map((name, index) => [name, index])) as Record<FieldName, number>;
/** How many parts an entry's text has before its first field: `@type{`, the key and `,\n`. */
const HEAD_PARTS = 3;

/** The DOI to write verbatim, or undefined when it has a character outside field-rules.ts's DOI list. */
function normalizeDoi(raw: string): string | undefined {
  const doi = cleanText(raw)
    .replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
  return DOI.test(doi) ? doi : undefined;
}

/**
 * The journal name and year in a journal reference (one line, as cleanText leaves it). A year in
 * parentheses is the publication year; at the end ("Phys. Rev. D 76, 044016 (2007)", a final
 * full stop allowed) it is taken out of the journal text with the spaces and a comma before it,
 * in the middle ("Adv. Theor. Math. Phys. 2 (1998) 231-252") it stays where it is.
 */
export function splitJournalRef(ref: string): { journal: string; year?: string } {
  // Most papers have none; the patterns below find nothing in an empty string either.
  if (ref === '') return { journal: ref };
  const years = [...ref.matchAll(/\(((?:18|19|20)\d\d)\)/g)].map((match) => match[1]);
  // Several years (an erratum, a reprint): we cannot tell which one is meant.
  if (years.length !== 1) return { journal: ref };
  // The journal is what comes before the final "(YYYY)" and the whitespace before it, and must end
  // with something else. Found by walking back from the end: a pattern with a leading `.*` tries
  // every split of a long run of commas and spaces, quadratic in the reference's length.
  const yearEnd = ref.endsWith('.') ? ref.length - 1 : ref.length;
  const yearStart = yearEnd - '(2007)'.length;
  if (yearStart < 0 || !YEAR_IN_PARENTHESES.test(ref.slice(yearStart, yearEnd))) return { journal: ref, year: years[0] };
  let journalEnd = yearStart;
  while (journalEnd > 0 && WHITESPACE.test(ref[journalEnd - 1]!)) journalEnd--;
  return { journal: journalEnd > 0 ? ref.slice(0, journalEnd).replace(/,$/, '') : ref, year: years[0] };
}

const YEAR_IN_PARENTHESES = /^\((?:18|19|20)\d\d\)$/;
const WHITESPACE = /^\s$/;

/** A result whose computation reported substitutions, remembered with them (in order). */
class WithSubstitutions<T> {
  constructor(
    readonly value: T,
    readonly substitutions: readonly Substitution[],
  ) {}
}

/**
 * What one export call shares between its entries. Author names, tags, venue names and
 * categories repeat across a library: their results are remembered. Every result depends only on
 * the string and the call's options, which are the same for all entries of the call, so a
 * remembered result is the one a fresh computation would give; its substitutions are replayed
 * into each entry that uses it, so the entry's character warning is unchanged. A result without
 * substitutions (nearly all) is remembered as it is. Nothing outlives the call.
 */
class ExportCall {
  /** Raw author name → formatted BibTeX name (null for an empty name). */
  readonly authors = new Map<string, string | null | WithSubstitutions<string | null>>();
  /** Tag or venue name → escaped text (both escaped with the same options). */
  readonly escaped = new Map<string, string | WithSubstitutions<string>>();
  /** Category → whether it is a valid arXiv category. */
  private readonly categories = new Map<string, boolean>();
  /**
   * The substitutions of the entry being built, emptied after each: one array for the whole call
   * (escapeLatex and formatAuthorName append to the `report` of the option objects below).
   */
  readonly substitutions: Substitution[] = [];
  readonly ascii: boolean;
  readonly text: EscapeOptions;
  readonly title: EscapeOptions;
  /** The anonymous work's `key` field: its substitutions are the title's, reported once. */
  readonly unreported: EscapeOptions;
  readonly formatName = (name: string): string | null => formatAuthorName(name, this.text);
  readonly escapeField = (text: string): string => escapeLatex(text, this.text);

  constructor(readonly options: ExportOptions) {
    this.ascii = options.ascii ?? false;
    this.text = { ascii: this.ascii, report: this.substitutions };
    this.title = { ascii: this.ascii, report: this.substitutions, protectCase: true, math: true };
    this.unreported = { ascii: this.ascii };
  }

  isArxivCategory(category: string): boolean {
    let valid = this.categories.get(category);
    if (valid === undefined) {
      valid = ArxivCategorySchema.safeParse(category).success;
      this.categories.set(category, valid);
    }
    return valid;
  }

  /** `compute(text)` remembered in `cache`; the substitutions it reports land in {@link substitutions}. */
  remember<T>(cache: Map<string, T | WithSubstitutions<T>>, text: string, compute: (text: string) => T): T {
    const found = cache.get(text);
    if (found === undefined) {
      const before = this.substitutions.length;
      const value = compute(text);
      cache.set(text, this.substitutions.length === before ? value : new WithSubstitutions(value, this.substitutions.slice(before)));
      return value;
    }
    if (!(found instanceof WithSubstitutions)) return found;
    for (const substitution of found.substitutions) this.substitutions.push(substitution);
    return found.value;
  }
}

/** Appends field `index` with `value` to an entry's parts (nothing for an empty value). */
function addField(parts: string[], index: number, value: string | undefined): void {
  if (value !== undefined && value !== '') parts.push(parts.length === HEAD_PARTS ? FIRST_FIELD[index]! : NEXT_FIELD[index]!, value);
}

const ENTRY_HEAD = { misc: '@misc{', article: '@article{', inproceedings: '@inproceedings{' } as const;
/** The head of an entry after the first: the blank line between entries comes with it. */
const NEXT_ENTRY_HEAD = { misc: '\n@misc{', article: '\n@article{', inproceedings: '\n@inproceedings{' } as const;

/**
 * One entry's text, after a blank line unless it is the file's `first`; its warnings are appended
 * to `warnings`. `id` is the entry's canonical arXiv id (see {@link exportId}), which may differ
 * from `entry.id` (a tagged PaperId).
 */
function buildEntry(entry: BibEntryInput, id: string, key: string, call: ExportCall, warnings: ExportWarning[], first: boolean): string {
  const substitutions = call.substitutions;
  const title = escapeLatex(entry.title, call.title);

  const names: string[] = [];
  for (const name of entry.authors ?? []) {
    const formatted = call.remember(call.authors, name, call.formatName);
    if (formatted !== null) names.push(formatted);
  }
  const named = names.length;
  let author: string | undefined;
  let anonymousKey: string | undefined;
  let note: string | undefined;
  if (named === 0) {
    note = 'Author list incomplete';
    // Styles sort by author, else by `key` (plain.bst warns "need author or key" without one);
    // an anonymous work is filed under its title.
    anonymousKey = escapeLatex(entry.title, call.unreported);
    warnings.push({
      id,
      kind: 'authors-missing',
      message: entry.authorCount ? t('exportWarnAuthorsMissingCount', id, entry.authorCount) : t('exportWarnAuthorsMissing', id),
    });
  } else if (entry.authorCount !== undefined && entry.authorCount > named) {
    author = `${names.join(' and ')} and others`;
    warnings.push({
      id,
      kind: 'authors-incomplete',
      message: t('exportWarnAuthorsIncomplete', id, named, entry.authorCount),
    });
  } else {
    author = names.join(' and ');
  }

  let type: keyof typeof ENTRY_HEAD = 'misc';
  let journal: string | undefined;
  let booktitle: string | undefined;
  const venueName = entry.venue ? call.remember(call.escaped, entry.venue.name, call.escapeField) : '';
  const journalRef = entry.journalRef ? splitJournalRef(cleanText(entry.journalRef)) : NO_JOURNAL_REF;
  if (entry.venue && venueName !== '') {
    type = entry.venue.kind === 'conference' ? 'inproceedings' : 'article';
    if (entry.venue.kind === 'conference') booktitle = venueName;
    else journal = venueName;
  } else if (journalRef.journal !== '') {
    type = 'article';
    journal = escapeLatex(journalRef.journal, call.text);
  } else if (call.options.journalStyle === 'arxiv-journal') {
    type = 'article';
    journal = `arXiv preprint arXiv:${id}`;
  }
  // The published version's year when the journal reference tells it, else the preprint's.
  const year = journalRef.year ?? paperYear(entry);

  // Old-style ids name their archive (hep-th/9901001); that is what arXiv exports as primaryClass.
  const category = entry.primaryCategory ?? /^([a-z-]+)\//.exec(id)?.[1];
  const primaryClass = category !== undefined && call.isArxivCategory(category) ? checked(PRIMARY_CLASS, category, 'primaryClass') : undefined;

  let doi: string | undefined;
  if (entry.doi !== undefined) {
    doi = normalizeDoi(entry.doi);
    if (!doi) {
      warnings.push({
        id,
        kind: 'invalid-doi',
        message: t('exportWarnInvalidDoi', id, entry.doi),
      });
    }
  }

  let keywords: string | undefined;
  if (entry.tags !== undefined && entry.tags.length > 0) {
    const list: string[] = [];
    for (const tag of entry.tags) {
      const escaped = call.remember(call.escaped, tag, call.escapeField);
      // biblatex splits keywords at commas outside braces, and many importers (ours included) at
      // semicolons too: a tag holding either is braced whole.
      const keyword = /[,;]/.test(escaped) ? `{${escaped}}` : escaped;
      if (keyword !== '' && !list.includes(keyword)) list.push(keyword);
    }
    keywords = list.join(', ');
  }

  if (substitutions.length > 0) {
    warnings.push(characterWarning(id, substitutions));
    substitutions.length = 0;
  }

  // Joined from parts into one flat string: the entry's text is kept until the whole file is
  // joined or handed to a Blob, and a flat string is much less for the garbage collector to copy
  // than a tree of concatenations.
  const parts: string[] = [(first ? ENTRY_HEAD : NEXT_ENTRY_HEAD)[type], checked(KEY_CHARACTERS, key, 'citation key'), ',\n'];
  addField(parts, FIELD.title, title);
  addField(parts, FIELD.author, author);
  addField(parts, FIELD.key, anonymousKey);
  addField(parts, FIELD.journal, journal);
  addField(parts, FIELD.booktitle, booktitle);
  if (year !== undefined) addField(parts, FIELD.year, checked(YEAR, year, 'year'));
  addField(parts, FIELD.eprint, checked(EPRINT, id, 'eprint'));
  addField(parts, FIELD.archivePrefix, 'arXiv');
  addField(parts, FIELD.primaryClass, primaryClass);
  addField(parts, FIELD.doi, doi);
  addField(parts, FIELD.url, checked(ARXIV_URL, arxivAbsUrl(id), 'url'));
  addField(parts, FIELD.keywords, keywords);
  addField(parts, FIELD.note, note);
  parts.push(ENTRY_END);
  return parts.join('');
}

const NO_JOURNAL_REF: { journal: string; year?: string } = { journal: '' };

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
export function entryToBibtex(entry: BibEntryInput, options: ExportOptions = {}): string {
  const id = exportId(entry.id);
  if (id === null) throw new RangeError(`not a canonical arXiv id: ${JSON.stringify(entry.id)}`);
  const key = entry.citationKey !== undefined && CITATION_KEY.test(entry.citationKey) ? entry.citationKey : baseCitationKey({ ...entry, id });
  return buildEntry(entry, id, key, new ExportCall(options), [], true);
}

/**
 * The whole file and what went wrong on the way. Entries keep their order; an entry whose id is
 * not a canonical arXiv id, or that repeats an earlier id, is skipped. Keys are unique in the file,
 * compared case-insensitively as BibTeX does: stored keys are kept (in order of appearance), a
 * repeated or invalid stored key and missing ones get a made key with a suffix past those taken.
 */
export function exportBibtexWithReport(entries: readonly BibEntryInput[], options: ExportOptions = {}): ExportResult {
  const { parts, keys, warnings } = exportBibtexInParts(entries, options);
  return { text: parts.join(''), keys, warnings };
}

/** {@link exportBibtexWithReport}'s file as the parts it is joined from, one per entry. */
export interface ExportParts {
  /** Joined with nothing between them, the file's text (each entry but the first starts with its blank line). */
  parts: string[];
  keys: string[];
  warnings: ExportWarning[];
}

/**
 * {@link exportBibtexWithReport} without joining the file: a `Blob` takes the parts as they are,
 * so a download never holds the whole file in one string (at 50,000 papers, 19 million
 * characters, two bytes each as soon as one of them is above U+00FF). Same entries, keys and
 * warnings; the parts' UTF-8 is the text's, as no part ends inside a surrogate pair.
 * `onProgress` hears how many entries are written, every thousand (a worker's progress line).
 */
export function exportBibtexInParts(entries: readonly BibEntryInput[], options: ExportOptions = {}, onProgress?: (written: number) => void): ExportParts {
  const plan = planExport(entries);
  const call = new ExportCall(options);
  const warnings = plan.warnings;
  const parts = plan.kept.map((entryIndex, index) => {
    if (onProgress !== undefined && index % PROGRESS_EVERY === 0 && index > 0) onProgress(index);
    return buildEntry(entries[entryIndex]!, plan.ids[index]!, plan.keys[index]!, call, warnings, index === 0);
  });
  return { parts, keys: plan.keys, warnings };
}

/** Which entries a file keeps (their places in the input), their canonical ids and keys, and the warnings on the way. */
interface ExportPlan {
  kept: number[];
  ids: string[];
  keys: string[];
  warnings: ExportWarning[];
}

/**
 * The part of an export that needs every entry before any is written: duplicates and invalid ids
 * skipped, keys made unique (see {@link exportBibtexWithReport}). Cheap next to writing the entries.
 */
function planExport(entries: readonly BibEntryInput[]): ExportPlan {
  const warnings: ExportWarning[] = [];
  const seenIds = new Set<string>();
  const kept: number[] = [];
  /** The canonical arXiv id of each kept entry. */
  const ids: string[] = [];
  entries.forEach((entry, entryIndex) => {
    const id = exportId(entry.id);
    if (id === null) {
      // What is not an arXiv id in any form is named as it was given.
      warnings.push({ id: entry.id, kind: 'invalid-id', message: t('exportWarnInvalidId', entry.id) });
    } else if (seenIds.has(id)) {
      warnings.push({ id, kind: 'duplicate-paper', message: t('exportWarnDuplicatePaper', id) });
    } else {
      seenIds.add(id);
      kept.push(entryIndex);
      ids.push(id);
    }
  });

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
  const keys: Array<string | undefined> = kept.map((entryIndex, index) => {
    const stored = entries[entryIndex]!.citationKey;
    if (stored === undefined) return undefined;
    if (!CITATION_KEY.test(stored)) {
      warnings.push({ id: ids[index]!, kind: 'invalid-key', message: t('exportWarnInvalidKey', ids[index]!, stored) });
      return undefined;
    }
    if (isTaken(stored)) return undefined;
    taken.add(stored.toLowerCase());
    return stored;
  });
  const finalKeys = kept.map((entryIndex, index) => {
    const existing = keys[index];
    if (existing !== undefined) return existing;
    const entry = entries[entryIndex]!;
    const stored = entry.citationKey;
    const repeated = stored !== undefined && CITATION_KEY.test(stored);
    const key = freeKey(repeated ? stored : baseKey({ title: entry.title, authors: entry.authors, publishedAt: entry.publishedAt, id: ids[index] }));
    if (repeated) {
      warnings.push({ id: ids[index]!, kind: 'duplicate-key', message: t('exportWarnDuplicateKey', ids[index]!, stored, key) });
    }
    taken.add(key.toLowerCase());
    return key;
  });
  return { kept, ids, keys: finalKeys, warnings };
}

/**
 * {@link exportBibtexInParts} of entries that arrive in chunks (a worker handed them by a page),
 * written as they arrive rather than after the last: the same parts, keys and warnings. Each entry
 * is written with its stored key, which is nearly always the key it keeps; the few whose key the
 * whole file changes (invalid, repeated or missing) are written again once every entry is there.
 * Entries repeating an earlier id, or without an arXiv id, are left for the end (they are skipped).
 */
export class ExportInChunks {
  private readonly entries: BibEntryInput[] = [];
  /** By place in `entries`: its text (after a blank line) with `key`, and the warnings writing it gave. */
  private readonly written: Array<{ text: string; key: string; warnings: ExportWarning[] } | undefined> = [];
  private readonly seenIds = new Set<string>();
  private readonly call: ExportCall;

  constructor(options: ExportOptions = {}) {
    this.call = new ExportCall(options);
  }

  get count(): number {
    return this.entries.length;
  }

  add(chunk: readonly BibEntryInput[]): void {
    for (const entry of chunk) {
      this.entries.push(entry);
      const id = exportId(entry.id);
      const stored = entry.citationKey;
      if (id === null || this.seenIds.has(id)) {
        this.written.push(undefined);
        continue;
      }
      this.seenIds.add(id);
      if (stored === undefined || !CITATION_KEY.test(stored)) {
        this.written.push(undefined);
        continue;
      }
      const warnings: ExportWarning[] = [];
      this.written.push({ text: buildEntry(entry, id, stored, this.call, warnings, false), key: stored, warnings });
    }
  }

  /** The file's parts, keys and warnings, as exportBibtexInParts gives them for every entry added, in order. */
  finish(): ExportParts {
    const plan = planExport(this.entries);
    const warnings = plan.warnings;
    const parts = plan.kept.map((entryIndex, index) => {
      const written = this.written[entryIndex];
      const first = index === 0;
      if (written === undefined || written.key !== plan.keys[index]) return buildEntry(this.entries[entryIndex]!, plan.ids[index]!, plan.keys[index]!, this.call, warnings, first);
      for (const warning of written.warnings) warnings.push(warning);
      // Written after a blank line; the file's first entry has none.
      return first ? written.text.slice(1) : written.text;
    });
    return { parts, keys: plan.keys, warnings };
  }
}

/** How many entries are written between two calls of exportBibtexInParts's `onProgress`. */
const PROGRESS_EVERY = 1_000;

/** The `.bib` file for `entries` (see {@link exportBibtexWithReport} for the warnings). */
export function exportBibtex(entries: readonly BibEntryInput[], options: ExportOptions = {}): string {
  return exportBibtexWithReport(entries, options).text;
}

/** A tagged or bare new-style arXiv id, the id of nearly every paper: canonical as it is. */
const TAGGED_NEW_STYLE = /^arxiv:\d{4}\.\d{4,5}$/;
const NEW_STYLE = /^\d{4}\.\d{4,5}$/;

/**
 * The entry's arXiv id, which is what BibTeX's eprint, url and warnings name: a record's PaperId
 * (`arxiv:2409.12345`) or a bare canonical arXiv id gives it; null for anything else.
 */
function exportId(raw: string): string | null {
  if (TAGGED_NEW_STYLE.test(raw)) return raw.slice('arxiv:'.length);
  if (NEW_STYLE.test(raw)) return raw;
  const id = arxivIdIn(raw) ?? raw;
  return isCanonicalArxivId(id) ? id : null;
}
