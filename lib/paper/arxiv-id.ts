/**
 * arXiv identifiers. The canonical id of a paper has no version: `2409.12345`, `hep-th/9901001`.
 * Identifier forms are documented at https://info.arxiv.org/help/arxiv_identifier.html.
 */

// New style since April 2007: YYMM.NNNN (to 2014) or YYMM.NNNNN (from 2015), optional vN.
const NEW_STYLE = /^(\d{4}\.\d{4,5})(v\d+)?$/;
// Old style before April 2007: archive(.SUBJ)?/YYMMNNN, optional vN. The subject class is not
// part of the identity (`math.GT/0309136` is `math/0309136`; arXiv's own links drop it), so the
// canonical id keeps only archive and number.
const OLD_STYLE = /^([a-z][a-z-]*)(?:\.[A-Za-z-]{2,})?\/(\d{7})(v\d+)?$/;

/** Returns the canonical (version-less) id, or null when `raw` is not exactly an arXiv id. */
export function canonicalArxivId(raw: string): string | null {
  const text = raw.trim().replace(/^arxiv:/i, '');
  const modern = NEW_STYLE.exec(text);
  if (modern) return modern[1] ?? null;
  const old = OLD_STYLE.exec(text);
  return old ? `${old[1]}/${old[2]}` : null;
}

export function isCanonicalArxivId(value: string): boolean {
  return canonicalArxivId(value) === value;
}

/** The arXiv abstract page of a canonical id. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

/** Hosts that serve arXiv papers under `/abs/`, `/pdf/` and `/html/` (export.* is the API/mirror host). */
const ARXIV_HOSTS: ReadonlySet<string> = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);
const HUGGINGFACE_HOST = 'huggingface.co';

/**
 * The canonical id of the paper a link points to, or null when it points to no paper.
 *
 * Recognised (http or https, absolute or relative to `base`, which defaults to arxiv.org):
 * - `/abs/<id>` and `/pdf/<id>` (the latter with or without `.pdf`), versioned or not;
 * - `/html/<id>`, with anything after the id (`/html/2409.12345v2/`, `/html/2409.12345v2/#S1`);
 * - old-style ids keep their slash: `/abs/hep-th/9901001v2`, `/pdf/math.GT/0309136`;
 * - `https://huggingface.co/papers/<id>`.
 * Query and fragment are ignored. Anything else (listings, `/format/`, other hosts) → null.
 */
export function arxivIdFromUrl(href: string, base = 'https://arxiv.org'): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const match = /^\/([a-z]+)\/(.+)$/.exec(url.pathname);
  if (!match?.[1] || !match[2]) return null;
  const [, kind, encodedRest] = match;
  let rest: string;
  try {
    // An encoded slash (`hep-th%2F9901001`) is still an old-style id.
    rest = decodeURIComponent(encodedRest);
  } catch {
    return null;
  }
  // `canonicalArxivId` forgives surrounding spaces in text; a path with spaces is not an id.
  if (/\s/.test(rest)) return null;

  if (url.hostname === HUGGINGFACE_HOST) return kind === 'papers' ? wholeId(rest) : null;
  if (!ARXIV_HOSTS.has(url.hostname)) return null;
  switch (kind) {
    case 'abs':
      return wholeId(rest);
    case 'pdf':
      return wholeId(rest.replace(/\/$/, '').replace(/\.pdf$/, ''));
    case 'html':
      return leadingId(rest);
    default:
      return null;
  }
}

/** `rest` is exactly an id (a trailing slash allowed). */
function wholeId(rest: string): string | null {
  return canonicalArxivId(rest.replace(/\/$/, ''));
}

/** `rest` starts with an id, one path segment (new style) or two (old style), then anything. */
function leadingId(rest: string): string | null {
  const [first = '', second] = rest.split('/');
  return canonicalArxivId(first) ?? (second === undefined ? null : canonicalArxivId(`${first}/${second}`));
}
