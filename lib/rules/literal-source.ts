import type { LiteralPattern } from './literal-pattern';
import type { RuleTarget } from './model';

/**
 * Turns a parsed word, phrase or category pattern into regular-expression source (flag `u`) that
 * runs on the folded text of one target, as `subject.ts` lays it out. Sources of one target are
 * joined into a single alternation, so everything here must be a self-contained alternative.
 */

/** Separates fields (title, abstract) and list items (author names, category codes) in a haystack. */
export const FIELD_SEPARATOR = '\u0000';

/**
 * Scripts written without spaces between words: whole-word matching cannot work there, so their
 * characters neither need nor make word boundaries. "扩散" matches inside "基于扩散模型", and "LLM"
 * matches in "基于LLM的方法".
 */
const UNSPACED_SCRIPTS =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
/** A character words are made of: letters, marks, digits and underscore of any spaced script. */
const WORD_CHARACTER_SOURCE = `(?:(?![${UNSPACED_SCRIPTS}])[\\p{L}\\p{M}\\p{N}_])`;
const WORD_CHARACTER = new RegExp(`^${WORD_CHARACTER_SOURCE}$`, 'u');
/** True when every character of `word` is a word character: such a word is found as a whole token. */
export function isPlainWord(word: string): boolean {
  for (const character of word) if (!WORD_CHARACTER.test(character)) return false;
  return word.length > 0;
}

const NOT_AFTER_WORD = `(?<!${WORD_CHARACTER_SOURCE})`;
const NOT_BEFORE_WORD = `(?!${WORD_CHARACTER_SOURCE})`;
/** Between the words of a phrase in running text: any run of whitespace and hyphens. */
const TEXT_GAP = '[\\s-]+';
/** Between the words of an author pattern: anything within the same name (middle names, initials). */
const NAME_GAP = `[^${FIELD_SEPARATOR}]*?`;
const ITEM_START = `(?<![^${FIELD_SEPARATOR}])`;
const ITEM_END = `(?![^${FIELD_SEPARATOR}])`;

/** Escapes exactly the syntax characters: with flag `u`, escaping anything else is an error. */
export function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && WORD_CHARACTER.test(character);
}

/**
 * A folded word as a whole word: boundaries only where its edge is a word character, so `C++`
 * needs a boundary before the C but none after the +, and `(a)` needs none at all.
 */
function wholeWord(word: string, start: boolean, end: boolean): string {
  const characters = Array.from(word);
  const before = start && isWordCharacter(characters[0]) ? NOT_AFTER_WORD : '';
  const after = end && isWordCharacter(characters[characters.length - 1]) ? NOT_BEFORE_WORD : '';
  return `${before}${escapeLiteral(word)}${after}`;
}

export function literalSource(target: RuleTarget, pattern: LiteralPattern): string {
  if (pattern.kind === 'category') {
    const code = escapeLiteral(pattern.code);
    // An archive also stands for every `archive.subject` code; `math` is not a prefix of `math-ph`.
    return `${ITEM_START}${code}${pattern.archive ? `(?:\\.[^${FIELD_SEPARATOR}]*)?` : ''}${ITEM_END}`;
  }
  const { words, prefix } = pattern;
  const last = words.length - 1;
  if (target === 'author') {
    return words.map((word, index) => wholeWord(word, true, index < last || !prefix)).join(NAME_GAP);
  }
  // Inner edges of a phrase need no checks: the gap between words is never a word character.
  return words.map((word, index) => wholeWord(word, index === 0, index === last && !prefix)).join(TEXT_GAP);
}
