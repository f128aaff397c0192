import { escapeLatex } from '../bibtex/latex-escape';
import { t } from '../i18n/t';
import type { ScannedEntry } from './bib-scan';
import { isBalanced, plainText, type RenderQueue } from './tex-render';

// Fields read from the entry's own text where a plain rendering loses what the exporter
// (lib/bibtex) wrote, so that export → import → export gives the same text.

/** What the entry's own text says where the plain rendering loses it (see {@link queueRawReading}). */
export interface RawReading {
  /** The title with its TeX math kept verbatim as `$…$`, and TeX's ligatures read as the exporter wrote them. */
  title?: string;
  /** The keywords in the file's order, split only at commas and semicolons outside braces. */
  keywords?: string[];
  /** `journal` and `booktitle` with TeX's ligatures read as the exporter wrote them. */
  journal?: string;
  booktitle?: string;
}

/**
 * One field (or one keyword) read from the file's text: LaTeX templates for the parser to render,
 * in order of preference, and a test of whether the exporter would write a rendering back as the
 * file has it.
 */
interface Choice {
  /** Math spans kept verbatim, `$…$`; the character `\uE000 + i` stands for span i in a template. */
  spans: string[];
  /** Each template's rendering in the queue, and the spans it keeps as placeholders. */
  candidates: Array<{ handle: number; kept: number[] }>;
  /** The candidate read when none exports as the file has it (a file from another tool). */
  fallback: number;
  /** Whether the exporter, in ASCII mode or not, writes `text` as the file has it. */
  exports: (text: string, ascii: boolean) => boolean;
}

/** A private-use character per math span: both renderers pass it through untouched. */
const PLACEHOLDER_BASE = 0xe000;
const PRIVATE_USE = /[\uE000-\uF8FF]/;

/** TeX's ligatures in text: `--` is –, `---` is —, ``` `` ``` and `''` are “ and ”. */
const LIGATURES = /--|``|''/;

/**
 * Reads titles, keywords, journals and booktitles from the entry's own text where the parser's
 * rendering loses what the exporter wrote, and queues their LaTeX to be rendered like every other
 * field (./tex-render.ts); the returned function reads the result once the queue has run.
 *
 * - Titles: TeX math (`$…$`) is kept verbatim, as the library stores it; the parser would render
 *   `$\mathcal{O}(n \log n)$` as `O(nn)`. Math the exporter writes for a Unicode symbol (`β` is
 *   written `{$\beta$}`) becomes the symbol again when the title then exports exactly as the file
 *   has it (see {@link titleTemplates}).
 * - Keywords: the parser sorts them and splits `{ideas, later}` at its comma; here they keep the
 *   file's order and a braced keyword is one tag, as biblatex reads them (cleanImportedTags then
 *   splits one holding a comma: the library's tags hold none). Escapes and accents
 *   (`C++ \& Rust`, `{\'e}cole`) are rendered like any field.
 * - TeX's ligatures (`--`, ``` `` ```, `''`) in any of these: the exporter writes `--` for – in ASCII
 *   files but leaves a typed `--` as it is in both modes, and writes a typed `"` as ``` `` ``` or `''`.
 *   The reading is the one that exports as the file has it, and in a file that could be either
 *   mode (pure ASCII) one that does so in both modes first: `--` stays `--` unless only – fits.
 *
 * A field that cannot be read this way (one that uses an @string, say) keeps the plain rendering.
 * `modes` are the exporter's modes that could have written the file (ASCII: `true`).
 */
export function queueRawReading(entry: ScannedEntry, queue: RenderQueue, modes: readonly boolean[]): { read: () => RawReading; readsTitle: boolean } {
  const raw = entry.fields;
  const about = (field: string): void => queue.about({ entry: entry.key || t('bibEntryOnLine', entry.line), line: entry.line, field });

  const hasKeywords = raw.has('keywords') && !entry.macroFields.has('keywords');
  const choice = (variants: Array<{ template: string; kept: number[] }>, spans: string[], fallback: number, exports: Choice['exports']): Choice | undefined => {
    const templates: Array<{ template: string; kept: number[] }> = [];
    for (const variant of variants) {
      templates.push(variant);
      const literal = literalLigatures(variant.template);
      if (literal !== variant.template) templates.push({ template: literal, kept: variant.kept });
    }
    if (!templates.every(({ template }) => isBalanced(template))) return undefined;
    const candidates = templates.map(({ template, kept }) => ({ handle: queue.text(template), kept }));
    return { spans, candidates, fallback: templates.indexOf(variants[fallback]!), exports };
  };
  const single = (name: string): string | undefined => {
    const values = raw.get(name);
    return values?.length === 1 && !entry.macroFields.has(name) ? values[0] : undefined;
  };
  let title: Choice | undefined;
  let journal: Choice | undefined;
  let booktitle: Choice | undefined;
  let keywords: Array<string | Choice> | undefined;

  const rawTitle = single('title');
  const exportsTitle = (text: string, ascii: boolean): boolean => escapeLatex(text, { ascii, protectCase: true, math: true }) === rawTitle;
  const templates = rawTitle?.includes('$') ? titleTemplates(rawTitle) : null;
  about('title');
  if (rawTitle !== undefined && templates) {
    title = choice(templates.variants, templates.spans, templates.fallback, exportsTitle);
  } else if (rawTitle !== undefined && LIGATURES.test(rawTitle)) {
    title = choice([{ template: outerGroup(rawTitle) ?? rawTitle, kept: [] }], [], 0, exportsTitle);
  }

  // Written by the exporter with escapeLatex and nothing else (a journal reference's year aside).
  const plain = (text: string) => (rendered: string, ascii: boolean) => escapeLatex(rendered, { ascii }) === text;
  const rawJournal = single('journal') ?? single('journaltitle');
  about('journal');
  if (rawJournal !== undefined && LIGATURES.test(rawJournal)) journal = choice([{ template: rawJournal, kept: [] }], [], 0, plain(rawJournal));
  const rawBooktitle = single('booktitle');
  about('booktitle');
  if (rawBooktitle !== undefined && LIGATURES.test(rawBooktitle)) booktitle = choice([{ template: rawBooktitle, kept: [] }], [], 0, plain(rawBooktitle));

  const values = raw.get('keywords');
  about('keywords');
  if (hasKeywords && values) {
    keywords = [];
    for (const value of values) {
      for (const { text, keyword } of splitKeywords(value)) {
        // The exporter braces a keyword with a comma in it.
        const exports = (rendered: string, ascii: boolean): boolean => {
          const escaped = escapeLatex(rendered, { ascii });
          return (escaped.includes(',') ? `{${escaped}}` : escaped) === text;
        };
        const read = /[\\{}]/.test(keyword) ? choice([{ template: keyword, kept: [] }], [], 0, exports) : undefined;
        keywords.push(read ?? keyword);
      }
    }
  }

  const read = (): RawReading => {
    const read = (item: Choice): string | undefined => choose(item, queue, modes);
    const reading: RawReading = {};
    if (keywords) {
      const words = keywords.map((keyword) => (typeof keyword === 'string' ? plainText(keyword) : read(keyword)));
      if (words.every((word) => word !== undefined)) reading.keywords = words;
    }
    const readTitle = title && read(title);
    if (readTitle) reading.title = readTitle;
    const readJournal = journal && read(journal);
    if (readJournal) reading.journal = readJournal;
    const readBooktitle = booktitle && read(booktitle);
    if (readBooktitle) reading.booktitle = readBooktitle;
    return reading;
  };
  return { read, readsTitle: title !== undefined };
}

/**
 * The first candidate the exporter writes back as the file has it in every mode the file could
 * be in, else in one of them, else the fallback; undefined when that one cannot be rendered.
 */
function choose(choice: Choice, queue: RenderQueue, modes: readonly boolean[]): string | undefined {
  const texts = choice.candidates.map(({ handle, kept }) => {
    const rendered = queue.get(handle);
    return restoreMath(typeof rendered === 'string' ? rendered : undefined, choice.spans, kept);
  });
  const fits = (test: (ascii: boolean) => (text: string) => boolean, every: boolean): string | undefined =>
    texts.find((text) => text !== undefined && (every ? modes.every((ascii) => test(ascii)(text)) : modes.some((ascii) => test(ascii)(text))));
  const test = (ascii: boolean) => (text: string) => choice.exports(text, ascii);
  return fits(test, true) ?? fits(test, false) ?? texts[choice.fallback];
}

/** The template with TeX's ligatures broken, so the parser renders `--` and `"` as typed. */
function literalLigatures(tex: string): string {
  return tex.replace(/(?<!\\)---?/g, (dashes) => dashes.split('').join('{}')).replace(/(?<!\\)(?:``|'')/g, '"');
}

/** The rendered template with its math put back; undefined when a placeholder went missing. */
function restoreMath(rendered: string | undefined, spans: readonly string[], kept: readonly number[]): string | undefined {
  if (rendered === undefined) return undefined;
  let text = plainText(rendered);
  for (const index of kept) {
    const mark = String.fromCharCode(PLACEHOLDER_BASE + index);
    const parts = text.split(mark);
    if (parts.length !== 2) return undefined;
    text = parts.join(spans[index]!);
  }
  return PRIVATE_USE.test(text) ? undefined : text;
}

/**
 * Math the exporter writes for one Unicode symbol (lib/bibtex/latex-escape.ts): `{$\alpha$}`,
 * `{$\leq$}`, `{$\mathrm{A}$}` (a Greek capital that looks Latin), `{$o$}`, `{$_2$}`, `{$-$}`, `{$'$}`.
 */
const SYMBOL_MATH = /^\$(?:\\[A-Za-z]+|\\mathrm\{[A-Z]\}|o|_\d|-|'{1,2})\$$/;

interface MathSpan {
  /** The span in the title, with the braces of a group that holds only the math. */
  start: number;
  end: number;
  /** The math itself, `$…$`. */
  tex: string;
  /** Not inside a case-protection group: where the exporter writes the math it keeps. */
  top: boolean;
  /** A digit follows: the exporter never keeps math there (`$5 and $10` is not math). */
  digitAfter: boolean;
}

/**
 * The title with its math spans replaced by placeholders, in up to two variants:
 * - A (the fallback): what the exporter keeps as math, kept. It writes math it keeps as `{$…$}` at
 *   the top level of the title and never before a digit; a symbol inside a case-protection group
 *   (`{{$\Gamma$}}-Priors`, from `Γ-Priors`) or before a digit (`{$\alpha$}2`) came from Unicode.
 *   Math the exporter cannot have written for a symbol is kept wherever it is.
 * - B, first when there is one: every symbol rendered as Unicode. The exporter writes `β-VAE` and
 *   `$\beta$-VAE` alike, so B is the reading when it exports exactly as the file has it (the
 *   symbol is what the exporter was given, as far as anyone can tell), else A.
 * Null when the title has no math, or uses private-use characters itself.
 */
function titleTemplates(raw: string): { variants: Array<{ template: string; kept: number[] }>; spans: string[]; fallback: number } | null {
  if (PRIVATE_USE.test(raw)) return null;
  const text = outerGroup(raw) ?? raw; // the parser drops braces around the whole title too
  const found = mathSpans(text);
  if (!found || found.length === 0 || found.length > 1_000) return null;
  const keepA = found.map((span) => !SYMBOL_MATH.test(span.tex) || (span.top && !span.digitAfter));
  const keepB = found.map((span) => !SYMBOL_MATH.test(span.tex));
  const variant = (keep: boolean[]): { template: string; kept: number[] } => {
    let template = '';
    let cursor = 0;
    found.forEach((span, index) => {
      template += text.slice(cursor, span.start) + (keep[index] ? String.fromCharCode(PLACEHOLDER_BASE + index) : text.slice(span.start, span.end));
      cursor = span.end;
    });
    return { template: template + text.slice(cursor), kept: keep.flatMap((kept, index) => (kept ? [index] : [])) };
  };
  const spans = found.map((span) => span.tex.replace(/\s+/g, ' '));
  const a = variant(keepA);
  if (keepA.every((kept, index) => kept === keepB[index])) return { variants: [a], spans, fallback: 0 };
  return { variants: [variant(keepB), a], spans, fallback: 1 };
}

/** The `$…$` (and `$$…$$`) spans of a field value; null when one is not closed. */
function mathSpans(text: string): MathSpan[] | null {
  const spans: MathSpan[] = [];
  let depth = 0;
  let lastOpen = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
    } else if (char === '{') {
      depth++;
      lastOpen = i;
    } else if (char === '}') {
      depth--;
    } else if (char === '$') {
      const delimiter = text[i + 1] === '$' ? '$$' : '$';
      let close = -1;
      for (let j = i + delimiter.length; j < text.length; j++) {
        if (text[j] === '\\') j++;
        else if (text.startsWith(delimiter, j)) {
          close = j;
          break;
        }
      }
      if (close < 0) return null;
      const end = close + delimiter.length;
      const wrapped = lastOpen === i - 1 && text[end] === '}';
      const span = { start: wrapped ? i - 1 : i, end: wrapped ? end + 1 : end, tex: text.slice(i, end) };
      spans.push({ ...span, top: depth === (wrapped ? 1 : 0), digitAfter: /\d/.test(text[span.end] ?? '') });
      if (wrapped) depth--;
      i = span.end - 1;
    }
  }
  return spans;
}

/** The inside of a value that is one brace group whole (`{ideas, later}`), else undefined. */
function outerGroup(value: string): string | undefined {
  if (!value.startsWith('{')) return undefined;
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i === value.length - 1 ? value.slice(1, -1) : undefined;
  }
  return undefined;
}

/**
 * Keywords split as biblatex splits them (at commas outside braces) and at semicolons, as some
 * tools write them: each as written (`text`) and without braces around it whole (`keyword`).
 */
function splitKeywords(value: string): Array<{ text: string; keyword: string }> {
  const keywords: Array<{ text: string; keyword: string }> = [];
  let depth = 0;
  let start = 0;
  const add = (end: number): void => {
    const text = value.slice(start, end).trim();
    if (text !== '') keywords.push({ text, keyword: outerGroup(text) ?? text });
  };
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}') depth = Math.max(0, depth - 1);
    else if ((char === ',' || char === ';') && depth === 0) {
      add(i);
      start = i + 1;
    }
  }
  add(value.length);
  return keywords;
}

