import { isPlainWord, isWordCharacter } from './literal-source';
import type { TextTest } from './regex-engine';

/**
 * The test a word or phrase rule makes on a card's folded text (title and abstract), done with
 * `indexOf` instead of the linear-time engine: the same answer as literalSource's expression for a
 * text target (a whole word; words of a phrase apart by whitespace or hyphens; a trailing `*` lets
 * the last word go on), some ten times faster on a 2000-entry page. Only for patterns of plain words
 * (letters, digits, marks, `_`); `C++` and the like keep the expression. Linear in the text: each
 * occurrence of the first word costs the pattern's length, and each run of gap characters is
 * crossed once per word of the pattern.
 */
export function phraseTest(words: readonly string[], prefix: boolean): TextTest | undefined {
  if (words.length === 0 || !words.every(isPlainWord)) return undefined;
  const [first, ...rest] = words as [string, ...string[]];
  return {
    test(text: string): boolean {
      for (let at = text.indexOf(first); at !== -1; at = text.indexOf(first, at + 1)) {
        if (at > 0 && isWordCharacter(characterBefore(text, at))) continue;
        const end = restFrom(text, at + first.length, rest);
        if (end === -1) continue;
        if (!prefix && end < text.length && isWordCharacter(characterAt(text, end))) continue;
        return true;
      }
      return false;
    },
  };
}

/** Where the phrase ends if `rest` follows `from`, each word after at least one gap character; else -1. */
function restFrom(text: string, from: number, rest: readonly string[]): number {
  let end = from;
  for (const word of rest) {
    let next = end;
    while (next < text.length && GAP.test(text[next]!)) next++;
    if (next === end || !text.startsWith(word, next)) return -1;
    end = next + word.length;
  }
  return end;
}

/** What may lie between the words of a phrase in running text (literalSource's TEXT_GAP): all of it in the BMP. */
const GAP = /^[\t\n\v\f\r\uFEFF\p{Z}-]$/u;

/** The whole character (a surrogate pair too) that ends just before `index`. */
export function characterBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text[index - 1]!;
}

/** The whole character that starts at `index`. */
export function characterAt(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index)!);
}
