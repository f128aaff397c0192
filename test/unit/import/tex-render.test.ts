// @vitest-environment node
import { parse } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isManagerKeyword } from '../../../lib/import/manager-keywords';
import { PARSER_OPTIONS, plainText, renderSimpleName, renderSimpleTex, splitNames } from '../../../lib/import/tex-render';

/** What Better BibTeX's parser makes of one title and one author list. */
function byParser(title: string, author = 'X'): { title: string; names: string[] } {
  const entry = parse(`@misc{k, title = {${title}}, author = {${author}}}`, PARSER_OPTIONS).entries[0]!;
  const creators = (entry.fields['author'] ?? []) as Array<{ name?: string; firstName?: string; prefix?: string; lastName?: string; suffix?: string }>;
  return {
    title: plainText(entry.fields['title'] as string),
    names: creators.map((c) => plainText(c.name ?? [c.firstName, c.prefix, c.lastName, c.suffix].filter(Boolean).join(' '))),
  };
}

/**
 * The short reader renders only what it knows, and where it renders it must agree with the parser
 * it stands in for: otherwise a file would read differently depending on which reader took it.
 */
describe('the short TeX reader agrees with the parser', () => {
  const KNOWN = [
    'A {BERT} Study',
    'x \\& y \\% z \\_ \\# \\{ \\} \\$',
    '{\\"o} \\"o \\"{o} \\\'e {\\ss} {\\o}rsted \\l \\L \\aa \\AE \\i \\\'\\i \\c{c} \\v{s} \\H{o} \\k{a} \\r{a} \\u{a} \\=a \\.z \\~n \\^e \\`e',
    "Don't a-b \"q\" a & b a_b x^2",
    'Sch{\\"o}dinger~Bridges',
    '{\\v{S}}ediv{\\\'y} Transport',
  ];

  it.each(KNOWN)('%s', (tex) => {
    const short = renderSimpleTex(tex);
    expect(short).toBeDefined();
    expect(plainText(short)).toBe(byParser(tex).title);
  });

  it('leaves what it does not know to the parser', () => {
    for (const tex of ['$x^2$', 'a -- b', "``quoted''", '50% done', '\\textbf{bold}', '\\url{x}', 'trailing \\']) expect(renderSimpleTex(tex)).toBeUndefined();
  });

  it('on random text from the characters it knows', () => {
    const piece = fc.constantFrom('a', 'B', ' ', '{', '}', '\\"o', "\\'e", '{\\ss}', '\\&', '\\_', '~', '-', "'", '.', ',', '\\v{s}', '\\o{}', 'é');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const tex = pieces.join('');
        fc.pre(isBalancedText(tex));
        const short = renderSimpleTex(tex);
        if (short === undefined) return;
        expect(plainText(short)).toBe(byParser(tex).title);
      }),
      { numRuns: 300 },
    );
  });

  it('names: `Last, First`, `von Last, Jr, First`, organisations, accents', () => {
    const authors = 'M{\\"u}ller, J{\\"o}rg and van der Berg, Jan and {Google DeepMind} and Smith, Jr., John and Ludwig Von Mises and Brown, Tom B. and others';
    const short = splitNames(authors).map((name) => plainText(renderSimpleName(name)));
    expect(short).toEqual(byParser('T', authors).names);
  });
});

describe('reference-manager keywords', () => {
  it.each([
    ['/unread', true],
    ['#nosource', true],
    ['⛔ No DOI found', true],
    ['Computer Science - Machine Learning', true],
    ['High Energy Physics - Theory', true],
    ['Quantum Physics', true],
    ['transformers', false],
    ['C++ & Rust', false],
    ['physics', false],
    ['to-read', false],
  ])('%s → %s', (tag, manager) => {
    expect(isManagerKeyword(tag)).toBe(manager);
  });
});

function isBalancedText(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth < 0) return false;
  }
  return depth === 0 && !text.endsWith('\\');
}
