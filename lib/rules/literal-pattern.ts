import { foldText } from '../text/fold';
import type { RuleTarget } from './model';
import { t } from '../i18n/t';

/** A word or phrase rule, or a category rule matched without a regular expression, read once. */
export type LiteralPattern =
  /** Folded words that must appear in this order; `prefix`: the last word may continue ("diffus*"). */
  | { kind: 'words'; words: readonly string[]; prefix: boolean }
  /** A lower-cased category code (`cs.cv`), or an archive (`cs`, `hep-th`) standing for all its categories. */
  | { kind: 'category'; code: string; archive: boolean };

export type LiteralParse = { ok: true; pattern: LiteralPattern } | { ok: false; reason: string };

const WHITESPACE = /\s/u;
/** Where a phrase splits into words: spaces and hyphens, as in "large-language model". */
const PHRASE_GAP = /[\s-]+/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** An arXiv category code (`cs.CV`, `cond-mat.mtrl-sci`, `hep-th`) or archive (`cs`, `cond-mat`), any case. */
const CATEGORY_CODE = /^[a-z]+(?:-[a-z]+)*(?:\.[a-z]+(?:-[a-z]+)*)?$/i;

/**
 * Reads a trimmed, non-empty `word` or `phrase` pattern. Explains in words why a pattern cannot
 * be used, for the rule editor; `checkRulePattern` is the public entry point.
 */
export function parseLiteralPattern(target: RuleTarget, match: 'word' | 'phrase', pattern: string): LiteralParse {
  if (target === 'category') return parseCategory(match, pattern);

  const starAt = pattern.indexOf('*');
  const prefix = starAt !== -1;
  if (prefix && starAt !== pattern.length - 1) return { ok: false, reason: t('ruleOnlyTrailingStar') };
  const stem = prefix ? pattern.slice(0, -1) : pattern;
  if (prefix && (stem === '' || /[\s-]$/u.test(stem))) {
    return { ok: false, reason: t('ruleStarAfterWordStart') };
  }

  if (match === 'word') {
    if (WHITESPACE.test(pattern)) return { ok: false, reason: t('ruleWordIsSingle') };
    const word = foldText(stem);
    if (!LETTER_OR_DIGIT.test(word)) return { ok: false, reason: t('ruleWordNeedsLetter') };
    return { ok: true, pattern: { kind: 'words', words: [word], prefix } };
  }

  const words = foldText(stem)
    .split(PHRASE_GAP)
    .filter((word) => word !== '');
  if (!words.some((word) => LETTER_OR_DIGIT.test(word))) {
    return { ok: false, reason: t('rulePhraseNeedsLetter') };
  }
  return { ok: true, pattern: { kind: 'words', words, prefix } };
}

function parseCategory(match: 'word' | 'phrase', pattern: string): LiteralParse {
  if (match === 'phrase') {
    return { ok: false, reason: t('ruleCategoryIsOneCode') };
  }
  if (pattern.includes('*')) {
    return { ok: false, reason: t('ruleArchiveNeedsNoStar') };
  }
  if (!CATEGORY_CODE.test(pattern)) {
    return { ok: false, reason: t('ruleNotACategory', pattern) };
  }
  return { ok: true, pattern: { kind: 'category', code: pattern.toLowerCase(), archive: !pattern.includes('.') } };
}
