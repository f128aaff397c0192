import { RULE_LIMITS } from './limits';
import { parseLiteralPattern } from './literal-pattern';
import type { RuleMatch, RuleTarget } from './model';
import { compileUserRegex, type RegexCompile } from './regex-engine';
import { t } from '../i18n/t';

export type PatternCheck = { ok: true } | { ok: false; reason: string };

/**
 * The flags a regex rule is read with: case-insensitive, and Unicode-aware (`\p{…}`, astral
 * characters). JavaScript reads the syntax with them; RE2 runs the expression (`regex-engine.ts`).
 */
export const REGEX_FLAGS = 'iu';

/**
 * Whether `pattern` can be used for a rule with this target and match kind, and if not, why, in
 * words the rule editor shows as the user types. Leading and trailing spaces are ignored, as the
 * stored rule is trimmed. Runs in time linear in the pattern: it is called on every keystroke
 * and on every rule of a restored backup.
 */
export function checkRulePattern(target: RuleTarget, match: RuleMatch, pattern: string): PatternCheck {
  const trimmed = pattern.trim();
  const size = checkPatternSize(trimmed);
  if (!size.ok) return size;
  if (match === 'regex') {
    const compiled = compileRegexRule(trimmed);
    return compiled.ok ? { ok: true } : compiled;
  }
  const parsed = parseLiteralPattern(target, match, trimmed);
  return parsed.ok ? { ok: true } : { ok: false, reason: parsed.reason };
}

/** The checks every stored rule passes, usable or not: a pattern is never empty nor overlong. */
export function checkPatternSize(trimmed: string): PatternCheck {
  if (trimmed === '') return { ok: false, reason: t('rulePatternEmpty') };
  if (trimmed.length > RULE_LIMITS.pattern) {
    return { ok: false, reason: t('rulePatternTooLong', RULE_LIMITS.pattern) };
  }
  return { ok: true };
}

/** A regex rule's expression, read as JavaScript reads it and compiled for the linear-time engine. */
export function compileRegexRule(source: string): RegexCompile {
  try {
    // Only parsed, never run: the syntax users write, and its error messages, are JavaScript's.
    new RegExp(source, REGEX_FLAGS);
  } catch (error) {
    return { ok: false, reason: regexSyntaxInWords(error) };
  }
  return compileUserRegex(source);
}

/**
 * JavaScript's refusal of an expression, without its "Invalid regular expression: /…/iu:" frame
 * (the pattern is in the field above; the flags are Papershelf's, not the user's): V8 says
 * "Unterminated group", SpiderMonkey "unterminated parenthetical", and either reads as a reason.
 */
function regexSyntaxInWords(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const detail = message.replace(/^invalid regular expression:\s*\/[\s\S]*\/[a-z]*:\s*/i, '').trim();
  if (!detail || detail === message && /regular expression/i.test(detail)) return t('ruleRegexUnreadable');
  return t('ruleRegexUnreadableBecause', `${detail.charAt(0).toLowerCase()}${detail.slice(1)}`);
}
