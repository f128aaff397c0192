import type { LiteralPattern } from './literal-pattern';
import type { RuleTarget } from './model';

/**
 * Turns a parsed word, phrase or category pattern into an RE2 expression (`regex-engine.ts`) that
 * runs on the folded text of one target, as `subject.ts` lays it out. RE2 has no lookaround, so a
 * word boundary is a character that is not part of a word (or the start or end of the text),
 * taken into the match: the rule only asks whether there is a match, never where.
 */

/** Separates fields (title, abstract) and list items (author names, category codes) in a haystack. */
export const FIELD_SEPARATOR = '\u0000';
const SEPARATOR = String.raw`\x{0}`;

/**
 * Scripts written without spaces between words: whole-word matching cannot work there, so their
 * characters neither need nor make word boundaries. "扩散" matches inside "基于扩散模型", and "LLM"
 * matches in "基于LLM的方法".
 */
const UNSPACED_SCRIPTS = ['Han', 'Hiragana', 'Katakana', 'Thai', 'Lao', 'Khmer', 'Myanmar'];
/** Letters, marks, digits and underscore: a word character unless its script is unspaced. */
const WORD_CLASS = /[\p{L}\p{M}\p{N}_]/u;
const UNSPACED = new RegExp(`[${UNSPACED_SCRIPTS.map((script) => `\\p{Script=${script}}`).join('')}]`, 'u');
const UNSPACED_ITEMS = UNSPACED_SCRIPTS.map((script) => `\\p{${script}}`).join('');
/** One character that is not a word character (the field separator is one). */
const NOT_WORD = `(?:[^\\p{L}\\p{M}\\p{N}_]|[${UNSPACED_ITEMS}])`;
/** One character that is not a word character, within one name. */
const NOT_WORD_IN_ITEM = `(?:[^\\p{L}\\p{M}\\p{N}_${SEPARATOR}]|[${UNSPACED_ITEMS}])`;

/** True when every character of `word` is a word character: such a word is found as a whole token. */
export function isPlainWord(word: string): boolean {
  for (const character of word) if (!isWordCharacter(character)) return false;
  return word.length > 0;
}

export function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && WORD_CLASS.test(character) && !UNSPACED.test(character);
}

const WORD_START = `(?:^|${NOT_WORD})`;
const WORD_END = `(?:${NOT_WORD}|$)`;
/** Between the words of a phrase in running text: any run of JavaScript whitespace and hyphens. */
const TEXT_GAP = String.raw`[\t\n\x{0B}\f\r\x{FEFF}\p{Z}\-]+`;
const ANY_IN_ITEM = `[^${SEPARATOR}]*`;
const ITEM_START = `(?:^|${SEPARATOR})`;
const ITEM_END = `(?:${SEPARATOR}|$)`;

/** Escapes every ASCII punctuation character, which RE2 reads as a literal (no letter, digit or space is escaped). */
export function escapeLiteral(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

function startsWithWordCharacter(word: string): boolean {
  return isWordCharacter(Array.from(word)[0]);
}

function endsWithWordCharacter(word: string): boolean {
  const characters = Array.from(word);
  return isWordCharacter(characters[characters.length - 1]);
}

/**
 * What may lie between two words of an author pattern within one name (middle names, initials),
 * such that the first ends a word and the second starts one. A boundary is needed only where a
 * word's edge is a word character (`C++` needs none after the +); where both need one, at least
 * one character that is not a word character lies between.
 */
function nameGap(before: string, after: string): string {
  const end = endsWithWordCharacter(before);
  const start = startsWithWordCharacter(after);
  if (end && start) return `${NOT_WORD_IN_ITEM}(?:${ANY_IN_ITEM}${NOT_WORD_IN_ITEM})?`;
  if (end) return `(?:${NOT_WORD_IN_ITEM}${ANY_IN_ITEM})?`;
  if (start) return `(?:${ANY_IN_ITEM}${NOT_WORD_IN_ITEM})?`;
  return ANY_IN_ITEM;
}

export function literalSource(target: RuleTarget, pattern: LiteralPattern): string {
  if (pattern.kind === 'category') {
    const code = escapeLiteral(pattern.code);
    // An archive also stands for every `archive.subject` code; `math` is not a prefix of `math-ph`.
    return `${ITEM_START}${code}${pattern.archive ? String.raw`(?:\.${ANY_IN_ITEM})?` : ''}${ITEM_END}`;
  }
  const { words, prefix } = pattern;
  const first = words[0]!;
  const last = words[words.length - 1]!;
  const start = startsWithWordCharacter(first) ? WORD_START : '';
  const end = !prefix && endsWithWordCharacter(last) ? WORD_END : '';
  let body = escapeLiteral(first);
  for (let index = 1; index < words.length; index++) {
    // Inner edges of a phrase in text need no checks: a gap is never a word character.
    body += target === 'author' ? nameGap(words[index - 1]!, words[index]!) : TEXT_GAP;
    body += escapeLiteral(words[index]!);
  }
  return `${start}${body}${end}`;
}
