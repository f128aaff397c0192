import type { PaperState } from '../paper/model';
import { t } from '../i18n/t';

/** A rule's effect on one card, as the card shows it. */
export interface RuleMark {
  action: 'hide' | 'dim' | 'highlight';
  /** The rule in words (`“diffusion”`, `author “LeCun”`), shown on the card so the user knows why. */
  label: string;
}

/** Everything a card's controls draw: the library's state, a rule's effect, this page view's reveal. */
export interface CardDisplay {
  state: PaperState | undefined;
  rule?: RuleMark | undefined;
  /** The user asked to see this hidden paper for this page view ("Show" on a rule stub, "12 hidden — show"). */
  revealed: boolean;
}

/**
 * The rule effect a card shows. A saved paper is never hidden or dimmed by a rule: the user keeps
 * it, a broad mute must not bury it. Highlighting still applies.
 */
export function ruleMarkFor(state: PaperState | undefined, mark: RuleMark | undefined): RuleMark | undefined {
  if (!mark) return undefined;
  if (state?.saved && mark.action !== 'highlight') return undefined;
  return mark;
}

/** Hidden on this page: by the user's hand or by a rule (what "N hidden" counts). */
export function isHiddenHere(display: CardDisplay): boolean {
  return (display.state?.hidden ?? false) || display.rule?.action === 'hide';
}

/** Collapsed to the one-line stub: hidden, and not revealed for this page view. */
export function isCollapsed(display: CardDisplay): boolean {
  return isHiddenHere(display) && !display.revealed;
}

/** How a hidden paper came to be hidden, in words: by hand wins over a rule. */
export function hiddenReason(display: CardDisplay): string {
  if (display.state?.hidden || display.rule?.action !== 'hide') return t('stateHidden');
  return ruleWords(display.rule);
}

const RULE_WORDS = { hide: 'hiddenByRule', dim: 'dimmedByRule', highlight: 'highlightedByRule' } as const;
/** A rule list's marks are shared by the cards they decide (rule-marks.ts): 1,400 cards, a few look-ups. */
const wordsOfMark = new WeakMap<RuleMark, string>();

/** What a rule does to a card, in words (`Hidden by rule “diffusion”`). */
export function ruleWords(mark: RuleMark): string {
  let words = wordsOfMark.get(mark);
  if (words === undefined) wordsOfMark.set(mark, (words = t(RULE_WORDS[mark.action], mark.label)));
  return words;
}
