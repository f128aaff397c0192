/**
 * Text → LaTeX for BibTeX field values (outside math).
 *
 * Two constraints shape every choice here:
 * - BibTeX counts braces without looking at backslashes: `\{` is a brace to BibTeX but not to
 *   LaTeX. So escaped braces are written as `\{`/`\}` only when they pair up in the text, and
 *   as `{\textbraceleft}`/`{\textbraceright}` when they do not; our own braces always pair up.
 * - A brace group that starts with a backslash (`{\'E}`, `{\L}`) is a BibTeX "special character":
 *   styles change the case of the letters inside it but never of the command name. That is what
 *   we want for accented letters (sentence case turns `{\'E}` into `{\'e}`), and why every
 *   command we emit is wrapped as `{\cmd}`: a bare `\S` in a title would be lower-cased to `\s`.
 *   A case-protection group must therefore never start with a backslash: a word that starts with
 *   an escaped character gets a double brace (`$GPU` → `{{\$GPU}}`).
 *
 * Modes:
 * - UTF-8 (default): letters of every script stay as they are; pdflatex's utf8 input encoding
 *   (the default since LaTeX 2018) maps the Latin ones, biber and XeLaTeX/LuaLaTeX take all.
 * - ASCII: every character becomes the LaTeX command that LaTeX's own utf8 input encoding would
 *   use for it (`é` → `{\'e}`, `ł` → `{\l}`, `ą` → `{\k{a}}`), so an ASCII file behaves exactly like
 *   its UTF-8 twin under pdflatex. Some of those commands (`\k`, `\dj`, `\th`, guillemets) exist
 *   only with `\usepackage[T1]{fontenc}`, exactly as the UTF-8 characters do. Accents LaTeX has no
 *   command for (the Vietnamese horn) are dropped from their letter ("approximated"); characters
 *   with no LaTeX form at all become the documented fallback `?` ("unmapped"). Both are reported.
 * - In both modes: Greek letters and mathematical symbols become math (`α` → `{$\alpha$}`), since
 *   no default text font has them; emoji and private-use characters are dropped and reported;
 *   control characters, bidi overrides and invisible format characters are stripped silently.
 * - Titles (`math`): `$…$` math is kept only when tex-math.ts allows every piece of it; any other
 *   is escaped like the rest, so `$\input{x}$` prints as typed and runs nothing.
 */

import { isAllowedMath } from './tex-math';
import { OTHER_WHITESPACE } from '../text/whitespace';

/** What happened to a character that could not be written as itself. */
export interface Substitution {
  char: string;
  /** What was written instead (`''` when dropped). */
  replacement: string;
  /**
   * - `unmapped`: ASCII mode, no LaTeX form; written as {@link ASCII_FALLBACK}.
   * - `approximated`: ASCII mode, written without an accent LaTeX cannot express (ơ → o).
   * - `dropped`: emoji, pictographs and private-use characters (both modes).
   */
  kind: 'unmapped' | 'approximated' | 'dropped';
}

export interface EscapeOptions {
  /** Write pure ASCII (see the module comment). Default false: UTF-8. */
  ascii?: boolean;
  /** Brace words whose capitals must survive a style's sentence casing (titles). */
  protectCase?: boolean;
  /** Keep `$…$` TeX math that passes the allow-list of tex-math.ts as it is (titles). Otherwise every `$` is escaped. */
  math?: boolean;
  /** Receives one entry per substituted character, in order. */
  report?: Substitution[];
}

/** Written in ASCII mode for a character that has no LaTeX form. */
export const ASCII_FALLBACK = '?';

// ---------------------------------------------------------------------------------------------
// Cleaning

// C0 and C1 controls (tab, newline and carriage return become spaces first), soft hyphen, ALM,
// zero-width space and joiner (not the non-joiner, which Persian spelling needs), LRM/RLM, the
// bidi embeddings and overrides U+202A–U+202E, word joiner and invisible operators, the isolates
// U+2066–U+2069, the keycap mark, variation selectors and BOM; lone surrogates.
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u200B\u200D-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u20E3\uFE00-\uFE0F\uFEFF]|\p{Cs}/gu;
const INVISIBLE_TAGS = /[\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;

/** Only printable ASCII (U+0020–U+007E); the fast paths below are written for such text. */
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
const SPACE_RUNS = / {2,}/g;
const WHITESPACE = /\s/;

/**
 * NFC, invisible and control characters removed, every run of whitespace (including no-break
 * and other Unicode spaces, newlines and tabs) turned into one space, trimmed. BibTeX splits names
 * on ASCII spaces only, so a no-break space inside a name must become a plain one.
 */
export function cleanText(input: string): string {
  // Printable ASCII (the common case): there is nothing to strip (every control character is
  // outside U+0020–U+007E), NFC leaves ASCII unchanged and the only whitespace is the space, so
  // collapsing runs of spaces and trimming is the whole job.
  if (PRINTABLE_ASCII.test(input)) return (input.includes('  ') ? input.replace(SPACE_RUNS, ' ') : input).trim();
  return input
    .replace(/[\t\n\r]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(INVISIBLE_TAGS, '')
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Case protection

/**
 * Whether a word (or one part of a hyphenated word) has capitals that sentence casing
 * (`plain.bst`'s `change.case$`) would destroy: a capital after the first letter (BERT, LoRA,
 * ImageNet, MLOps, iPhone), digits mixed with capitals (3D, A100, L2), or a lone capital letter
 * other than the article "A" (the Q of Q-learning, Type I).
 */
function partNeedsProtection(part: string): boolean {
  const ascii = asciiPartNeedsProtection(part, 0, part.length);
  if (ascii !== undefined) return ascii;
  if (/^.+\p{Lu}/su.test(part)) return true;
  if (/\p{Lu}/u.test(part) && /\p{Nd}/u.test(part)) return true;
  return /^\p{Lu}$/u.test(part) && part !== 'A';
}

/**
 * {@link partNeedsProtection} for `text[from, to)` when it is ASCII, by character codes (no
 * slicing); undefined when it has a non-ASCII character. In ASCII, \p{Lu} is A–Z and \p{Nd} is
 * 0–9, and every character is one code point, so "a capital after the first code point" is "a
 * capital after the first index".
 */
function asciiPartNeedsProtection(text: string, from: number, to: number): boolean | undefined {
  let upper = false;
  let digit = false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return undefined;
    if (code >= 0x41 && code <= 0x5a) {
      if (i > from) return true;
      upper = true;
    } else if (code >= 0x30 && code <= 0x39) digit = true;
  }
  if (upper && digit) return true;
  return upper && to - from === 1 && text.charCodeAt(from) !== 0x41; // a lone capital but "A"
}

/** Whether `text` starts with an upper-case letter (/^\p{Lu}/u), by character code when ASCII. */
function startsUppercase(text: string): boolean {
  const code = text.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return /^\p{Lu}/u.test(text);
}

/** Whether the UTF-16 unit separates the parts of a word: `-`, `/`, U+2010 or U+2011 hyphen. */
function isPartSeparator(code: number): boolean {
  return code === 0x2d || code === 0x2f || code === 0x2010 || code === 0x2011;
}

/**
 * For a word `text[from, to)` that is one part (no {@link isPartSeparator} character), whether
 * {@link caseProtectedRanges} braces all of it; undefined when the word has several parts. With
 * one part the run logic there braces the whole word exactly when the part needs it (a part that
 * needs protection has a letter, so it is never empty and never trimmed).
 */
function singlePartProtection(text: string, from: number, to: number, mode: CaseMode): boolean | undefined {
  for (let i = from; i < to; i++) if (isPartSeparator(text.charCodeAt(i))) return undefined;
  if (from === to) return false;
  if (mode.properNouns === true && mode.sentenceStart !== true && startsUppercaseAt(text, from, to)) return true;
  return asciiPartNeedsProtection(text, from, to) ?? partNeedsProtection(text.slice(from, to));
}

/**
 * The ranges of `word` to brace. Hyphenated words are judged part by part and only the runs of
 * parts that need it are braced, digit-only parts joining their neighbours: GPT-4 → {GPT-4},
 * BERT-Base → {BERT}-Base, D-Branes → {D}-Branes, Vision-Language → nothing. So a style can
 * still write "BERT-base" and "D-branes" in sentence case.
 */
export function caseProtectedRanges(word: string, mode: CaseMode = {}): Array<[number, number]> {
  const single = singlePartProtection(word, 0, word.length, mode);
  if (single !== undefined) return single ? [[0, word.length]] : [];
  const flat = partRanges(word, 0, word.length, mode);
  const ranges: Array<[number, number]> = [];
  for (let k = 0; k < flat.length; k += 2) ranges.push([flat[k]!, flat[k + 1]!]);
  return ranges;
}

/**
 * The ranges of {@link caseProtectedRanges} for the word `text[from, to)`, by index (no part
 * strings, objects or closures), as offsets into `text` in one flat array: start, end, start, end.
 *
 * Parts are split at each separator. A part joins the current run when it needs protection or is
 * neutral (has no letter; an empty part is neutral); any other part ends the run. A run is
 * braced from its first to its last non-empty part when one of its parts needs protection (an
 * empty part never does), so empty parts at its edges stay outside the braces.
 */
function partRanges(text: string, from: number, to: number, mode: CaseMode): number[] {
  const ranges: number[] = [];
  let runStart = -1; // start of the run's first non-empty part
  let runEnd = -1; // end of its last non-empty part
  let runNeeds = false;
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i < to && !isPartSeparator(text.charCodeAt(i))) continue;
    // text[start, i) is one part.
    // In a sentence-cased title a capital starts a proper noun (post-Newtonian, Zürich), except
    // where the title or a subtitle begins, which styles leave alone anyway.
    const properNoun =
      mode.properNouns === true && startsUppercaseAt(text, start, i) && !(mode.sentenceStart === true && start === from);
    const needs = properNoun || (asciiPartNeedsProtection(text, start, i) ?? partNeedsProtection(text.slice(start, i)));
    if (needs || !hasLetter(text, start, i)) {
      if (i > start) {
        if (runStart < 0) runStart = start;
        runEnd = i;
      }
      runNeeds ||= needs;
    } else {
      if (runNeeds) ranges.push(runStart - from, runEnd - from);
      runStart = -1;
      runEnd = -1;
      runNeeds = false;
    }
    start = i + 1; // every separator is one UTF-16 unit
  }
  if (runNeeds) ranges.push(runStart - from, runEnd - from);
  return ranges;
}

/** Whether `text[from, to)` starts with an upper-case letter (/^\p{Lu}/u). */
function startsUppercaseAt(text: string, from: number, to: number): boolean {
  if (from === to) return false;
  const code = text.charCodeAt(from);
  return code < 0x80 ? code >= 0x41 && code <= 0x5a : startsUppercase(text.slice(from, to));
}

/** Whether `text[from, to)` has a letter (/\p{L}/u), by character code while it is ASCII. */
function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return /\p{L}/u.test(text.slice(from, to));
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true;
  }
  return false;
}

/** How to judge capitals in one word of a title. */
export interface CaseMode {
  /** The title is sentence-cased, so every capitalised word is a proper noun (see {@link looksSentenceCased}). */
  properNouns?: boolean;
  /** The word begins the title or a subtitle (after a colon). */
  sentenceStart?: boolean;
}

/** Short words that Title Case leaves lower case; they say nothing about a title's style. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'for', 'so', 'yet', 'of', 'in', 'on', 'at', 'to', 'by',
  'from', 'with', 'into', 'onto', 'over', 'via', 'as', 'is', 'are', 'be', 'vs', 'versus', 'per', 'than',
  'up', 'out', 'off', 'its', 'it', 'all', 'we', 'you', 'do', 'does', 'not', 'no', 'can', 'how', 'what', 'why',
]);

/**
 * Whether a title is written in sentence case ("Gravitational waves in the post-Newtonian
 * regime") rather than Title Case: more of its content words (not the first word, not the word
 * after a colon, not function words, not acronyms) start in lower case than in upper case.
 * In a sentence-cased title the capitals left are proper nouns and are protected; in a Title
 * Case one we cannot tell "Ricci" from "Flow", and leave both to the style.
 */
export function looksSentenceCased(title: string): boolean {
  let upper = 0;
  let lower = 0;
  let atStart = true;
  // The words of `title.replace(/\$[^$]*\$/g, ' ').split(/\s+/)`, found by index instead of
  // building both strings: `$…$` spans and whitespace separate words. A `$` opens a span when
  // another `$` follows it anywhere (the replace pairs them left to right), so only a `$` at or
  // after the last one is an ordinary character. Empty words change nothing and are not visited.
  const lastDollar = title.lastIndexOf('$');
  // Cleaned text (escapeLatex's) has no whitespace but the space: words end at the next space
  // or `$`, which indexOf finds faster than a loop, especially before the code is optimised.
  const spacesOnly = !OTHER_WHITESPACE.test(title);
  let i = 0;
  while (i < title.length) {
    const code = title.charCodeAt(i);
    if (code === 0x20 || (!spacesOnly && isWhitespace(code))) {
      i++;
      continue;
    }
    if (code === 0x24 && i < lastDollar) {
      i = title.indexOf('$', i + 1) + 1;
      continue;
    }
    const start = i;
    if (spacesOnly) {
      const space = title.indexOf(' ', i + 1);
      i = space < 0 ? title.length : space;
      const dollar = title.indexOf('$', start + 1);
      if (dollar >= 0 && dollar < i && dollar < lastDollar) i = dollar;
    } else {
      for (i++; i < title.length; i++) {
        const next = title.charCodeAt(i);
        if (isWhitespace(next) || (next === 0x24 && i < lastDollar)) break;
      }
    }
    // title[start, i) is one word as split gives it ("raw"), punctuation included.
    const coreStart = start + leadingPunctLength(title, start, i);
    const coreEnd = i - trailingPunctLength(title, coreStart, i);
    if (coreStart === coreEnd) continue;
    // The word is title[coreStart, coreEnd), judged in place: no slice for most words.
    if (!atStart && !isFunctionWord(title, coreStart, coreEnd) && !needsProtectionAt(title, coreStart, coreEnd)) {
      if (startsUppercaseAt(title, coreStart, coreEnd)) upper++;
      else if (startsLowercaseAt(title, coreStart, coreEnd)) lower++;
    }
    atStart = title.charCodeAt(i - 1) === 0x3a; // the raw word ends with ':'
  }
  return lower > upper;
}

/** Whether the UTF-16 code unit is whitespace for /\s/ (every such character is in the BMP). */
function isWhitespace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return WHITESPACE_CHAR.test(String.fromCharCode(code));
}

const WHITESPACE_CHAR = /^\s$/;

/** Whether any part of `word` needs case protection (see {@link caseProtectedRanges}). */
export function needsCaseProtection(word: string): boolean {
  return needsProtectionAt(word, 0, word.length);
}

/** {@link needsCaseProtection} for the word `text[from, to)`. */
function needsProtectionAt(text: string, from: number, to: number): boolean {
  return singlePartProtection(text, from, to, NO_MODE) ?? partRanges(text, from, to, NO_MODE).length > 0;
}

const NO_MODE: CaseMode = {};

/** The longest of the FUNCTION_WORDS, all of them ASCII letters. */
const FUNCTION_WORD_MAX = Math.max(...Array.from(FUNCTION_WORDS, (word) => word.length));

/** Whether the word `text[from, to)` is one of the FUNCTION_WORDS in any case. */
function isFunctionWord(text: string, from: number, to: number): boolean {
  // Lower-casing keeps the length of ASCII: a longer ASCII word is none of them, and needs no slice.
  if (to - from > FUNCTION_WORD_MAX) {
    let ascii = true;
    for (let i = from; i < to && ascii; i++) ascii = text.charCodeAt(i) < 0x80;
    if (ascii) return false;
  }
  return FUNCTION_WORDS.has(text.slice(from, to).toLowerCase());
}

/** Whether `text[from, to)` (not empty) starts with a lower-case letter (/^\p{Ll}/u), by character code when ASCII. */
function startsLowercaseAt(text: string, from: number, to: number): boolean {
  const code = text.charCodeAt(from);
  if (code < 0x80) return code >= 0x61 && code <= 0x7a;
  return /^\p{Ll}/u.test(text.slice(from, to));
}

// Punctuation kept outside a protection group: "(BERT):" → "({BERT}):". All of it is in the
// BMP, so counting UTF-16 code units counts characters.
const codes = (chars: string): ReadonlySet<number> => new Set(Array.from(chars, (char) => char.charCodeAt(0)));
const LEADING_PUNCT = codes('([{"\'`\u2018\u201C\u00AB\u2039');
const TRAILING_PUNCT = codes(')]}"\'\u2019\u201D\u00BB\u203A,.;:!?');

/** How many characters of leading punctuation the word `text[from, to)` has. */
function leadingPunctLength(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && LEADING_PUNCT.has(text.charCodeAt(i))) i++;
  return i - from;
}

/** How many characters of trailing punctuation `text[from, to)` has (all of it, at most). */
function trailingPunctLength(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && TRAILING_PUNCT.has(text.charCodeAt(i - 1))) i--;
  return to - i;
}

/** Wraps escaped text in a protection group that BibTeX cannot mistake for a special character. */
export function braceProtect(escaped: string): string {
  return escaped.startsWith('\\') ? `{{${escaped}}}` : `{${escaped}}`;
}

// ---------------------------------------------------------------------------------------------
// Character tables

const ASCII_SPECIALS: Readonly<Record<string, string>> = {
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '{\\textasciitilde}',
  '^': '{\\textasciicircum}',
  '\\': '{\\textbackslash}',
  // In the default OT1 font encoding these three print as ¡, ¿ and an em dash.
  '<': '{\\textless}',
  '>': '{\\textgreater}',
  '|': '{\\textbar}',
  // Braces that do not pair up in the text (paired ones are written as \{ \}, see escapeLatex).
  '{': '{\\textbraceleft}',
  '}': '{\\textbraceright}',
};

/** Greek and mathematical symbols: no default text font has them, so they become math (both modes). */
const MATH_SYMBOLS: Readonly<Record<string, string>> = (() => {
  const table: Record<string, string> = {};
  const greek: Array<[string, string]> = [
    ['α', 'alpha'], ['β', 'beta'], ['γ', 'gamma'], ['δ', 'delta'], ['ε', 'varepsilon'], ['ϵ', 'epsilon'],
    ['ζ', 'zeta'], ['η', 'eta'], ['θ', 'theta'], ['ϑ', 'vartheta'], ['ι', 'iota'], ['κ', 'kappa'],
    ['λ', 'lambda'], ['μ', 'mu'], ['ν', 'nu'], ['ξ', 'xi'], ['π', 'pi'], ['ϖ', 'varpi'], ['ρ', 'rho'],
    ['ϱ', 'varrho'], ['σ', 'sigma'], ['ς', 'varsigma'], ['τ', 'tau'], ['υ', 'upsilon'], ['φ', 'varphi'],
    ['ϕ', 'phi'], ['χ', 'chi'], ['ψ', 'psi'], ['ω', 'omega'],
    ['Γ', 'Gamma'], ['Δ', 'Delta'], ['Θ', 'Theta'], ['Λ', 'Lambda'], ['Ξ', 'Xi'], ['Π', 'Pi'],
    ['Σ', 'Sigma'], ['Υ', 'Upsilon'], ['Φ', 'Phi'], ['Ψ', 'Psi'], ['Ω', 'Omega'],
  ];
  for (const [char, name] of greek) table[char] = `{$\\${name}$}`;
  // Capitals that look like Latin ones have no command of their own in LaTeX.
  const latinLookalikes = { Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Χ: 'X' };
  for (const [char, latin] of Object.entries(latinLookalikes)) table[char] = `{$\\mathrm{${latin}}$}`;
  table['ο'] = '{$o$}';
  const symbols: Array<[string, string]> = [
    ['≤', '\\leq'], ['≥', '\\geq'], ['≠', '\\neq'], ['≈', '\\approx'], ['≡', '\\equiv'], ['∼', '\\sim'],
    ['≃', '\\simeq'], ['≪', '\\ll'], ['≫', '\\gg'], ['∝', '\\propto'], ['∞', '\\infty'], ['∂', '\\partial'],
    ['∇', '\\nabla'], ['∑', '\\sum'], ['∏', '\\prod'], ['∫', '\\int'], ['√', '\\surd'], ['∈', '\\in'],
    ['∉', '\\notin'], ['∋', '\\ni'], ['⊂', '\\subset'], ['⊃', '\\supset'], ['⊆', '\\subseteq'], ['⊇', '\\supseteq'],
    ['∪', '\\cup'], ['∩', '\\cap'], ['∀', '\\forall'], ['∃', '\\exists'], ['∅', '\\emptyset'], ['∧', '\\wedge'],
    ['∨', '\\vee'], ['→', '\\rightarrow'], ['←', '\\leftarrow'], ['↔', '\\leftrightarrow'], ['⇒', '\\Rightarrow'],
    ['⇐', '\\Leftarrow'], ['⇔', '\\Leftrightarrow'], ['↦', '\\mapsto'], ['↑', '\\uparrow'], ['↓', '\\downarrow'],
    ['∘', '\\circ'], ['⊕', '\\oplus'], ['⊗', '\\otimes'], ['∗', '\\ast'], ['⋅', '\\cdot'], ['−', '-'],
    ['∓', '\\mp'], ['×', '\\times'], ['÷', '\\div'], ['±', '\\pm'], ['¬', '\\neg'], ['′', "'"], ['″', "''"],
    ['ℓ', '\\ell'], ['ℏ', '\\hbar'], ['⟨', '\\langle'], ['⟩', '\\rangle'],
    ['⌊', '\\lfloor'], ['⌋', '\\rfloor'], ['⌈', '\\lceil'], ['⌉', '\\rceil'], ['∥', '\\parallel'], ['⊥', '\\perp'],
    ['⊤', '\\top'], ['⊢', '\\vdash'], ['⊨', '\\models'], ['ℵ', '\\aleph'],
  ];
  for (const [char, tex] of symbols) table[char] = `{$${tex}$}`;
  const superscripts = '⁰⁴⁵⁶⁷⁸⁹';
  const superDigits = '0456789';
  for (let i = 0; i < superscripts.length; i++) table[superscripts[i]!] = `{\\textsuperscript{${superDigits[i]}}}`;
  for (let d = 0; d <= 9; d++) table[String.fromCodePoint(0x2080 + d)] = `{$_${d}$}`;
  return table;
})();

/**
 * ASCII mode only: letters and punctuation with a LaTeX name of their own (the names LaTeX's
 * utf8 input encoding uses). Accented letters are handled by decomposition, see {@link ACCENTS}.
 */
const ASCII_ONLY: Readonly<Record<string, string>> = {
  ø: '{\\o}', Ø: '{\\O}', æ: '{\\ae}', Æ: '{\\AE}', œ: '{\\oe}', Œ: '{\\OE}', ß: '{\\ss}', ẞ: '{\\SS}',
  ł: '{\\l}', Ł: '{\\L}', ı: '{\\i}', ȷ: '{\\j}', å: '{\\aa}', Å: '{\\AA}',
  // T1-only letters, as inputenc writes them.
  đ: '{\\dj}', Đ: '{\\DJ}', ð: '{\\dh}', Ð: '{\\DH}', þ: '{\\th}', Þ: '{\\TH}', ŋ: '{\\ng}', Ŋ: '{\\NG}',
  '\u2018': '`', '\u2019': "'", '\u201C': '``', '\u201D': "''", '\u201A': '{\\quotesinglbase}',
  '\u201E': '{\\quotedblbase}', '«': '{\\guillemetleft}', '»': '{\\guillemetright}',
  '\u2039': '{\\guilsinglleft}', '\u203A': '{\\guilsinglright}',
  '\u2010': '-', '\u2011': '-', '\u2012': '--', '\u2013': '--', '\u2014': '---', '\u2015': '---',
  '\u2026': '{\\ldots}', '¡': '{\\textexclamdown}', '¿': '{\\textquestiondown}',
  '•': '{\\textbullet}', '†': '{\\dag}', '‡': '{\\ddag}', '§': '{\\S}', '¶': '{\\P}',
  '©': '{\\textcopyright}', '®': '{\\textregistered}', '™': '{\\texttrademark}',
  '€': '{\\texteuro}', '£': '{\\pounds}', '¥': '{\\textyen}', '¢': '{\\textcent}', '¤': '{\\textcurrency}',
  'ª': '{\\textordfeminine}', 'º': '{\\textordmasculine}', '°': '{\\textdegree}', 'µ': '{\\textmu}',
  '·': '{\\textperiodcentered}', '‰': '{\\textperthousand}', '¦': '{\\textbrokenbar}',
  '¹': '{\\textsuperscript{1}}', '²': '{\\textsuperscript{2}}', '³': '{\\textsuperscript{3}}',
  '½': '{\\textonehalf}', '¼': '{\\textonequarter}', '¾': '{\\textthreequarters}',
  '¯': '{\\textasciimacron}', '´': '{\\textasciiacute}', '¨': '{\\textasciidieresis}',
};

/**
 * Combining marks → accent commands. `symbol` accents take their letter directly (`\'e`); letter
 * accents need a braced argument (`\c{c}`). On i and j the dotless forms are used (`\'\i`).
 */
const ACCENTS: Readonly<Record<string, { cmd: string; symbol: boolean }>> = {
  '\u0300': { cmd: '`', symbol: true },
  '\u0301': { cmd: "'", symbol: true },
  '\u0302': { cmd: '^', symbol: true },
  '\u0303': { cmd: '~', symbol: true },
  '\u0304': { cmd: '=', symbol: true },
  '\u0306': { cmd: 'u', symbol: false },
  '\u0307': { cmd: '.', symbol: true },
  '\u0308': { cmd: '"', symbol: true },
  '\u030A': { cmd: 'r', symbol: false },
  '\u030B': { cmd: 'H', symbol: false },
  '\u030C': { cmd: 'v', symbol: false },
  '\u0323': { cmd: 'd', symbol: false },
  '\u0326': { cmd: 'textcommabelow', symbol: false },
  '\u0327': { cmd: 'c', symbol: false },
  '\u0328': { cmd: 'k', symbol: false },
  '\u0331': { cmd: 'b', symbol: false },
};

const PICTOGRAPH = /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\p{Co}|\u20E3)/u;

function note(options: EscapeOptions, char: string, replacement: string, kind: Substitution['kind']): void {
  options.report?.push({ char, replacement, kind });
}

/** One grapheme-ish cluster (a base and its combining marks, already NFC) → LaTeX. */
function escapeCluster(cluster: string, options: EscapeOptions): string {
  const special = ASCII_SPECIALS[cluster];
  if (special !== undefined) return special;
  if (/^[\x20-\x7E]$/.test(cluster)) return cluster;
  const math = MATH_SYMBOLS[cluster];
  if (math !== undefined) return math;
  if (options.ascii) {
    const named = ASCII_ONLY[cluster];
    if (named !== undefined) return named;
  }
  if (PICTOGRAPH.test(cluster)) {
    note(options, cluster, '', 'dropped');
    return '';
  }
  if (!options.ascii) return cluster;
  return asciiCluster(cluster, options);
}

function asciiCluster(cluster: string, options: EscapeOptions): string {
  // A base letter with accents: é = e + U+0301 → {\'e}; ễ = e + U+0302 + U+0303 → {\~{\^e}}.
  const [base = '', ...marks] = Array.from(cluster.normalize('NFD'));
  // The letter under the accents, as a command without its braces: e, \i (dotless), \o.
  const named = ASCII_ONLY[base];
  const baseTex = base === 'i' || base === 'j' ? `\\${base}` : /^[A-Za-z]$/.test(base) ? base : named?.replace(/^\{(.*)\}$/, '$1');
  if (baseTex !== undefined && marks.length > 0 && marks.every((mark) => /\p{M}/u.test(mark))) {
    let tex = baseTex;
    let accents = 0;
    for (const mark of marks) {
      const accent = ACCENTS[mark];
      if (!accent) continue;
      // A symbol accent takes a single letter or a one-letter command directly: \'e, \'\i.
      const atom = tex.length === 1 || /^\\[A-Za-z]+$/.test(tex);
      tex = accent.symbol && atom ? `\\${accent.cmd}${tex}` : `\\${accent.cmd}{${tex}}`;
      accents++;
    }
    // Every accent unknown: the plain letter (with its dot back on i and j).
    if (accents === 0) tex = base === 'i' || base === 'j' ? base : (named ?? base);
    const out = /^\\/.test(tex) ? `{${tex}}` : tex;
    if (accents < marks.length) note(options, cluster, out, 'approximated');
    return out;
  }
  // Compatibility forms of other characters: ligatures (ﬁ), full-width letters, ǅ, Ⅻ.
  const compat = cluster.normalize('NFKC');
  if (compat !== cluster) return clusters(compat).map((part) => escapeCluster(part, options)).join('');
  note(options, cluster, ASCII_FALLBACK, 'unmapped');
  return ASCII_FALLBACK;
}

/** Splits into clusters: a base character with the combining marks that follow it. */
function clusters(text: string): string[] {
  return text.match(/\P{M}\p{M}*|\p{M}+/gsu) ?? [];
}

// ---------------------------------------------------------------------------------------------
// Math

/**
 * `$…$` spans that count as TeX math, following pandoc's rule for `tex_math_dollars`: the opening
 * `$` is followed by a non-space, the closing `$` is preceded by a non-space and not followed by a
 * digit ("costs $5 and $10" has no math). Only content on the allow-list of tex-math.ts is kept;
 * the `$` of any other span are escaped with the rest of the text, so it reads as it was typed.
 */
function mathSpans(text: string): ReadonlyArray<[number, number]> {
  // Most titles have no math: no table to build.
  if (!text.includes('$')) return NO_SPANS;
  const spans: Array<[number, number]> = [];
  // Whether a `$` may close a span depends only on its neighbours, so the first one at or after
  // each index is found once, from the right: searching from every opening `$` would be quadratic.
  const nextClose = new Int32Array(text.length + 1).fill(-1);
  for (let j = text.length - 1; j >= 0; j--) {
    const closes = text[j] === '$' && j > 0 && !/\s/.test(text[j - 1]!) && !/\d/.test(text[j + 1] ?? '');
    nextClose[j] = closes ? j : nextClose[j + 1]!;
  }
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('$', i);
    if (open < 0) break;
    if (text[open + 1] === '$' || text[open + 1] === undefined || /\s/.test(text[open + 1]!)) {
      i = text[open + 1] === '$' ? open + 2 : open + 1;
      continue;
    }
    const close = open + 2 <= text.length ? nextClose[open + 2]! : -1;
    if (close < 0) break;
    // isAllowedMath reads in place and stops at the first `$` it meets (never allowed), so
    // content read again for a later opening `$` costs at most the stretch up to that `$`.
    if (isAllowedMath(text, open + 1, close)) {
      spans.push([open, close + 1]);
      i = close + 1;
    } else {
      i = open + 1;
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// The escaper

/** Indices of `{` and `}` that pair up with each other (outside math). */
function pairedBraces(text: string, spans: ReadonlyArray<[number, number]>): ReadonlySet<number> {
  // No braces, nothing to pair (most text): skip the walk and the allocation.
  if (!text.includes('{') && !text.includes('}')) return NO_INDICES;
  const inMath = (index: number): boolean => spans.some(([start, end]) => index >= start && index < end);
  const paired = new Set<number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (inMath(i)) continue;
    if (text[i] === '{') open.push(i);
    else if (text[i] === '}') {
      const start = open.pop();
      if (start !== undefined) {
        paired.add(start);
        paired.add(i);
      }
    }
  }
  return paired;
}

const NO_INDICES: ReadonlySet<number> = new Set();
const NO_SPANS: ReadonlyArray<[number, number]> = [];

/** ASCII characters that {@link escapeLatex} does not write as themselves. */
const NEEDS_ESCAPE = /[&%$#_~^\\<>|{}"]/;
/**
 * A character that is not plain, i.e. not printable ASCII written as itself: the specials above
 * and everything outside U+0020–U+007E (one UTF-16 unit per match: no `u` flag). Global, for
 * `lastIndex`; only {@link Escaper.nextNotPlain} uses it, and nothing it calls does.
 */
const NOT_PLAIN = /[^\x20-\x7E]|[&%$#_~^\\<>|{}"]/g;

/**
 * What {@link escapeCluster} gives for each printable ASCII character that is a cluster of its
 * own (index = code): undefined where the character is written as it is, and for braces and `"`,
 * which depend on their context and are handled apart.
 */
const ASCII_ESCAPES: ReadonlyArray<string | undefined> = Array.from({ length: 0x80 }, (_, code) => {
  const char = String.fromCharCode(code);
  return code < 0x20 || code > 0x7e || char === '{' || char === '}' || char === '"' ? undefined : ASCII_SPECIALS[char];
});

/** Whether code point `cp` is a combining mark (\p{M}); there are none below U+0300. */
function isMark(cp: number): boolean {
  return cp >= 0x300 && /^\p{M}$/u.test(String.fromCodePoint(cp));
}

/** The code point at `i`, not reading past `end` (as if the text were sliced there). */
function codePointBefore(text: string, i: number, end: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return code;
}

/**
 * Where the cluster that starts at `i` ends, within `end`: the same boundaries as
 * {@link clusters} on `text.slice(i, end)`. Both alternatives of its pattern (`\P{M}\p{M}*` and
 * `\p{M}+`) take one code point and then every combining mark that follows.
 */
function clusterEnd(text: string, i: number, end: number): number {
  let j = i + (codePointBefore(text, i, end) > 0xffff ? 2 : 1);
  while (j < end) {
    const cp = codePointBefore(text, j, end);
    if (!isMark(cp)) break;
    j += cp > 0xffff ? 2 : 1;
  }
  return j;
}

/**
 * Writes the escaped form of one cleaned text, left to right. Most characters are written as they
 * are, so instead of appending them one by one the writer remembers where the pending verbatim
 * run starts (`copied`) and appends it as one slice when a replacement comes. Every index of the
 * text is visited once and in order, either left pending or replaced.
 */
class Escaper {
  private out = '';
  /** text[copied, current index) is verbatim output not appended yet. */
  private copied = 0;
  /** The case mode of the word being written; one object per call, not per word. */
  private readonly mode: { properNouns: boolean; sentenceStart: boolean };
  /** Whether the next word begins the title or a subtitle; carries over between calls of {@link words}. */
  private sentenceStart = true;
  /** See {@link nextNotPlain}. */
  private notPlain = -1;
  /**
   * Whether the output may hold a run of spaces or whitespace at an edge. The text is cleaned,
   * so what is written as it is has neither; only a replacement can bring them: an empty one
   * (a dropped character between two spaces or at an edge) or one with whitespace in it.
   */
  mayNeedTidying = false;

  constructor(
    private readonly text: string,
    private readonly options: EscapeOptions,
    private readonly paired: ReadonlySet<number>,
    properNouns: boolean,
  ) {
    this.mode = { properNouns, sentenceStart: true };
  }

  /** Appends the pending verbatim text up to `to`. */
  private flush(to: number): void {
    if (to > this.copied) {
      this.out += this.text.slice(this.copied, to);
      this.copied = to;
    }
  }

  /** Writes `replacement` for text[from, to); everything before `from` has been visited. */
  private replace(from: number, to: number, replacement: string): void {
    this.flush(from);
    if (replacement === '' || WHITESPACE.test(replacement)) this.mayNeedTidying = true;
    this.out += replacement;
    this.copied = to;
  }

  /**
   * text[start, end) escaped character cluster by cluster, the clusters found within the range
   * alone (as {@link clusters} on its slice would).
   */
  private range(start: number, end: number): void {
    const text = this.text;
    let i = start;
    while (i < end) {
      // Plain characters (printable ASCII written as itself) stay in the pending run; go
      // straight to the next other one. Only an ASCII character just before a non-ASCII one
      // needs a look: a combining mark after it makes them one cluster.
      const next = this.nextNotPlain(i);
      if (next >= end) return;
      if (next > i) i = text.charCodeAt(next) >= 0x80 ? next - 1 : next;
      const code = text.charCodeAt(i);
      // An ASCII character followed by anything but a combining mark (all at U+0300 or above) is
      // a cluster of its own: no cluster search. The next character counts only before `end`.
      const stop = code < 0x80 && (i + 1 >= end || text.charCodeAt(i + 1) < 0x300) ? i + 1 : clusterEnd(text, i, end);
      if (code < 0x80 && stop === i + 1) {
        if (code === 0x7b || code === 0x7d) {
          const open = code === 0x7b;
          this.replace(i, i + 1, this.paired.has(i) ? (open ? '\\{' : '\\}') : open ? '{\\textbraceleft}' : '{\\textbraceright}');
        } else if (code === 0x22) {
          // Straight double quotes print as ” in OT1 and are active characters under babel's
          // german; TeX quotes are what a LaTeX user would have typed.
          const before = text[i - 1];
          this.replace(i, i + 1, before === undefined || /[\s([{]/.test(before) ? '``' : "''");
        } else if (code < 0x20 || code > 0x7e) {
          const char = text[i]!;
          const escaped = escapeCluster(char, this.options);
          if (escaped !== char) this.replace(i, i + 1, escaped);
        } else {
          const escaped = ASCII_ESCAPES[code];
          if (escaped !== undefined) this.replace(i, i + 1, escaped);
        }
        i++;
        continue;
      }
      const cluster = text.slice(i, stop);
      const escaped = escapeCluster(cluster, this.options);
      if (escaped !== cluster) this.replace(i, stop, escaped);
      i = stop;
    }
  }

  /**
   * The index of the first character at or after `from` that is not plain (see
   * {@link NOT_PLAIN}); text.length if none. Indices are visited in order, so one search serves
   * until it is passed: everything between `from` and the remembered index is plain.
   */
  private nextNotPlain(from: number): number {
    if (this.notPlain < from) {
      NOT_PLAIN.lastIndex = from;
      this.notPlain = NOT_PLAIN.test(this.text) ? NOT_PLAIN.lastIndex - 1 : this.text.length;
    }
    return this.notPlain;
  }

  /** text[start, end) escaped and braced against case changes (nothing when it escapes to nothing). */
  private protect(start: number, end: number): void {
    this.flush(start);
    const outer = this.out;
    this.out = '';
    this.range(start, end);
    this.flush(end);
    const escaped = this.out;
    this.out = outer;
    if (escaped !== '') this.out += braceProtect(escaped);
  }

  /** One word (no spaces): ranges and protection groups exactly as caseProtectedRanges gives them. */
  private word(start: number, end: number, sentenceStart: boolean): void {
    if (!this.options.protectCase) {
      this.range(start, end);
      return;
    }
    const text = this.text;
    const coreStart = start + leadingPunctLength(text, start, end);
    const coreEnd = end - trailingPunctLength(text, coreStart, end);
    this.mode.sentenceStart = sentenceStart;
    this.range(start, coreStart);
    // Leading punctuation, unprotected and protected parts and trailing punctuation are
    // separate ranges: a cluster never crosses their edges (a mark after "(" stays apart from it).
    const single = singlePartProtection(text, coreStart, coreEnd, this.mode);
    if (single !== undefined) {
      if (single) this.protect(coreStart, coreEnd);
      this.range(single ? coreEnd : coreStart, end);
      return;
    }
    let cursor = coreStart;
    const ranges = partRanges(text, coreStart, coreEnd, this.mode);
    for (let k = 0; k < ranges.length; k += 2) {
      this.range(cursor, coreStart + ranges[k]!);
      this.protect(coreStart + ranges[k]!, coreStart + ranges[k + 1]!);
      cursor = coreStart + ranges[k + 1]!;
    }
    this.range(cursor, end);
  }

  /**
   * text[start, end) outside math: words and runs of spaces, as /[^ ]+| +/g splits it; a run of
   * spaces is written as one space. BibTeX styles keep the case of the first letter of a title
   * and of the first after ": ", hence `sentenceStart`, which carries over between calls.
   */
  words(start: number, end: number): void {
    const text = this.text;
    let i = start;
    while (i < end) {
      if (text.charCodeAt(i) === 0x20) {
        const from = i;
        while (i < end && text.charCodeAt(i) === 0x20) i++;
        if (i - from > 1) this.replace(from, i, ' ');
        continue;
      }
      let wordEnd = text.indexOf(' ', i);
      if (wordEnd < 0 || wordEnd > end) wordEnd = end;
      this.word(i, wordEnd, this.sentenceStart);
      this.sentenceStart = text.charCodeAt(wordEnd - 1) === 0x3a; // the word ends with ':'
      i = wordEnd;
    }
  }

  /** A `$…$` span as it is, braced so that styles cannot lower-case `$\Gamma$` into `$\gamma$`. */
  math(start: number, end: number): void {
    this.replace(start, start, '{');
    this.replace(end, end, '}');
    this.sentenceStart = false;
  }

  finish(): string {
    this.flush(this.text.length);
    return this.out;
  }
}

/**
 * Escapes `input` for a BibTeX field value. The text is cleaned first ({@link cleanText}), so the
 * result is one line. Output is brace-balanced both for LaTeX and for BibTeX.
 */
export function escapeLatex(input: string, options: EscapeOptions = {}): string {
  const text = cleanText(input);
  // Printable ASCII without a special character and without case protection is its own
  // escape: every character is a cluster that escapeCluster writes as itself, no `$` means no
  // math, and the cleaned text has no double or edge spaces for the final tidy-up to remove.
  if (!options.protectCase && PRINTABLE_ASCII.test(text) && !NEEDS_ESCAPE.test(text)) return text;
  const spans = options.math ? mathSpans(text) : NO_SPANS;
  const properNouns = options.protectCase === true && looksSentenceCased(text);
  const escaper = new Escaper(text, options, pairedBraces(text, spans), properNouns);
  let cursor = 0;
  for (const [start, end] of spans) {
    escaper.words(cursor, start);
    escaper.math(start, end);
    cursor = end;
  }
  escaper.words(cursor, text.length);
  // Dropped characters can leave double or edge spaces behind.
  const escaped = escaper.finish();
  return escaper.mayNeedTidying ? escaped.replace(SPACE_RUNS, ' ').trim() : escaped;
}
