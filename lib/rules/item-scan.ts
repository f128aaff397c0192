import { FIELD_SEPARATOR, isPlainWord, isWordCharacter } from './literal-source';
import { characterAt, characterBefore } from './phrase-scan';
import type { TextTest } from './regex-engine';

/**
 * The tests of author and category rules on a folded list (names or codes joined by
 * FIELD_SEPARATOR, subject.ts), done with plain string operations instead of the linear-time
 * engine: the same answer as literalSource's expressions. A page loads its rules afresh, and RE2
 * compiles each author or category expression's Unicode classes into tables when first used:
 * 15 such rules cost some 120 ms of a 2000-entry page's first matching, where these tests cost
 * nothing to build. Linear in the text.
 */

/**
 * An author phrase of plain words (`wei zhang`, a trailing `*` on the last): its words in order
 * within one name, each a whole word, with anything between them that starts and ends with a
 * character that is not a word character (`geoffrey e. hinton`, `jean-pierre`). Undefined for a
 * pattern with other characters (`C++`), which keeps the expression.
 */
export function nameTest(words: readonly string[], prefix: boolean): TextTest | undefined {
  if (words.length === 0 || !words.every(isPlainWord)) return undefined;
  return {
    test(text: string): boolean {
      for (const name of text.split(FIELD_SEPARATOR)) if (nameHas(name, words, prefix)) return true;
      return false;
    },
  };
}

/**
 * One name, searched greedily: of the places a word may go, the first one leaves every later
 * word the most room (what lies between two words is free), so no other place needs a try.
 */
function nameHas(name: string, words: readonly string[], prefix: boolean): boolean {
  let from = 0;
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const last = index === words.length - 1;
    let at = name.indexOf(word, from);
    for (; at !== -1; at = name.indexOf(word, at + 1)) {
      if (at > 0 && isWordCharacter(characterBefore(name, at))) continue;
      const end = at + word.length;
      // Between words, a character that is not a word character follows; after the last one,
      // that or the end of the name (a prefix may go on).
      if (last ? prefix || end === name.length || !isWordCharacter(characterAt(name, end)) : end < name.length && !isWordCharacter(characterAt(name, end))) break;
    }
    if (at === -1) return false;
    // The next word starts after the character that ends this one's gap, at the earliest.
    from = at + word.length + 1;
  }
  return true;
}

/** A category code: one item equal to it; an archive (`cs`, `cond-mat`) also each of its `archive.subject` codes. */
export function categoryTest(code: string, archive: boolean): TextTest {
  const subjectPrefix = `${code}.`;
  return {
    test(text: string): boolean {
      for (const item of text.split(FIELD_SEPARATOR)) {
        if (item === code || (archive && item.startsWith(subjectPrefix))) return true;
      }
      return false;
    },
  };
}
