import { RE2JS } from 're2js';
import { translateRegex } from './regex-translate';
import { t } from '../i18n/t';

/**
 * Every regular expression a rule runs goes through here, onto RE2JS, a pure-JavaScript port of
 * RE2's linear-time engine. Its time is linear in the text, so no title or abstract a page sends
 * can freeze the tab, whatever the rule; JavaScript's own engine backtracks, and `(\w+\s?)+$`
 * takes it over a minute on a 48-character title.
 */
export interface TextTest {
  test(text: string): boolean;
}

/**
 * The largest compiled program a user's expression may have, in RE2 instructions: 200, or a few
 * more than the pattern has characters (a 500-character literal is 502, a 480-character
 * alternation of 50 words about 340). Linear time is time per character times, at worst, the
 * program's size, and only a repeat count makes a program much larger than its pattern: on a
 * 10,000-character abstract, `(?:[\s\S]*a){300}` (18 characters, 900 instructions) cost a rule
 * 265 ms on its first card, `{130}` (390) 92–213 ms, `{65}` (195) under 30 ms
 * (`node scripts/bench-rules.ts --hostile` prints current figures).
 */
export const MAX_PROGRAM_SIZE = 200;

function programLimit(source: string): number {
  return Math.max(MAX_PROGRAM_SIZE, source.length + 50);
}

/** Texts a regex that can match empty text matches with an empty match: `a*`, `x?`, `|foo`, `\b`. */
const EMPTY_MATCH_PROBES = ['', ' x 1 '];

export type RegexCompile = { ok: true; regex: TextTest } | { ok: false; reason: string };

/**
 * Compiled expressions by source. RE2 compiles a Unicode class into tables (a rule's word
 * boundaries take milliseconds), and the same sources come back again and again: every rule list
 * pushed to a tab, every keystroke's live count. Bounded, oldest dropped first.
 */
const compiled = new Map<string, RegexCompile>();
const MAX_CACHED = 1000;

function remembered(key: string, compile: () => RegexCompile): RegexCompile {
  let result = compiled.get(key);
  if (result === undefined) {
    result = compile();
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, result);
  }
  return result;
}

/**
 * Compiles a user's expression (JavaScript syntax, already parsed by JavaScript with flags `iu`)
 * for the linear-time engine, case-insensitively; or says in words why it cannot be a rule.
 */
export function compileUserRegex(source: string): RegexCompile {
  return remembered(`user ${source}`, () => compileUser(source));
}

function compileUser(source: string): RegexCompile {
  const translated = translateRegex(source);
  if (!translated.ok) return translated;
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(translated.source, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    return { ok: false, reason: engineRefusal(error) };
  }
  const size = regex.programSize();
  const limit = programLimit(source);
  if (size > limit) {
    return { ok: false, reason: t('ruleRegexTooManySteps', size, limit) };
  }
  if (matchesEmptyText(regex)) {
    return { ok: false, reason: t('ruleRegexMatchesEmpty') };
  }
  return { ok: true, regex };
}

/**
 * An expression Papershelf wrote itself (a word, phrase or category rule), already in RE2 syntax,
 * matching case as it is: both sides are folded to lower case first. Compiled when first needed:
 * a word rule runs its expression only on cards that hold its word.
 */
export function compileOwnRegex(source: string): TextTest {
  let regex: TextTest | undefined;
  return {
    test(text) {
      regex ??= (remembered(`own ${source}`, () => ({ ok: true, regex: RE2JS.compile(source) })) as { regex: TextTest }).regex;
      return regex.test(text);
    },
  };
}

function matchesEmptyText(regex: RE2JS): boolean {
  for (const probe of EMPTY_MATCH_PROBES) {
    for (const found of regex.matchAll(probe)) if (found[0] === '') return true;
  }
  return false;
}

/** RE2's parse errors, in words; anything else JavaScript already refused before we got here. */
function engineRefusal(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const quoted = /`([^`]*)`/.exec(message)?.[1] ?? '';
  if (message.includes('invalid repeat count')) {
    return t('ruleRegexRepeatCount', quoted);
  }
  if (message.includes('invalid character class range') && quoted.startsWith('\\p')) {
    return t('ruleRegexUnknownClass', quoted);
  }
  if (message.includes('too large') || message.includes('too deep')) {
    return t('ruleRegexTooLarge');
  }
  return quoted ? t('ruleRegexEngineRefusedAt', quoted) : t('ruleRegexEngineRefused');
}
