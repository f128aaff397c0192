/**
 * The one folding of text that library search and rules compare: a name or word typed without
 * its accents, in any case, finds the text that has them, in search and in a rule alike
 * ("lukasz" finds "Łukasz", "muller" finds "Müller", "ecole" finds "ÉCOLE").
 *
 * - compatibility decomposition (NFKD): accents split off, the ligature "ﬁ" becomes "fi",
 *   "ℌ" becomes "H", full-width letters become plain ones;
 * - lower case, after decomposing (NFKD can yield capitals) and before stripping marks
 *   (lower-casing "İ" yields "i" plus a combining dot);
 * - nonspacing marks dropped (the accents NFKD split off); spacing marks stay, as they are the
 *   vowels of Indic scripts, not accents;
 * - the soft hyphen dropped (invisible, may sit inside any word), the Unicode hyphens U+2010 and
 *   U+2011 read as "-", the Greek final sigma as any sigma;
 * - the Latin letters that Unicode does not decompose spelled as readers type them without their
 *   stroke: "ł" → "l", "ø" → "o", "ß" → "ss", "æ" → "ae", ...
 *
 * `toLowerCase` is the locale-independent mapping. Pure and free of imports, so search
 * (lib/search) and rules (lib/rules) both use it without depending on each other.
 */
export function foldText(text: string): string {
  // Most titles, abstracts and ids are plain ASCII: lower-casing is all they need, which keeps
  // folding 100,000 papers for search cheap.
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').toLowerCase().replace(FOLDED, replacement);
}

const ASCII_ONLY = /^[\u0000-\u007f]*$/;
const FOLDED = /[\p{Mn}\u00ad\u2010\u2011\u03c2łøđħıßæœþð]/gu;
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u03c2': '\u03c3',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ð: 'd',
};

function replacement(character: string): string {
  return REPLACEMENTS[character] ?? '';
}
