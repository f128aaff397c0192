/**
 * Which `$…$` math in a title may be written to a `.bib` file as it is: an allow-list.
 *
 * A title comes from a paper's authors (arXiv and Hugging Face pages and APIs, imported files),
 * and a `.bbl` is read by TeX with every TeX power: `\input`, `\openout`, `\directlua` under
 * LuaTeX, `\csname` to build any of those from pieces, and `^^69` (TeX's notation for the letter
 * `i`), which TeX decodes before it reads a command name. Nobody can list every way to reach
 * those, so math is kept only when every piece of it is known to be harmless:
 *
 * - characters: ASCII letters, digits, spaces and the punctuation math uses (`+ - = < > ( ) [ ]
 *   / * . , ; : ! ? ' |`). Not `\ { } $ & # % ~ " @` or a backtick, nor anything outside ASCII;
 * - `^` and `_`, each followed (spaces aside) by an ordinary argument: one such character, one
 *   allowed command or a brace group. So `^^` (and `_^`, `^_`) never passes;
 * - braces that pair up, counted as LaTeX counts them and as BibTeX does (BibTeX counts `\{` too);
 * - commands from {@link MATH_COMMANDS}, matched exactly (TeX names are case-sensitive), and the
 *   control symbols in {@link MATH_CONTROL_SYMBOLS}.
 *
 * Everything on the lists typesets symbols, fonts, accents, fractions or spacing; none reads or
 * writes a file, runs anything, defines a macro, changes a category code or builds a command name.
 * Anything else is escaped as visible text by the caller.
 */

/** Greek letters, math alphabets, accents, fractions, operators, relations, arrows, delimiters, dots and spacing. */
const MATH_COMMANDS: ReadonlySet<string> = new Set([
  // Greek (LaTeX has no commands for the capitals that look Latin).
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'varkappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau',
  'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
  // Math alphabets and short text inside math (LaTeX, amssymb, amsmath, bm, mathrsfs).
  'mathrm', 'mathbf', 'mathit', 'mathsf', 'mathtt', 'mathcal', 'mathbb', 'mathfrak', 'mathscr', 'boldsymbol',
  'bm', 'operatorname', 'text', 'mbox',
  // Accents and over/under lines.
  'hat', 'widehat', 'tilde', 'widetilde', 'bar', 'overline', 'underline', 'vec', 'dot', 'ddot', 'check',
  'breve', 'acute', 'grave', 'overrightarrow',
  // Fractions, roots, binomials and delimiter sizes.
  'frac', 'dfrac', 'tfrac', 'sqrt', 'binom', 'left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'not',
  // Named operators and big operators.
  'log', 'ln', 'exp', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'arg', 'max', 'min', 'sup', 'inf', 'lim',
  'limsup', 'liminf', 'det', 'dim', 'ker', 'deg', 'gcd', 'Pr', 'bmod', 'pmod', 'mod',
  'sum', 'prod', 'coprod', 'int', 'iint', 'oint', 'bigcup', 'bigcap', 'bigoplus', 'bigotimes', 'limits', 'nolimits',
  // Binary operators.
  'pm', 'mp', 'times', 'div', 'cdot', 'ast', 'star', 'circ', 'bullet', 'oplus', 'otimes', 'odot', 'cup', 'cap',
  'setminus', 'wedge', 'vee', 'land', 'lor', 'neg', 'lnot', 'dagger',
  // Relations and arrows.
  'leq', 'le', 'geq', 'ge', 'neq', 'ne', 'approx', 'sim', 'simeq', 'cong', 'equiv', 'propto', 'll', 'gg', 'in',
  'notin', 'ni', 'subset', 'subseteq', 'supset', 'supseteq', 'prec', 'succ', 'preceq', 'succeq', 'mid',
  'parallel', 'perp', 'vdash', 'models', 'to', 'gets', 'rightarrow', 'leftarrow', 'leftrightarrow', 'Rightarrow',
  'Leftarrow', 'Leftrightarrow', 'longrightarrow', 'Longrightarrow', 'mapsto', 'uparrow', 'downarrow', 'iff',
  'implies',
  // Symbols.
  'infty', 'partial', 'nabla', 'forall', 'exists', 'emptyset', 'varnothing', 'ell', 'hbar', 'imath', 'jmath',
  'prime', 'aleph', 'top', 'bot', 'angle', 'triangle', 'Box', 'Diamond', 'surd',
  // Delimiters and dots.
  'langle', 'rangle', 'lfloor', 'rfloor', 'lceil', 'rceil', 'vert', 'Vert', 'lvert', 'rvert', 'lVert', 'rVert',
  'backslash', 'ldots', 'cdots', 'dots', 'vdots', 'ddots', 'colon',
  // Spacing.
  'quad', 'qquad',
]);

/** `\,` `\;` `\:` `\!` `\ ` (spacing), `\{` `\}` `\|` (delimiters), `\%` `\&` `\#` (the characters). */
const MATH_CONTROL_SYMBOLS: ReadonlySet<string> = new Set([',', ';', ':', '!', ' ', '{', '}', '|', '%', '&', '#']);

/** Whether the character code is an ASCII letter: what TeX reads as part of a command name. */
function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Ordinary math characters: letters, digits and the punctuation listed in the module comment. */
function isOrdinary(code: number): boolean {
  return isLetter(code) || (code >= 0x30 && code <= 0x39) || ORDINARY_PUNCTUATION.has(code);
}

const ORDINARY_PUNCTUATION: ReadonlySet<number> = new Set(Array.from("+-=<>()[]/*.,;:!?'|", (char) => char.charCodeAt(0)));

const SPACE = 0x20;
const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const SUPERSCRIPT = 0x5e;
const SUBSCRIPT = 0x5f;

/**
 * Whether `text[start, end)` (what is between the two `$`) may be written verbatim. One pass,
 * left to right, no recursion: linear in the length, whatever the nesting; it stops at the first
 * character that is not allowed.
 */
export function isAllowedMath(text: string, start = 0, end = text.length): boolean {
  if (start >= end) return false;
  let depth = 0; // braces as LaTeX counts them
  let bibtexDepth = 0; // braces as BibTeX counts them (`\{` and `\}` too)
  let wantsArgument = false; // a `^` or `_` is waiting for its argument
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === SPACE) {
      i++;
      continue;
    }
    if (code === SUPERSCRIPT || code === SUBSCRIPT) {
      if (wantsArgument) return false; // `^^`, `^_`, `_ ^`: never an ordinary argument
      wantsArgument = true;
      i++;
      continue;
    }
    if (code === OPEN) {
      depth++;
      bibtexDepth++;
      wantsArgument = false; // a group is an ordinary argument
      i++;
      continue;
    }
    if (code === CLOSE) {
      // A script with nothing before the group closes (`x^}`) has no argument.
      if (wantsArgument || depth === 0) return false;
      depth--;
      if (--bibtexDepth < 0) return false; // `{\}}`: paired for LaTeX, one `}` too many for BibTeX
      i++;
      continue;
    }
    if (code === BACKSLASH) {
      if (i + 1 >= end) return false;
      const next = text.charCodeAt(i + 1);
      if (isLetter(next)) {
        // TeX reads the whole run of letters as the name; the math ends where the span does.
        let nameEnd = i + 2;
        while (nameEnd < end && isLetter(text.charCodeAt(nameEnd))) nameEnd++;
        if (!MATH_COMMANDS.has(text.slice(i + 1, nameEnd))) return false;
        i = nameEnd;
      } else {
        const symbol = text[i + 1]!;
        if (!MATH_CONTROL_SYMBOLS.has(symbol)) return false;
        // BibTeX counts the brace of `\{` and `\}` as a brace of its own.
        if (next === OPEN) bibtexDepth++;
        else if (next === CLOSE && --bibtexDepth < 0) return false;
        i += 2;
      }
      wantsArgument = false;
      continue;
    }
    if (!isOrdinary(code)) return false;
    wantsArgument = false;
    i++;
  }
  return !wantsArgument && depth === 0 && bibtexDepth === 0;
}
