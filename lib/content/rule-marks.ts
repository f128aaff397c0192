import type { CardRef } from '../sites/types';
import { compileRules, describeRule, type CompiledRules, type Rule, type RuleSubject } from '../rules';
import type { RuleMark } from './card-display';

/** Reads what rules look at from one card; null when the card cannot be read. */
export type SubjectReader = (card: CardRef) => RuleSubject | null;

/**
 * The user's rules on one listing run: compiled once per rule list, and each card's verdict
 * cached until the list changes. What a card says (title, abstract, authors, categories) is read
 * once per card and kept across rule lists.
 */
export interface RuleMarks {
  /** True while at least one enabled rule applies. */
  readonly active: boolean;
  /** Applies a new rule list; false when nothing on the page can change (no rules before or now). */
  setRules(rules: readonly Rule[]): boolean;
  /** The rule effect on a card, undefined when no rule matches it (or there are none). */
  markOf(card: CardRef): RuleMark | undefined;
  /** True when the card's verdict under the current rules is worked out (or there are no rules). */
  knows(card: CardRef): boolean;
  /** How many of the cards each draft rule matches, for the library page's live count. */
  countMatches(cards: readonly CardRef[], draft: readonly Rule[]): number[];
}

export function createRuleMarks(readSubject: SubjectReader): RuleMarks {
  let rules: CompiledRules | undefined;
  let marks = new WeakMap<CardRef, RuleMark | null>();
  /** One mark per rule, shared by every card it decides: its words are worked out once (card-display.ts). */
  let markOfRule = new Map<Rule, RuleMark>();
  const subjects = new WeakMap<CardRef, RuleSubject | null>();

  /** A card that cannot be read matches no rule. */
  const subjectOf = (card: CardRef): RuleSubject | null => {
    let subject = subjects.get(card);
    if (subject === undefined) {
      subject = readSubject(card);
      subjects.set(card, subject);
    }
    return subject;
  };

  return {
    get active() {
      return (rules?.size ?? 0) > 0;
    },
    setRules(next) {
      const had = (rules?.size ?? 0) > 0;
      rules = compileRules(next);
      marks = new WeakMap();
      markOfRule = new Map();
      return had || rules.size > 0;
    },
    markOf(card) {
      if (!rules || rules.size === 0) return undefined;
      let mark = marks.get(card);
      if (mark === undefined) {
        const subject = subjectOf(card);
        const verdict = subject ? rules.match(subject) : undefined;
        mark = null;
        if (verdict) {
          mark = markOfRule.get(verdict.rule);
          if (!mark) markOfRule.set(verdict.rule, (mark = { action: verdict.action, label: describeRule(verdict.rule) }));
        }
        marks.set(card, mark);
      }
      return mark ?? undefined;
    },
    knows(card) {
      return !rules || rules.size === 0 || marks.has(card);
    },
    countMatches(cards, draft) {
      const read = cards.map(subjectOf);
      return draft.map((rule) => {
        const compiled = compileRules([{ ...rule, enabled: true }]);
        let count = 0;
        for (const subject of read) if (subject && compiled.match(subject)) count += 1;
        return count;
      });
    },
  };
}
