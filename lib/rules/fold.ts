const ASCII_ONLY = /^[\u0000-\u007f]*$/;

/**
 * What folding removes or rewrites after decomposition: combining marks (the accents NFKD splits
 * off), the soft hyphen (invisible, may sit inside any word), the Unicode hyphens (so
 * "self‐supervised" with U+2010 reads like "self-supervised") and the final sigma (so a Greek
 * word typed in capitals matches the same word written in lower case).
 */
const FOLDED_CHARACTERS = /[\p{Mn}\u00ad\u2010\u2011\u03c2]/gu;
const REPLACEMENTS: Readonly<Record<string, string>> = { '\u2010': '-', '\u2011': '-', '\u03c2': '\u03c3' };

function replace(character: string): string {
  return REPLACEMENTS[character] ?? '';
}

/**
 * Folds text for word and phrase matching: compatibility decomposition, lower case, no accents.
 * `Schrödinger` becomes `schrodinger`, `ÉCOLE` becomes `ecole`, the ligature `ﬁ` becomes `fi`.
 * Patterns and card text go through the same function, so they always agree.
 */
export function foldText(text: string): string {
  // Most titles and abstracts are plain ASCII: lower-casing is all they need.
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  // Lower-case after decomposing (NFKD can yield capitals, e.g. ℌ → H) and strip marks last
  // (lower-casing İ yields i plus a combining dot).
  return text.normalize('NFKD').toLowerCase().replace(FOLDED_CHARACTERS, replace);
}
