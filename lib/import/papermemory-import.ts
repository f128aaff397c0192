import { t } from '../i18n/t';
import { parse } from '@retorquere/bibtex-parser';
import { arxivIdFromUrl, canonicalArxivId } from '../paper/arxiv-id';
import { paperIdOf } from '../paper/paper-id';
import { ArxivCategorySchema } from '../paper/model';
import { arxivIdOfFields } from './bibtex-import';
import { checkImportText, withoutBom } from './guard';
import { cleanImportedTags, validateMetadata, type IncomingPaper, type ParsedImport, type PaperMetadata, type RejectedEntry } from './plan';

/** Why an item naming no arXiv paper is left out. */
export const noArxivIdPaperMemory = (): string => t('papermemoryNoArxivId');

/**
 * Reads PaperMemory's "Download memory" export: `JSON.stringify` of its whole
 * `papers` storage key, an object keyed by paper id plus a `__dataVersion` number. Field names as
 * PaperMemory's own `validatePaper` lists them (src/shared/js/utils/data.js):
 *
 * - `id`: `Arxiv-2106.04560`, old-style ids with `_` for `/` (`Arxiv-hep-th_9901001`); other
 *   sources have their own (`NeurIPS-2020_4c5bcfec`, `OR-ICLR.cc-2021_<forum id>`,
 *   `PMLR-2021-radford21a`, `ACL-…`, `Nature-…`; see `parseIdFromUrl` and the `make*Paper`
 *   parsers), and a preprint that PaperMemory later matched to a publication takes that id, `source`
 *   and `pdfLink`, so its arXiv id may survive only in the `bibtex`, if at all;
 * - `title`; `author`: `First Last and First Last`; `year`: a 4-digit string (or `unknown`);
 * - `pdfLink`, `codeLink`, `bibtex`, `key` (the BibTeX citation key), `doi`, `venue`;
 * - `tags` (string array), `note` (the user's note), `favorite` / `favoriteDate`;
 * - `addDate`, `lastOpenDate` (ISO strings), `count` (visits), `source`, `md`, `code`, `extras`.
 *
 * Every imported paper is saved (it was in the user's memory); `favorite` adds nothing more, since
 * saved is the strongest state Papershelf has. Tags are kept whole: PaperMemory caps them at 5,
 * Papershelf does not.
 */
export function parsePaperMemoryExport(text: string): ParsedImport {
  const checked = checkImportText(text);
  if (!checked.ok) return checked;
  let data: unknown;
  try {
    data = JSON.parse(withoutBom(text));
  } catch (error) {
    // JSON.parse's own text ("Unexpected token … at position 5") is for developers.
    return { ok: false, reason: t('papermemoryNotJson') };
  }
  if (!isObject(data)) return { ok: false, reason: t('papermemoryNotAnExport') };

  const items = Object.entries(data).filter(([key]) => !key.startsWith('__'));
  if (!items.some(([, item]) => looksLikePaperMemoryItem(item))) {
    return { ok: false, reason: t('papermemoryNoPaperEntries') };
  }

  const papers: IncomingPaper[] = [];
  const rejected: RejectedEntry[] = [];
  for (const [key, item] of items) {
    const read = readItem(key, item);
    if (read.ok) papers.push(read.paper);
    else rejected.push({ entry: key, reason: read.reason });
  }
  return { ok: true, papers, rejected, warnings: [] };
}

type ItemResult = { ok: true; paper: IncomingPaper } | { ok: false; reason: string };

function readItem(key: string, item: unknown): ItemResult {
  if (!isObject(item)) return { ok: false, reason: t('papermemoryNotAPaper') };
  // The BibTeX is parsed only when the id, pdfLink and doi name no arXiv paper: parsing costs about
  // half a millisecond an entry, and arXiv items never need it.
  let bib: Record<string, unknown> | null = null;
  let id = arxivIdOfItem(key, item);
  if (!id) {
    bib = parsedBibtex(item['bibtex']);
    id = bib ? arxivIdOfFields(bib) : null;
  }
  if (!id) return { ok: false, reason: noArxivIdPaperMemory() };

  const title = text(item['title']);
  if (!title) return { ok: false, reason: t('importNoTitle') };
  const metadata: PaperMetadata = { id: paperIdOf('arxiv', id), title, authors: authorsOf(item['author']) };
  const category = bib?.['primaryclass'];
  if (typeof category === 'string' && ArxivCategorySchema.safeParse(category).success) metadata.primaryCategory = category;
  const valid = validateMetadata(metadata);
  if (!valid.ok) return valid;

  const tags = cleanImportedTags(Array.isArray(item['tags']) ? item['tags'] : []);
  if (!tags.ok) return tags;

  const paper: IncomingPaper = { entry: key, metadata: valid.metadata, tags: tags.tags, saved: true };
  // The day it entered the memory is when it was saved; without one the plan stamps the import time.
  const added = timestamp(item['addDate']);
  if (added !== undefined) {
    paper.savedAt = added;
    paper.createdAt = added;
  }
  const year = /^\d{4}$/.exec(text(item['year']));
  if (year) paper.year = Number(year[0]);
  const note = text(item['note'], false);
  if (note) paper.note = note;
  const citationKey = text(item['key']);
  if (citationKey && !citationKey.startsWith('defaultKey_')) paper.citationKey = citationKey;
  return { ok: true, paper };
}

function arxivIdOfItem(key: string, item: Record<string, unknown>): string | null {
  for (const candidate of [key, text(item['id'])]) {
    const match = /^Arxiv-(.+)$/i.exec(candidate);
    if (match?.[1]) {
      const id = canonicalArxivId(match[1].replace('_', '/'));
      if (id) return id;
    }
  }
  const pdfLink = text(item['pdfLink']);
  const fromLink = pdfLink ? arxivIdFromUrl(pdfLink) : null;
  if (fromLink) return fromLink;
  const doi = text(item['doi']);
  const fromDoi = doi ? /^10\.48550\/arxiv\.(\S+)$/i.exec(doi) : null;
  return fromDoi?.[1] ? canonicalArxivId(fromDoi[1]) : null;
}

/** PaperMemory keeps each paper's BibTeX; one entry, parsed like a .bib file's. */
function parsedBibtex(value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'string' || !value.includes('@')) return null;
  try {
    const library = parse(value, { sentenceCase: false, caseProtection: false, unsupported: 'ignore' });
    return (library.entries[0]?.fields as Record<string, unknown> | undefined) ?? null;
  } catch {
    return null;
  }
}

function looksLikePaperMemoryItem(item: unknown): boolean {
  return isObject(item) && ['id', 'title', 'author', 'pdfLink'].every((field) => typeof item[field] === 'string');
}

/** `A and B and C` → names; PaperMemory writes `Anonymous` for an anonymous OpenReview paper. */
function authorsOf(value: unknown): string[] {
  const names = text(value)
    .split(/\s+and\s+/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return names.length === 1 && names[0]?.toLowerCase() === 'anonymous' ? [] : names;
}

function timestamp(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) && time > 0 ? Math.round(time) : undefined;
}

function text(value: unknown, fold = true): string {
  if (typeof value !== 'string') return '';
  const trimmed = fold ? value.replace(/\s+/g, ' ').trim() : value.trim();
  return trimmed.normalize('NFC');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
