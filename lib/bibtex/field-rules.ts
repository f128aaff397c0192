/**
 * The characters each verbatim field of an exported entry may hold: one allow-list per field.
 *
 * Text fields (title, authors, journal, booktitle, keywords, key) are escaped character by
 * character (latex-escape.ts), so nothing in them reaches TeX as a command. The fields here are
 * written as they are, because styles and packages print them through `\url`, `\href` or
 * biblatex's verbatim fields, where an escape would be printed literally. They are safe only
 * because each allows nothing TeX reads specially anywhere: no `\ { } $ & # % ~ ^` and no space,
 * so no command, group, comment, parameter, math shift or `^^` notation (TeX's `^^5c` is a
 * backslash) can be formed, whatever the style or engine does with the field.
 */

/** Citation keys: what BibTeX and biber both accept (the model's CitationKeySchema). */
export const CITATION_KEY = /^[A-Za-z0-9_:.-]{1,100}$/;
/** The same characters without the length limit: a key made from a long name may be longer. */
export const KEY_CHARACTERS = /^[A-Za-z0-9_:.-]+$/;

/**
 * DOIs: `10.<registrant>/<suffix>`, the suffix in the characters Crossref recommends (letters,
 * digits, `- . _ ; ( ) /`) plus `: < > [ ] +`, which older DOIs (SICIs) use. `_` is common
 * (Springer chapters, `…-1_48`) and harmless: at worst a subscript error in a style that prints
 * DOIs without `\url`.
 */
export const DOI = /^10\.\d{4,9}\/[A-Za-z0-9._;()/:<>[\]+-]+$/;

/** arXiv ids as `eprint`: canonical ids only (`2409.12345`, `hep-th/9901001`). */
export const EPRINT = /^(?:\d{4}\.\d{4,5}|[a-z][a-z-]*\/\d{7})$/;

/** The `url` field: an arXiv abstract page. */
export const ARXIV_URL = /^https:\/\/arxiv\.org\/abs\/(?:\d{4}\.\d{4,5}|[a-z][a-z-]*\/\d{7})$/;

/** `primaryClass`: an arXiv category (`cs.CL`, `hep-th`, `math.AG`). */
export const PRIMARY_CLASS = /^[a-z-]+(?:\.[A-Za-z-]+)?$/;

/** `year`: four digits. */
export const YEAR = /^\d{4}$/;

/**
 * `value` when it matches `rule`; otherwise a RangeError. For fields the exporter builds itself
 * from validated parts, a mismatch is a bug to stop at, not text to write.
 */
export function checked(rule: RegExp, value: string, field: string): string {
  if (!rule.test(value)) throw new RangeError(`the ${field} field would hold characters it must not: ${JSON.stringify(value)}`);
  return value;
}
