import { parseLiteralPattern } from './literal-pattern';
import { literalSource } from './literal-source';
import type { Rule, RuleAction, RuleTarget } from './model';
import { byPrecedence } from './precedence';
import { foldedHaystack, someFieldMatches, type RuleSubject } from './subject';
import { checkRulePattern, REGEX_FLAGS } from './validate';

export type { RuleSubject } from './subject';

/** What to do with a paper, and the rule that decided it (for the hidden card's stub and tooltips). */
export interface RuleVerdict {
  action: RuleAction;
  rule: Rule;
}

export interface CompiledRules {
  /** How many enabled rules were compiled. */
  readonly size: number;
  /** The winning rule's verdict: highlight beats hide beats dim, then the first rule in list order. */
  match(subject: RuleSubject): RuleVerdict | undefined;
  /** Every enabled rule that matches, in list order (for counts and explanations). */
  matchAll(subject: RuleSubject): Rule[];
}

interface CompiledRule {
  readonly rule: Rule;
  /**
   * Word, phrase and category patterns: `regex` runs on the folded haystack of the target, and
   * only once the target's combined regex has found something. Regex rules: `regex` is the user's
   * own, run on each original field.
   */
  readonly literal: boolean;
  readonly regex: RegExp;
  readonly source: string;
}

const TARGETS: readonly RuleTarget[] = ['text', 'author', 'category'];
type CombinedRegexes = Partial<Record<RuleTarget, RegExp>>;

/**
 * Compiles the enabled rules once for a whole listing. Every word and phrase pattern of a target
 * joins one alternation, so a card that matches nothing costs one regex test per target plus one
 * per regex rule. A rule whose pattern no longer validates (say, from an old backup) is skipped
 * rather than breaking the page.
 */
export function compileRules(rules: readonly Rule[]): CompiledRules {
  const inListOrder: CompiledRule[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const compiled = compileRule(rule);
    if (compiled) inListOrder.push(compiled);
  }
  const inPrecedenceOrder = byPrecedence(inListOrder, (compiled) => compiled.rule.action);

  const combined: CombinedRegexes = {};
  for (const target of TARGETS) {
    const sources = inListOrder.filter((compiled) => compiled.literal && compiled.rule.target === target).map((compiled) => compiled.source);
    // Each source is a self-contained alternative (literal-source.ts), so a plain `|` joins them.
    if (sources.length > 0) combined[target] = new RegExp(sources.join('|'), 'u');
  }

  return {
    size: inListOrder.length,
    match(subject) {
      if (inPrecedenceOrder.length === 0) return undefined;
      const card = new CardMatcher(subject, combined);
      for (const compiled of inPrecedenceOrder) {
        if (card.matches(compiled)) return { action: compiled.rule.action, rule: compiled.rule };
      }
      return undefined;
    },
    matchAll(subject) {
      const matched: Rule[] = [];
      if (inListOrder.length === 0) return matched;
      const card = new CardMatcher(subject, combined);
      for (const compiled of inListOrder) {
        if (card.matches(compiled)) matched.push(compiled.rule);
      }
      return matched;
    },
  };
}

/**
 * How many of `subjects` the rule matches, whether or not it is enabled: the live count the rule
 * editor shows while the user types. A pattern that does not validate matches nothing.
 */
export function countMatches(rule: Rule, subjects: readonly RuleSubject[]): number {
  const compiled = compileRules([{ ...rule, enabled: true }]);
  if (compiled.size === 0) return 0;
  let count = 0;
  for (const subject of subjects) if (compiled.match(subject)) count++;
  return count;
}

function compileRule(rule: Rule): CompiledRule | undefined {
  // Stored rules are trimmed by the schema; rules built in code may not be.
  const pattern = rule.pattern.trim();
  if (!checkRulePattern(rule.target, rule.match, pattern).ok) return undefined;
  if (rule.match === 'regex') {
    return { rule, literal: false, regex: new RegExp(pattern, REGEX_FLAGS), source: pattern };
  }
  const parsed = parseLiteralPattern(rule.target, rule.match, pattern);
  if (!parsed.ok) return undefined;
  const source = literalSource(rule.target, parsed.pattern);
  // No `i` flag: the haystack and the pattern are both folded to lower case already.
  return { rule, literal: true, regex: new RegExp(source, 'u'), source };
}

/** One card being matched: folds each target at most once, and tests each combined regex at most once. */
class CardMatcher {
  private readonly haystacks: Partial<Record<RuleTarget, string>> = {};
  private readonly hits: Partial<Record<RuleTarget, boolean>> = {};

  constructor(
    private readonly subject: RuleSubject,
    private readonly combined: CombinedRegexes,
  ) {}

  matches(compiled: CompiledRule): boolean {
    const { target } = compiled.rule;
    if (!compiled.literal) return someFieldMatches(this.subject, target, compiled.regex);
    // Only on a hit of the combined regex is it worth finding out which rule it was.
    return this.anyLiteralHit(target) && compiled.regex.test(this.haystack(target));
  }

  private haystack(target: RuleTarget): string {
    return (this.haystacks[target] ??= foldedHaystack(this.subject, target));
  }

  private anyLiteralHit(target: RuleTarget): boolean {
    let hit = this.hits[target];
    if (hit === undefined) {
      const combined = this.combined[target];
      hit = combined !== undefined && combined.test(this.haystack(target));
      this.hits[target] = hit;
    }
    return hit;
  }
}
