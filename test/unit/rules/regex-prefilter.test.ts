/**
 * The regex rules' prefilter (lib/rules/regex-prefilter.ts): the words it requires, and that it
 * never changes a verdict: every pattern below gives the same answer with and without it, on real
 * titles and abstracts and on text built to trip case folding.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compileRegexRule } from '../../../lib/rules/validate';
import { requiredText, requiredWords, withPrefilter } from '../../../lib/rules/regex-prefilter';
import { DATA_FILE, DATA_PRESENT } from '../../../scripts/ranking-protocol';

describe('requiredWords', () => {
  it.each([
    [String.raw`\bDFT\b`, ['dft']],
    [String.raw`2D|two-dimensional`, ['2d', 'two-dimensional']],
    [String.raw`^A `, ['a ']],
    [String.raw`neural (network|operator)s?`, ['neural ']],
    [String.raw`graph(s)? neural`, [' neural']],
    [String.raw`colou?r`, ['colo']],
    [String.raw`lo+ng word`, ['ng word']],
    [String.raw`a{0,3}bcd`, ['bcd']],
    [String.raw`ab{2}cd`, ['ab']],
    [String.raw`x\.y\-z`, ['x.y-z']],
    [String.raw`[abc]def|ghi[jk]`, ['def', 'ghi']],
    [String.raw`Über alles`, ['ber alles']],
    [String.raw`é+tude`, ['tude']],
    [String.raw`[a-z]+ing`, ['ing']],
    [String.raw`dif+usion`, ['usion']],
    [String.raw`zero.?shot`, ['zero']],
    [String.raw`a\u{62}cd`, ['cd']],
  ])('%s needs one of %j', (source, words) => {
    expect(requiredWords(source)).toEqual(words);
  });

  it.each([String.raw`\d+\s*K\b`, String.raw`foo|\w+`, String.raw`(foo|bar)`, String.raw`x?y?`, String.raw`[a-z]+|q`])('%s gets no prefilter', (source) => {
    expect(requiredWords(source)).toBeUndefined();
  });
});

describe('requiredText', () => {
  it.each([
    [String.raw`\d+\s*K\b`, { words: ['k'], digit: true }],
    [String.raw`\d+`, { digit: true }],
    [String.raw`v\d`, { words: ['v'], digit: true }],
    [String.raw`\d{2,}x|\d y`, { words: ['x', ' y'], digit: true }],
    [String.raw`\bDFT\b`, { words: ['dft'], digit: false }],
    [String.raw`^A `, { words: ['a '], digit: false, atStart: true }],
    [String.raw`^The|^An? `, { words: ['the', 'a'], digit: false, atStart: true }],
    [String.raw`^\d+ K`, { words: [' k'], digit: true }],
  ])('%s needs %j', (source, needed) => {
    expect(requiredText(source)).toEqual(needed);
  });

  it.each([String.raw`\d?K`, String.raw`(\d)+K`, String.raw`[\d]+K`, String.raw`\d+|kelvin`, String.raw`\D+K`, String.raw`x?`, String.raw`^A|B`])('%s needs no digit and no word', (source) => {
    expect(requiredText(source)).toBeUndefined();
  });
});

/** Patterns with and without words, quantifiers, groups, classes, anchors and escapes. */
const PATTERNS = [
  String.raw`\bDFT\b`,
  String.raw`2D|two-dimensional`,
  String.raw`^A `,
  String.raw`neural (network|operator)s?`,
  String.raw`large language models?`,
  String.raw`colou?r`,
  String.raw`diff?usion`,
  String.raw`self-supervis(ed|ion)`,
  String.raw`\bGAN(s)?\b`,
  String.raw`(?:vision|image) transformer`,
  String.raw`we (propose|present)`,
  String.raw`state[- ]of[- ]the[- ]art`,
  String.raw`quantum.{0,20}error`,
  String.raw`\$\w+\$`,
  String.raw`[Ss]urvey$`,
  String.raw`graph(s)? neural`,
  String.raw`ks`,
  String.raw`mask`,
  String.raw`sk{2,}`,
  String.raw`KELVIN`,
  String.raw`\d+\s*K\b`,
  String.raw`\d+`,
  String.raw`v\d`,
  String.raw`\d{2,}x|\d y`,
  String.raw`[0-9]+\s*nm`,
  String.raw`^The|^An? `,
  String.raw`^(?:we|our) `,
  String.raw`^K`,
  String.raw`^mask`,
  String.raw`^a+b`,
];

const HOSTILE = ['The end', 'the', 'An apple', 'A b', ' A b', 'xA b', 'An', '\u212a', 'Kelvin', 'maſk', 'MASK', 'aaab', 'İ', '300 K', '300K', '300\u212a', '３００K', '300 k.', 'K 300', 'no digits K', 'v2', 'V2', '12x', '1 y', '1 Y', 'Maſk and Kelvin K: a ſurvey', 'MASK', 'maſk', 'SK SKK skk', 'İstanbul kelvin KELVIN', 'DFT-based', 'the 2D case', 'TWO-DIMENSIONAL', 'a ', 'A graph neural net', 'graphs neural'];

function realTexts(): string[] {
  if (!DATA_PRESENT) return [];
  const lines = gunzipSync(readFileSync(DATA_FILE)).toString('utf8').split('\n').filter(Boolean).slice(0, 1500);
  return lines.flatMap((line) => {
    const paper = JSON.parse(line) as { title: string; abstract: string; authors: string[] };
    return [paper.title, paper.abstract, ...paper.authors];
  });
}

describe('a prefiltered rule', () => {
  const texts = [...HOSTILE, ...realTexts()];

  it.each(PATTERNS)('%s matches exactly what the engine alone matches', (source) => {
    const compiled = compileRegexRule(source);
    if (!compiled.ok) throw new Error(compiled.reason);
    const needed = requiredText(source);
    const filtered = withPrefilter(compiled.regex, needed);
    const differing = texts.filter((text) => filtered.test(text) !== compiled.regex.test(text));
    expect(differing).toEqual([]);
  });

  it('runs on real text here (../shared/data), as CI requires', () => {
    if (process.env.CI) expect(DATA_PRESENT, `${DATA_FILE} is missing`).toBe(true);
    if (!DATA_PRESENT) console.warn(`\n!!! ${DATA_FILE} is missing: the prefilter is checked on the hostile strings only !!!\n`);
    expect(texts.length).toBeGreaterThan(HOSTILE.length - 1);
  });
});
