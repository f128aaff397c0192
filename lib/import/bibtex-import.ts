import { parse, parseAsync, type Creator, type Entry, type Library, type Options } from '@retorquere/bibtex-parser';
import { arxivIdFromUrl, canonicalArxivId } from '../paper/arxiv-id';
import { ArxivCategorySchema, LIMITS } from '../paper/model';
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
 */
export function parseBibtexLibrary(text: string): ParsedImport {
  const checked = checkImportText(text);
  if (!checked.ok) return checked;
  let library: Library;
  try {
    library = parse(withoutBom(text), PARSER_OPTIONS);
  } catch (error) {
    return { ok: false, reason: `the file is not valid BibTeX: ${messageOf(error)}` };
  }
  return fromLibrary(library);
}

export async function parseBibtexLibraryAsync(text: string): Promise<ParsedImport> {
  const checked = checkImportText(text);
  if (!checked.ok) return checked;
  let library: Library;
  try {
    library = await parseAsync(withoutBom(text), PARSER_OPTIONS);
  } catch (error) {
    return { ok: false, reason: `the file is not valid BibTeX: ${messageOf(error)}` };
  }
  return fromLibrary(library);
}

function fromLibrary(library: Library): ParsedImport {
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

  const papers: IncomingPaper[] = [];
  const rejected: RejectedEntry[] = [];
  library.entries.forEach((entry, index) => {
    const label = entry.key || `entry ${index + 1}`;
    const read = readBibtexEntry(entry);
    if (read.ok) papers.push({ ...read.paper, entry: label });
    else rejected.push({ entry: label, reason: read.reason });
  });
  return { ok: true, papers, rejected, warnings };
}

type EntryResult = { ok: true; paper: IncomingPaper } | { ok: false; reason: string };

/** Fields after the parser: strings, creator lists for names, string lists for keywords. */
type Fields = Record<string, unknown>;

/** One parsed entry → one paper, or the reason it cannot be one. Exported for PaperMemory's bibtex. */
export function readBibtexEntry(entry: Entry): EntryResult {
  const fields = entry.fields as Fields;
  const id = arxivIdOfFields(fields);
  if (!id) return { ok: false, reason: NO_ARXIV_ID };

  const title = plainText(stringField(fields, 'title'));
  if (!title) return { ok: false, reason: 'no title' };

  const metadata: PaperMetadata = { id, title, authors: creators(fields['author']) };
  const publishedAt = fullDate(fields);
  if (publishedAt) metadata.publishedAt = publishedAt;
  const category = stringField(fields, 'primaryclass') ?? stringField(fields, 'eprintclass');
  if (category && ArxivCategorySchema.safeParse(category).success) metadata.primaryCategory = category;
  const abstract = plainText(stringField(fields, 'abstract'));
  // An abstract over the limit is dropped rather than failing the entry: the paper still imports.
  if (abstract && abstract.length <= LIMITS.abstract) metadata.abstract = abstract;

  const valid = validateMetadata(metadata);
  if (!valid.ok) return valid;
  const tags = cleanImportedTags(keywords(fields['keywords']));
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
  return value ? value.replace(MARKUP, '').replace(/\s+/g, ' ').trim().normalize('NFC') : '';
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0]?.trim() ?? message;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? firstLine(error.message) : String(error);
}
