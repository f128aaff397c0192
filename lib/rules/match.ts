import { parseLiteralPattern, type LiteralPattern } from './literal-pattern';
import { escapeLiteral, isPlainWord, literalSource } from './literal-source';
import type { Rule, RuleAction, RuleTarget } from './model';
import { byPrecedence } from './precedence';
import { foldedHaystack, someFieldMatches, type RuleSubject } from './subject';
import { compileOwnRegex, type TextTest } from './regex-engine';
import { requiredText, withPrefilter } from './regex-prefilter';
import { phraseTest } from './phrase-scan';
import { categoryTest, nameTest } from './item-scan';
import { checkPatternSize, compileRegexRule } from './validate';

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
   * Text every match must contain (the pattern's first word, folded): a card without it cannot
   * match, whatever the regex says.
   * Undefined when the first word holds other characters (`C++`): the regex alone decides.
   */
  readonly key?: string;
  /**
   * Word, phrase and category patterns: `regex` runs on the folded haystack of the target, and
   * only once the target's combined regex has found something. Regex rules: `regex` is the user's
   * own, run on each original field.
   */
  readonly literal: boolean;
  /** Runs on the linear-time engine, whoever wrote it. */
  readonly regex: TextTest;
}

/**
 * Compiles the enabled rules once for a whole listing. A card is folded once per target and cut
 * into its whole words once; a word or phrase rule runs its regex only on cards that contain its
 * first word (a Set lookup), so a card that matches nothing costs a few lookups per rule, not a
 * regex scan of its abstract per rule. (An alternation of all patterns was tried first: with the
 * Unicode word-boundary lookbehinds V8 tested every alternative at every position, about 80 µs per
 * 1.5 kB abstract for 30 words.) Every rule's own regex runs on RE2's linear-time engine
 * (`regex-engine.ts`). A rule whose pattern no longer validates (say, from an old backup) is
 * skipped rather than breaking the page.
 */
export function compileRules(rules: readonly Rule[]): CompiledRules {
  const inListOrder: CompiledRule[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const compiled = compileRule(rule);
    if (compiled) inListOrder.push(compiled);
  }
  const inPrecedenceOrder = byPrecedence(inListOrder, (compiled) => compiled.rule.action);
  const scanners: KeyScanners = {};
  for (const target of ['text', 'author'] as const) {
    const keys = new Set(inListOrder.flatMap((compiled) => (compiled.rule.target === target && compiled.key !== undefined ? [compiled.key] : [])));
    // Longest first: where two keys start at the same place, the longer one is the one recorded,
    // and a shorter key is still found as its prefix (CardMatcher.mayContain).
    const sorted = [...keys].sort((a, b) => b.length - a.length).map(escapeLiteral);
    if (sorted.length > 0) scanners[target] = new RegExp(sorted.join('|'), 'g');
  }

  return {
    size: inListOrder.length,
    match(subject) {
      if (inPrecedenceOrder.length === 0) return undefined;
      const card = new CardMatcher(subject, scanners);
      for (const compiled of inPrecedenceOrder) {
        if (card.matches(compiled)) return { action: compiled.rule.action, rule: compiled.rule };
      }
      return undefined;
    },
    matchAll(subject) {
      const matched: Rule[] = [];
      if (inListOrder.length === 0) return matched;
      const card = new CardMatcher(subject, scanners);
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
  if (!checkPatternSize(pattern).ok) return undefined;
  if (rule.match === 'regex') {
    const compiled = compileRegexRule(pattern);
    // The engine only sees fields holding what every match needs (regex-prefilter.ts).
    return compiled.ok ? { rule, literal: false, regex: withPrefilter(compiled.regex, requiredText(pattern)) } : undefined;
  }
  const parsed = parseLiteralPattern(rule.target, rule.match, pattern);
  if (!parsed.ok) return undefined;
  // Case as it is: the haystack and the pattern are both folded to lower case already. Plain
  // words and category codes are found without the engine (phrase-scan.ts, item-scan.ts), to the same answer.
  const compiled = { rule, literal: true, regex: withoutEngine(rule.target, parsed.pattern) ?? compileOwnRegex(literalSource(rule.target, parsed.pattern)) };
  if (parsed.pattern.kind !== 'words') return compiled;
  const first = parsed.pattern.words[0]!;
  return isPlainWord(first) ? { ...compiled, key: first } : compiled;
}

function withoutEngine(target: RuleTarget, pattern: LiteralPattern): TextTest | undefined {
  if (pattern.kind === 'category') return categoryTest(pattern.code, pattern.archive);
  if (target === 'text') return phraseTest(pattern.words, pattern.prefix);
  if (target === 'author') return nameTest(pattern.words, pattern.prefix);
  return undefined;
}

type KeyScanners = Partial<Record<RuleTarget, RegExp>>;

/**
 * One card being matched: folds each target at most once, and scans it once for every rule's key
 * (one alternation of plain literals, which V8 runs fast; with no quantifier in it, each position
 * costs at most the keys' total length, so the scan is linear in the text). A rule whose key the
 * scan did not find cannot match, so its own, exact regex only runs on the few cards that may match.
 */
class CardMatcher {
  private readonly haystacks: Partial<Record<RuleTarget, string>> = {};
  private readonly found: Partial<Record<RuleTarget, readonly string[]>> = {};

  constructor(
    private readonly subject: RuleSubject,
    private readonly scanners: KeyScanners,
  ) {}

  matches(compiled: CompiledRule): boolean {
    const { target } = compiled.rule;
    if (!compiled.literal) return someFieldMatches(this.subject, target, compiled.regex);
    if (compiled.key !== undefined && !this.mayContain(target, compiled.key)) return false;
    return compiled.regex.test(this.haystack(target));
  }

  private haystack(target: RuleTarget): string {
    return (this.haystacks[target] ??= foldedHaystack(this.subject, target));
  }

  /**
   * Whether the scan met `key` or a longer key starting with it. Keys are whole runs of word
   * characters, so a whole-word occurrence of a key can only be hidden by a longer key matched at
   * the same place, which starts with it.
   */
  private mayContain(target: RuleTarget, key: string): boolean {
    let found = this.found[target];
    if (found === undefined) {
      const scanner = this.scanners[target];
      found = scanner ? [...new Set(this.haystack(target).match(scanner))] : [];
      this.found[target] = found;
    }
    for (const hit of found) if (hit.startsWith(key)) return true;
    return false;
  }
}
