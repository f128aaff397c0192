import { RULE_LIMITS } from './limits';
import { parseLiteralPattern } from './literal-pattern';
import type { RuleMatch, RuleTarget } from './model';

export type PatternCheck = { ok: true } | { ok: false; reason: string };

/** Flags every regex rule runs with: case-insensitive, and Unicode-aware (`\p{…}`, astral characters). */
export const REGEX_FLAGS = 'iu';

/**
 * Texts a regex that can match empty text would match with an empty match. Such a regex selects
 * (nearly) every paper, which is never what the user meant: `a*`, `x?`, `|foo`, `\b`, `(?!x)`.
 */
const EMPTY_MATCH_PROBES = ['', ' x 1 '];

/**
 * Whether `pattern` can be used for a rule with this target and match kind, and if not, why, in
 * words the rule editor shows as the user types. Leading and trailing spaces are ignored, as the
 * stored rule is trimmed.
 */
export function checkRulePattern(target: RuleTarget, match: RuleMatch, pattern: string): PatternCheck {
  const trimmed = pattern.trim();
  if (trimmed === '') return { ok: false, reason: 'the pattern is empty' };
  if (trimmed.length > RULE_LIMITS.pattern) {
    return { ok: false, reason: `the pattern is longer than ${RULE_LIMITS.pattern} characters` };
  }
  if (match === 'regex') return checkRegex(trimmed);
  const parsed = parseLiteralPattern(target, match, trimmed);
  return parsed.ok ? { ok: true } : { ok: false, reason: parsed.reason };
}

function checkRegex(source: string): PatternCheck {
  let regex: RegExp;
  try {
    regex = new RegExp(source, REGEX_FLAGS);
  } catch (error) {
    // The engine's message names the problem ("Invalid regular expression: /(/iu: Unterminated group").
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (matchesEmptyText(regex)) {
    return { ok: false, reason: 'this regular expression can match empty text, so it would match every paper' };
  }
  return { ok: true };
}

function matchesEmptyText(regex: RegExp): boolean {
  const global = new RegExp(regex.source, `${REGEX_FLAGS}g`);
  for (const probe of EMPTY_MATCH_PROBES) {
    for (const found of probe.matchAll(global)) if (found[0] === '') return true;
  }
  return false;
}
