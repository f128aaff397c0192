// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  caseProtectedRanges,
  cleanText,
  escapeLatex,
  looksSentenceCased,
  needsCaseProtection,
  type Substitution,
} from '../../../lib/bibtex/latex-escape';

const title = (text: string, ascii = false) => escapeLatex(text, { protectCase: true, math: true, ascii });

/** Brace depth as BibTeX counts it (every brace, escaped or not) and as LaTeX does (not `\{`). */
function balanced(tex: string): { bibtex: boolean; latex: boolean } {
  let bibtex = 0;
  let latex = 0;
  let bibtexOk = true;
  let latexOk = true;
  for (let i = 0; i < tex.length; i++) {
    const char = tex[i];
    if (char === '\\') {
      const next = tex[i + 1];
      if (next === '{') bibtex++;
      if (next === '}') bibtex--;
      if (bibtex < 0) bibtexOk = false;
      i++;
      continue;
    }
    if (char === '{') {
      bibtex++;
      latex++;
    } else if (char === '}') {
      bibtex--;
      latex--;
    }
    if (bibtex < 0) bibtexOk = false;
    if (latex < 0) latexOk = false;
  }
  return { bibtex: bibtexOk && bibtex === 0, latex: latexOk && latex === 0 };
}

describe('escapeLatex: special characters', () => {
  it.each([
    ['Q&A', 'Q\\&A'],
    ['90% done', '90\\% done'],
    ['costs $5', 'costs \\$5'],
    ['#1 result', '\\#1 result'],
    ['snake_case', 'snake\\_case'],
    ['~10', '{\\textasciitilde}10'],
    ['x^2', 'x{\\textasciicircum}2'],
    ['a\\b', 'a{\\textbackslash}b'],
    // OT1 prints these three as ¡ ¿ and —.
    ['a<b>c|d', 'a{\\textless}b{\\textgreater}c{\\textbar}d'],
  ])('%s → %s', (input, expected) => {
    expect(escapeLatex(input)).toBe(expected);
  });

  it('writes braces that pair up as \\{ \\} and lone ones as text commands', () => {
    expect(escapeLatex('a {b} c')).toBe('a \\{b\\} c');
    expect(escapeLatex('a { b')).toBe('a {\\textbraceleft} b');
    expect(escapeLatex('a } b {')).toBe('a {\\textbraceright} b {\\textbraceleft}');
    expect(escapeLatex('}{x}{')).toBe('{\\textbraceright}\\{x\\}{\\textbraceleft}');
  });

  it('turns straight double quotes into TeX quotes', () => {
    expect(escapeLatex('The "Lottery" ("Ticket")')).toBe("The ``Lottery'' (``Ticket'')");
  });

  it('keeps every output brace-balanced for BibTeX and for LaTeX', () => {
    for (const input of ['{{{', '}}}', '}{', 'a\\{b', '\\}', '$\\{$', '${$ x $}$', '{GPU} {', '$a}{b$']) {
      for (const ascii of [false, true]) {
        expect(balanced(title(input, ascii)), input).toEqual({ bibtex: true, latex: true });
      }
    }
  });
});

describe('escapeLatex: math in titles', () => {
  it('keeps balanced $…$ math verbatim, braced against case changes', () => {
    expect(title('$\\alpha$-Heat')).toBe('{$\\alpha$}-Heat');
    expect(title('Bounds for $\\mathcal{O}(n \\log n)$ Sorting')).toBe('Bounds for {$\\mathcal{O}(n \\log n)$} Sorting');
    expect(title('$\\Gamma$-Priors')).toBe('{$\\Gamma$}-Priors');
  });

  it('escapes dollars that are not math (pandoc rule: no space inside the delimiters, no digit after)', () => {
    expect(title('costs $5 and $10')).toBe('costs \\$5 and \\$10');
    expect(title('a $ b $ c')).toBe('a \\$ b \\$ c');
    expect(title('one $x$ two $')).toBe('one {$x$} two \\$');
    expect(title('$$x$$')).toBe('\\$\\$x\\$\\$');
  });

  it('escapes math that would be unsafe verbatim', () => {
    expect(title('$x%y$')).toBe('\\$x\\%y\\$'); // % would comment out the rest of the .bbl line
    expect(title('$a & b$')).toBe('\\$a \\& b\\$');
    expect(title('$\\input{/etc/passwd}$')).toBe('\\${\\textbackslash}input\\{/etc/passwd\\}\\$');
    expect(title('$\\def\\x{1}$')).toBe('\\${\\textbackslash}def{\\textbackslash}x\\{1\\}\\$');
    expect(title('$a}{b$')).toBe('\\$a{\\textbraceright}{\\textbraceleft}b\\$');
    expect(title('$α$')).toBe('\\${$\\alpha$}\\$'); // math must be ASCII to pass through
  });

  it('escapes every dollar outside titles', () => {
    expect(escapeLatex('$x$')).toBe('\\$x\\$');
  });
});

describe('escapeLatex: case protection', () => {
  it.each([
    ['BERT', '{BERT}'],
    ['GPT-4', '{GPT-4}'],
    ['LoRA', '{LoRA}'],
    ['ImageNet', '{ImageNet}'],
    ['3D', '{3D}'],
    ['MLOps', '{MLOps}'],
    ['iPhone', '{iPhone}'],
    ['A100', '{A100}'],
    ['Type I', 'Type {I}'],
    ['(BERT):', '({BERT}):'],
    ['"GPT-4"', "``{GPT-4}''"],
    ['BERT-Base', '{BERT}-Base'],
    ['D-Branes', '{D}-Branes'],
    ['Self-RAG', 'Self-{RAG}'],
    ['ViT-B/16', '{ViT-B/16}'],
    ['COVID-19', '{COVID-19}'],
    ['Vision-Language', 'Vision-Language'],
    ['Attention Is All You Need', 'Attention Is All You Need'],
    ['A Survey', 'A Survey'],
    ['Q&A', '{Q\\&A}'],
    ['{GPU}', '\\{{GPU}\\}'],
  ])('%s → %s', (input, expected) => {
    expect(title(input)).toBe(expected);
  });

  it('never starts a protection group with a backslash (BibTeX would take it for an accent)', () => {
    expect(title('$GPU')).toBe('{{\\$GPU}}');
    expect(title('ÉCOLE', true)).toBe("{{\\'E}COLE}");
    expect(title('\\LaTeX')).toBe('{{\\textbackslash}LaTeX}');
  });

  it('protects proper nouns in sentence-cased titles, not the first word or a subtitle start', () => {
    expect(title('Gravitational waves in the post-Newtonian regime: Lessons for LIGO and Virgo')).toBe(
      'Gravitational waves in the post-{Newtonian} regime: Lessons for {LIGO} and {Virgo}',
    );
    expect(title('Language models are few-shot learners in Zürich')).toBe('Language models are few-shot learners in {Zürich}');
  });

  it('leaves Title Case words to the style', () => {
    expect(title('On the Geometry of the Ricci Flow')).toBe('On the Geometry of the Ricci Flow');
  });

  it('tells sentence case from Title Case', () => {
    expect(looksSentenceCased('Language models are few-shot learners')).toBe(true);
    expect(looksSentenceCased('Attention Is All You Need')).toBe(false);
    expect(looksSentenceCased('BERT: Pre-training of deep bidirectional transformers')).toBe(true);
    expect(looksSentenceCased('GPT-4 Technical Report')).toBe(false);
    expect(looksSentenceCased('BERT')).toBe(false);
  });

  it('reports ranges and a yes/no', () => {
    expect(caseProtectedRanges('Llama-2-7B')).toEqual([[6, 10]]);
    expect(caseProtectedRanges('-NN')).toEqual([[1, 3]]);
    expect(needsCaseProtection('Vision-Language')).toBe(false);
    expect(needsCaseProtection('X-ray')).toBe(true);
  });

  it('does not protect outside titles', () => {
    expect(escapeLatex('BERT and GPT-4')).toBe('BERT and GPT-4');
  });
});

describe('escapeLatex: Unicode', () => {
  it('keeps letters of every script in UTF-8 mode', () => {
    expect(escapeLatex('Zoë Søren Łukasz Müller ąę ễ 李飞飞 Иван')).toBe('Zoë Søren Łukasz Müller ąę ễ 李飞飞 Иван');
  });

  it.each([
    ['é', "{\\'e}"],
    ['ü', '{\\"u}'],
    ['ñ', '{\\~n}'],
    ['ç', '{\\c{c}}'],
    ['Ç', '{\\c{C}}'],
    ['ø', '{\\o}'],
    ['Ø', '{\\O}'],
    ['ß', '{\\ss}'],
    ['ł', '{\\l}'],
    ['Ł', '{\\L}'],
    ['å', '{\\aa}'],
    ['æ', '{\\ae}'],
    ['œ', '{\\oe}'],
    ['í', "{\\'\\i}"],
    ['ï', '{\\"\\i}'],
    ['ś', "{\\'s}"],
    ['ř', '{\\v{r}}'],
    ['ő', '{\\H{o}}'],
    ['ğ', '{\\u{g}}'],
    ['ą', '{\\k{a}}'],
    ['ș', '{\\textcommabelow{s}}'],
    ['İ', '{\\.I}'],
    ['ǿ', "{\\'\\o}"],
    ['ễ', '{\\~{\\^e}}'],
    ['đ', '{\\dj}'],
    ['þ', '{\\th}'],
    ['«x»', '{\\guillemetleft}x{\\guillemetright}'],
    ['“x” ‘y’', "``x'' `y'"],
    ['a–b—c…', 'a--b---c{\\ldots}'],
    ['©®™', '{\\textcopyright}{\\textregistered}{\\texttrademark}'],
    ['ﬁne', 'fine'],
    ['ＡＢ', 'AB'],
  ])('ASCII mode: %s → %s', (input, expected) => {
    expect(escapeLatex(input, { ascii: true })).toBe(expected);
  });

  it('writes decomposed input like composed input', () => {
    expect(escapeLatex('Zoe\u0308', { ascii: true })).toBe('Zo{\\"e}');
    expect(escapeLatex('Zoe\u0308')).toBe('Zoë');
  });

  it('writes Greek and mathematical symbols as math in both modes', () => {
    for (const ascii of [false, true]) {
      expect(escapeLatex('α ≤ β × ∞ Γ', { ascii })).toBe('{$\\alpha$} {$\\leq$} {$\\beta$} {$\\times$} {$\\infty$} {$\\Gamma$}');
    }
  });

  it('in ASCII mode writes the fallback for characters without a LaTeX form and reports them', () => {
    const report: Substitution[] = [];
    expect(escapeLatex('李飞飞 Nguyễn ơ', { ascii: true, report })).toBe('??? Nguy{\\~{\\^e}}n o');
    expect(report).toEqual([
      { char: '李', replacement: '?', kind: 'unmapped' },
      { char: '飞', replacement: '?', kind: 'unmapped' },
      { char: '飞', replacement: '?', kind: 'unmapped' },
      { char: 'ơ', replacement: 'o', kind: 'approximated' },
    ]);
  });

  it('produces pure ASCII in ASCII mode', () => {
    const text = 'Zoë 李 Ø ễ ơ 😀 “q” — α ∉ ℝ ½ ° µ € ¡ ¿ Ⅻ ǅ';
    expect(escapeLatex('Ⅻ ǅ ²', { ascii: true })).toBe('XII D{\\v{z}} {\\textsuperscript{2}}');
    expect(escapeLatex(text, { ascii: true, protectCase: true, math: true })).toMatch(/^[\x20-\x7E]*$/);
  });

  it('drops emoji and private-use characters in both modes and reports them', () => {
    for (const ascii of [false, true]) {
      const report: Substitution[] = [];
      expect(escapeLatex('🤗 Transformers 👍🏽 \uE000x 1\uFE0F\u20E3 🇫🇷', { ascii, report })).toBe('Transformers x 1');
      expect(report.map((entry) => entry.kind)).toEqual(['dropped', 'dropped', 'dropped', 'dropped', 'dropped', 'dropped']);
    }
  });
});

describe('cleanText', () => {
  it('strips control characters and bidi overrides, silently', () => {
    const report: Substitution[] = [];
    expect(escapeLatex('safe\u202E txt\u0007 \u2066x\u2069 \u200Fy\u200B\uFEFF', { report })).toBe('safe txt x y');
    expect(report).toEqual([]);
  });

  it('turns every kind of whitespace into one space', () => {
    expect(cleanText('  a\n\tb\u00A0\u2003c\r\n ')).toBe('a b c');
  });

  it('normalises to NFC', () => {
    expect(cleanText('e\u0301')).toBe('é');
  });
});
