import type { TextTest } from './regex-engine';

/**
 * A quick "cannot match" for a user's regular expression. The linear-time engine (RE2JS) is safe
 * but slow per character, and a rule runs on every field of every card of a 2000-entry page; most
 * expressions name a word every match must contain (`\bDFT\b`, `2D|two-dimensional`,
 * `neural (network|operator)s?`). Such words are found here, and a field without any of them (in
 * lower case) is not handed to the engine at all. The analysis is conservative: where it is unsure
 * of a part, that part contributes no word, and an expression with an alternative that names none
 * gets no prefilter.
 */

/** Characters that are syntax outside a class. */
const SYNTAX = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);
/** Escaped characters that stand for themselves (outside a class, in JavaScript's `u` mode). */
const ESCAPED_SELF = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}', '/', '-']);
/** Shorter words say too little to be worth a look before the engine. */
const MIN_WORD = 2;

/**
 * Words (lower case, ASCII) one of which every match of `source` contains, or undefined when no
 * such list is certain. `source` is a pattern JavaScript parsed with flags `iu`.
 */
export function requiredWords(source: string, minWord = MIN_WORD): string[] | undefined {
  const alternatives = splitTopLevel(Array.from(source));
  const words: string[] = [];
  for (const alternative of alternatives) {
    const word = longestRequiredRun(alternative);
    if (word === undefined || word.length < minWord) return undefined;
    words.push(word);
  }
  return [...new Set(words)];
}

/** What every match of a regex rule needs in a field (requiredText). */
export interface RequiredText {
  words?: string[];
  digit: boolean;
  /** The words start the field. */
  atStart?: boolean;
}

/**
 * What a field needs before the engine looks at it: one of the required words and, for an
 * expression every match of which holds a `\d` (`\d+\s*K\b`, which names no word), an ASCII digit
 * (`\d` is `[0-9]` in JavaScript's `u` mode). With the digit, a single required letter is worth
 * looking for too. Undefined when nothing is certain.
 */
export function requiredText(source: string): RequiredText | undefined {
  const alternatives = splitTopLevel(Array.from(source));
  const digit = alternatives.every(needsDigit);
  // `^A `: the words a field must start with (rules have no `m` flag: `^` is the field's start).
  const leading = alternatives.map(leadingRun);
  if (leading.every((run) => run !== undefined && run.length > 0)) return { words: [...new Set(leading as string[])], digit, atStart: true };
  const words = requiredWords(source, digit ? 1 : MIN_WORD);
  if (!digit && !words) return undefined;
  return words ? { words, digit } : { digit };
}

/** The literal characters an alternative starting with `^` must begin with; undefined when it does not start with `^`. */
function leadingRun(chars: readonly string[]): string | undefined {
  if (chars[0] !== '^') return undefined;
  let run = '';
  let index = 1;
  while (index < chars.length) {
    const { literal, next } = atom(chars, index);
    if (next === undefined || literal === undefined) break;
    const quantifier = readQuantifier(chars, next);
    if (quantifier.min === 0) break;
    run += literal;
    if (quantifier.repeats) break;
    index = quantifier.next;
  }
  return run;
}

/**
 * The engine behind a check for the required words. Text is compared in lower case: for the
 * ASCII words kept here, that finds every character case-insensitive matching accepts (the Kelvin
 * sign lowers to `k`), except the long s (`ſ`), so text holding one always goes to the engine.
 */
export function withPrefilter(regex: TextTest, needed: RequiredText | undefined): TextTest {
  if (!needed) return regex;
  const { words, digit, atStart = false } = needed;
  return {
    test(text: string): boolean {
      if (digit && !HAS_DIGIT.test(text)) return false;
      if (words && !text.includes('ſ')) {
        const lower = lowerCase(text);
        let found = false;
        for (const word of words) {
          if (atStart ? lower.startsWith(word) : lower.includes(word)) {
            found = true;
            break;
          }
        }
        if (!found) return false;
      }
      return regex.test(text);
    },
  };
}

const HAS_DIGIT = /[0-9]/;

/** True when every match of this alternative holds a digit: it has a `\d` that must occur (not optional, not in a group). */
function needsDigit(chars: readonly string[]): boolean {
  let index = 0;
  while (index < chars.length) {
    const { next } = atom(chars, index);
    if (next === undefined) return false;
    const quantifier = readQuantifier(chars, next);
    if (chars[index] === '\\' && chars[index + 1] === 'd' && quantifier.min > 0) return true;
    index = quantifier.next;
  }
  return false;
}

// Every regex rule looks at the same few fields of a card one after the other: the lower-case
// copies of the last ones are kept rather than made again per rule.
const recent: Array<[string, string]> = [];
const RECENT = 4;
function lowerCase(text: string): string {
  for (const [original, lower] of recent) if (original === text) return lower;
  const lower = text.toLowerCase();
  recent.unshift([text, lower]);
  if (recent.length > RECENT) recent.pop();
  return lower;
}

/** The top-level alternatives of a pattern (a `|` outside every group and class). */
function splitTopLevel(chars: readonly string[]): string[][] {
  const alternatives: string[][] = [[]];
  let depth = 0;
  let inClass = false;
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index]!;
    if (char === '\\') {
      alternatives.at(-1)!.push(char, chars[index + 1] ?? '');
      index++;
      continue;
    }
    if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) {
      alternatives.push([]);
      continue;
    }
    alternatives.at(-1)!.push(char);
  }
  return alternatives;
}

/**
 * The longest run of literal characters that every match of this alternative (a sequence, no
 * top-level `|`) contains in a row. Anything not plainly literal ends a run; a literal made
 * optional by its quantifier is dropped from it; one repeated (`+`, `{2,}`) ends the run after itself.
 */
function longestRequiredRun(chars: readonly string[]): string | undefined {
  let best = '';
  let run = '';
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  let index = 0;
  while (index < chars.length) {
    const { literal, next } = atom(chars, index);
    if (next === undefined) return undefined;
    const quantifier = readQuantifier(chars, next);
    index = quantifier.next;
    if (literal === undefined) {
      end();
      continue;
    }
    if (quantifier.min === 0) {
      end();
      continue;
    }
    run += literal;
    if (quantifier.repeats) end();
  }
  end();
  return best || undefined;
}

/** One atom from `index`: its literal character (lower case) if it is one, and where the next starts. */
function atom(chars: readonly string[], index: number): { literal?: string; next?: number } {
  const char = chars[index]!;
  if (char === '\\') {
    const escaped = chars[index + 1];
    if (escaped === undefined) return {};
    return ESCAPED_SELF.has(escaped) ? { literal: escaped, next: index + 2 } : { next: skipEscape(chars, index) };
  }
  if (char === '[') return { next: skipClass(chars, index) };
  if (char === '(') return { next: skipGroup(chars, index) };
  if (SYNTAX.has(char)) return { next: index + 1 };
  const code = char.charCodeAt(0);
  // ASCII only: a non-ASCII letter may match forms lower-casing does not give (see withPrefilter).
  if (char.length !== 1 || code < 0x20 || code > 0x7e) return { next: index + 1 };
  return { literal: char.toLowerCase(), next: index + 1 };
}

/** Past an escape: `\p{…}`, `\u{…}`, `\uXXXX`, `\xXX`, `\cX`, or a single character. */
function skipEscape(chars: readonly string[], index: number): number {
  const kind = chars[index + 1];
  if ((kind === 'p' || kind === 'P' || kind === 'u') && chars[index + 2] === '{') {
    let at = index + 3;
    while (at < chars.length && chars[at] !== '}') at++;
    return at + 1;
  }
  if (kind === 'u') return index + 6;
  if (kind === 'x') return index + 4;
  if (kind === 'c') return index + 3;
  return index + 2;
}

function skipClass(chars: readonly string[], index: number): number {
  let at = index + 1;
  while (at < chars.length && chars[at] !== ']') at += chars[at] === '\\' ? 2 : 1;
  return at + 1;
}

function skipGroup(chars: readonly string[], index: number): number {
  let depth = 0;
  let at = index;
  while (at < chars.length) {
    const char = chars[at]!;
    if (char === '\\') {
      at += 2;
      continue;
    }
    if (char === '[') {
      at = skipClass(chars, at);
      continue;
    }
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return at + 1;
    at++;
  }
  return at;
}

/** The quantifier after an atom, if any: its least count, whether it repeats, and where the next atom starts. */
function readQuantifier(chars: readonly string[], index: number): { min: number; repeats: boolean; next: number } {
  const char = chars[index];
  let min = 1;
  let repeats = false;
  let next = index;
  if (char === '?' || char === '*') {
    min = 0;
    next = index + 1;
  } else if (char === '+') {
    repeats = true;
    next = index + 1;
  } else if (char === '{') {
    const close = chars.indexOf('}', index);
    const body = chars.slice(index + 1, close).join('');
    const match = /^(\d+)(,(\d*))?$/.exec(body);
    if (close > index && match) {
      min = Number(match[1]);
      repeats = match[2] !== undefined ? match[3] !== '1' || min !== 1 : min !== 1;
      next = close + 1;
    }
  }
  if (next > index && chars[next] === '?') next++; // lazy: the same counts
  return { min, repeats, next };
}
