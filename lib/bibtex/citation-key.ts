/**
 * Citation keys in the Google Scholar / Better BibTeX shape: first author's family name, year,
 * first significant title word, folded to lower-case ASCII (`vaswani2017attention`).
 *
 * Keys are computed once, when a paper enters the library, and stored (see `lib/db/citation-keys.ts`):
 * Zotero's keys change with what is exported together, which is why Better BibTeX exists. This
 * function is pure, so the same paper and the same taken keys always give the same key.
 */
import { arxivIdIn } from '../paper/paper-id';
import type { PaperRecord } from '../paper/model';
import { parseAuthorName } from './names';

/** What a key is made of; a PaperRecord is one. */
export type CitationKeyInput = Pick<PaperRecord, 'title'> & {
  id?: string;
  authors?: readonly string[];
  publishedAt?: string;
};

/** Title words that say nothing about a paper (compared after folding). */
const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'on', 'of', 'for', 'towards', 'toward', 'to', 'in', 'at', 'by', 'with', 'without',
  'from', 'into', 'onto', 'via', 'and', 'or', 'but', 'nor', 'as', 'is', 'are', 'be', 'do', 'does',
  'about', 'over', 'under', 'through', 'between', 'against', 'among', 'upon', 'within', 'beyond',
  'vs', 'versus', 'per', 'than', 'its', 'it', 'this', 'that', 'these', 'those', 'we', 'our', 'your',
  'can', 'not', 'no', 'so', 'all', 'some', 'any',
  // Common in non-English titles.
  'le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'der', 'die', 'das', 'ein', 'eine', 'el', 'los', 'las',
  'il', 'lo', 'una', 'et', 'und', 'y',
]);

/** Letters that do not decompose into ASCII under NFKD. */
const FOLD_EXTRA: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'ss', ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd',
  ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', ı: 'i', ŋ: 'ng', Ŋ: 'ng',
};

const ASCII = /^[\x00-\x7F]*$/;
const NOT_KEY_CHAR = /[^a-z0-9]/g;
const NON_SPACE_RUNS = /\S+/g;

/** Lower-case ASCII letters and digits only: NFKD, diacritics stripped, ß → ss, ø → o, the rest dropped. */
export function foldForKey(text: string): string {
  // ASCII: no letter to replace or decompose, no marks to strip (NFKD leaves ASCII as it is).
  if (ASCII.test(text)) return text.toLowerCase().replace(NOT_KEY_CHAR, '');
  return text
    .replace(/[ßẞøØæÆœŒłŁđĐðÐþÞıŋŊ]/g, (char) => FOLD_EXTRA[char] ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The year of a paper: from `publishedAt`, else from its arXiv id (new-style ids start with
 * YYMM, old-style ones with archive/YYMM; arXiv began in 1991). Undefined when neither tells.
 */
export function paperYear(input: { publishedAt?: string; id?: string }): string | undefined {
  if (input.publishedAt !== undefined && DATE.test(input.publishedAt)) return input.publishedAt.slice(0, 4);
  const id = arxivIdIn(input.id ?? '') ?? '';
  const yy = /^(\d{2})(?:0[1-9]|1[0-2])\.\d{4,5}$/.exec(id)?.[1] ?? /^[a-z][a-z-]*\/(\d{2})(?:0[1-9]|1[0-2])\d{3}$/.exec(id)?.[1];
  if (yy === undefined) return undefined;
  return `${Number(yy) >= 91 ? '19' : '20'}${yy}`;
}

/** The key's author part from one name, or null when the name is empty (the next one is used). */
function namePart(raw: string): string | null {
  const parsed = parseAuthorName(raw);
  if (!parsed) return null;
  // A person's family name keeps all its words (van Beethoven → vanbeethoven); an organisation
  // or single name contributes its first significant word (The ATLAS Collaboration → atlas).
  const folded = parsed.kind === 'person' ? foldForKey(`${parsed.von}${parsed.last}`) : firstSignificantWord(parsed.text);
  // Nothing foldable (a name in Han script): the anonymous form is the honest one.
  return folded === '' ? 'anon' : folded;
}

/** The first non-empty name's part; names after it are not looked at. */
function authorPart(authors: readonly string[] | undefined, part: (raw: string) => string | null): string {
  for (const raw of authors ?? []) {
    const found = part(raw);
    if (found !== null) return found;
  }
  return 'anon';
}

function firstSignificantWord(text: string): string {
  // The non-empty pieces of text.split(/\s+/), in order, found lazily (usually the first or
  // second word is the answer); the empty pieces split also gives fold to '' and are skipped.
  for (const [word] of text.matchAll(NON_SPACE_RUNS)) {
    const folded = foldForKey(word);
    if (folded !== '' && !STOPWORDS.has(folded)) return folded;
  }
  return '';
}

/** The key before collision handling: `vaswani2017attention`, `anonndattention`. */
export function baseCitationKey(input: CitationKeyInput): string {
  return `${authorPart(input.authors, namePart)}${paperYear(input) ?? 'nd'}${firstSignificantWord(input.title)}`;
}

/**
 * {@link baseCitationKey} that remembers each author name's part, for one export call: names
 * repeat across a library and parsing them is most of the work. The part depends on the name
 * alone, so remembering it cannot change a key; drop the function with the call.
 */
export function memoizedBaseCitationKey(): (input: CitationKeyInput) => string {
  const parts = new Map<string, string | null>();
  const part = (raw: string): string | null => {
    let found = parts.get(raw);
    if (found === undefined) {
      found = namePart(raw);
      parts.set(raw, found);
    }
    return found;
  };
  return (input) => `${authorPart(input.authors, part)}${paperYear(input) ?? 'nd'}${firstSignificantWord(input.title)}`;
}

/** Bijective base-26 suffixes: 1 → a, 26 → z, 27 → aa, 28 → ab. */
export function keySuffix(n: number): string {
  let suffix = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    suffix = String.fromCharCode(97 + ((rest - 1) % 26)) + suffix;
  }
  return suffix;
}

/**
 * `base` if free, else the first free of `basea`, `baseb`, … `basez`, `baseaa`, … `taken` is a
 * set of keys or a predicate (the exporter compares case-insensitively, as BibTeX does).
 */
export function disambiguateKey(base: string, taken: ReadonlySet<string> | ((key: string) => boolean)): string {
  const isTaken = typeof taken === 'function' ? taken : (key: string) => taken.has(key);
  if (!isTaken(base)) return base;
  for (let n = 1; ; n++) {
    const candidate = base + keySuffix(n);
    if (!isTaken(candidate)) return candidate;
  }
}

/**
 * A citation key for `input` that is not in `taken`. Keys are compared exactly; the keys this
 * function makes are lower case, so a library of its keys needs no case folding.
 */
export function makeCitationKey(input: CitationKeyInput, taken: ReadonlySet<string>): string {
  return disambiguateKey(baseCitationKey(input), taken);
}
