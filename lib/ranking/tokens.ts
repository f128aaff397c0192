import { foldText } from '../text/fold';

/**
 * The words a paper is ranked by: its title and abstract as a reader would say them. LaTeX is
 * reduced to its text (`G\"odel` → `godel`, `\emph{sparse}` → `sparse`, `$\mathcal{O}(n)$` →
 * `o n`), accents are folded the way the library's search folds them (`Müller` → `muller`), and
 * the words that carry no topic (a short English stop list, numbers, single letters) are dropped.
 *
 * Every pattern here is a plain character class or a fixed sequence: one pass over the text each,
 * linear in its length whatever a page sends.
 */
export function words(text: string): string[] {
  const plain = foldText(stripLatex(text));
  const out: string[] = [];
  for (const word of plain.split(NOT_WORD)) {
    if (word.length < 2 || STOP_WORDS.has(word) || DIGITS_ONLY.test(word)) continue;
    out.push(word);
  }
  return out;
}

/** Words and the pairs of neighbouring words ("gaussian splatting"), as features are built from. */
export function terms(text: string): string[] {
  const single = words(text);
  const out = single.slice();
  for (let index = 1; index < single.length; index++) out.push(`${single[index - 1]} ${single[index]}`);
  return out;
}

/** An author as a feature: folded, spaces collapsed, so "José  Núñez" and "Jose Nunez" agree. */
export function authorKey(name: string): string {
  return foldText(name).replace(SPACES, ' ').trim();
}

// Accent macros followed by their letter: symbol accents may touch it (\"o, \'{e}); letter accents
// (\c{c}, \v s) need a brace or a space, or `\cite` would lose its c.
const SYMBOL_ACCENT = /\\[`'^"~=.]\{?([A-Za-z])\}?/g;
const LETTER_ACCENT = /\\[uvHcdbtk](?:\{([A-Za-z])\}| ([A-Za-z]))/g;
const COMMAND = /\\[A-Za-z]+/g;
const LATEX_PUNCTUATION = /[{}$^_\\~]/g;

function stripLatex(text: string): string {
  if (!text.includes('\\') && !text.includes('$')) return text;
  return text
    .replace(SYMBOL_ACCENT, '$1')
    .replace(LETTER_ACCENT, (_, braced: string | undefined, spaced: string | undefined) => braced ?? spaced ?? '')
    .replace(COMMAND, ' ')
    .replace(LATEX_PUNCTUATION, ' ');
}

const NOT_WORD = /[^a-z0-9]+/;
const DIGITS_ONLY = /^[0-9]+$/;
const SPACES = /\s+/g;

// Function words only: topic words such as "learning" or "model" are left for idf to weigh.
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each ' +
    'either et al etc few for from further had has have having here how however i if in into is it its itself just less many may might more most much must my no nor not ' +
    'of off on once one only or other our ours out over own per same several she should since so some such than that the their theirs them then there these they this ' +
    'those though through thus to too two under until up upon us very via was we were what when where whereas whether which while who whom whose why will with within without would yet you your'
  ).split(' '),
);
