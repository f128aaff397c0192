// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RULE_LIMITS, RuleSchema, RulesSchema, StoredRulesSchema, type Rule } from '../../../lib/rules';

const valid: Rule = {
  id: 'r1',
  enabled: true,
  target: 'text',
  match: 'word',
  pattern: 'diffusion',
  action: 'hide',
  createdAt: 1_700_000_000_000,
};

/** The messages of a failed parse, as "path: message". */
function issuesOf(input: unknown): string[] {
  const result = RuleSchema.safeParse(input);
  if (result.success) throw new Error('expected the rule to be rejected');
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('RuleSchema', () => {
  it('accepts a valid rule and trims its pattern', () => {
    expect(RuleSchema.parse(valid)).toEqual(valid);
    expect(RuleSchema.parse({ ...valid, pattern: '  diffus*  ' }).pattern).toBe('diffus*');
  });

  it('rejects a word rule with several words, saying to use a phrase', () => {
    expect(issuesOf({ ...valid, pattern: 'large language model' })).toEqual([
      'pattern: a word rule takes a single word; use "phrase" for several words',
    ]);
  });

  it('rejects an invalid regular expression with the engine message', () => {
    const issues = issuesOf({ ...valid, match: 'regex', pattern: '([a-z]' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^pattern: the expression cannot be read: /);
  });

  it('rejects a regular expression that matches every paper', () => {
    expect(issuesOf({ ...valid, match: 'regex', pattern: 'x?' })).toEqual([
      'pattern: this regular expression can match empty text, so it would match every paper',
    ]);
  });

  it('rejects a phrase on categories and a category that is not one', () => {
    expect(issuesOf({ ...valid, target: 'category', match: 'phrase', pattern: 'cs.CV' })[0]).toMatch(/^pattern: a category rule takes one category code/);
    expect(issuesOf({ ...valid, target: 'category', pattern: 'computer-vision!' })[0]).toMatch(/^pattern: "computer-vision!" is not an arXiv category/);
  });

  it('rejects an empty or overlong pattern with a readable message', () => {
    expect(issuesOf({ ...valid, pattern: '   ' })).toEqual(['pattern: the pattern is empty']);
    expect(issuesOf({ ...valid, match: 'regex', pattern: 'y'.repeat(RULE_LIMITS.pattern + 1) })).toEqual([
      'pattern: the pattern is longer than 500 characters',
    ]);
  });

  it('rejects bad ids, enums and timestamps', () => {
    expect(issuesOf({ ...valid, id: '' })).toEqual(['id: a rule needs an id']);
    expect(issuesOf({ ...valid, id: 'x'.repeat(65) })).toEqual(['id: a rule id is at most 64 characters']);
    expect(issuesOf({ ...valid, action: 'delete' })[0]).toMatch(/^action: /);
    expect(issuesOf({ ...valid, target: 'venue' })[0]).toMatch(/^target: /);
    expect(issuesOf({ ...valid, createdAt: 0 })[0]).toMatch(/^createdAt: /);
    expect(issuesOf({ ...valid, createdAt: 1.5 })[0]).toMatch(/^createdAt: /);
  });
});

describe('RulesSchema', () => {
  const many = (count: number): Rule[] => Array.from({ length: count }, (_, index) => ({ ...valid, id: `r${index}` }));

  it('accepts 500 rules and rejects 501', () => {
    expect(RULE_LIMITS.rules).toBe(500);
    expect(RulesSchema.parse(many(500))).toHaveLength(500);
    const result = RulesSchema.safeParse(many(501));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['at most 500 rules']);
  });

  it('rejects duplicate ids, naming the later one', () => {
    const result = RulesSchema.safeParse([{ ...valid, id: 'a' }, { ...valid, id: 'b' }, { ...valid, id: 'a' }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([[[2, 'id'], 'duplicate rule id "a"']]);
  });

  it('reports the bad rule by its index', () => {
    const result = RulesSchema.safeParse([valid, { ...valid, id: 'r2', match: 'regex', pattern: '(' }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([1, 'pattern']);
  });
});

describe('StoredRulesSchema: rules from storage or a backup', () => {
  const backReference = { ...valid, id: 'old', match: 'regex', pattern: '(\\w+) \\1' };

  it('switches off a rule this version cannot run, keeping it and every other rule', () => {
    expect(RulesSchema.safeParse([valid, backReference]).success).toBe(false);
    const parsed = StoredRulesSchema.parse([valid, backReference, { ...valid, id: 'look', match: 'regex', pattern: '(?<=low-)rank' }]);
    expect(parsed.map((rule) => [rule.id, rule.enabled])).toEqual([['r1', true], ['old', false], ['look', false]]);
    expect(parsed[1]!.pattern).toBe('(\\w+) \\1');
  });

  it('accepts a switched-off rule that cannot run, but never an enabled one', () => {
    expect(RuleSchema.safeParse({ ...backReference, enabled: false }).success).toBe(true);
    expect(issuesOf(backReference)).toEqual([expect.stringMatching(/^pattern: Papershelf can't use back-references like \\1 in a rule/)]);
  });

  it('still refuses what no rule may hold, switched off or not', () => {
    expect(StoredRulesSchema.safeParse([{ ...backReference, enabled: false, pattern: 'x'.repeat(501) }]).success).toBe(false);
    expect(StoredRulesSchema.safeParse([{ ...valid, pattern: ' ' }]).success).toBe(false);
    expect(StoredRulesSchema.safeParse('not a list').success).toBe(false);
  });
});
