// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules, type Rule, type RuleSubject } from '../../../lib/rules';
import { makeRule } from './make-rule';

/** Whether a single rule matches the subject (a bare string is a title). */
function matches(rule: Partial<Rule> & Pick<Rule, 'pattern'>, subject: RuleSubject | string): boolean {
  const compiled = compileRules([makeRule(rule)]);
  expect(compiled.size).toBe(1);
  return compiled.match(typeof subject === 'string' ? { title: subject } : subject) !== undefined;
}

describe('word rules', () => {
  it('match whole words only', () => {
    expect(matches({ pattern: 'diffusion' }, 'Latent diffusion for video')).toBe(true);
    expect(matches({ pattern: 'diffusion' }, 'Diffusions and diffusive flows')).toBe(false);
    expect(matches({ pattern: 'LLM' }, 'Agents for LLMs')).toBe(false);
    expect(matches({ pattern: 'LLM' }, 'An LLM')).toBe(true);
    expect(matches({ pattern: 'RL' }, 'Curl and URL')).toBe(false);
  });

  it('treat hyphens and punctuation as boundaries', () => {
    expect(matches({ pattern: 'LLM' }, 'LLM-based agents')).toBe(true);
    expect(matches({ pattern: 'LLM' }, 'Agents (LLM), tools')).toBe(true);
    expect(matches({ pattern: 'LLM' }, 'what is an "LLM"?')).toBe(true);
    expect(matches({ pattern: 'based' }, 'LLM-based agents')).toBe(true);
  });

  it('treat digits and underscores as part of a word', () => {
    expect(matches({ pattern: 'GPT' }, 'GPT4 results')).toBe(false);
    expect(matches({ pattern: 'GPT' }, 'GPT-4 results')).toBe(true);
    expect(matches({ pattern: 'snake' }, 'snake_case names')).toBe(false);
  });

  it('read a trailing * as "starts with"', () => {
    expect(matches({ pattern: 'diffus*' }, 'A diffusive process')).toBe(true);
    expect(matches({ pattern: 'diffus*' }, 'Diffusion')).toBe(true);
    expect(matches({ pattern: 'diffus*' }, 'diffus')).toBe(true);
    expect(matches({ pattern: 'LLM*' }, 'Agents for LLMs')).toBe(true);
    // The start of the word still needs a boundary.
    expect(matches({ pattern: 'diffus*' }, 'Confusion and undiffused light')).toBe(false);
  });

  it('ignore case and accents on both sides', () => {
    expect(matches({ pattern: 'schrodinger' }, 'The Schrödinger bridge')).toBe(true);
    expect(matches({ pattern: 'Schrödinger' }, 'THE SCHRODINGER BRIDGE')).toBe(true);
    expect(matches({ pattern: 'ecole' }, "L'ÉCOLE normale")).toBe(true);
    expect(matches({ pattern: 'naïve' }, 'Naive Bayes')).toBe(true);
  });

  it('match words of other scripts', () => {
    expect(matches({ pattern: 'λόγος' }, 'Ο ΛΌΓΟΣ της μηχανής')).toBe(true);
    expect(matches({ pattern: 'λόγος' }, 'λόγοι και λόγια')).toBe(false);
    expect(matches({ pattern: 'нейронные' }, 'Нейронные сети')).toBe(true);
    expect(matches({ pattern: 'нейрон' }, 'Нейронные сети')).toBe(false);
  });

  it('match Chinese and Japanese anywhere, as those scripts put no spaces between words', () => {
    expect(matches({ pattern: '扩散' }, '基于扩散模型的图像生成')).toBe(true);
    expect(matches({ pattern: '扩散' }, '基于模型的图像生成')).toBe(false);
    expect(matches({ pattern: 'LLM' }, '基于LLM的方法')).toBe(true);
    expect(matches({ pattern: 'LLM' }, '基于LLMs的方法')).toBe(false);
    expect(matches({ pattern: 'トランスフォーマー' }, '大規模トランスフォーマーの学習')).toBe(true);
  });

  it('look at the title and the abstract', () => {
    expect(matches({ pattern: 'lora' }, { title: 'Adapters', abstract: 'We compare LoRA and prefix tuning.' })).toBe(true);
    expect(matches({ pattern: 'lora' }, { title: 'Adapters', abstract: 'We compare prefix tuning.' })).toBe(false);
    expect(matches({ pattern: 'lora' }, { title: 'Adapters', authors: ['Lora Smith'], categories: ['cs.CL'] })).toBe(false);
  });
});

describe('word rules: escaping', () => {
  it('match C++ literally, with a boundary before the C only', () => {
    expect(matches({ pattern: 'C++' }, 'Verified C++ compilers')).toBe(true);
    expect(matches({ pattern: 'C++' }, 'Fast C++17 parsing')).toBe(true);
    expect(matches({ pattern: 'C++' }, 'Objective-C and C programs')).toBe(false);
    expect(matches({ pattern: 'C++' }, 'ABC++ operator')).toBe(false);
  });

  it('match patterns full of regex syntax literally', () => {
    expect(matches({ pattern: '(a)' }, 'Case (a) holds')).toBe(true);
    expect(matches({ pattern: '(a)' }, 'Case a holds')).toBe(false);
    expect(matches({ pattern: 'a.b' }, 'a.b')).toBe(true);
    expect(matches({ pattern: 'a.b' }, 'axb')).toBe(false);
    expect(matches({ pattern: '[x]|y' }, 'see [x]|y here')).toBe(true);
    expect(matches({ pattern: '[x]|y' }, 'y')).toBe(false);
    expect(matches({ pattern: '$1.{2}\\' }, 'cost $1.{2}\\ total')).toBe(true);
    expect(matches({ pattern: 'C#' }, 'C# and F#')).toBe(true);
  });

  it('keep other rules working when combined with them', () => {
    const compiled = compileRules([
      makeRule({ pattern: 'C++', action: 'dim' }),
      makeRule({ pattern: '(a)', action: 'dim' }),
      makeRule({ pattern: 'a|b*', action: 'dim' }),
      makeRule({ pattern: 'vision', action: 'hide' }),
    ]);
    expect(compiled.size).toBe(4);
    expect(compiled.matchAll({ title: 'Vision in C++' }).map((rule) => rule.pattern)).toEqual(['C++', 'vision']);
    expect(compiled.matchAll({ title: 'a or b' })).toEqual([]);
    expect(compiled.matchAll({ title: 'a|bc' }).map((rule) => rule.pattern)).toEqual(['a|b*']);
  });

  // A hundred generated words, each compiled twice: give it room on a busy machine.
  it('find any word, whatever its characters, between spaces', { timeout: 30_000 }, () => {
    const unit = fc.constantFrom(...'aZ9_é-.+*?()[]{}|^$\\/#ø扩'.split(''));
    const word = fc.string({ unit, minLength: 1, maxLength: 8 }).filter((text) => /[\p{L}\p{N}]/u.test(text) && !text.includes('*'));
    fc.assert(
      fc.property(word, (pattern) => {
        expect(matches({ pattern }, `before ${pattern} after`)).toBe(true);
        expect(matches({ pattern }, 'before after')).toBe(false);
      }),
    );
  });
});

describe('phrase rules', () => {
  const phrase = (pattern: string, title: string) => matches({ match: 'phrase', pattern }, title);

  it('match the words in sequence across spaces and hyphens', () => {
    expect(phrase('large language model', 'A large language model for code')).toBe(true);
    expect(phrase('large language model', 'A large-language  model')).toBe(true);
    expect(phrase('large language model', 'Large\nLanguage - Model')).toBe(true);
    expect(phrase('self-supervised learning', 'Self supervised learning')).toBe(true);
    expect(phrase('self supervised learning', 'Self\u2010supervised learning')).toBe(true);
  });

  it('need the order and adjacency of the words', () => {
    expect(phrase('large language model', 'A language model, large')).toBe(false);
    expect(phrase('large language model', 'A large, language model')).toBe(false);
    expect(phrase('large language model', 'A large vision language model')).toBe(false);
  });

  it('match whole words at both ends, unless the phrase ends with *', () => {
    expect(phrase('large language model', 'Large language models')).toBe(false);
    expect(phrase('large language model*', 'Large language models')).toBe(true);
    expect(phrase('large language model', 'Enlarge language model')).toBe(false);
  });

  it('never run from the title into the abstract', () => {
    expect(matches({ match: 'phrase', pattern: 'diffusion models' }, { title: 'Score-based diffusion', abstract: 'Models of noise.' })).toBe(false);
    expect(matches({ match: 'phrase', pattern: 'diffusion models' }, { title: 'On noise', abstract: 'Diffusion models.' })).toBe(true);
  });
});

describe('regex rules', () => {
  const regex = (pattern: string, subject: RuleSubject | string) => matches({ match: 'regex', pattern }, subject);

  it('run case-insensitively, in Unicode mode, on the original text', () => {
    expect(regex('\\bLoRA\\b', 'Efficient lora adapters')).toBe(true);
    expect(regex('\\bLoRA\\b', 'Efficient LoRAs')).toBe(false);
    expect(regex('\\p{Script=Greek}{3}', 'The αβγ model')).toBe(true);
    // No folding: an accent in the pattern needs the accent in the text.
    expect(regex('schrödinger', 'Schrodinger')).toBe(false);
    expect(regex('schrödinger', 'SCHRÖDINGER')).toBe(true);
  });

  it('anchor ^ and $ to the title and the abstract separately', () => {
    const subject = { title: 'Scaling laws', abstract: 'We study transformers. Survey' };
    expect(regex('^we study', subject)).toBe(true);
    expect(regex('^scaling', subject)).toBe(true);
    expect(regex('laws$', subject)).toBe(true);
    expect(regex('survey$', subject)).toBe(true);
    expect(regex('^transformers', subject)).toBe(false);
    expect(regex('laws\\s+we', subject)).toBe(false);
  });

  it('read \\s as JavaScript does: any Unicode space, not only ASCII ones', () => {
    expect(regex('low\\srank', 'A low\u00a0rank update')).toBe(true);
    expect(regex('low[\\s-]rank', 'A low\u2009rank update')).toBe(true);
    expect(regex('low\\Srank', 'A low\u00a0rank update')).toBe(false);
  });

  it('read . as JavaScript does: any character but a line break, an astral one counting once', () => {
    expect(regex('^a.b$', 'a𝛼b')).toBe(true);
    expect(regex('a.b', 'a\u2028b')).toBe(false);
    expect(regex('a[^]b', 'a\nb')).toBe(true);
  });

  it('give the same answer on every card (no lastIndex left behind)', () => {
    const compiled = compileRules([makeRule({ match: 'regex', pattern: 'graph' })]);
    for (let index = 0; index < 3; index++) expect(compiled.match({ title: 'graph graph' })?.rule.pattern).toBe('graph');
  });
});
