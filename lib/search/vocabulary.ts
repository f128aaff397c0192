import { foldText } from '../text/fold';

/**
 * The words of the library, each stored once and numbered, and the splitting of text into words.
 *
 * Why words: the abstracts of 100,000 papers are over 100 MB of text. Scanning it all for a typed
 * word cost 100–250 ms of CPU here (scripts/bench-library-filter.ts), whatever the scan; a paper
 * holds about 60–120 distinct words, so a paper is a short list of word numbers, and a query first
 * finds which of the library's few hundred thousand distinct words contain what was typed, then
 * which papers hold one of those. Both steps cost about 10 ms at 100,000 papers, for any query.
 *
 * A word is a run of letters and digits, which `.`, `-`, `/`, `_`, `:` and `'` may join when a
 * letter or digit follows: "1706.03762", "hep-th/9901001", "gpt-4", "state-of-the-art" and a
 * citation key are one word each, and a query finds any part of them ("03762", "art").
 */

/** Every distinct folded word seen so far, by number. Only grows, for the life of the page. */
const words: string[] = [];

/**
 * Word numbers by a 64-bit hash of the folded word (two independent 32-bit hashes), in an
 * open-addressing table of typed arrays: looking a word up allocates nothing, which matters for
 * the 15 million words of 100,000 abstracts (a Map keyed by numbers cost three times as much).
 * Two of 1,000,000 distinct words share a hash with odds of about 1 in 36 million; it would only
 * ever add a match.
 */
let capacity = 1 << 16;
let firstHalves = new Int32Array(capacity);
let secondHalves = new Int32Array(capacity);
let slots = new Int32Array(capacity).fill(-1);

function lookUp(h1: number, h2: number, text: string, start: number, end: number): number {
  let index = h1 & (capacity - 1);
  for (;;) {
    const number = slots[index]!;
    if (number === -1) break;
    if (firstHalves[index] === h1 && secondHalves[index] === h2) return number;
    index = (index + 1) & (capacity - 1);
  }
  const number = words.length;
  words.push(text.slice(start, end).toLowerCase());
  slots[index] = number;
  firstHalves[index] = h1;
  secondHalves[index] = h2;
  if (words.length * 2 > capacity) grow();
  return number;
}

function grow(): void {
  const [oldFirst, oldSecond, oldSlots] = [firstHalves, secondHalves, slots];
  capacity *= 2;
  firstHalves = new Int32Array(capacity);
  secondHalves = new Int32Array(capacity);
  slots = new Int32Array(capacity).fill(-1);
  for (let old = 0; old < oldSlots.length; old++) {
    if (oldSlots[old] === -1) continue;
    let index = oldFirst[old]! & (capacity - 1);
    while (slots[index] !== -1) index = (index + 1) & (capacity - 1);
    slots[index] = oldSlots[old]!;
    firstHalves[index] = oldFirst[old]!;
    secondHalves[index] = oldSecond[old]!;
  }
}

export function vocabularySize(): number {
  return words.length;
}

/** The word a number stands for (the stored search index keeps words, not this page's numbers). */
export function vocabularyWord(number: number): string {
  return words[number]!;
}

/** Collects the distinct word numbers of one record; reused, so that adding a record allocates little. */
export class WordCollector {
  private seen = new Int32Array(1024).fill(-1);
  // A plain array: a record's list is copied out of it as a packed array of small integers, which
  // V8 allocates several times faster than a typed array and stores as compactly.
  private readonly found: number[] = [];
  private generation = 0;

  /** Starts a new record. */
  reset(): void {
    this.found.length = 0;
    this.generation++;
  }

  /** The distinct word numbers added since `reset`, in the order first seen. */
  result(): number[] {
    return this.found.slice();
  }

  /** Adds the words of `text`, folding them as foldText does. */
  add(text: string): void {
    const length = text.length;
    let index = 0;
    while (index < length) {
      let code = text.charCodeAt(index);
      while (!isWordCode(code)) {
        if (++index >= length) return;
        code = text.charCodeAt(index);
      }
      const start = index;
      let h1 = FIRST_SEED;
      let h2 = SECOND_SEED;
      let ascii = true;
      for (;;) {
        if (isWordCode(code)) {
          if (code > 127) ascii = false;
          const lower = code >= 65 && code <= 90 ? code | 32 : code;
          h1 = Math.imul(h1 ^ lower, 0x01000193);
          h2 = (Math.imul(h2, 31) + lower) | 0;
        } else if (isJoiner(code) && index + 1 < length && isWordCode(text.charCodeAt(index + 1))) {
          if (code > 127) ascii = false;
          h1 = Math.imul(h1 ^ code, 0x01000193);
          h2 = (Math.imul(h2, 31) + code) | 0;
        } else break;
        if (++index >= length) break;
        code = text.charCodeAt(index);
      }
      if (ascii) this.push(lookUp(h1, h2, text, start, index));
      // Rare: accents, other scripts. Folded, then split again ("Müller" is "muller").
      else for (const number of foldedNumbers(text.slice(start, index))) this.push(number);
    }
  }

  private push(number: number): void {
    if (number >= this.seen.length) {
      const grown = new Int32Array(Math.max(number + 1, this.seen.length * 2)).fill(-1);
      grown.set(this.seen);
      this.seen = grown;
    }
    if (this.seen[number] === this.generation) return;
    this.seen[number] = this.generation;
    this.found.push(number);
  }
}

// Words with accents or in other scripts recur (authors' names above all): each spelling is
// folded and numbered once.
const foldedWords = new Map<string, readonly number[]>();
const MAX_FOLDED_WORDS = 100_000;

function foldedNumbers(raw: string): readonly number[] {
  let numbers = foldedWords.get(raw);
  if (numbers === undefined) {
    if (foldedWords.size >= MAX_FOLDED_WORDS) foldedWords.clear();
    numbers = splitWords(foldText(raw)).map(numberOf);
    foldedWords.set(raw, numbers);
  }
  return numbers;
}

/** The folded words of `text`, as the collector splits them: what a query is made of. */
export function splitWords(folded: string): string[] {
  return folded.match(WORD) ?? [];
}

// The same classes as isWordCode/isJoiner, for the rare text that is not ASCII.
const WORD = /[\p{L}\p{N}\p{M}]+(?:[-./_:'][\p{L}\p{N}\p{M}]+)*/gu;

const FIRST_SEED = 0x811c9dc5 | 0;
const SECOND_SEED = 0x1b873593;

/** The number of a folded word (the slow path: hashed from the string, as `add` hashes text). */
function numberOf(word: string): number {
  let h1 = FIRST_SEED;
  let h2 = SECOND_SEED;
  for (let index = 0; index < word.length; index++) {
    const code = word.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = (Math.imul(h2, 31) + code) | 0;
  }
  return lookUp(h1, h2, word, 0, word.length);
}

function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  // The soft hyphen sits inside words, and folding drops it: "trans\u00adformer" is one word.
  if (code === 0xad) return true;
  // Beyond ASCII, everything but the punctuation and symbol blocks that prose uses: Latin-1's
  // « » ° ± · × ÷, dashes and curly quotes, arrows and mathematical operators, CJK punctuation.
  return !(
    code <= 0xbf ||
    code === 0xd7 ||
    code === 0xf7 ||
    (code >= 0x2000 && code <= 0x206f) ||
    (code >= 0x2190 && code <= 0x2bff) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff0f)
  );
}

function isJoiner(code: number): boolean {
  // U+2010 and U+2011 are hyphens that folding writes as "-", so they join as "-" does.
  return code === 46 || code === 45 || code === 47 || code === 95 || code === 58 || code === 39 || code === 0x2010 || code === 0x2011;
}

/** Word numbers whose word contains a query word, found once per query word and kept a while. */
interface Matches {
  /** The vocabulary size when last brought up to date. */
  size: number;
  numbers: number[];
  /** 1 at each matching word number, at least as long as the vocabulary was at `size`. */
  marks: Uint8Array;
}

const recentMatches = new Map<string, Matches>();
const MAX_RECENT = 24;

/**
 * Marks, by word number, the library's words that contain `part` (a folded query word). Typing
 * adds letters, so the words containing "attenti" are searched among those containing "attent",
 * not among all of them again; words added to the library since the last call are checked on the
 * next. Call again after the vocabulary grew (vocabularySize) to see its new words.
 */
export function wordsContaining(part: string): Uint8Array {
  let matches = recentMatches.get(part);
  if (matches === undefined) {
    let narrowest: Matches | undefined;
    for (const [earlier, found] of recentMatches) if (part.includes(earlier) && (!narrowest || found.numbers.length < narrowest.numbers.length)) narrowest = found;
    matches = { size: 0, numbers: [], marks: new Uint8Array(words.length) };
    if (narrowest) {
      for (const number of narrowest.numbers) if (words[number]!.includes(part)) mark(matches, number);
      matches.size = narrowest.size;
    }
    if (recentMatches.size >= MAX_RECENT) recentMatches.delete(recentMatches.keys().next().value!);
  } else recentMatches.delete(part); // set again below: most recently used last
  if (matches.marks.length < words.length) {
    // As long as the vocabulary: a read past the end of a typed array is a slow path in V8, and
    // every paper's words are looked up in it.
    const grown = new Uint8Array(Math.max(words.length, matches.marks.length * 2));
    grown.set(matches.marks);
    matches.marks = grown;
  }
  for (let number = matches.size; number < words.length; number++) if (words[number]!.includes(part)) mark(matches, number);
  matches.size = words.length;
  recentMatches.set(part, matches);
  return matches.marks;
}

function mark(matches: Matches, number: number): void {
  matches.numbers.push(number);
  matches.marks[number] = 1;
}
