import { arxivIdFromUrl, canonicalArxivId } from '../paper/arxiv-id';
import { t } from '../i18n/t';

/**
 * Where reference managers and exporters put an entry's arXiv id, and which field wins.
 *
 * Identifying fields (any of them names the paper the entry is):
 * - `eprint` when `archivePrefix` (BibTeX) or `eprinttype` (biblatex) is arXiv or absent; Mendeley's
 *   `arxivid`; an `eprint` that is a link or `arXiv:<id>` too;
 * - `doi`: arXiv's own DOIs, `10.48550/arXiv.<id>`;
 * - `url` (Zotero writes several links in one, separated by spaces), `howpublished`, `epub`,
 *   `journal`/`journaltitle` (Google Scholar's `arXiv preprint arXiv:<id>`, a bare
 *   `arxiv.org/abs/<id>`), and `volume = {abs/<id>}` with journal arXiv or CoRR (DBLP, Semantic
 *   Scholar): arXiv links on arxiv.org and its mirrors (`xxx.lanl.gov`, `de.arxiv.org`,
 *   `export.arxiv.org`, `ar5iv`), with or without a scheme, and Hugging Face paper pages.
 * Notes (free text that may also cite other papers): `note`, `annote`, `annotation`, `file`,
 *   read only when no identifying field names an id: `arXiv:<id>`, `_eprint: <id>` (Zotero's
 *   "Extra" field), a link.
 *
 * Which wins: `eprint` when present (the field exists for exactly this, and arXiv's own export and
 * INSPIRE fill it); otherwise the identifying fields must agree: two of them naming different
 * papers is a contradiction the importer cannot settle, so the entry is refused with both named
 * rather than guessed. Notes name one id or none is taken. Versions never matter (`v3` is the
 * same paper).
 */
/** The reason an entry that names no arXiv paper is left out (the preview counts these apart). */
export const noArxivIdReason = (): string => t('importNoArxivId');

export type ArxivIdReading = { id: string } | { conflict: string } | null;

type Fields = Record<string, unknown>;

/** Both id styles; bounded repetitions so every match attempt is short (linear over the text). */
const ID = String.raw`(\d{4}\.\d{4,5}(?!\d)|[a-z][a-z-]{0,20}(?:\.[A-Za-z-]{2,10})?\/\d{7}(?!\d))`;
/**
 * `arXiv:1706.03762`, `arXiv 1706.03762`, `arXiv preprint hep-th/9711200` (Google Scholar),
 * `arXiv.1706.03762`, `_eprint: 1810.07348`, `10.48550/arXiv.2005.14165`.
 */
const LABELLED = new RegExp(String.raw`(?:arxiv(?:[ \t]{1,3}preprint)?[:.]?[ \t]{0,3}|e-?print[ \t]{0,3}:[ \t]{0,3})${ID}`, 'gi');
/** Links without their scheme: the host and `/abs/`, `/pdf/`, `/html/` or `/papers/` before the id. */
const LINKED = new RegExp(String.raw`(?:arxiv\.org|xxx\.lanl\.gov|ar5iv\.org|huggingface\.co)\/(?:abs|pdf|html|papers)\/${ID}`, 'gi');

const IDENTIFYING_TEXT = ['url', 'howpublished', 'epub', 'journal', 'journaltitle', 'doi'] as const;
const NOTES = ['note', 'annote', 'annotation', 'file'] as const;

export function readArxivId(fields: Fields): ArxivIdReading {
  const eprint = stringField(fields, 'eprint');
  const archive = (stringField(fields, 'archiveprefix') ?? stringField(fields, 'eprinttype'))?.trim().toLowerCase();
  if (eprint && (archive === undefined || archive === 'arxiv' || archive === 'arxiv.org')) {
    const id = canonicalArxivId(eprint) ?? onlyId(eprint);
    if (id) return { id };
  }
  const found = new Map<string, string>(); // id → the first field that names it
  // Fields that hold an id alone: Mendeley's `arxivid`, and `epub`.
  for (const name of ['arxivid', 'epub']) {
    const value = stringField(fields, name);
    const id = value ? canonicalArxivId(value) : null;
    if (id) found.set(id, name);
  }
  for (const name of IDENTIFYING_TEXT) {
    for (const id of idsInText(stringField(fields, name))) if (!found.has(id)) found.set(id, name);
  }
  const journal = stringField(fields, 'journal') ?? stringField(fields, 'journaltitle');
  const volume = /^abs\/(\S+)$/.exec(stringField(fields, 'volume')?.trim() ?? '');
  if (journal && /^(arxiv|corr)$/i.test(journal.trim()) && volume?.[1]) {
    const id = canonicalArxivId(volume[1]);
    if (id && !found.has(id)) found.set(id, 'volume');
  }
  if (found.size === 1) return { id: [...found.keys()][0]! };
  if (found.size > 1) {
    const named = [...found].slice(0, 3).map(([id, field]) => `${field} ${id}`);
    return { conflict: t('importFieldsNameDifferentPapers', named.join(', ')) };
  }

  const noted = new Set<string>();
  for (const name of NOTES) for (const id of idsInText(stringField(fields, name))) noted.add(id);
  if (noted.size === 1) return { id: [...noted][0]! };
  if (noted.size > 1) return { conflict: t('importNotesNameSeveralPapers', [...noted].slice(0, 3).join(', ')) };

  return null;
}

/** Just the id, for callers that have no use for the reason (PaperMemory's bibtex). */
export function arxivIdOfFields(fields: Fields): string | null {
  const reading = readArxivId(fields);
  return reading && 'id' in reading ? reading.id : null;
}

/** The first arXiv id in free text: `arXiv:2106.04560v2`, `arXiv: hep-th/9901001`, an arXiv link. */
export function arxivIdInText(text: string | undefined): string | null {
  return idsInText(text)[0] ?? null;
}

/** Every distinct arXiv id a text names, in order. */
export function idsInText(text: string | undefined): string[] {
  if (!text) return [];
  // TeX escapes in links and labels (`\_eprint`, `10.48550/arXiv.2101\_01`): read them unescaped.
  const plain = text.includes('\\') ? text.replace(/\\([_&%#~])/g, '$1') : text;
  const ids = new Set<string>();
  for (const pattern of [LABELLED, LINKED]) {
    for (const match of plain.matchAll(pattern)) {
      const id = canonicalArxivId(match[1]!);
      if (id) ids.add(id);
    }
  }
  // A full link arxivIdFromUrl knows that the patterns above do not (an encoded slash).
  if (ids.size === 0 && /https?:\/\//.test(plain)) {
    for (const link of plain.match(/https?:\/\/[^\s"'<>{}]{1,2000}/g) ?? []) {
      const id = arxivIdFromUrl(link.replace(/[.,;)\]]+$/, ''));
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

/** A value that is nothing but one id in some labelled or linked form (`https://arxiv.org/abs/…`). */
function onlyId(value: string): string | null {
  const ids = idsInText(value);
  return ids.length === 1 ? ids[0]! : null;
}

function stringField(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' ? value : undefined;
}
