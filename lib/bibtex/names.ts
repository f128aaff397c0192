/**
 * Author names as listing pages print them ("Ludwig van Beethoven") → BibTeX names
 * ("van Beethoven, Ludwig").
 *
 * We write every person as `von Last, First` or `von Last, Jr, First`: with the comma BibTeX
 * no longer guesses where the family name starts, so "Nando De Freitas" can be filed under
 * "De Freitas". Names that are not a person's (organisations, single names, names written in
 * CJK scripts, which put the family name first and no space between) are braced whole, which
 * BibTeX prints and sorts as they are.
 */
import { braceProtect, cleanText, escapeLatex, type Substitution } from './latex-escape';

export type ParsedName =
  | { kind: 'person'; first: string; von: string; last: string; jr: string }
  | { kind: 'literal'; text: string };

export interface NameOptions {
  ascii?: boolean;
  report?: Substitution[];
}

/** Suffixes that follow the family name ("King Jr.", "Gates III"). */
const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv)$/i;

/**
 * Particles that belong to the family name even when capitalised. Lowercase words inside a name
 * are particles anyway (BibTeX's own "von" rule); capitalised "Van" and "Le" are left out on
 * purpose: in Vietnamese names they are given and family names ("Thi Van Nguyen", "Quoc V. Le").
 */
const CAPITALISED_PARTICLES: ReadonlySet<string> = new Set(['De', 'Di', 'Da', 'Du', 'Del', 'Della', 'Dos', 'Des', 'Von']);

/** Words that make a name an organisation (compared case-insensitively, whole words). */
const ORGANISATION_WORDS: ReadonlySet<string> = new Set([
  'team', 'teams', 'consortium', 'collaboration', 'lab', 'labs', 'laboratory', 'laboratories', 'inc', 'inc.',
  'ltd', 'ltd.', 'llc', 'corp', 'corp.', 'corporation', 'company', 'group', 'institute', 'university',
  'foundation', 'project', 'initiative', 'society', 'association', 'center', 'centre', 'council',
  'committee', 'network', 'authors', 'contributors', 'community', 'organization', 'organisation',
  'google', 'openai', 'deepmind', 'microsoft', 'anthropic', 'nvidia', 'meta', 'alibaba', 'baidu',
  'tencent', 'huawei', 'bytedance', 'amazon', 'ibm',
]);
/** Upper-case words that mark an organisation only in upper case ("Mistral AI", but "Ai Zhang"). */
const ORGANISATION_ACRONYMS: ReadonlySet<string> = new Set(['AI', 'NLP', 'ML']);

/** Scripts written without spaces and with the family name first: braced whole. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;

function isInitial(token: string): boolean {
  return /^(?:\p{Lu}\.?)(?:-\p{Lu}\.?)*$/u.test(token);
}

/** Whether the first letter of the token is lower case (a letter that has an upper-case form). */
function startsLowercase(token: string): boolean {
  // While the token is ASCII, its first letter is found by character code: no match to allocate.
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code >= 0x80) break;
    if (code >= 0x61 && code <= 0x7a) return true;
    if (code >= 0x41 && code <= 0x5a) return false;
  }
  const letter = /\p{L}/u.exec(token)?.[0];
  return letter !== undefined && letter === letter.toLowerCase() && letter !== letter.toUpperCase();
}

/** Whether the token is a particle that joins the family name (`van`, `de la`, `De`). */
function isParticle(token: string): boolean {
  if (token.toLowerCase() === 'and') return false;
  return startsLowercase(token) || CAPITALISED_PARTICLES.has(token);
}

function isOrganisation(tokens: string[]): boolean {
  if (tokens.some((token) => ORGANISATION_WORDS.has(token.toLowerCase()) || ORGANISATION_ACRONYMS.has(token))) {
    return true;
  }
  // Five or more full words is a title or a group, not a person; particles, initials and
  // suffixes do not count, so "Juan Carlos de la Fuente" stays a person.
  const words = tokens.filter((token) => !isParticle(token) && !isInitial(token) && !SUFFIX.test(token));
  return words.length >= 5;
}

/** Splits "First Middle von Last" tokens; `tokens` has at least two entries. */
function splitPerson(tokens: string[], jr: string): ParsedName {
  const lastIndex = tokens.length - 1;
  // BibTeX's rule, with capitalised particles added: the family name starts at the first
  // particle after the first word and includes everything up to the end.
  let vonStart = -1;
  for (let i = 1; i < lastIndex; i++) {
    if (isParticle(tokens[i]!)) {
      vonStart = i;
      break;
    }
  }
  if (vonStart < 0) {
    return { kind: 'person', first: tokens.slice(0, lastIndex).join(' '), von: '', last: tokens[lastIndex]!, jr };
  }
  // The von part runs to the last particle before the final word; the rest is the last name.
  let vonEnd = vonStart;
  for (let i = vonStart; i < lastIndex; i++) if (isParticle(tokens[i]!)) vonEnd = i;
  return {
    kind: 'person',
    first: tokens.slice(0, vonStart).join(' '),
    von: tokens.slice(vonStart, vonEnd + 1).join(' '),
    last: tokens.slice(vonEnd + 1).join(' '),
    jr,
  };
}

/** "J.Smith" and "A.B.Smith" (initials glued to the family name, common in arXiv metadata). */
function unglueInitials(name: string): string {
  // The pattern needs a dot after the first letter (one or two UTF-16 units): most names have none.
  if (name.charCodeAt(1) !== 0x2e && name.charCodeAt(2) !== 0x2e) return name;
  const glued = /^((?:\p{Lu}\.)+)(\p{Lu}\p{Ll}.*)$/u.exec(name);
  if (!glued) return name;
  return `${glued[1]!.replace(/\./g, '. ').trim()} ${glued[2]}`;
}

/** Understands one author name as printed on a page. Returns null for an empty name. */
export function parseAuthorName(raw: string): ParsedName | null {
  const name = unglueInitials(cleanText(raw));
  if (name === '') return null;
  if (CJK.test(name)) return { kind: 'literal', text: name };

  // "Last, First" / "Last, Jr., First" / "First Last, Jr." as some pages and files write them.
  if (name.includes(',')) {
    const parts = name.split(',').map((part) => part.trim());
    if (parts.some((part) => part === '') || parts.length > 3) return { kind: 'literal', text: name };
    const [a = '', b = '', c] = parts;
    if (parts.length === 2 && SUFFIX.test(b)) {
      const tokens = a.split(' ');
      if (tokens.length >= 2 && !isOrganisation(tokens)) return splitPerson(tokens, b);
      return { kind: 'literal', text: name };
    }
    if (isOrganisation(name.replace(/,/g, ' ').split(' ').filter(Boolean))) return { kind: 'literal', text: name };
    const lastTokens = a.split(' ');
    let vonEnd = -1;
    for (let i = 0; i < lastTokens.length - 1; i++) if (startsLowercase(lastTokens[i]!)) vonEnd = i;
    const von = lastTokens.slice(0, vonEnd + 1).join(' ');
    const last = lastTokens.slice(vonEnd + 1).join(' ');
    return parts.length === 3
      ? { kind: 'person', first: c ?? '', von, last, jr: b }
      : { kind: 'person', first: b, von, last, jr: '' };
  }

  const tokens = name.split(' ');
  if (tokens.length === 1 || isOrganisation(tokens)) return { kind: 'literal', text: name };
  let jr = '';
  if (tokens.length >= 3 && SUFFIX.test(tokens[tokens.length - 1]!)) jr = tokens.pop()!;
  return splitPerson(tokens, jr);
}

/**
 * Printable ASCII that escapeLatex writes as it is, in words separated by single spaces, or
 * nothing: every word of it escapes to itself and none is empty.
 */
const PLAIN_PART = /^(?:[^\x00-\x20\x7F-\uFFFF&%$#_~^\\<>|{}"]+(?: [^\x00-\x20\x7F-\uFFFF&%$#_~^\\<>|{}"]+)*)?$/;
const AND_WORD = /(?:^| )and(?: |$)/i;

/**
 * Escapes one part of a name. A word "and" (any case) is braced: BibTeX splits author lists on
 * " and " at brace level 0, so "Jean and Pierre" would otherwise become two people.
 */
function escapeNamePart(part: string, options: NameOptions): string {
  // Words that escape to themselves, single spaces between them, no word "and": the part as it is.
  if (PLAIN_PART.test(part) && !AND_WORD.test(part)) return part;
  return part
    .split(' ')
    .map((word) => (word.toLowerCase() === 'and' ? `{${word}}` : escapeLatex(word, options)))
    .filter((word) => word !== '')
    .join(' ');
}

/** One author as a BibTeX name: `van Beethoven, Ludwig`, `King, Jr., Martin Luther`, `{OpenAI Team}`. */
export function formatAuthorName(raw: string, options: NameOptions = {}): string | null {
  const parsed = parseAuthorName(raw);
  if (!parsed) return null;
  const escapeOptions = { ascii: options.ascii, report: options.report };
  if (parsed.kind === 'literal') {
    const escaped = escapeLatex(parsed.text, escapeOptions);
    return escaped === '' ? null : braceProtect(escaped);
  }
  const family = escapeNamePart(parsed.von === '' ? parsed.last : parsed.last === '' ? parsed.von : `${parsed.von} ${parsed.last}`, escapeOptions);
  const jr = escapeNamePart(parsed.jr, escapeOptions);
  const first = escapeNamePart(parsed.first, escapeOptions);
  if (family === '') return first === '' ? null : braceProtect(first);
  if (jr !== '') return `${family}, ${jr}, ${first}`;
  return first === '' ? family : `${family}, ${first}`;
}

/** An author list for the `author` field: names joined with ` and `; empty names skipped. */
export function formatAuthorList(names: readonly string[], options: NameOptions = {}): string {
  return names
    .map((name) => formatAuthorName(name, options))
    .filter((name): name is string => name !== null)
    .join(' and ');
}
