import { arxivAbsUrl, isCanonicalArxivId } from './arxiv-id';

/**
 * A paper's identity in the library: `<kind>:<id>`, the kind naming the registry that gave the
 * paper its id and the id as that registry writes it (canonical, no version). arXiv is the only
 * kind so far (`arxiv:2409.12345`, `arxiv:hep-th/9901001`); a DOI or an OpenReview id would be
 * another kind, so a site whose papers have no arXiv id can still be stored.
 *
 * It is the primary key of `papers` (schema v7), the id in every message between the extension's
 * pages and the background, in sync operations and in backups. Pages keep their own ids (the
 * arXiv id a card shows, `data-papershelf-id`); the background tags them where a listing page's
 * request arrives (lib/messaging/page-ids.ts).
 */
export type PaperId = string;

/** The kinds of id a paper can have, with the test of an id of that kind in its canonical form. */
const KINDS = {
  arxiv: isCanonicalArxivId,
} as const satisfies Record<string, (id: string) => boolean>;
export type PaperIdKind = keyof typeof KINDS;

/** The longest id of any kind, with its tag (an arXiv id is at most 40). */
export const PAPER_ID_MAX_LENGTH = 60;

/** The tagged id of a canonical id of `kind`; a RangeError when `id` is not one (a caller's mistake). */
export function paperIdOf(kind: PaperIdKind, id: string): PaperId {
  if (!KINDS[kind](id)) throw new RangeError(`not a canonical ${kind} id: ${JSON.stringify(id.slice(0, 60))}`);
  return `${kind}:${id}`;
}

/** The kind of a tagged id, or null when `id` is not a valid tagged id. */
export function kindOf(id: string): PaperIdKind | null {
  const colon = id.indexOf(':');
  if (colon < 0 || id.length > PAPER_ID_MAX_LENGTH) return null;
  const kind = id.slice(0, colon);
  if (!Object.hasOwn(KINDS, kind)) return null;
  return KINDS[kind as PaperIdKind](id.slice(colon + 1)) ? (kind as PaperIdKind) : null;
}

export function isPaperId(value: unknown): value is PaperId {
  return typeof value === 'string' && kindOf(value) !== null;
}

/** The id without its tag, as its registry writes it (`2409.12345` for `arxiv:2409.12345`); null for what is not a tagged id. */
export function localIdOf(id: PaperId): string | null {
  return kindOf(id) === null ? null : id.slice(id.indexOf(':') + 1);
}

/** The arXiv id of a paper whose identity is one (links to arxiv.org, BibTeX's eprint, the API); null for other kinds. */
export function arxivIdOf(id: PaperId): string | null {
  return kindOf(id) === 'arxiv' ? id.slice('arxiv:'.length) : null;
}

/**
 * An id as data written by any version holds it: a tagged id, or the bare canonical arXiv id that
 * every id was before schema v7 (old backups and exports, another device's sync files, old rows).
 * Null for anything else.
 */
export function readPaperId(raw: string): PaperId | null {
  if (isPaperId(raw)) return raw;
  return isCanonicalArxivId(raw) ? `arxiv:${raw}` : null;
}

/** The arXiv id in an id written by any version (tagged, or bare as before schema v7); null when it has none. */
export function arxivIdIn(raw: string): string | null {
  const id = readPaperId(raw);
  return id === null ? null : arxivIdOf(id);
}

/** The paper's own page at the registry that gave its id (arXiv's abstract page). */
export function paperPageUrl(id: PaperId): string {
  const arxiv = arxivIdOf(id);
  if (arxiv === null) throw new RangeError(`not a paper id: ${JSON.stringify(id.slice(0, 60))}`);
  return arxivAbsUrl(arxiv);
}

/** How an id is written for a reader: `arXiv:2409.12345`, as arXiv itself writes it. */
export function paperIdInWords(id: PaperId): string {
  const arxiv = arxivIdOf(id);
  return arxiv === null ? id : `arXiv:${arxiv}`;
}
