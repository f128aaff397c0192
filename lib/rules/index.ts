/** Mute/highlight rules: pure functions, shared by the content script and the extension pages. */
export { RULE_LIMITS } from './limits';
export {
  RuleActionSchema,
  RuleMatchSchema,
  RuleSchema,
  RulesSchema,
  RuleTargetSchema,
  StoredRulesSchema,
  switchOffUnusableRules,
  type Rule,
  type RuleAction,
  type RuleMatch,
  type RuleTarget,
} from './model';
export { checkRulePattern, type PatternCheck } from './validate';
export { foldText } from '../text/fold';
export { compileRules, countMatches, type CompiledRules, type RuleSubject, type RuleVerdict } from './match';
export { describeRule, ruleActionVerb } from './describe';
