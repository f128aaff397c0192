/**
 * Text as search compares it: lower case, accents dropped ("Müller" is found by "muller"), and the
 * few Latin letters that Unicode does not decompose spelled out ("Łukasz" by "lukasz", "Søren" by
 * "soren"). `toLowerCase` is the locale-independent mapping, as tagKey uses.
 *
 * ASCII text (most of a library: titles, abstracts, ids) only needs `toLowerCase`, which is what
 * keeps building the search text of 100,000 papers cheap; the Unicode work runs only on the rest.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(COMBINING_MARKS, '').replace(UNDECOMPOSED, (letter) => SPELLED_OUT[letter] ?? letter);
}

const NON_ASCII = /[^\u0000-\u007f]/;
const COMBINING_MARKS = /\p{M}+/gu;
// Lower-case letters with no canonical decomposition that readers type without their stroke.
const SPELLED_OUT: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd' };
const UNDECOMPOSED = /[łøđħıßæœþð]/g;
