// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLatex } from '../../../lib/bibtex/latex-escape';
import { isAllowedMath } from '../../../lib/bibtex/tex-math';

const title = (text: string, ascii = false) => escapeLatex(text, { protectCase: true, math: true, ascii });

describe('isAllowedMath: the allow-list', () => {
  it.each([
    'O(n^2)',
    '\\mathcal{O}(n \\log n)',
    '\\alpha',
    '\\Gamma',
    'x_{i}^{2}',
    'x_i^2',
    '\\mathbb{R}^d',
    '\\frac{1}{2}',
    '\\sqrt[3]{x}',
    '10^{-3}',
    '\\{a, b\\}',
    'k \\leq n',
    'f: X \\to Y',
    "f'(x)",
    '\\left( \\frac{a}{b} \\right)',
    '\\mathrm{softmax}(QK^T / \\sqrt{d})',
    '50\\%',
    '\\|x\\|_2',
    '\\ell_1',
    '2^{\\aleph_0}',
  ])('keeps %s', (math) => {
    expect(isAllowedMath(math)).toBe(true);
  });

  it.each([
    // The strings and their variations.
    ['\\^^69nput{/some/absolute/file}', 'a command in ^^ notation'],
    ['\\InputIfFileExists{/some/absolute/file}{}{}', 'a file command not on any block-list'],
    ['\\imm^^65diate\\openo^^75t15=pwned', 'letters in ^^ notation'],
    ['^^5cinput{/f}', 'the backslash in ^^ notation'],
    ['\\^^5cinput{/f}', 'the accent \\^ and ^^'],
    ['x^^69', 'a ^^ in a superscript'],
    ['x^ ^69', '^ whose argument is ^'],
    ['x_^2', '_ whose argument is ^'],
    ['x^', 'a ^ without argument'],
    ['{x^}', 'a ^ without argument before the group ends'],
    ['\\string\\input', '\\string'],
    ['\\expandafter\\x', '\\expandafter'],
    ['\\csname input\\endcsname', '\\csname'],
    ['\\def\\x{1}', '\\def'],
    ['\\let\\x\\input', '\\let'],
    ['\\catcode92=12', '\\catcode'],
    ['\\input{/f}', '\\input'],
    ['\\INPUT{/f}', 'upper case'],
    ['\\Input{/f}', 'mixed case'],
    ['\\Alpha', 'a case the list does not have'],
    ['\\alphainput', 'a listed name with letters after it'],
    ['\\inp%\nut', 'a comment'],
    ['\\directlua{os.exit()}', '\\directlua'],
    ['\\openin1=/f', '\\openin'],
    ['\\write18{ls}', '\\write'],
    ['\\pdfobj file {/f}', 'a pdfTeX primitive'],
    ['\\\\input', 'a double backslash'],
    ['\\^x', 'the control symbol \\^'],
    ['\\~x', 'the control symbol \\~'],
    ['x\\', 'a backslash at the end'],
    ['a & b', '&'],
    ['#1', '#'],
    ['a~b', '~'],
    ['"a"', '"'],
    ['@x', '@'],
    ['`x', 'a backtick'],
    ['α', 'a character outside ASCII'],
    ['{x', 'an unpaired brace'],
    ['x}', 'an unpaired closing brace'],
    ['{\\}}', 'braces paired for LaTeX but not for BibTeX'],
    ['\\{x', 'an escaped brace BibTeX cannot pair'],
    ['', 'nothing'],
  ])('escapes %s (%s)', (math) => {
    expect(isAllowedMath(math)).toBe(false);
  });

  it('reads only the range it is given', () => {
    expect(isAllowedMath('$\\alpha$', 1, 7)).toBe(true);
    expect(isAllowedMath('$\\alpha$', 1, 4)).toBe(false); // `\al` is not a command on the list
  });
});

describe('escapeLatex: hostile math becomes visible text', () => {
  it('escapes the issue\'s titles so that they read as typed', () => {
    expect(title('Kernel Tricks $\\^^69nput{/some/absolute/file}$ for Sparse Attention')).toBe(
      'Kernel Tricks \\${\\textbackslash}{\\textasciicircum}{\\textasciicircum}69nput\\{/some/absolute/file\\}\\$ for Sparse Attention',
    );
    expect(title('Robust $\\InputIfFileExists{/some/absolute/file}{}{}$ Estimation')).toBe(
      // The capitals of InputIfFileExists are braced against case changes, up to the `/`.
      'Robust {{\\${\\textbackslash}InputIfFileExists\\{}}/some/absolute/file\\}\\{\\}\\{\\}\\$ Estimation',
    );
    expect(title('Streaming $\\imm^^65diate\\openo^^75t15=pwned$ Decoding')).toBe(
      'Streaming \\${\\textbackslash}imm{\\textasciicircum}{\\textasciicircum}65diate{\\textbackslash}openo{\\textasciicircum}{\\textasciicircum}75t15=pwned\\$ Decoding',
    );
  });

  it('still keeps the math around it', () => {
    expect(title('$O(n^2)$ Sorting with $\\csname x\\endcsname$')).toBe('{$O(n^2)$} Sorting with \\${\\textbackslash}csname x{\\textbackslash}endcsname\\$');
  });

  /** Commands escapeLatex writes itself outside math (escapes, accents, symbols). */
  const OWN_COMMAND = /^\\(?:text[a-z]+|[a-zA-Z]{1,2}|ldots|pounds|dag|ddag|quotesinglbase|quotedblbase|guil[a-z]+|mathrm)$/;

  it('writes no command of the input outside kept math, and keeps only allowed math (any input)', () => {
    const pieces = fc.constantFrom(
      '$', '\\', '^', '^^', '_', '{', '}', '%', '\n', ' ', '#', '&', '~', 'input', 'Input', 'csname', 'endcsname', 'def',
      'string', 'expandafter', 'immediate', 'write', '69', '5c', 'alpha', 'x', '2', 'α', '＼', '＾',
      // Whole openings, so that short arrays reach kept math often.
      '$\\string', '$\\expandafter', '$\\InputIfFileExists', '$\\csname ', '$\\^^', '$x^^', '$\\alpha', '$x^',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.boolean(), (parts, ascii) => {
        const out = title(parts.join(''), ascii);
        // Kept math is `{$…$}`; every such span passes the allow-list.
        const outside = out.replace(/\{\$([^$]*)\$\}/g, (_match, math: string) => {
          expect(isAllowedMath(math)).toBe(true);
          return ' ';
        });
        expect(outside).not.toContain('^');
        for (const [command] of outside.matchAll(/\\[A-Za-z]+/g)) expect(command).toMatch(OWN_COMMAND);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out the only characters above ASCII that LuaLaTeX reads specially (U+00AD active, U+FEFF ignored)', () => {
    // Found by asking lualatex for the category code of every code point above U+007F: all the
    // others are letters or "other" characters, printed as they are.
    expect(title('a\u00ADb\uFEFFc')).toBe('abc');
  });

  it('finds the math after many opening dollars whose span is refused', () => {
    expect(title(`${'$\\ '.repeat(600)}$x$`)).toMatch(/ \{\$x\$\}$/);
  });

  it('allows the math it writes itself for Greek letters and mathematical symbols', () => {
    const ranges: Array<[number, number]> = [[0x370, 0x3ff], [0x2070, 0x209f], [0x2100, 0x22ff], [0x2308, 0x230b], [0x27e8, 0x27e9], [0xa0, 0xff]];
    let spans = 0;
    for (const [from, to] of ranges) {
      for (let code = from; code <= to; code++) {
        for (const [, math] of escapeLatex(String.fromCodePoint(code)).matchAll(/\{\$([^$]*)\$\}/g)) {
          expect(isAllowedMath(math!), `U+${code.toString(16)}: ${math}`).toBe(true);
          spans++;
        }
      }
    }
    expect(spans).toBeGreaterThan(100);
  });
});
