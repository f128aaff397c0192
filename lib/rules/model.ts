import { z } from 'zod';
import { RULE_LIMITS } from './limits';
import { checkPatternSize, checkRulePattern } from './validate';

/** What a rule looks at: `text` is the title and the abstract. */
export const RuleTargetSchema = z.enum(['text', 'author', 'category']);
export type RuleTarget = z.infer<typeof RuleTargetSchema>;

/** How the pattern is read: one word (a trailing `*` means "starts with"), words in sequence, or a regular expression in JavaScript syntax, run on a linear-time engine (`regex-engine.ts`). */
export const RuleMatchSchema = z.enum(['word', 'phrase', 'regex']);
export type RuleMatch = z.infer<typeof RuleMatchSchema>;

export const RuleActionSchema = z.enum(['hide', 'dim', 'highlight']);
export type RuleAction = z.infer<typeof RuleActionSchema>;

/**
 * One mute/highlight rule. The pattern of an enabled rule is checked against the target and the
 * match kind, so an enabled rule always compiles; the issue message is the same reason the rule
 * editor shows. A rule switched off may keep a pattern that cannot run (one written for an older
 * version, say with a back-reference): it is kept and shown with its reason, never run, and
 * cannot be switched on (see `switchOffUnusableRules`).
 */
export const RuleSchema = z
  .object({
    id: z.string().min(1, 'a rule needs an id').max(RULE_LIMITS.id, `a rule id is at most ${RULE_LIMITS.id} characters`),
    enabled: z.boolean(),
    target: RuleTargetSchema,
    match: RuleMatchSchema,
    // Empty and overlong patterns are checkRulePattern's to report, below: a length check here
    // would report them a second time, since Zod runs the object check after a failed length.
    // The hard cap only bounds what a message or a stored value can carry; far past it, a pattern
    // may be reported twice.
    pattern: z.string().max(RULE_LIMITS.pattern * 4).trim(),
    action: RuleActionSchema,
    createdAt: z.number().int().positive(),
  })
  .superRefine((rule, context) => {
    const check = rule.enabled ? checkRulePattern(rule.target, rule.match, rule.pattern) : checkPatternSize(rule.pattern);
    if (!check.ok) context.addIssue({ code: 'custom', path: ['pattern'], message: check.reason });
  });
export type Rule = z.infer<typeof RuleSchema>;

/** The user's rule list, in the order they arranged it (the order breaks ties between rules). */
export const RulesSchema = z
  .array(RuleSchema)
  .max(RULE_LIMITS.rules, `at most ${RULE_LIMITS.rules} rules`)
  .superRefine((rules, context) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate rule id "${rule.id}"` });
      seen.add(rule.id);
    });
  });

/**
 * Rules read back from storage or from a backup: an enabled rule whose pattern this version
 * cannot run (written for an older version, or by hand) is switched off rather than refusing
 * the whole list, so one such rule never costs the user the others. The rule editor shows why.
 */
export function switchOffUnusableRules(raw: unknown): unknown {
  if (!Array.isArray(raw)) return raw;
  return raw.map((item: unknown) => {
    const parsed = UsableCheckSchema.safeParse(item);
    if (!parsed.success || !parsed.data.enabled) return item;
    const { target, match, pattern } = parsed.data;
    return checkRulePattern(target, match, pattern.trim()).ok ? item : { ...(item as object), enabled: false };
  });
}

const UsableCheckSchema = z.object({ enabled: z.boolean(), target: RuleTargetSchema, match: RuleMatchSchema, pattern: z.string() });

/** The rule list as stored or backed up: `RulesSchema`, after `switchOffUnusableRules`. */
export const StoredRulesSchema = z.preprocess(switchOffUnusableRules, RulesSchema);
