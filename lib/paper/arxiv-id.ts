/**
 * arXiv identifiers. The canonical id of a paper has no version: `2409.12345`, `hep-th/9901001`.
 * Identifier forms are documented at https://info.arxiv.org/help/arxiv_identifier.html.
 */

// New style since April 2007: YYMM.NNNN (to 2014) or YYMM.NNNNN (from 2015), optional vN.
const NEW_STYLE = /^(\d{4}\.\d{4,5})(v\d+)?$/;
// Old style before April 2007: archive(.SUBJ)?/YYMMNNN, optional vN.
const OLD_STYLE = /^([a-z][a-z-]*(?:\.[A-Za-z-]{2,})?\/\d{7})(v\d+)?$/;

/** Returns the canonical (version-less) id, or null when `raw` is not exactly an arXiv id. */
export function canonicalArxivId(raw: string): string | null {
  const text = raw.trim().replace(/^arxiv:/i, '');
  const match = NEW_STYLE.exec(text) ?? OLD_STYLE.exec(text);
  return match?.[1] ?? null;
}

export function isCanonicalArxivId(value: string): boolean {
  return canonicalArxivId(value) === value;
}

/** The arXiv abstract page of a canonical id. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}
