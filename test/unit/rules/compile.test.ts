// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { compileRules, countMatches, type RuleSubject } from '../../../lib/rules';
import { makeRule } from './make-rule';

const paper: RuleSubject = {
  title: 'Diffusion language models for vision',
  abstract: 'We scale LoRA adapters.',
  authors: ['Yann LeCun'],
  categories: ['cs.CV', 'cs.LG'],
};

describe('compileRules: precedence', () => {
  it('lets highlight beat hide and dim, whatever the list order', () => {
    const dim = makeRule({ pattern: 'vision', action: 'dim' });
    const hide = makeRule({ target: 'category', pattern: 'cs', action: 'hide' });
    const highlight = makeRule({ target: 'author', pattern: 'LeCun', action: 'highlight' });
    const verdict = compileRules([dim, hide, highlight]).match(paper);
    expect(verdict).toEqual({ action: 'highlight', rule: highlight });
  });

  it('lets hide beat dim', () => {
    const dim = makeRule({ pattern: 'diffusion', action: 'dim' });
    const hide = makeRule({ match: 'regex', pattern: 'lora', action: 'hide' });
    expect(compileRules([dim, hide]).match(paper)).toEqual({ action: 'hide', rule: hide });
  });

  it('picks the first rule in list order within one action', () => {
    const first = makeRule({ target: 'category', pattern: 'cs.LG', action: 'dim' });
    const second = makeRule({ pattern: 'vision', action: 'dim' });
    expect(compileRules([first, second]).match(paper)?.rule).toBe(first);
    expect(compileRules([second, first]).match(paper)?.rule).toBe(second);
  });

  it('returns undefined when nothing matches, or there are no rules', () => {
    expect(compileRules([makeRule({ pattern: 'graph' })]).match(paper)).toBeUndefined();
    expect(compileRules([]).match(paper)).toBeUndefined();
    expect(compileRules([]).matchAll(paper)).toEqual([]);
  });
});

describe('compileRules: matchAll', () => {
  it('lists every matching rule in list order, not precedence order', () => {
    const rules = [
      makeRule({ pattern: 'vision', action: 'dim' }),
      makeRule({ pattern: 'graph', action: 'hide' }),
      makeRule({ match: 'phrase', pattern: 'language model*', action: 'highlight' }),
      makeRule({ target: 'category', pattern: 'cs.CV', action: 'hide' }),
      makeRule({ target: 'author', match: 'regex', pattern: 'lecun$', action: 'dim' }),
    ];
    expect(compileRules(rules).matchAll(paper)).toEqual([rules[0], rules[2], rules[3], rules[4]]);
  });

  it('finds two word rules that hit the same text', () => {
    const rules = [makeRule({ pattern: 'diffus*' }), makeRule({ pattern: 'diffusion' }), makeRule({ pattern: 'diffusions' })];
    expect(compileRules(rules).matchAll(paper)).toEqual([rules[0], rules[1]]);
  });
});

describe('compileRules: which rules take part', () => {
  it('ignores disabled rules', () => {
    const disabled = makeRule({ pattern: 'vision', action: 'highlight', enabled: false });
    const enabled = makeRule({ pattern: 'diffusion', action: 'dim' });
    const compiled = compileRules([disabled, enabled]);
    expect(compiled.size).toBe(1);
    expect(compiled.match(paper)).toEqual({ action: 'dim', rule: enabled });
    expect(compiled.matchAll(paper)).toEqual([enabled]);
  });

  it('skips a rule whose pattern does not validate instead of throwing', () => {
    const broken = [
      makeRule({ match: 'regex', pattern: '(' }),
      makeRule({ match: 'regex', pattern: '.*' }),
      makeRule({ pattern: 'two words' }),
      makeRule({ target: 'category', pattern: 'not a category' }),
      makeRule({ pattern: '' }),
    ];
    const good = makeRule({ pattern: 'vision' });
    const compiled = compileRules([...broken, good]);
    expect(compiled.size).toBe(1);
    expect(compiled.matchAll(paper)).toEqual([good]);
  });

  it('trims a pattern that was not trimmed by the schema', () => {
    expect(compileRules([makeRule({ pattern: '  vision ' })]).match(paper)?.action).toBe('hide');
  });
});

describe('countMatches', () => {
  const subjects: RuleSubject[] = [
    { title: 'Vision transformers' },
    { title: 'Graph networks', abstract: 'for vision' },
    { title: 'Visions of the future' },
    { title: 'Audio', categories: ['cs.SD'] },
  ];

  it('counts the subjects a rule matches', () => {
    expect(countMatches(makeRule({ pattern: 'vision' }), subjects)).toBe(2);
    expect(countMatches(makeRule({ pattern: 'vision*' }), subjects)).toBe(3);
    expect(countMatches(makeRule({ target: 'category', pattern: 'cs' }), subjects)).toBe(1);
    expect(countMatches(makeRule({ pattern: 'vision' }), [])).toBe(0);
  });

  it('counts a disabled rule too, as the editor shows what it would do', () => {
    expect(countMatches(makeRule({ pattern: 'vision', enabled: false }), subjects)).toBe(2);
  });

  it('counts 0 for an invalid rule', () => {
    expect(countMatches(makeRule({ match: 'regex', pattern: '[' }), subjects)).toBe(0);
    expect(countMatches(makeRule({ match: 'regex', pattern: 'x*' }), subjects)).toBe(0);
    expect(countMatches(makeRule({ pattern: 'vision transformers' }), subjects)).toBe(0);
  });
});
