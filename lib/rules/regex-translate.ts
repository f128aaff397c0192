/**
 * Reads a user's regular expression, written in JavaScript syntax (what the rule editor asks for,
 * and what rules stored before held), and writes the same expression in RE2 syntax, for the
 * linear-time engine that runs it (`regex-engine.ts`). Only called on a source that JavaScript
 * already parsed with flags `iu`, so every construct here is well-formed.
 *
 * What RE2 cannot do in linear time is refused in words: back-references and lookaround.
 * Where the two syntaxes read the same text differently, the JavaScript meaning is kept:
 * `\s` is JavaScript's Unicode whitespace (RE2's is ASCII), `.` stops at the four JavaScript line
 * terminators (RE2's only at `\n`), `[^]` is any character, `\u{…}` and `\cX` are spelled as RE2
 * spells them, and groups do not capture (nothing reads captures, and RE2 runs faster without).
 */
import { t } from '../i18n/t';

export type Translation = { ok: true; source: string } | { ok: false; reason: string };

/** JavaScript's `\s`: WhiteSpace and LineTerminator of ECMA-262 (every Zs, plus LS, PS and the BOM). */
const SPACE_ITEMS = String.raw`\t\n\x{0B}\f\r\x{FEFF}\p{Z}`;
/** JavaScript's `.` without the `s` flag. */
const DOT = String.raw`[^\n\r\x{2028}\x{2029}]`;
/** The class that matches nothing (`[]`) and the one that matches everything (`[^]`). */
const NOTHING = String.raw`[^\x{0}-\x{10FFFF}]`;
const ANYTHING = String.raw`[\x{0}-\x{10FFFF}]`;

/** ASCII characters written with a backslash inside an RE2 class, so none reads as syntax. */
const CLASS_SYNTAX = new Set(['\\', ']', '[', '-', '^']);

class Refusal extends Error {}

function refuse(reason: string): never {
  throw new Refusal(reason);
}

/** The rule's reason when a JavaScript expression cannot run on the linear-time engine. */
export function translateRegex(source: string): Translation {
  try {
    return { ok: true, source: new Translator(source).run() };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message };
    throw error;
  }
}

class Translator {
  private at = 0;
  private readonly chars: string[];

  constructor(source: string) {
    this.chars = Array.from(source);
  }

  run(): string {
    let out = '';
    while (this.at < this.chars.length) out += this.outside();
    return out;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.at + offset];
  }

  private next(): string {
    return this.chars[this.at++]!;
  }

  /** One token outside a character class. */
  private outside(): string {
    const char = this.next();
    switch (char) {
      case '\\':
        return this.escapeOutside();
      case '[':
        return this.characterClass();
      case '(':
        return this.group();
      case '.':
        return DOT;
      case '{':
        return this.counter();
      default:
        return char;
    }
  }

  private group(): string {
    if (this.peek() !== '?') return '(?:';
    const kind = this.peek(1);
    if (kind === ':') {
      this.at += 2;
      return '(?:';
    }
    if (kind === '=' || kind === '!') {
      refuse(t('ruleNoLookahead', kind));
    }
    if (kind === '<' && (this.peek(2) === '=' || this.peek(2) === '!')) {
      refuse(t('ruleNoLookbehind', this.peek(2) ?? ''));
    }
    if (kind === '<') {
      // A named group: the name is only useful to back-references, which are refused.
      while (this.next() !== '>');
      return '(?:';
    }
    // Modifiers such as (?i:…): `m` and `s` would change what `^`, `$` and `.` mean here.
    let flags = '';
    this.at++;
    while (this.peek() !== ':') flags += this.next();
    this.at++;
    if (/[ms]/.test(flags)) refuse(t('ruleNoInlineFlags', flags));
    return `(?${flags}:`;
  }

  /** `{n}`, `{n,}` or `{n,m}` (JavaScript's `u` flag allows no other use of a brace). */
  private counter(): string {
    let text = '{';
    while (this.peek() !== '}') text += this.next();
    this.at++;
    return `${text}}`;
  }

  private escapeOutside(): string {
    const char = this.next();
    switch (char) {
      case 's':
        return `[${SPACE_ITEMS}]`;
      case 'S':
        return `[^${SPACE_ITEMS}]`;
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 'b':
      case 'B':
        return `\\${char}`;
      case 'p':
      case 'P':
        return this.property(char);
      default:
        return this.escapedCharacter(char);
    }
  }

  /** An escape that stands for one character, outside or inside a class, as RE2 writes it. */
  private escapedCharacter(char: string): string {
    switch (char) {
      case 't':
      case 'n':
      case 'r':
      case 'f':
        return `\\${char}`;
      case 'v':
        return String.raw`\x{0B}`;
      case '0':
        return String.raw`\x{0}`;
      case 'c':
        return codePoint(this.next().charCodeAt(0) % 32);
      case 'x':
        return codePoint(Number.parseInt(this.next() + this.next(), 16));
      case 'u':
        return codePoint(this.unicodeEscape());
      case 'k':
        refuse(t('ruleNoNamedBackReference'));
        break;
      default:
        if (/[1-9]/.test(char)) {
          refuse(t('ruleNoBackReference', char));
        }
    }
    // An escaped syntax character (`\.`, `\/`, `\-`): a literal.
    return /[\p{L}\p{N}]/u.test(char) ? char : `\\${char}`;
  }

  /** The code point of `\uXXXX`, `\u{X…}`, or a surrogate pair written as two `\uXXXX`. */
  private unicodeEscape(): number {
    if (this.peek() === '{') {
      this.at++;
      let hex = '';
      while (this.peek() !== '}') hex += this.next();
      this.at++;
      return Number.parseInt(hex, 16);
    }
    const high = Number.parseInt(this.chars.slice(this.at, this.at + 4).join(''), 16);
    this.at += 4;
    if (high >= 0xd800 && high <= 0xdbff && this.peek() === '\\' && this.peek(1) === 'u') {
      const low = Number.parseInt(this.chars.slice(this.at + 2, this.at + 6).join(''), 16);
      if (low >= 0xdc00 && low <= 0xdfff) {
        this.at += 6;
        return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      }
    }
    return high;
  }

  /**
   * `\p{…}`: RE2 knows general categories by their short names (`L`, `Lu`), scripts by their
   * names (`Greek`, `Han`), without JavaScript's `Script=` or `General_Category=`.
   */
  private property(char: 'p' | 'P'): string {
    this.at++; // {
    let name = '';
    while (this.peek() !== '}') name += this.next();
    this.at++;
    const [key, value] = name.includes('=') ? name.split('=') : [undefined, name];
    if (key === 'Script_Extensions' || key === 'scx') {
      refuse(t('ruleNoBareUnicodeValue', char, name, value ?? ''));
    }
    return `\\${char}{${value}}`;
  }

  /**
   * A class `[…]`. RE2 has no class inside a class, so a class that holds `\S` becomes an
   * alternation of the rest and `\S`; a negated one cannot, and is refused.
   */
  private characterClass(): string {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.at++;
    }
    let items = '';
    let nonSpace = false;
    while (this.peek() !== ']') {
      const char = this.next();
      if (char === '-' ) {
        // A range dash between two items; JavaScript already refused a misplaced one. A dash at
        // the start or the end of the class is a literal, and written escaped.
        const atEdge = items === '' || this.peek() === ']';
        items += atEdge ? '\\-' : '-';
      } else if (char === '\\') {
        const escaped = this.next();
        if (escaped === 'S') nonSpace = true;
        else if (escaped === 's') items += SPACE_ITEMS;
        else if ('dDwW'.includes(escaped)) items += `\\${escaped}`;
        else if (escaped === 'p' || escaped === 'P') items += this.property(escaped);
        else if (escaped === 'b') items += codePoint(8);
        else items += this.escapedCharacter(escaped);
      } else {
        items += CLASS_SYNTAX.has(char) ? `\\${char}` : char;
      }
    }
    this.at++; // ]
    if (nonSpace) {
      if (negated) refuse(t('ruleNoNegatedNonSpace'));
      return items === '' ? `[^${SPACE_ITEMS}]` : `(?:[${items}]|[^${SPACE_ITEMS}])`;
    }
    if (items === '') return negated ? ANYTHING : NOTHING;
    return negated ? `[^${items}]` : `[${items}]`;
  }
}

function codePoint(value: number): string {
  return `\\x{${value.toString(16).toUpperCase()}}`;
}
