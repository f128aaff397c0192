import { t } from '../i18n/t';
import type { Creator } from '@retorquere/bibtex-parser';
import { paperYear } from '../bibtex/citation-key';
import { ArxivCategorySchema, DoiSchema, LIMITS, VenueSchema, type Venue } from '../paper/model';
import { arxivIdInText, noArxivIdReason, readArxivId } from './arxiv-id-fields';
import { paperIdOf } from '../paper/paper-id';
import { scanBibtex, type ScannedEntry } from './bib-scan';
import { queueRawReading, type RawReading } from './bibtex-raw-reading';
import { checkImportSize, MAX_REPLACEMENT_CHARACTERS, notUtf8Reason, utf8Length, withoutBom } from './guard';
import { splitManagerKeywords } from './manager-keywords';
import { cleanImportedTags, validateMetadata, type IncomingPaper, type ParsedImport, type PaperMetadata, type RejectedEntry } from './plan';
import { MAX_PARSER_VALUE, plainText, RenderQueue, renderSimpleTex, splitNames } from './tex-render';

export { arxivIdInText, arxivIdOfFields, noArxivIdReason } from './arxiv-id-fields';

/** How far the reading is, and the longest value being rendered (to name it if it takes too long). */
export interface BibtexProgress {
  /** 0 to 1. */
  fraction: number;
  current?: { entry: string; line: number; field: string; length: number };
}

/** Entries rendered together: one parser run each, and a progress message between them. */
const BATCH = 300;

/**
 * Reads a .bib file into papers for the import plan. Pure and synchronous, linear in the file;
 * the library page runs it in a worker (./bibtex-worker.ts) with a time budget.
 *
 * The file is split into entries by a scanner of its own (./bib-scan.ts): a damaged entry is
 * listed with its key, line and reason, and the rest import. Field values are rendered from TeX by
 * ./tex-render.ts. Made to invert the exporter (lib/bibtex): export, import into an empty library,
 * export again gives the same text (./bibtex-raw-reading.ts reads what a plain rendering loses).
 */
export function parseBibtexLibrary(text: string, onProgress?: (progress: BibtexProgress) => void): ParsedImport {
  const size = checkImportSize(utf8Length(text));
  if (!size.ok) return size;
  const bib = withoutBom(text);
  const scan = scanBibtex(bib, (done) => onProgress?.({ fraction: (0.2 * done) / bib.length }));
  if (scan.refused) return { ok: false, reason: t('bibFileCannotBeRead', scan.refused) };
  const rejected: RejectedEntry[] = scan.damaged.map(({ entry, line, reason }) => ({ entry, line, reason }));
  if (scan.entries.length === 0) {
    if (bib.includes('\u0000')) return { ok: false, reason: t('importBinaryData') };
    if (rejected.length === 0) return { ok: false, reason: t('bibNoEntries') };
  }
  if (replacementCharacters(scan.entries) > MAX_REPLACEMENT_CHARACTERS) return { ok: false, reason: notUtf8Reason() };

  const modes = exporterModes(bib);
  const papers: IncomingPaper[] = [];
  const managerTags: string[][] = [];
  for (let start = 0; start < scan.entries.length; start += BATCH) {
    const batch = scan.entries.slice(start, start + BATCH);
    const queue = new RenderQueue();
    const finishers = batch.map((entry) => queueEntry(entry, queue, modes));
    const longest = queue.longestWaiting();
    onProgress?.({ fraction: 0.2 + (0.8 * batch[0]!.offset) / bib.length, ...(longest && { current: longest }) });
    queue.run();
    batch.forEach((entry, index) => {
      const label = entry.key || t('bibEntryOnLine', entry.line);
      const read = finishers[index]!();
      if (read.ok) {
        papers.push({ ...read.paper, entry: label });
        managerTags.push(read.managerTags);
      } else rejected.push({ entry: label, line: entry.line, reason: read.reason });
    });
  }
  rejected.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const result: ParsedImport = { ok: true, papers, rejected, warnings: [...scan.warnings, ...macroWarnings(scan.entries)] };
  if (managerTags.some((tags) => tags.length > 0)) result.managerTags = managerTags;
  return result;
}

/**
 * The exporter's modes that could have written `text` (ASCII mode: `true`): an ASCII export is pure
 * ASCII, a UTF-8 one may be too.
 */
function exporterModes(text: string): boolean[] {
  return /[^\x00-\x7F]/.test(text) ? [false] : [false, true];
}

/** U+FFFD inside entries: a few can be genuine, many mean a file in another encoding read as UTF-8. */
function replacementCharacters(entries: readonly ScannedEntry[]): number {
  let count = 0;
  for (const entry of entries) for (const values of entry.fields.values()) for (const value of values) if (value.includes('\uFFFD')) count += value.split('\uFFFD').length - 1;
  return count;
}

/** One note per macro the file uses without defining it, naming the first entry that does. */
function macroWarnings(entries: readonly ScannedEntry[]): string[] {
  const uses = new Map<string, { count: number; first: ScannedEntry }>();
  for (const entry of entries) {
    for (const macro of new Set(entry.undefinedMacros)) {
      const use = uses.get(macro);
      if (use) use.count++;
      else uses.set(macro, { count: 1, first: entry });
    }
  }
  return [...uses].map(([macro, { count, first }]) => {
    const where = first.key ? t('bibKeyOnLine', first.key, first.line) : t('bibAnEntryOnLine', first.line);
    return count === 1 ? t('bibStringUndefinedOne', macro, where) : t('bibStringUndefinedMany', macro, t('bibEntriesFirst', count, where));
  });
}

/** Fields read as written (ids, dates, classes): braces and escapes gone, nothing else rendered. */
const PLAIN_FIELDS = [
  'eprint', 'archiveprefix', 'eprinttype', 'arxivid', 'primaryclass', 'eprintclass', 'url', 'doi', 'volume', 'note', 'howpublished',
  'epub', 'file', 'date', 'year', 'month', 'day',
] as const;
/** Long free text the library shows but the exporter never writes: read leniently (see renderSimpleTex). */
const FREE_TEXT_FIELDS = ['abstract', 'annote', 'annotation'] as const;
const TEX_FIELDS = ['title', 'journal', 'journaltitle', 'booktitle'] as const;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

type EntryResult = { ok: true; paper: IncomingPaper; managerTags: string[] } | { ok: false; reason: string };

/** Queues what `entry` needs rendered; the returned function reads the entry once the queue has run. */
function queueEntry(entry: ScannedEntry, queue: RenderQueue, modes: readonly boolean[]): () => EntryResult {
  const value = (name: string): string | undefined => entry.fields.get(name)?.[0];
  const label = entry.key || t('bibEntryOnLine', entry.line);
  const fields: Fields = {};
  for (const name of PLAIN_FIELDS) {
    const raw = value(name);
    if (raw !== undefined) fields[name] = renderSimpleTex(raw, true);
  }
  const month = typeof fields['month'] === 'string' ? fields['month'].trim().toLowerCase() : '';
  if (MONTH_NAMES.includes(month.slice(0, 3)) && /^[a-z]+\.?$/.test(month)) fields['month'] = String(MONTH_NAMES.indexOf(month.slice(0, 3)) + 1);
  for (const name of FREE_TEXT_FIELDS) {
    const raw = value(name);
    // Twice the limit in TeX is over it as text: not rendered at all (an abstract is then left out, a note refused).
    const limit = name === 'abstract' ? LIMITS.abstract : LIMITS.note;
    if (raw !== undefined && raw.length > 2 * limit) {
      if (name === 'abstract') continue;
      const reason = t('bibNoteTooLong', name, raw.length.toLocaleString('en'), limit.toLocaleString('en'));
      return () => ({ ok: false, reason });
    }
    if (raw !== undefined) fields[name] = renderSimpleTex(raw, true);
  }
  const keywordText = entry.fields.get('keywords')?.map((raw) => renderSimpleTex(raw, true)).join(',');
  if (keywordText !== undefined) fields['keywords'] = keywordText;

  // The title's own reading (math kept) comes first; the plain rendering is queued only without it.
  const reading = queueRawReading(entry, queue, modes);
  const handles = new Map<string, number>();
  for (const name of TEX_FIELDS) {
    const raw = value(name);
    if (raw === undefined || (name === 'title' && reading.readsTitle)) continue;
    queue.about({ entry: label, line: entry.line, field: name });
    handles.set(name, queue.text(raw));
  }
  const rawAuthors = value('author');
  queue.about({ entry: label, line: entry.line, field: 'author' });
  const names = rawAuthors === undefined ? [] : queue.names(rawAuthors);
  const rawNames = rawAuthors === undefined ? [] : splitNames(rawAuthors); // in the order of `names`

  return () => {
    for (const [name, handle] of handles) {
      const rendered = queue.get(handle);
      const raw = value(name)!;
      if (typeof rendered === 'string') fields[name] = rendered;
      else if (name === 'title' && raw.length > MAX_PARSER_VALUE) {
        return { ok: false, reason: t('bibTitleTooLong', raw.length.toLocaleString('en'), LIMITS.title.toLocaleString('en')) };
      } else fields[name] = renderSimpleTex(raw, true); // the parser could not read it: as written
    }
    fields['author'] = names.flatMap((handle, index) => {
      const rendered = queue.get(handle);
      return Array.isArray(rendered) ? rendered : [{ name: renderSimpleTex(rawNames[index]!, true) }];
    });
    const raw = reading.read();
    // A title whose own reading failed (rare: a placeholder lost) is read as written.
    if (reading.readsTitle && raw.title === undefined) fields['title'] = renderSimpleTex(value('title')!, true);
    return readBibtexEntry({ type: entry.type, key: entry.key, fields }, raw);
  };
}

/** Fields after rendering: strings, creator lists for names. */
type Fields = Record<string, unknown>;

/**
 * One rendered entry → one paper and the reference manager's keywords, or the reason it cannot be
 * one. `raw` holds what was read from the entry's text (./bibtex-raw-reading.ts); without it the
 * plain rendering is used (math in titles becomes text).
 */
function readBibtexEntry(entry: { type: string; key: string; fields: Fields }, raw: RawReading = {}): EntryResult {
  const { fields } = entry;
  const reading = readArxivId(fields);
  if (!reading) return { ok: false, reason: noArxivIdReason() };
  if ('conflict' in reading) return { ok: false, reason: reading.conflict };
  const { id } = reading;

  const title = raw.title ?? plainText(stringField(fields, 'title'));
  if (!title) return { ok: false, reason: t('importNoTitle') };


  const metadata: PaperMetadata = { id: paperIdOf('arxiv', id), title, authors: creators(fields['author']) };
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
  const { own, manager } = splitManagerKeywords(tags.tags);

  // A .bib file is a list of papers someone kept: every one is imported saved.
  const paper: IncomingPaper = { entry: entry.key, metadata: valid.metadata, tags: own, saved: true };
  const year = yearOf(fields);
  if (year !== undefined) paper.year = year;
  const note = plainText(stringField(fields, 'annote') ?? stringField(fields, 'annotation'));
  if (note) paper.note = note;
  if (entry.key) paper.citationKey = entry.key;
  return { ok: true, paper, managerTags: manager };
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
