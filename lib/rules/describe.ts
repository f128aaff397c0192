import { t, type MessageKey } from '../i18n/t';
import type { Rule, RuleAction } from './model';

/** Long patterns are cut in labels: a hidden card's stub has room for a few words. */
const LABEL_PATTERN_LENGTH = 60;

/**
 * Archives that are divided into categories. A pattern without a dot naming one of these stands
 * for all its categories ("archive cs"); any other (`hep-th`, `quant-ph`) is a category in itself.
 */
const DIVIDED_ARCHIVES: ReadonlySet<string> = new Set([
  'astro-ph', 'cond-mat', 'cs', 'econ', 'eess', 'math', 'nlin', 'physics', 'q-bio', 'q-fin', 'stat',
]);

const ACTION_VERBS: Readonly<Record<RuleAction, MessageKey>> = {
  hide: 'ruleActionHide',
  dim: 'ruleActionDim',
  highlight: 'ruleActionHighlight',
};

/** The button-like verb for an action: "Hide", "Dim" or "Highlight". */
export function ruleActionVerb(action: RuleAction): string {
  return t(ACTION_VERBS[action]);
}

/**
 * A short label for a rule, for the rule list and a hidden card's stub: `“diffusion”`,
 * `phrase “large language model”`, `/\bLoRA\b/`, `author “LeCun”`, `category cs.CV`, `archive cs`.
 */
export function describeRule(rule: Pick<Rule, 'target' | 'match' | 'pattern'>): string {
  const pattern = shorten(rule.pattern.trim());
  if (rule.target === 'category' && rule.match === 'word') {
    return DIVIDED_ARCHIVES.has(pattern.toLowerCase()) ? t('ruleLabelArchive', pattern) : t('ruleLabelCategory', pattern);
  }
  // A regular expression is shown as written between slashes, in every language.
  const shown = rule.match === 'regex' ? `/${pattern}/` : t('ruleLabelQuoted', pattern);
  switch (rule.target) {
    case 'text':
      return rule.match === 'phrase' ? t('ruleLabelPhrase', shown) : shown;
    case 'author':
      return t('ruleLabelAuthor', shown);
    case 'category':
      return t('ruleLabelCategory', shown);
  }
}

/** Cuts on code points, so an emoji or an astral character is never split in half. */
function shorten(text: string): string {
  const characters = Array.from(text);
  return characters.length <= LABEL_PATTERN_LENGTH ? text : `${characters.slice(0, LABEL_PATTERN_LENGTH - 1).join('')}…`;
}
