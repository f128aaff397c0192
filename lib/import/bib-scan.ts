/**
 * Splits a .bib file into entries and reads each entry's fields, in one pass over the text: every
 * character is looked at a bounded number of times, so the cost is linear in the file (DESIGN.md
 * rule 15). One damaged entry does not stop the scan: it is reported with its key (or its first
 * line), its line number and the reason in words, and scanning resumes at the next entry that starts
 * a line. `@string` macros are expanded here, with a cap on what they may expand to (a few hundred
 * bytes of nested macros can otherwise ask for megabytes).
 *
 * The field values are the file's TeX as written (outer braces or quotes gone, `#` parts joined);
 * rendering TeX to text is the caller's job (./tex-render.ts).
 */
import { t } from '../i18n/t';

export interface ScannedEntry {
  /** Lower-case entry type: `article`, `misc`. */
  type: string;
  /** The citation key, as written; '' when the entry has none. */
  key: string;
  /** 1-based line of the entry's `@`, and its offset in the text. */
  line: number;
  offset: number;
  /** Field values by lower-case name; a repeated field has several. */
  fields: Map<string, string[]>;
  /** Fields whose value used an @string macro (the raw text is then the expansion, not the file's). */
  macroFields: Set<string>;
  /** Macros the entry used that the file never defines: kept as their name, and said in a warning. */
  undefinedMacros: string[];
}

export interface DamagedEntry {
  /** The key, or the entry's first line when the key cannot be read. */
  entry: string;
  line: number;
  reason: string;
}

export interface ScanResult {
  entries: ScannedEntry[];
  damaged: DamagedEntry[];
  /** Things said about the whole file, not one entry. */
  warnings: string[];
  /** Why the whole file is refused, when it is (a macro bomb). */
  refused?: string;
}

/** One @string may expand to this much: far beyond any real journal name or author list. */
export const MAX_MACRO_CHARS = 100_000;
/**
 * All macro expansions of a file together may produce this much beyond the file's own size: a
 * bibliography that uses a journal macro in every entry stays far below it, a macro bomb does not.
 */
export const MAX_EXPANSION_CHARS = 4_000_000;

/** BibTeX's predefined month macros, as the numbers the importer reads. */
const MONTHS: ReadonlyArray<[string, string]> = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(
  (name, index) => [name, String(index + 1)],
);

/** Characters of a field or macro name (the set Better BibTeX's parser accepts, without `\`). */
const NAME_CHAR = /[+'a-zA-Z0-9&;_:./\-\p{L}]/u;
/** An entry start at the beginning of a line: where the scan resumes after a damaged entry. */
const ENTRY_AT_LINE_START = /\n[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]/g;
/** The same, only exactly at a given newline (sticky): checked at each newline inside a value. */
const ENTRY_AT_THIS_LINE = /\n[ \t]*@[ \t]*[A-Za-z]{1,40}[ \t]*[{(]/y;
/** Control characters that never occur in a text file: the mark of binary data. */
const BINARY = /[\u0000-\u0008\u000E-\u001F\uFFFD]/;

class Damage extends Error {
  constructor(
    readonly reason: string,
    /** Where scanning may resume looking for the next entry. */
    readonly at: number,
  ) {
    super(reason);
  }
}

class Refusal extends Error {}

export function scanBibtex(text: string, onProgress?: (done: number) => void): ScanResult {
  const lines = lineStarts(text);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lines[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const macros = new Map<string, string>(MONTHS);
  /** @string definitions that were refused, by lower-case name → their line: an entry using one is refused too. */
  const refusedMacros = new Map<string, number>();
  const entries: ScannedEntry[] = [];
  const damaged: DamagedEntry[] = [];
  const warnings: string[] = [];
  let expanded = 0;
  let pos = 0;
  let lastProgress = 0;

  const isSpace = (char: string | undefined) => char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f';
  const skip = (): void => {
    while (pos < text.length) {
      const char = text[pos];
      if (isSpace(char)) pos++;
      // A `%` comment between fields, as biber and Better BibTeX's parser read them.
      else if (char === '%') while (pos < text.length && text[pos] !== '\n') pos++;
      else break;
    }
  };
  const name = (): string => {
    const start = pos;
    while (pos < text.length && NAME_CHAR.test(text[pos]!)) pos++;
    return text.slice(start, pos);
  };
  /** Is a new entry starting at the line after the newline at `at`? Then a value ran into it. */
  const entryStartsAfter = (at: number): boolean => {
    if (text[at + 1] !== '@' && text[at + 1] !== ' ' && text[at + 1] !== '\t') return false;
    ENTRY_AT_THIS_LINE.lastIndex = at;
    return ENTRY_AT_THIS_LINE.test(text);
  };
  const describe = (char: string | undefined): string =>
    char === undefined ? t('bibEndOfFile') : char === '\n' || char === '\r' ? t('bibEndOfLine') : t('bibQuotedCharacter', char);

  /** `{…}` or `"…"` at `pos`; returns the inside. Braces must pair up, as BibTeX requires. */
  const delimited = (field: string): string => {
    const open = pos;
    const quoted = text[pos] === '"';
    const start = ++pos;
    let depth = 0;
    for (; pos < text.length; pos++) {
      const char = text[pos];
      if (char === '\\') pos++;
      else if (char === '{') depth++;
      else if (char === '}') {
        if (depth === 0 && !quoted) return text.slice(start, pos++);
        // A `}` that closes nothing inside quotes: the entry's own `}`, reached because a `"` is missing.
        if (depth === 0) throw new Damage(t('bibQuotedNotClosedByQuote', field, lineOf(open)), pos);
        depth--;
      } else if (char === '"' && quoted && depth === 0) return text.slice(start, pos++);
      else if (char === '\n' && entryStartsAfter(pos)) break;
    }
    const what = quoted ? t('bibQuotedValueFrom', field, lineOf(open)) : t('bibBraceOfField', field, lineOf(open));
    const end = pos >= text.length ? t('bibFileEndsFirst') : t('bibNextEntryStarts', lineOf(pos + 1));
    throw new Damage(t('bibNeverClosed', what, end), pos);
  };

  /** Where the last value read ends (before the spaces after it). */
  let valueEnd = 0;
  /** A field value: parts joined by `#`, macros expanded. */
  // `what` names the value in a refusal; worded only when one is made (this runs for every field).
  const value = (field: string, used: { macro: boolean; undefined: string[] }, what?: () => string): string => {
    let result = '';
    for (;;) {
      skip();
      const char = text[pos];
      if (char === '{' || char === '"') result += delimited(field);
      else {
        const start = pos;
        const part = name();
        if (part === '') throw new Damage(t('bibFieldHasNoValue', field, describe(char), lineOf(start)), pos);
        if (/^\d+$/.test(part)) result += part;
        else {
          used.macro = true;
          const known = macros.get(part.toLowerCase());
          if (refusedMacros.has(part.toLowerCase())) {
            throw new Damage(t('bibUsesUnreadableString', part, refusedMacros.get(part.toLowerCase())!), pos);
          }
          if (known === undefined) {
            used.undefined.push(part);
            // Spaces around the name, so `A # and # B` with no definitions reads as three names, not one.
            result += ` ${part} `;
          } else {
            expanded += known.length;
            if (expanded > MAX_EXPANSION_CHARS + text.length) {
              throw new Refusal(t('bibMacrosExpandTooFar', (MAX_EXPANSION_CHARS / 1_000_000).toFixed(0), part, lineOf(start)));
            }
            result += known;
          }
        }
      }
      valueEnd = pos;
      if (result.length > MAX_MACRO_CHARS && used.macro) {
        throw new Damage(t('bibExpandsTooFar', what?.() ?? t('bibTheField', field), MAX_MACRO_CHARS.toLocaleString('en')), pos);
      }
      skip();
      if (text[pos] !== '#') return result;
      pos++;
    }
  };

  const entryAt = (start: number): void => {
    pos = start + 1;
    skip();
    const type = name().toLowerCase();
    skip();
    const opener = text[pos];
    const close = opener === '{' ? '}' : ')';
    pos++;
    if (type === 'comment') {
      // BibTeX skips a @comment's braces whole; an unclosed one swallows nothing past the next entry.
      if (opener === '{') delimited('@comment');
      return;
    }
    if (type === 'preamble') {
      skip();
      value('preamble', { macro: false, undefined: [] });
      skip();
      if (text[pos] !== close) throw new Damage(t('bibPreambleNotClosed', close), pos);
      pos++;
      return;
    }
    if (type === 'string') {
      skip();
      const macro = name();
      refusing = { name: macro.toLowerCase(), line: lineOf(start) };
      skip();
      if (macro === '' || text[pos] !== '=') throw new Damage(t('bibStringNeedsParts'), pos);
      pos++;
      const used = { macro: false, undefined: [] as string[] };
      const expansion = value(macro, used, () => t('bibTheString', macro));

      if (expansion.length > MAX_MACRO_CHARS) throw new Damage(t('bibStringTooLong', macro, MAX_MACRO_CHARS.toLocaleString('en')), pos);
      skip();
      if (text[pos] === ',') {
        pos++;
        skip();
      }
      if (text[pos] !== close) throw new Damage(t('bibStringNotClosed', macro, close), pos);
      pos++;
      macros.set(macro.toLowerCase(), expansion);
      refusing = undefined;
      return;
    }

    const entry: ScannedEntry = { type, key: '', line: lineOf(start), offset: start, fields: new Map(), macroFields: new Set(), undefinedMacros: [] };
    current = entry;
    skip();
    // The value that spans the most lines: where a brace that is not closed most likely is.
    let widest = { field: '', from: 0, to: 0 };
    const addField = (field: string): void => {
      const start = pos;
      skip();
      if (text[pos] !== '=') {
        throw new Damage(t('bibFieldWithoutEquals', field, lineOf(start), describe(text[pos])), pos);
      }
      pos++;
      const used = { macro: false, undefined: [] as string[] };
      const from = lineOf(pos);
      const read = value(field, used);
      const to = lineOf(Math.max(0, valueEnd - 1));
      if (to - from > widest.to - widest.from) widest = { field, from, to };
      const lower = field.toLowerCase();
      entry.fields.set(lower, [...(entry.fields.get(lower) ?? []), read]);
      if (used.macro) entry.macroFields.add(lower);
      entry.undefinedMacros.push(...used.undefined);
    };
    if (text[pos] !== ',') {
      const keyStart = pos;
      while (pos < text.length && !/[\s,{}()"=#%]/.test(text[pos]!)) pos++;
      const key = text.slice(keyStart, pos);
      skip();
      // A keyless entry starts with a field (`@misc{title = …}`).
      if (text[pos] === '=') {
        pos = keyStart;
        addField(name());
      } else entry.key = key;
    }
    for (;;) {
      skip();
      if (text[pos] === ',') {
        pos++;
        skip();
      } else if (text[pos] === '@') {
        const next = t('bibEntryRunsIntoNext', lineOf(pos));
        throw new Damage(
          widest.to > widest.from ? t('bibBraceProbablyOpen', next, widest.field, widest.from, widest.to) : t('bibClosingMissing', next, close),
          pos,
        );
      } else if (text[pos] !== close && pos < text.length && entry.fields.size + (entry.key ? 1 : 0) > 0) {
        const where = pos;
        const next = name();
        throw new Damage(
          next ? t('bibCommaMissing', next, lineOf(where)) : t('bibCommaOrCloseExpected', describe(text[where]), lineOf(where), close),
          where,
        );
      }
      if (pos >= text.length) throw new Damage(t('bibEntryNotClosed', close), pos);
      if (text[pos] === close) {
        pos++;
        entries.push(entry);
        return;
      }
      const fieldStart = pos;
      const field = name();
      if (field === '') throw new Damage(t('bibFieldNameExpected', describe(text[fieldStart]), lineOf(fieldStart)), fieldStart);
      addField(field);
    }
  };

  let current: ScannedEntry | undefined;
  /** The @string being read: if it is damaged, later uses of it are refused too. */
  let refusing: { name: string; line: number } | undefined;
  let junkFrom = -1;
  const endJunk = (end: number): void => {
    if (junkFrom < 0) return;
    const first = lineOf(junkFrom);
    const last = lineOf(Math.max(junkFrom, end - 1));
    damaged.push({ entry: first === last ? t('bibLine', first) : t('bibLines', first, last), line: first, reason: t('bibBinaryBetweenEntries') });
    junkFrom = -1;
  };
  try {
    while (pos < text.length) {
      if (onProgress && pos - lastProgress > 65_536) {
        lastProgress = pos;
        onProgress(pos);
      }
      const at = text.indexOf('@', pos);
      const gap = text.slice(pos, at < 0 ? text.length : at);
      if (BINARY.test(gap) && junkFrom < 0) junkFrom = pos + gap.search(BINARY);
      if (at < 0) break;
      // Between entries, text is a comment to BibTeX: an `@` inside a sentence or an e-mail address
      // is not an entry. One that starts a line but no entry is reported: it was meant as one.
      pos = at + 1;
      const startsLine = /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, at - 200), at));
      const head = /^[ \t]*([A-Za-z]+)[ \t\r\n]*([{(])?/.exec(text.slice(at + 1, at + 200));
      if (!head?.[1] || !head[2]) {
        if (startsLine) {
          endJunk(at);
          damaged.push({ entry: firstLineAt(text, at), line: lineOf(at), reason: t('bibAtStartsNoEntry') });

        }
        continue;
      }
      endJunk(at);
      current = undefined;
      refusing = undefined;
      try {
        entryAt(at);
      } catch (error) {
        if (!(error instanceof Damage)) throw error;
        // Set inside entryAt, which TypeScript's flow analysis does not see.
        const macro = refusing as { name: string; line: number } | undefined;
        if (macro) refusedMacros.set(macro.name, macro.line);
        const label = (current as ScannedEntry | undefined)?.key || firstLineAt(text, at);
        damaged.push({ entry: label, line: lineOf(at), reason: error.reason });
        ENTRY_AT_LINE_START.lastIndex = Math.max(error.at, at + 1) - 1;
        const next = ENTRY_AT_LINE_START.exec(text);
        pos = next ? next.index + 1 : text.length;
      }
    }
    endJunk(text.length);
  } catch (error) {
    if (error instanceof Refusal) return { entries: [], damaged: [], warnings: [], refused: error.message };
    throw error;
  }
  return { entries, damaged, warnings };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The line an entry starts on, short and with no control characters, to name it when it has no key. */
function firstLineAt(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  const line = text.slice(at, end < 0 ? Math.min(text.length, at + 200) : Math.min(end, at + 200)).replace(/[\u0000-\u001F\u007F-\u009F\uFFFD]+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
