import { parse, type Creator, type Options } from '@retorquere/bibtex-parser';

/**
 * TeX in .bib field values to text. Most values hold only what a short, linear reader here knows
 * (braces, escaped specials, accents, a few letters such as `\ss`); the rest goes to Better BibTeX's
 * parser, which knows far more TeX but costs about 10 µs a character and more than linearly on long
 * values (a 100 KB field took 5 s). So the parser only ever sees short values: one title, one
 * author's name, one keyword, each at most {@link MAX_PARSER_VALUE} characters, in batches.
 * test/unit/import/tex-render.test.ts checks that both readers agree on what the short one reads.
 */

/**
 * Options for Better BibTeX's parser. Titles are kept as written: no sentence-casing (arXiv titles
 * are title case and the library shows them so) and no case-protection markup, so `{BERT}` reads
 * `BERT`. LaTeX becomes Unicode (`{\"o}` → ö); a command the parser does not know keeps its text
 * (`\foo{bar}` → `bar`) instead of failing the file.
 */
export const PARSER_OPTIONS: Options = { sentenceCase: false, caseProtection: false, unsupported: 'ignore' };

/** Longer values are not given to the parser (see above); the caller says what happens instead. */
export const MAX_PARSER_VALUE = 2_500;

/** Combining marks of TeX's accent commands. */
const ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  k: '\u0328',
  r: '\u030A',
  d: '\u0323',
  b: '\u0331',
};

/** Control words for letters. */
const LETTERS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  aa: 'å',
  AA: 'Å',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  i: 'ı',
  j: 'ȷ',
};

const ESCAPED = '&%$#_{}';
/** The characters renderSimpleTex looks at; everything else is copied as it is. */
const SPECIAL = /[{}~\-`'$%\\]/g;

/**
 * The text of a value that uses only braces, escaped specials (`\&`), accents (`\"o`, `{\'e}`,
 * `\v{s}`) and letter commands (`{\ss}`); undefined when it uses anything else (math, other
 * commands, `%`, TeX's ligatures `--` and quotes), which only the parser reads right.
 * `lenient`: instead of giving up, keep math and unknown commands as written and read the
 * ligatures, for long free text (abstracts, notes) that the library shows and never exports.
 */
export function renderSimpleTex(value: string, lenient = false): string | undefined {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    // Plain text up to the next character that means something: copied as one slice.
    SPECIAL.lastIndex = i;
    const special = SPECIAL.exec(value);
    const stop = special ? special.index : value.length;
    if (stop > i) {
      out += value.slice(i, stop);
      i = stop - 1;
      continue;
    }
    const char = value[i]!;
    if (char === '{' || char === '}') continue;
    if (char === '~') {
      out += '\u00A0';
      continue;
    }
    if (char === '-' && value[i + 1] === '-') {
      if (!lenient) return undefined;
      const triple = value[i + 2] === '-';
      out += triple ? '—' : '–';
      i += triple ? 2 : 1;
      continue;
    }
    if ((char === '`' || char === "'") && value[i + 1] === char) {
      if (!lenient) return undefined;
      out += char === '`' ? '“' : '”';
      i++;
      continue;
    }
    if (char === '$' || char === '%') {
      if (!lenient) return undefined;
      if (char === '$') {
        // Math stays as written, to its closing dollar.
        const close = value.indexOf('$', i + 1);
        const end = close < 0 ? value.length : close + 1;
        out += value.slice(i, end);
        i = end - 1;
      } else out += char;
      continue;
    }
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = value[i + 1];
    if (next === undefined) return lenient ? out + char : undefined;
    if (ESCAPED.includes(next)) {
      out += next;
      i++;
      continue;
    }
    const accent = accentAt(value, i);
    if (accent) {
      out += accent.text;
      i = accent.end - 1;
      continue;
    }
    const word = /^[A-Za-z]+/.exec(value.slice(i + 1, i + 40))?.[0];
    if (word && LETTERS[word] !== undefined) {
      out += LETTERS[word];
      i += word.length;
      // TeX swallows the spaces after a control word.
      while (value[i + 1] === ' ' || value[i + 1] === '\t' || value[i + 1] === '\n') i++;
      continue;
    }
    if (!lenient) return undefined;
    out += char;
  }
  return out;
}

/** `\"o`, `\"{o}`, `\'\i`, `\'{\i}`, `\v s`: the accented letter and where the command ends. */
function accentAt(value: string, at: number): { text: string; end: number } | undefined {
  const command = value[at + 1]!;
  const mark = ACCENTS[command];
  if (!mark) return undefined;
  const isLetterCommand = /[A-Za-z]/.test(command);
  let pos = at + 2;
  if (isLetterCommand) {
    if (/[A-Za-z]/.test(value[pos] ?? '')) return undefined; // `\url`, `\vspace`: another command
    while (value[pos] === ' ') pos++;
  }
  const braced = value[pos] === '{';
  if (braced) pos++;
  let letter: string;
  if (value[pos] === '\\' && (value[pos + 1] === 'i' || value[pos + 1] === 'j') && !/[A-Za-z]/.test(value[pos + 2] ?? '')) {
    letter = LETTERS[value[pos + 1]!]!;
    pos += 2;
  } else if (/[A-Za-z]/.test(value[pos] ?? '')) {
    letter = value[pos]!;
    pos++;
  } else return undefined;
  if (braced) {
    if (value[pos] !== '}') return undefined;
    pos++;
  }
  return { text: letter + mark, end: pos };
}

/** A name list split at ` and ` outside braces: each name as the file writes it. */
export function splitNames(value: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && /\s/.test(char!) && /^\s+and\s/i.test(value.slice(i, i + 64))) {
      const match = /^\s+and\s+/i.exec(value.slice(i, i + 128))!;
      names.push(value.slice(start, i));
      i += match[0].length - 1;
      start = i + 1;
    }
  }
  names.push(value.slice(start));
  return names.map((name) => name.trim()).filter((name) => name !== '');
}

/**
 * One name as `First von Last Jr` (BibTeX's `von Last, Jr, First` and `von Last, First` turned
 * round; a braced organisation whole); undefined when a part needs the parser.
 */
export function renderSimpleName(raw: string): string | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}') depth = Math.max(0, depth - 1);
    else if (char === ',' && depth === 0) {
      parts.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(raw.slice(start));
  if (parts.length > 3) return undefined;
  const rendered = parts.map((part) => renderSimpleTex(part.trim()));
  if (rendered.some((part) => part === undefined)) return undefined;
  const [last, second, third] = rendered as string[];
  const ordered = parts.length === 1 ? [last] : parts.length === 2 ? [second, last] : [third, last, second];
  return ordered
    .filter((part) => part !== undefined && part.trim() !== '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Where a value comes from: the entry (key or line), its line and the field. */
export interface ValueLabel {
  entry: string;
  line: number;
  field: string;
}

export type ParserRequest = { kind: 'text'; value: string } | { kind: 'names'; value: string };
export type ParserAnswer = string | Creator[] | undefined;

/**
 * Renders values with Better BibTeX's parser, all in one document (one entry per value); a value
 * the parser cannot read (or one over {@link MAX_PARSER_VALUE}) is undefined.
 */
export function renderWithParser(requests: readonly ParserRequest[]): ParserAnswer[] {
  const answers: ParserAnswer[] = new Array(requests.length).fill(undefined);
  const documents: string[] = [];
  const indexes: number[] = [];
  requests.forEach((request, index) => {
    if (request.value.length > MAX_PARSER_VALUE || !isBalanced(request.value)) return;
    documents.push(`@misc{r${index},\n${request.kind === 'names' ? 'author' : 'title'} = {${request.value}}\n}\n`);
    indexes.push(index);
  });
  if (documents.length === 0) return answers;
  const read = (text: string): void => {
    const library = parse(text, PARSER_OPTIONS);
    for (const entry of library.entries) {
      const index = Number(entry.key.slice(1));
      const request = requests[index];
      if (!request) continue;
      const field = entry.fields[request.kind === 'names' ? 'author' : 'title'];
      answers[index] = request.kind === 'names' ? (Array.isArray(field) ? (field as Creator[]) : undefined) : typeof field === 'string' ? field : '';
    }
  };
  try {
    read(documents.join('\n'));
  } catch {
    // One value the parser chokes on: read them one by one, so only that one is lost.
    for (const document of documents) {
      try {
        read(document);
      } catch {
        // stays undefined
      }
    }
  }
  return answers;
}

/**
 * Whether `text` can go between braces in a document for the parser: its braces pair up (`\{` not
 * counted) and it does not end in a backslash that would escape the closing one.
 */
export function isBalanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      if (++i >= text.length) return false;
    } else if (char === '{') depth++;
    else if (char === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Values waiting to be rendered: each one the short reader knows is rendered at once, the rest
 * together by one parser run ({@link RenderQueue.run}). Handles index the answers.
 */
export class RenderQueue {
  private readonly answers: ParserAnswer[] = [];
  private requests: ParserRequest[] = [];
  private waiting: number[] = [];
  private labels: ValueLabel[] = [];
  private label: ValueLabel = { entry: '', line: 0, field: '' };

  /** Names the entry and field of the values queued next. */
  about(label: ValueLabel): void {
    this.label = label;
  }

  /** Exact TeX; `lenient` for long free text (see {@link renderSimpleTex}), never parsed. */
  text(value: string, lenient = false): number {
    const fast = renderSimpleTex(value, lenient);
    return this.add(fast, fast === undefined ? { kind: 'text', value } : undefined);
  }

  /** A name list: one handle per name, each a one-name creator list once rendered. */
  names(value: string): number[] {
    return splitNames(value).map((name) => {
      const fast = renderSimpleName(name);
      return this.add(fast === undefined ? undefined : [{ name: fast }], fast === undefined ? { kind: 'names', value: name } : undefined);
    });
  }

  /** The longest value waiting for the parser: what to name if reading takes too long. */
  longestWaiting(): (ValueLabel & { length: number }) | undefined {
    let longest = -1;
    this.requests.forEach((request, index) => {
      if (longest < 0 || request.value.length > this.requests[longest]!.value.length) longest = index;
    });
    return longest < 0 ? undefined : { ...this.labels[longest]!, length: this.requests[longest]!.value.length };
  }

  run(): void {
    const rendered = renderWithParser(this.requests);
    rendered.forEach((answer, index) => {
      this.answers[this.waiting[index]!] = answer;
    });
    this.requests = [];
    this.waiting = [];
    this.labels = [];
  }

  get(handle: number): ParserAnswer {
    return this.answers[handle];
  }

  private add(answer: ParserAnswer, request: ParserRequest | undefined): number {
    const handle = this.answers.length;
    this.answers.push(answer);
    if (request) {
      this.requests.push(request);
      this.waiting.push(handle);
      this.labels.push(this.label);
    }
    return handle;
  }
}

/**
 * The parser renders `\textit`, `\textsc`, `\url` and friends as a few HTML tags; the library keeps
 * plain text, so those tags go and whitespace is folded. Accents come out as combining marks
 * (`\"o` → o + U+0308); NFC composes them, so `Schrödinger` matches what a page or a search box has.
 */
const MARKUP = /<\/?(?:i|b|sc|nc|ncx|sup|sub|br|p|li|code|span|a|enquote)(?:\s[^>]*)?\/?>/gi;

/**
 * An accent on `\i` or `\j` (`{\'\i}`, how LaTeX writes í) comes out as a dotless letter and a
 * combining mark, which NFC leaves apart: the accented letter is the dotted one.
 */
const DOTLESS_ACCENTED = /[ıȷ](?=\p{M})/gu;

export function plainText(value: string | undefined): string {
  return value ? value.replace(MARKUP, '').replace(DOTLESS_ACCENTED, (letter) => (letter === 'ı' ? 'i' : 'j')).replace(/\s+/g, ' ').trim().normalize('NFC') : '';
}
