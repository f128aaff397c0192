// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeRule, ruleActionVerb } from '../../../lib/rules';

describe('describeRule', () => {
  it.each([
    [{ target: 'text', match: 'word', pattern: 'diffusion' }, '“diffusion”'],
    [{ target: 'text', match: 'word', pattern: 'diffus*' }, '“diffus*”'],
    [{ target: 'text', match: 'phrase', pattern: 'large language model' }, 'phrase “large language model”'],
    [{ target: 'text', match: 'regex', pattern: '\\bLoRA\\b' }, '/\\bLoRA\\b/'],
    [{ target: 'author', match: 'word', pattern: 'LeCun' }, 'author “LeCun”'],
    [{ target: 'author', match: 'phrase', pattern: 'Yann LeCun' }, 'author “Yann LeCun”'],
    [{ target: 'author', match: 'regex', pattern: '^yann' }, 'author /^yann/'],
    [{ target: 'category', match: 'word', pattern: 'cs.CV' }, 'category cs.CV'],
    [{ target: 'category', match: 'word', pattern: 'cs' }, 'archive cs'],
    [{ target: 'category', match: 'word', pattern: 'cond-mat' }, 'archive cond-mat'],
    [{ target: 'category', match: 'word', pattern: 'hep-th' }, 'category hep-th'],
    [{ target: 'category', match: 'regex', pattern: '^cs\\.' }, 'category /^cs\\./'],
  ] as const)('describes %j as %s', (rule, label) => {
    expect(describeRule(rule)).toBe(label);
  });

  it('shortens a long pattern without splitting a character', () => {
    const label = describeRule({ target: 'text', match: 'regex', pattern: '𝛼'.repeat(200) });
    expect(label).toBe(`/${'𝛼'.repeat(59)}…/`);
  });
});

describe('ruleActionVerb', () => {
  it('names each action', () => {
    expect(ruleActionVerb('hide')).toBe('Hide');
    expect(ruleActionVerb('dim')).toBe('Dim');
    expect(ruleActionVerb('highlight')).toBe('Highlight');
  });
});
