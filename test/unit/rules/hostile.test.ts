// @vitest-environment node
/**
 * Catastrophic patterns from the ReDoS literature (nested quantifiers, overlapping alternations,
 * back-references, huge repeats) against 10,000-character hostile titles. There is no timing
 * here: on a backtracking engine each of these inputs takes minutes to years (`(a+)+$` doubles its
 * work with every character), so a test that passes within vitest's timeout proves the rule ran
 * on a linear-time engine. The times are in scripts/bench-rules.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkRulePattern, compileRules, type Rule, type RuleSubject } from '../../../lib/rules';
import { makeRule } from './make-rule';

const LENGTH = 10_000;
/** The classic attack string: a long run the pattern almost matches, then one character that fails it. */
const RUN_THEN_BANG = `${'a'.repeat(LENGTH - 1)}!`;
const WORDS_THEN_BANG = `${'word '.repeat(LENGTH / 5 - 1)}word!`;

function matches(rule: Partial<Rule> & Pick<Rule, 'pattern'>, subject: RuleSubject): boolean {
  const compiled = compileRules([makeRule(rule)]);
  expect(compiled.size).toBe(1);
  return compiled.match(subject) !== undefined;
}

const regex = (pattern: string, title: string, abstract?: string) =>
  matches({ match: 'regex', pattern }, abstract === undefined ? { title } : { title, abstract });

describe('catastrophic regular expressions on 10,000-character titles', () => {
  it('nested quantifiers: (a+)+$ and (\\w+\\s?)+$', () => {
    expect(RUN_THEN_BANG).toHaveLength(LENGTH);
    expect(regex('(a+)+$', RUN_THEN_BANG)).toBe(false);
    expect(regex('(a+)+$', `${RUN_THEN_BANG.slice(0, -1)}a`)).toBe(true);
    expect(regex('(\\w+\\s?)+$', WORDS_THEN_BANG)).toBe(false);
    expect(regex('(\\w+\\s?)+$', RUN_THEN_BANG)).toBe(false);
    expect(regex('(\\w+\\s?)+$', `${WORDS_THEN_BANG.slice(0, -1)}s`)).toBe(true);
    expect(regex('^(([a-z])+.)+[A-Z]([a-z])+$', RUN_THEN_BANG)).toBe(false);
  });

  it('overlapping alternations: (a|a)+$, (a|aa)+$, (.|a)*!x', () => {
    expect(regex('(a|a)+$', RUN_THEN_BANG)).toBe(false);
    expect(regex('(a|aa)+$', RUN_THEN_BANG)).toBe(false);
    expect(regex('(a|aa)+!$', RUN_THEN_BANG)).toBe(true);
    expect(regex('(.|a)*!x', RUN_THEN_BANG)).toBe(false);
    expect(regex('(?:\\d|\\d\\d)+x', '1'.repeat(LENGTH))).toBe(false);
  });

  it('stacked repeats: (.*){50}z, and (.*){200}z refused as too large', () => {
    expect(regex('(.*){50}z', RUN_THEN_BANG)).toBe(false);
    expect(regex('(.*){50}z', `${RUN_THEN_BANG}z`)).toBe(true);
    expect(checkRulePattern('text', 'regex', '(.*){200}z')).toEqual({ ok: false, reason: expect.stringMatching(/too large to run on every paper.*repeat count/) });
  });

  it('the same patterns on an abstract, an author and a category', () => {
    expect(regex('(a+)+$', 'A short title', RUN_THEN_BANG)).toBe(false);
    expect(regex('(a+)+$', 'A short title', RUN_THEN_BANG.slice(0, -1))).toBe(true);
    expect(matches({ target: 'author', match: 'regex', pattern: '(a|aa)+$' }, { title: 't', authors: ['Jane Doe', RUN_THEN_BANG] })).toBe(false);
    expect(matches({ target: 'category', match: 'regex', pattern: '(\\w+\\s?)+$' }, { title: 't', categories: [WORDS_THEN_BANG] })).toBe(false);
  });

  it('many hostile rules together, on many hostile cards', () => {
    const rules = ['(a+)+$', '(a|aa)+$', '(\\w+\\s?)+$', '(a|a)+$', '(.*){50}z'].map((pattern) => makeRule({ match: 'regex', pattern }));
    const compiled = compileRules(rules);
    expect(compiled.size).toBe(rules.length);
    for (let card = 0; card < 20; card++) expect(compiled.matchAll({ title: RUN_THEN_BANG, abstract: WORDS_THEN_BANG })).toEqual([]);
  });
});

describe('word, phrase and author rules on 10,000-character hostile text', () => {
  it('a phrase over a long run of near-matches', () => {
    const title = 'large language '.repeat(LENGTH / 15);
    expect(matches({ match: 'phrase', pattern: 'large language model' }, { title })).toBe(false);
    expect(matches({ match: 'phrase', pattern: 'large language model' }, { title: `${title}model` })).toBe(true);
  });

  it('an author phrase over a name made of its first words (cubic on a backtracking engine)', () => {
    const name = 'a '.repeat(LENGTH / 2);
    expect(matches({ target: 'author', match: 'phrase', pattern: 'a a a b' }, { title: 't', authors: [name] })).toBe(false);
    expect(matches({ target: 'author', match: 'phrase', pattern: 'a a a b' }, { title: 't', authors: [`${name}b`] })).toBe(true);
  });

  it('a word over a title with no spaces at all', () => {
    expect(matches({ pattern: 'aa' }, { title: RUN_THEN_BANG })).toBe(false);
    expect(matches({ pattern: 'diffus*' }, { title: `${'diffus'.repeat(LENGTH / 6)} diffusion` })).toBe(true);
  });
});

describe('checkRulePattern refuses in words what the linear-time engine cannot run', () => {
  const refusal = (pattern: string) => {
    const check = checkRulePattern('text', 'regex', pattern);
    if (check.ok) throw new Error(`expected ${pattern} to be refused`);
    // Words, never the engine's own text.
    expect(check.reason).not.toMatch(/error parsing regexp|RE2|Exception/);
    return check.reason;
  };

  it('back-references', () => {
    expect(refusal('(a+)\\1')).toMatch(/^Papershelf can't use back-references like \\1 in a rule: /);
    expect(refusal('(?<twice>a)\\k<twice>')).toMatch(/^Papershelf can't use back-references like \\k<name> in a rule: /);
    expect(refusal('(\\w+)\\s\\1$')).toMatch(/back-references like \\1/);
  });

  it('lookahead and lookbehind', () => {
    expect(refusal('lora(?=\\s)')).toMatch(/^Papershelf can't use lookahead like \(\?=…\) in a rule/);
    expect(refusal('(?!x)a')).toMatch(/lookahead like \(\?!…\)/);
    expect(refusal('(?<=low-)rank')).toMatch(/^Papershelf can't use lookbehind like \(\?<=…\) in a rule/);
    expect(refusal('(?<!high-)rank')).toMatch(/lookbehind like \(\?<!…\)/);
  });

  it('repeat counts over 1000, or multiplying past 1000', () => {
    expect(refusal('a{1001}')).toMatch(/repeat counts up to 1000.*\{1001\}/);
    expect(refusal('((a{30}){30}){30}')).toMatch(/repeat counts up to 1000/);
    expect(refusal('(?:[\\s\\S]*a){300}')).toMatch(/too large to run on every paper of a page \(\d+ steps, at most 200\)/);
  });

  it('Unicode classes the engine does not know', () => {
    expect(refusal('\\p{Letter}+')).toMatch(/doesn't know the Unicode class \\p\{Letter\}/);
    expect(refusal('\\p{Script_Extensions=Greek}')).toMatch(/\\p\{Script=Greek\} works/);
    expect(refusal('[^\\S]')).toMatch(/\\S inside a negated class/);
  });

  it('stays quick on the patterns that hang a backtracking validator', () => {
    // The old validator ran the expression on a probe text with JavaScript's engine.
    expect(refusal('(.*){200}z')).toMatch(/too large/);
    expect(refusal('(a*)*')).toMatch(/empty text/);
    expect(checkRulePattern('text', 'regex', '(x+x+)+y')).toEqual({ ok: true });
    expect(checkRulePattern('text', 'regex', '(.*){50}z')).toEqual({ ok: true });
  });
});
