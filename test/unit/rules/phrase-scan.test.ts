/**
 * phraseTest (lib/rules/phrase-scan.ts) answers exactly what the linear-time engine answers for
 * literalSource's expression of the same words, on folded real titles and abstracts and on text
 * built around boundaries: surrogate pairs, unspaced scripts, gaps of every kind, the field separator.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { phraseTest } from '../../../lib/rules/phrase-scan';
import { parseLiteralPattern } from '../../../lib/rules/literal-pattern';
import { FIELD_SEPARATOR, literalSource } from '../../../lib/rules/literal-source';
import { compileOwnRegex } from '../../../lib/rules/regex-engine';
import { foldText } from '../../../lib/text/fold';
import { DATA_FILE, DATA_PRESENT } from '../../../scripts/ranking-protocol';

const PATTERNS: Array<['word' | 'phrase', string]> = [
  ['word', 'diffusion'],
  ['word', 'diffus*'],
  ['word', 'model'],
  ['word', 'a'],
  ['word', 'learning'],
  ['word', 'x'],
  ['word', 'naïve'],
  ['word', '𐌰bc'],
  ['phrase', 'large language model'],
  ['phrase', 'language model*'],
  ['phrase', 'state of the art'],
  ['phrase', 'self-supervised learning'],
  ['phrase', 'in the'],
  ['phrase', 'a b'],
];

const HOSTILE = [
  'diffusion',
  'xdiffusion diffusionx _diffusion diffusion_ 1diffusion',
  'diffusions diffusive',
  `title${FIELD_SEPARATOR}diffusion`,
  'large\u00a0language\u2003model',
  'large - language--model',
  'large\tlanguage\nmodel',
  'large  language  modelling',
  'large language-model_',
  '漢large language model漢',
  '𐌰large language model',
  'large language model𐌰',
  '𐌰bc 𐌰bcd x𐌰bc',
  'naïve naive',
  'a'.repeat(5000) + ' a',
  'in the' + ' the'.repeat(2000),
  'state-of-the-art',
  'self supervised learning',
  'selfsupervised learning',
  `large${FIELD_SEPARATOR}language model`,
];

function realTexts(): string[] {
  if (!DATA_PRESENT) return [];
  const lines = gunzipSync(readFileSync(DATA_FILE)).toString('utf8').split('\n').filter(Boolean).slice(0, 1000);
  return lines.map((line) => {
    const paper = JSON.parse(line) as { title: string; abstract: string };
    return `${paper.title}${FIELD_SEPARATOR}${paper.abstract}`;
  });
}

describe('phraseTest', () => {
  const texts = [...HOSTILE, ...realTexts()].map(foldText);

  it.each(PATTERNS)('%s "%s" answers as the engine does', (match, pattern) => {
    const parsed = parseLiteralPattern('text', match, pattern);
    if (!parsed.ok || parsed.pattern.kind !== 'words') throw new Error(`not a words pattern: ${pattern}`);
    const fast = phraseTest(parsed.pattern.words, parsed.pattern.prefix);
    expect(fast, 'a pattern of plain words gets the fast test').toBeDefined();
    const engine = compileOwnRegex(literalSource('text', parsed.pattern));
    const differing = texts.filter((text) => fast!.test(text) !== engine.test(text));
    expect(differing.map((text) => text.slice(0, 80))).toEqual([]);
  });

  it('leaves words that are not plain (C++, 3.5) to the engine', () => {
    expect(phraseTest(['c++'], false)).toBeUndefined();
    expect(phraseTest(['gpt', '3.5'], false)).toBeUndefined();
  });

  it('runs on real text here (../shared/data), as CI requires', () => {
    if (process.env.CI) expect(DATA_PRESENT, `${DATA_FILE} is missing`).toBe(true);
    if (!DATA_PRESENT) console.warn(`\n!!! ${DATA_FILE} is missing: phraseTest is checked on the hostile strings only !!!\n`);
    expect(texts.length).toBeGreaterThanOrEqual(HOSTILE.length);
  });
});
