import { parse, parseAsync, type Creator, type Entry, type Library, type Options } from '@retorquere/bibtex-parser';
import { paperYear } from '../bibtex/citation-key';
import { escapeLatex } from '../bibtex/latex-escape';
import { arxivIdFromUrl, canonicalArxivId } from '../paper/arxiv-id';
import { ArxivCategorySchema, DoiSchema, LIMITS, VenueSchema, type Venue } from '../paper/model';
import { checkImportText, withoutBom } from './guard';
import { cleanImportedTags, validateMetadata, type IncomingPaper, type ParsedImport, type PaperMetadata, type RejectedEntry } from './plan';

export const NO_ARXIV_ID = 'no arXiv id in eprint, url, doi or journal';

/**
 * Options for Better BibTeX's parser. Titles are kept as written: no sentence-casing (arXiv titles
 * are title case and the library shows them so) and no case-protection markup, so `{BERT}` reads
 * `BERT`. LaTeX becomes Unicode (`{\"o}` → ö); a command the parser does not know keeps its text
 * (`\foo{bar}` → `bar`) instead of failing the file.
 */
const PARSER_OPTIONS: Options = { sentenceCase: false, caseProtection: false, unsupported: 'ignore' };

/**
 * Parser messages that describe something it repaired or skipped inside an entry it still returns.
 * Every other message means the file's structure is broken (an unclosed brace, a truncated file,
 * binary data) and the whole file is refused: all-or-nothing.
 */
const WARNING_PREFIXES = ['Unresolved @string reference', 'unhandled '];
const WARNING_PATTERNS = [/^@.*: unexpected \d+-part name/];

/**
 * Reads a .bib file into papers for the import plan. Pure and synchronous; large files are better
 * read with {@link parseBibtexLibraryAsync}, which yields to the page between entries.
 *
 * Made to invert the exporter (lib/bibtex): export, import into an empty library, export again
 * gives the same text. So some fields are read from the entry's own text rather than from the
 * parser's rendering, which loses what the library keeps (see {@link prepareRawFields}): TeX math
 * in titles, the keywords' order and braces, TeX ligatures the exporter wrote as typed. Their LaTeX
 * is then rendered by a second, small parse of just those pieces.
 */
export function parseBibtexLibrary(text: string): ParsedImport {
  const checked = checkImportText(text);
  if (!checked.ok) return checked;
  const bib = withoutBom(text);
  let library: Library;
  try {
    library = parse(bib, PARSER_OPTIONS);
  } catch (error) {
    return notBibtex(error);
  }
  const checkedLibrary = checkLibrary(library);
  if (!checkedLibrary.ok) return checkedLibrary;
  const prepared = prepareRawFields(library, exporterModes(bib));
  let pieces: Library | undefined;
  try {
    pieces = prepared.text ? parse(prepared.text, PARSER_OPTIONS) : undefined;
  } catch {
    pieces = undefined; // every entry keeps the parser's own rendering
  }
  return fromLibrary(library, checkedLibrary.warnings, prepared.resolve(pieces));
}

export async function parseBibtexLibraryAsync(text: string): Promise<ParsedImport> {
  const checked = checkImportText(text);
  if (!checked.ok) return checked;
  const bib = withoutBom(text);
  let library: Library;
  try {
    library = await parseAsync(bib, PARSER_OPTIONS);
  } catch (error) {
    return notBibtex(error);
  }
  const checkedLibrary = checkLibrary(library);
  if (!checkedLibrary.ok) return checkedLibrary;
  const prepared = prepareRawFields(library, exporterModes(bib));
  let pieces: Library | undefined;
  try {
    pieces = prepared.text ? await parseAsync(prepared.text, PARSER_OPTIONS) : undefined;
  } catch {
    pieces = undefined; // every entry keeps the parser's own rendering
  }
  return fromLibrary(library, checkedLibrary.warnings, prepared.resolve(pieces));
}

function notBibtex(error: unknown): ParsedImport {
  return { ok: false, reason: `the file is not valid BibTeX: ${messageOf(error)}` };
}

/**
 * The exporter's modes that could have written `text` (ASCII mode: `true`): an ASCII export is pure
 * ASCII, a UTF-8 one may be too.
 */
function exporterModes(text: string): boolean[] {
  return /[^\x00-\x7F]/.test(text) ? [false] : [false, true];
}

/** The parser's messages as warnings, or the reason the file is refused whole. */
function checkLibrary(library: Library): { ok: true; warnings: string[] } | { ok: false; reason: string } {
  const warnings: string[] = [];
  const fatal: string[] = [];
  for (const { error } of library.errors) {
    const isWarning = WARNING_PREFIXES.some((prefix) => error.startsWith(prefix)) || WARNING_PATTERNS.some((pattern) => pattern.test(error));
    (isWarning ? warnings : fatal).push(firstLine(error));
  }
  if (fatal.length > 0) {
    const more = fatal.length > 1 ? ` (and ${fatal.length - 1} more ${fatal.length === 2 ? 'error' : 'errors'})` : '';
    return { ok: false, reason: `the file is not valid BibTeX: ${fatal[0]}${more}` };
  }
  if (library.entries.length === 0) return { ok: false, reason: 'no BibTeX entries found in the file' };
  return { ok: true, warnings };
}

function fromLibrary(library: Library, warnings: string[], raw: ReadonlyMap<Entry, RawReading>): ParsedImport {
  const papers: IncomingPaper[] = [];
  const rejected: RejectedEntry[] = [];
  library.entries.forEach((entry, index) => {
    const label = entry.key || `entry ${index + 1}`;
    const read = readBibtexEntry(entry, raw.get(entry));
    if (read.ok) papers.push({ ...read.paper, entry: label });
    else rejected.push({ entry: label, reason: read.reason });
  });
  return { ok: true, papers, rejected, warnings };
}

type EntryResult = { ok: true; paper: IncomingPaper } | { ok: false; reason: string };

/** Fields after the parser: strings, creator lists for names, string lists for keywords. */
type Fields = Record<string, unknown>;

/** What the entry's own text says where the parser's rendering loses it (see {@link prepareRawFields}). */
export interface RawReading {
  /** The title with its TeX math kept verbatim as `$…$`, and TeX's ligatures read as the exporter wrote them. */
  title?: string;
  /** The keywords in the file's order, split only at commas and semicolons outside braces. */
  keywords?: string[];
  /** `journal` and `booktitle` with TeX's ligatures read as the exporter wrote them. */
  journal?: string;
  booktitle?: string;
}

/**
 * One parsed entry → one paper, or the reason it cannot be one. Exported for PaperMemory's bibtex.
 * `raw` holds what {@link parseBibtexLibrary} read from the entry's text; without it the parser's
 * rendering is used (math in titles becomes text, keywords come sorted).
 */
export function readBibtexEntry(entry: Entry, raw: RawReading = {}): EntryResult {
  const fields = entry.fields as Fields;
  const id = arxivIdOfFields(fields);
  if (!id) return { ok: false, reason: NO_ARXIV_ID };

  const title = raw.title ?? plainText(stringField(fields, 'title'));
  if (!title) return { ok: false, reason: 'no title' };

  const metadata: PaperMetadata = { id, title, authors: creators(fields['author']) };
  // `and others` says the list is incomplete without saying by how many: record the least count
  // that keeps it incomplete, so the paper is exported with `and others` again.
  if (endsWithOthers(fields['author']) && metadata.authors!.length > 0) metadata.authorCount = metadata.authors!.length + 1;
  const publishedAt = fullDate(fields);
  if (publishedAt) metadata.publishedAt = publishedAt;
  const category = stringField(fields, 'primaryclass') ?? stringField(fields, 'eprintclass');
  if (category && ArxivCategorySchema.safeParse(category).success) metadata.primaryCategory = category;
  const abstract = plainText(stringField(fields, 'abstract'));
  // An abstract over the limit is dropped rather than failing the entry: the paper still imports.
  if (abstract && abstract.length <= LIMITS.abstract) metadata.abstract = abstract;
  Object.assign(metadata, publicationOf(entry.type, fields, metadata, raw));

  const valid = validateMetadata(metadata);
  if (!valid.ok) return valid;
  const tags = cleanImportedTags(raw.keywords ?? keywords(fields['keywords']));
  if (!tags.ok) return tags;

  // A .bib file is a list of papers someone kept: every one is imported saved.
  const paper: IncomingPaper = { entry: entry.key, metadata: valid.metadata, tags: tags.tags, saved: true };
  const year = yearOf(fields);
  if (year !== undefined) paper.year = year;
  const note = plainText(stringField(fields, 'annote') ?? stringField(fields, 'annotation'));
  if (note) paper.note = note;
  if (entry.key) paper.citationKey = entry.key;
  return { ok: true, paper };
}

// ---------------------------------------------------------------------------------------------
// Publication data: the exporter (lib/bibtex/export.ts) read backwards

type Publication = Pick<PaperMetadata, 'doi' | 'journalRef' | 'venue'>;

/** Entry types whose `booktitle` names the proceedings the paper appeared in. */
const PROCEEDINGS_TYPES: ReadonlySet<string> = new Set(['inproceedings', 'conference', 'incollection', 'inbook']);

/**
 * DOI, journal reference and venue, read so that exporting the paper again writes the same
 * `journal`, `booktitle`, `year` and `doi`. The exporter writes
 * - `booktitle` from a conference venue (`@inproceedings`);
 * - `journal` from a journal venue, else from the journal reference with a trailing `(year)` moved
 *   to `year` (`@article`);
 * - `year` from the journal reference when it holds exactly one `(year)`, else the preprint's year.
 *
 * So `booktitle` is a conference venue. A `journal` that is a citation (it has a number: volume,
 * pages, a year) is a journal reference, one that is only a name ("Nature") a journal venue, and
 * one that is the preprint itself (`arXiv preprint arXiv:<id>`, `CoRR`) neither. When `year` is not
 * the year the exporter would find, it is the published version's year, and the journal reference
 * says so the way arXiv writes them: `Phys. Rev. D 76, 044016 (2007)`, `Nature (2019)`.
 */
function publicationOf(type: string, fields: Fields, metadata: PaperMetadata, raw: RawReading): Publication {
  const publication: Publication = {};
  const doi = doiOf(stringField(fields, 'doi'));
  if (doi) publication.doi = doi;

  const journal = raw.journal ?? plainText(stringField(fields, 'journal') ?? stringField(fields, 'journaltitle'));
  const booktitle = raw.booktitle ?? plainText(stringField(fields, 'booktitle'));
  const isJournal = journal !== '' && !isPreprintJournal(journal);
  let venue: Venue | undefined;
  let journalRef: string | undefined;
  if (booktitle && (!isJournal || PROCEEDINGS_TYPES.has(type.toLowerCase()))) venue = { kind: 'conference', name: booktitle };
  else if (isJournal && /\d/.test(journal)) journalRef = journal;
  else if (isJournal) venue = { kind: 'journal', name: journal };
  if (venue && !VenueSchema.safeParse(venue).success) venue = undefined;

  const year = stringField(fields, 'year')?.trim();
  if (year && /^(?:18|19|20)\d\d$/.test(year) && (venue || journalRef !== undefined)) {
    const refYears = journalRef === undefined ? [] : yearsInJournalRef(journalRef);
    const exported = refYears.length === 1 ? refYears[0] : paperYear({ id: metadata.id, publishedAt: metadata.publishedAt });
    // With no year in the reference, one can be added; with two or more the exporter uses none.
    if (exported !== year && refYears.length === 0) journalRef = `${journalRef ?? venue?.name} (${year})`;
  }
  if (venue) publication.venue = venue;
  if (journalRef !== undefined && journalRef.length <= LIMITS.journalRef) publication.journalRef = journalRef;
  return publication;
}

/** The years in parentheses in a journal reference, as the exporter finds them. */
function yearsInJournalRef(ref: string): string[] {
  return [...ref.matchAll(/\(((?:18|19|20)\d\d)\)/g)].map((match) => match[1]!);
}

/** `arXiv preprint arXiv:1706.03762`, `arXiv e-prints`, `ArXiv`, `CoRR`: the preprint, not a journal. */
function isPreprintJournal(journal: string): boolean {
  return /^(?:arxiv|corr)(?![a-z])/i.test(journal) || arxivIdInText(journal) !== null;
}

/** A DOI as the model keeps it: no resolver prefix, no BibTeX escapes; undefined when not a DOI. */
function doiOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const doi = value
    .trim()
    .replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .replace(/\\([_&#%$])/g, '$1');
  return DoiSchema.safeParse(doi).success ? doi : undefined;
}

/**
 * The arXiv id an entry names, from the most to the least explicit field:
 * 1. `eprint`, when `archivePrefix` (BibTeX) or `eprinttype` (biblatex) is arXiv or absent;
 * 2. `url`: any arXiv `/abs/`, `/pdf/` or `/html/` link (and Hugging Face paper pages);
 * 3. `doi`: arXiv's own DOIs, `10.48550/arXiv.<id>`;
 * 4. `arXiv:<id>` or an arXiv link in `journal`, `note` or `howpublished` (Google Scholar writes
 *    `journal = {arXiv preprint arXiv:1706.03762}`), and `volume = {abs/<id>}` with journal
 *    arXiv or CoRR (Semantic Scholar and DBLP).
 */
export function arxivIdOfFields(fields: Fields): string | null {
  const eprint = stringField(fields, 'eprint');
  const archive = (stringField(fields, 'archiveprefix') ?? stringField(fields, 'eprinttype'))?.trim().toLowerCase();
  if (eprint && (archive === undefined || archive === 'arxiv')) {
    const id = canonicalArxivId(eprint);
    if (id) return id;
  }

  const url = stringField(fields, 'url');
  if (url) {
    const id = arxivIdFromUrl(url);
    if (id) return id;
  }

  const doi = stringField(fields, 'doi');
  const doiMatch = doi ? /^(?:https?:\/\/(?:dx\.)?doi\.org\/)?10\.48550\/arxiv\.(\S+)$/i.exec(doi.trim()) : null;
  if (doiMatch?.[1]) {
    const id = canonicalArxivId(doiMatch[1]);
    if (id) return id;
  }

  for (const name of ['journal', 'journaltitle', 'note', 'howpublished']) {
    const id = arxivIdInText(stringField(fields, name));
    if (id) return id;
  }

  const journal = stringField(fields, 'journal') ?? stringField(fields, 'journaltitle');
  const volume = /^abs\/(\S+)$/.exec(stringField(fields, 'volume')?.trim() ?? '');
  if (journal && /^(arxiv|corr)$/i.test(journal.trim()) && volume?.[1]) return canonicalArxivId(volume[1]);
  return null;
}

/** `arXiv:2106.04560v2`, `arXiv: hep-th/9901001`, or an arXiv link anywhere in free text. */
export function arxivIdInText(text: string | undefined): string | null {
  if (!text) return null;
  const prefixed = /arxiv\s*:\s*([a-z][a-z-]*(?:\.[a-z-]{2,})?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?/i.exec(text);
  if (prefixed?.[1]) {
    const id = canonicalArxivId(prefixed[1]);
    if (id) return id;
  }
  for (const link of text.match(/https?:\/\/[^\s"'<>{}]+/g) ?? []) {
    const id = arxivIdFromUrl(link.replace(/[.,;)\]]+$/, ''));
    if (id) return id;
  }
  return null;
}

function stringField(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Names as people write them: `Last, First` → `First Last`, `van der Berg, Jan` → `Jan van der
 * Berg`, `Smith, Jr., John` → `John Smith Jr.`; a braced organisation (`{OpenAI Team}`) is one
 * name. BibTeX's `and others` is not an author.
 */
function creators(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const creator of value as Creator[]) {
    const name = plainText(creator.name ?? [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter(Boolean).join(' '));
    if (name && name.toLowerCase() !== 'others') names.push(name);
  }
  return names;
}

function endsWithOthers(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  const last = value[value.length - 1] as Creator;
  const name = plainText(last.name ?? [last.firstName, last.prefix, last.lastName, last.suffix].filter(Boolean).join(' '));
  return name.toLowerCase() === 'others';
}

function keywords(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.map((keyword) => (typeof keyword === 'string' ? plainText(keyword) : keyword));
  return typeof value === 'string' ? value.split(/[,;]/) : [];
}

function yearOf(fields: Fields): number | undefined {
  const year = /^(\d{4})/.exec(stringField(fields, 'year')?.trim() ?? stringField(fields, 'date')?.trim() ?? '');
  return year?.[1] ? Number(year[1]) : undefined;
}

/**
 * `publishedAt` is a day, so it is set only when the entry names one: biblatex's `date =
 * {2021-03-04}`, or `year`, `month` and `day` together. A year alone stays in `year`.
 */
function fullDate(fields: Fields): string | undefined {
  const date = stringField(fields, 'date')?.trim();
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date) && isCalendarDate(date)) return date;
  const year = stringField(fields, 'year')?.trim();
  const month = stringField(fields, 'month')?.trim(); // the parser turns `jun` and `June` into `6`
  const day = stringField(fields, 'day')?.trim();
  if (!year || !month || !day || !/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day)) return undefined;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}

function isCalendarDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso);
}

/**
 * The parser renders `\textit`, `\textsc`, `\url` and friends as a few HTML tags; the library keeps
 * plain text, so those tags go and whitespace is folded. Accents come out as combining marks
 * (`\"o` → o + U+0308); NFC composes them, so `Schrödinger` matches what a page or a search box has.
 */
const MARKUP = /<\/?(?:i|b|sc|nc|ncx|sup|sub|br|p|li|code|span|a|enquote)(?:\s[^>]*)?\/?>/gi;

function plainText(value: string | undefined): string {
  return value ? value.replace(MARKUP, '').replace(DOTLESS_ACCENTED, (letter) => (letter === 'ı' ? 'i' : 'j')).replace(/\s+/g, ' ').trim().normalize('NFC') : '';
}

/**
 * An accent on `\i` or `\j` (`{\'\i}`, how LaTeX writes í) comes out as a dotless letter and a
 * combining mark, which NFC leaves apart: the accented letter is the dotted one.
 */
const DOTLESS_ACCENTED = /[ıȷ](?=\p{M})/gu;

// ---------------------------------------------------------------------------------------------
// Fields read from the entry's text

/**
 * One field (or one keyword) read from the file's text: LaTeX templates for the parser to render,
 * in order of preference, and a test of whether the exporter would write a rendering back as the
 * file has it.
 */
interface Choice {
  /** Math spans kept verbatim, `$…$`; the character `\uE000 + i` stands for span i in a template. */
  spans: string[];
  /** Each template's field in the document of pieces, and the spans it keeps as placeholders. */
  candidates: Array<{ field: string; kept: number[] }>;
  /** The candidate read when none exports as the file has it (a file from another tool). */
  fallback: number;
  /** Whether the exporter, in ASCII mode or not, writes `text` as the file has it. */
  exports: (text: string, ascii: boolean) => boolean;
}

/** Entries read (partly) from their text, and their fields in the document of pieces. */
interface PendingEntry {
  entry: Entry;
  /** The entry's key in the document of pieces. */
  key: string;
  title?: Choice;
  journal?: Choice;
  booktitle?: Choice;
  /** Each keyword: as it is, or the choice that renders it. */
  keywords?: Array<string | Choice>;
}

/** A private-use character per math span: the parser passes it through untouched. */
const PLACEHOLDER_BASE = 0xe000;
const PRIVATE_USE = /[\uE000-\uF8FF]/;

/** TeX's ligatures in text: `--` is –, `---` is —, ``` `` ``` and `''` are “ and ”. */
const LIGATURES = /--|``|''/;

/**
 * Reads titles, keywords, journals and booktitles from the entry's own text where the parser's
 * rendering loses what the exporter wrote, and writes their LaTeX as a small BibTeX document of
 * pieces for the parser to render (a second parse of only those pieces, so LaTeX is rendered as in
 * every other field).
 *
 * - Titles: TeX math (`$…$`) is kept verbatim, as the library stores it; the parser would render
 *   `$\mathcal{O}(n \log n)$` as `O(nn)`. Math the exporter writes for a Unicode symbol (`β` is
 *   written `{$\beta$}`) becomes the symbol again when the title then exports exactly as the file
 *   has it (see {@link titleTemplates}).
 * - Keywords: the parser sorts them and splits `{ideas, later}` at its comma; here they keep the
 *   file's order and a braced keyword is one tag, as biblatex reads them (cleanImportedTags then
 *   splits one holding a comma: the library's tags hold none). Escapes and accents
 *   (`C++ \& Rust`, `{\'e}cole`) are rendered like any field.
 * - TeX's ligatures (`--`, ``` `` ```, `''`) in any of these: the exporter writes `--` for – in ASCII
 *   files but leaves a typed `--` as it is in both modes, and writes a typed `"` as ``` `` ``` or `''`.
 *   The reading is the one that exports as the file has it, and in a file that could be either
 *   mode (pure ASCII) one that does so in both modes first: `--` stays `--` unless only – fits.
 *
 * An entry whose fields cannot be read this way (an @string in the title, say) keeps the parser's
 * rendering. `modes` are the exporter's modes that could have written the file (ASCII: `true`).
 */
function prepareRawFields(library: Library, modes: readonly boolean[]): { text: string; resolve: (pieces: Library | undefined) => Map<Entry, RawReading> } {
  const pending: PendingEntry[] = [];
  const documents: string[] = [];
  library.entries.forEach((entry, index) => {
    const hasKeywords = (entry.fields as Fields)['keywords'] !== undefined;
    if (!hasKeywords && !entry.input.includes('$') && !LIGATURES.test(entry.input)) return;
    const raw = rawFields(entry.input);
    if (!raw) return;
    const item: PendingEntry = { entry, key: `e${index}` };
    const pieces: string[] = [];
    const choice = (variants: Array<{ template: string; kept: number[] }>, spans: string[], fallback: number, exports: Choice['exports']): Choice | undefined => {
      const templates: Array<{ template: string; kept: number[] }> = [];
      for (const variant of variants) {
        templates.push(variant);
        const literal = literalLigatures(variant.template);
        if (literal !== variant.template) templates.push({ template: literal, kept: variant.kept });
      }
      if (!templates.every(({ template }) => isBalanced(template))) return undefined;
      const candidates = templates.map(({ template, kept }) => {
        const field = `v${pieces.length}`;
        pieces.push(`${field} = {${template}}`);
        return { field, kept };
      });
      return { spans, candidates, fallback: templates.indexOf(variants[fallback]!), exports };
    };
    const single = (name: string): string | undefined => {
      const values = raw.get(name);
      return values?.length === 1 ? values[0] : undefined;
    };

    const title = single('title');
    const exportsTitle = (text: string, ascii: boolean): boolean => escapeLatex(text, { ascii, protectCase: true, math: true }) === title;
    const templates = title?.includes('$') ? titleTemplates(title) : null;
    if (title !== undefined && templates) {
      item.title = choice(templates.variants, templates.spans, templates.fallback, exportsTitle);
    } else if (title !== undefined && LIGATURES.test(title)) {
      item.title = choice([{ template: outerGroup(title) ?? title, kept: [] }], [], 0, exportsTitle);
    }

    // Written by the exporter with escapeLatex and nothing else (a journal reference's year aside).
    const plain = (text: string) => (rendered: string, ascii: boolean) => escapeLatex(rendered, { ascii }) === text;
    const journal = single('journal') ?? single('journaltitle');
    if (journal !== undefined && LIGATURES.test(journal)) item.journal = choice([{ template: journal, kept: [] }], [], 0, plain(journal));
    const booktitle = single('booktitle');
    if (booktitle !== undefined && LIGATURES.test(booktitle)) item.booktitle = choice([{ template: booktitle, kept: [] }], [], 0, plain(booktitle));

    const values = raw.get('keywords');
    if (hasKeywords && values && values.every((value) => value !== undefined)) {
      item.keywords = [];
      for (const value of values) {
        for (const { text, keyword } of splitKeywords(value)) {
          // The exporter braces a keyword with a comma in it.
          const exports = (rendered: string, ascii: boolean): boolean => {
            const escaped = escapeLatex(rendered, { ascii });
            return (escaped.includes(',') ? `{${escaped}}` : escaped) === text;
          };
          const read = /[\\{}]/.test(keyword) ? choice([{ template: keyword, kept: [] }], [], 0, exports) : undefined;
          item.keywords.push(read ?? keyword);
        }
      }
    }

    if (item.title || item.journal || item.booktitle || item.keywords) pending.push(item);
    if (pieces.length > 0) documents.push(`@misc{${item.key},\n${pieces.join(',\n')}\n}\n`);
  });

  const resolve = (rendered: Library | undefined): Map<Entry, RawReading> => {
    const byKey = new Map<string, Fields>();
    for (const entry of rendered?.entries ?? []) byKey.set(entry.key, entry.fields as Fields);
    const readings = new Map<Entry, RawReading>();
    for (const item of pending) {
      const fields = byKey.get(item.key) ?? {};
      const read = (choice: Choice): string | undefined => choose(choice, fields, modes);
      const reading: RawReading = {};
      if (item.keywords) {
        const words = item.keywords.map((keyword) => (typeof keyword === 'string' ? plainText(keyword) : read(keyword)));
        if (words.every((word) => word !== undefined)) reading.keywords = words;
      }
      const title = item.title && read(item.title);
      if (title) reading.title = title;
      const journal = item.journal && read(item.journal);
      if (journal) reading.journal = journal;
      const booktitle = item.booktitle && read(item.booktitle);
      if (booktitle) reading.booktitle = booktitle;
      readings.set(item.entry, reading);
    }
    return readings;
  };
  return { text: documents.join('\n'), resolve };
}

/**
 * The first candidate the exporter writes back as the file has it in every mode the file could
 * be in, else in one of them, else the fallback; undefined when that one cannot be rendered.
 */
function choose(choice: Choice, fields: Fields, modes: readonly boolean[]): string | undefined {
  const texts = choice.candidates.map(({ field, kept }) => restoreMath(stringField(fields, field), choice.spans, kept));
  const fits = (test: (ascii: boolean) => (text: string) => boolean, every: boolean): string | undefined =>
    texts.find((text) => text !== undefined && (every ? modes.every((ascii) => test(ascii)(text)) : modes.some((ascii) => test(ascii)(text))));
  const test = (ascii: boolean) => (text: string) => choice.exports(text, ascii);
  return fits(test, true) ?? fits(test, false) ?? texts[choice.fallback];
}

/** The template with TeX's ligatures broken, so the parser renders `--` and `"` as typed. */
function literalLigatures(tex: string): string {
  return tex.replace(/(?<!\\)---?/g, (dashes) => dashes.split('').join('{}')).replace(/(?<!\\)(?:``|'')/g, '"');
}

/** The rendered template with its math put back; undefined when a placeholder went missing. */
function restoreMath(rendered: string | undefined, spans: readonly string[], kept: readonly number[]): string | undefined {
  if (rendered === undefined) return undefined;
  let text = plainText(rendered);
  for (const index of kept) {
    const mark = String.fromCharCode(PLACEHOLDER_BASE + index);
    const parts = text.split(mark);
    if (parts.length !== 2) return undefined;
    text = parts.join(spans[index]!);
  }
  return PRIVATE_USE.test(text) ? undefined : text;
}

/**
 * Math the exporter writes for one Unicode symbol (lib/bibtex/latex-escape.ts): `{$\alpha$}`,
 * `{$\leq$}`, `{$\mathrm{A}$}` (a Greek capital that looks Latin), `{$o$}`, `{$_2$}`, `{$-$}`, `{$'$}`.
 */
const SYMBOL_MATH = /^\$(?:\\[A-Za-z]+|\\mathrm\{[A-Z]\}|o|_\d|-|'{1,2})\$$/;

interface MathSpan {
  /** The span in the title, with the braces of a group that holds only the math. */
  start: number;
  end: number;
  /** The math itself, `$…$`. */
  tex: string;
  /** Not inside a case-protection group: where the exporter writes the math it keeps. */
  top: boolean;
  /** A digit follows: the exporter never keeps math there (`$5 and $10` is not math). */
  digitAfter: boolean;
}

/**
 * The title with its math spans replaced by placeholders, in up to two variants:
 * - A (the fallback): what the exporter keeps as math, kept. It writes math it keeps as `{$…$}` at
 *   the top level of the title and never before a digit; a symbol inside a case-protection group
 *   (`{{$\Gamma$}}-Priors`, from `Γ-Priors`) or before a digit (`{$\alpha$}2`) came from Unicode.
 *   Math the exporter cannot have written for a symbol is kept wherever it is.
 * - B, first when there is one: every symbol rendered as Unicode. The exporter writes `β-VAE` and
 *   `$\beta$-VAE` alike, so B is the reading when it exports exactly as the file has it (the
 *   symbol is what the exporter was given, as far as anyone can tell), else A.
 * Null when the title has no math, or uses private-use characters itself.
 */
function titleTemplates(raw: string): { variants: Array<{ template: string; kept: number[] }>; spans: string[]; fallback: number } | null {
  if (PRIVATE_USE.test(raw)) return null;
  const text = outerGroup(raw) ?? raw; // the parser drops braces around the whole title too
  const found = mathSpans(text);
  if (!found || found.length === 0 || found.length > 1_000) return null;
  const keepA = found.map((span) => !SYMBOL_MATH.test(span.tex) || (span.top && !span.digitAfter));
  const keepB = found.map((span) => !SYMBOL_MATH.test(span.tex));
  const variant = (keep: boolean[]): { template: string; kept: number[] } => {
    let template = '';
    let cursor = 0;
    found.forEach((span, index) => {
      template += text.slice(cursor, span.start) + (keep[index] ? String.fromCharCode(PLACEHOLDER_BASE + index) : text.slice(span.start, span.end));
      cursor = span.end;
    });
    return { template: template + text.slice(cursor), kept: keep.flatMap((kept, index) => (kept ? [index] : [])) };
  };
  const spans = found.map((span) => span.tex.replace(/\s+/g, ' '));
  const a = variant(keepA);
  if (keepA.every((kept, index) => kept === keepB[index])) return { variants: [a], spans, fallback: 0 };
  return { variants: [variant(keepB), a], spans, fallback: 1 };
}

/** The `$…$` (and `$$…$$`) spans of a field value; null when one is not closed. */
function mathSpans(text: string): MathSpan[] | null {
  const spans: MathSpan[] = [];
  let depth = 0;
  let lastOpen = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
    } else if (char === '{') {
      depth++;
      lastOpen = i;
    } else if (char === '}') {
      depth--;
    } else if (char === '$') {
      const delimiter = text[i + 1] === '$' ? '$$' : '$';
      let close = -1;
      for (let j = i + delimiter.length; j < text.length; j++) {
        if (text[j] === '\\') j++;
        else if (text.startsWith(delimiter, j)) {
          close = j;
          break;
        }
      }
      if (close < 0) return null;
      const end = close + delimiter.length;
      const wrapped = lastOpen === i - 1 && text[end] === '}';
      const span = { start: wrapped ? i - 1 : i, end: wrapped ? end + 1 : end, tex: text.slice(i, end) };
      spans.push({ ...span, top: depth === (wrapped ? 1 : 0), digitAfter: /\d/.test(text[span.end] ?? '') });
      if (wrapped) depth--;
      i = span.end - 1;
    }
  }
  return spans;
}

/**
 * Whether `text` can go between braces in the document of pieces: its braces pair up (counted as
 * the parser counts them, `\{` not at all) and it does not end in a backslash that would escape
 * the closing one. A piece that could not would spill into the pieces after it.
 */
function isBalanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      if (++i >= text.length) return false;
    } else if (char === '{') depth++;
    else if (char === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** The inside of a value that is one brace group whole (`{ideas, later}`), else undefined. */
function outerGroup(value: string): string | undefined {
  if (!value.startsWith('{')) return undefined;
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i === value.length - 1 ? value.slice(1, -1) : undefined;
  }
  return undefined;
}

/**
 * Keywords split as biblatex splits them (at commas outside braces) and at semicolons, as some
 * tools write them: each as written (`text`) and without braces around it whole (`keyword`).
 */
function splitKeywords(value: string): Array<{ text: string; keyword: string }> {
  const keywords: Array<{ text: string; keyword: string }> = [];
  let depth = 0;
  let start = 0;
  const add = (end: number): void => {
    const text = value.slice(start, end).trim();
    if (text !== '') keywords.push({ text, keyword: outerGroup(text) ?? text });
  };
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}') depth = Math.max(0, depth - 1);
    else if ((char === ',' || char === ';') && depth === 0) {
      add(i);
      start = i + 1;
    }
  }
  add(value.length);
  return keywords;
}

/** What may appear in a BibTeX key or field name (the parser's own set). */
const NAME_CHAR = /[+'a-zA-Z0-9&;_:\\./\-\p{Lu}\p{Lt}\p{Ll}\p{Lm}\p{Lo}]/u;

/**
 * The fields of one entry's text (`@type{key, name = value, …}`) as the file writes them, by
 * lower-case name (a repeated field has several values): the value's outer braces or quotes gone,
 * `#` parts joined. A value that uses an @string is `undefined`: only the parser knows it. Null
 * when the text cannot be read (the parser read it already, so this does not happen in practice).
 */
function rawFields(input: string): Map<string, Array<string | undefined>> | null {
  let pos = 0;
  const skip = (): void => {
    while (pos < input.length) {
      const char = input[pos];
      if (char === '%') while (pos < input.length && input[pos] !== '\n') pos++;
      else if (char === ' ' || char === '\t' || char === '\r' || char === '\n') pos++;
      else break;
    }
  };
  const name = (allow = ''): string => {
    const start = pos;
    while (pos < input.length && (NAME_CHAR.test(input[pos]!) || allow.includes(input[pos]!))) pos++;
    return input.slice(start, pos);
  };
  const delimited = (quoted: boolean): string | null => {
    const start = ++pos;
    let depth = 0;
    for (; pos < input.length; pos++) {
      const char = input[pos];
      if (char === '\\') pos++;
      else if (char === '{') depth++;
      else if (char === '}' && !quoted && depth === 0) return input.slice(start, pos++);
      else if (char === '}') depth--;
      else if (char === '"' && quoted && depth <= 0) return input.slice(start, pos++);
    }
    return null;
  };
  const value = (): string | undefined | null => {
    let text = '';
    let known = true;
    for (;;) {
      skip();
      let part: string | null;
      if (input[pos] === '{' || input[pos] === '"') {
        part = delimited(input[pos] === '"');
      } else {
        part = name();
        if (part === '') return null;
        if (!/^\d+$/.test(part)) known = false;
      }
      if (part === null) return null;
      text += part;
      skip();
      if (input[pos] !== '#') return known ? text : undefined;
      pos++;
    }
  };

  const fields = new Map<string, Array<string | undefined>>();
  const field = (fieldName: string): boolean => {
    skip();
    if (input[pos] !== '=') return false;
    pos++;
    const text = value();
    if (text === null) return false;
    const key = fieldName.toLowerCase();
    fields.set(key, [...(fields.get(key) ?? []), text]);
    return true;
  };

  if (input[pos] !== '@') return null;
  pos++;
  name();
  skip();
  const close = input[pos] === '{' ? '}' : input[pos] === '(' ? ')' : null;
  if (!close) return null;
  pos++;
  skip();
  if (input[pos] !== ',') {
    const key = name('[]*"');
    skip();
    if (input[pos] === '=' && !field(key)) return null;
  }
  for (;;) {
    skip();
    if (input[pos] === ',') {
      pos++;
      skip();
    }
    if (pos >= input.length || input[pos] === close) return fields;
    const fieldName = name();
    if (fieldName === '' || !field(fieldName)) return null;
  }
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0]?.trim() ?? message;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? firstLine(error.message) : String(error);
}
