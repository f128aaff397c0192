import type { Rule } from '../../../lib/rules';

let nextId = 0;

/** A valid, enabled text word rule that hides, with whatever fields a test cares about changed. */
export function makeRule(fields: Partial<Rule> & Pick<Rule, 'pattern'>): Rule {
  nextId += 1;
  return { id: `rule-${nextId}`, enabled: true, target: 'text', match: 'word', action: 'hide', createdAt: 1_700_000_000_000, ...fields };
}
