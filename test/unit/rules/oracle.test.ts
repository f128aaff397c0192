// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { compileRules, type Rule, type RuleAction, type RuleSubject } from '../../../lib/rules';

/*
 * The compiled matcher (folded haystacks, one alternation per target, boundaries as lookarounds)
 * against a deliberately naive reading of the same rules: per field, per rule, by scanning code
 * points. Both must agree on every one of 2000 generated cards for 50 mixed rules.
 */

/** A small seeded generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the naive reference --------------------------------------------------------------------

const foldedCache = new Map<string, string[]>();

/** Folded code points; remembered, as the reference reads every field once per rule. */
function naiveFold(text: string): string[] {
  let folded = foldedCache.get(text);
  if (folded === undefined) {
    folded = Array.from(text.normalize('NFKD').replace(/\p{Mn}/gu, '').toLowerCase().replace(/ς/g, 'σ'));
    foldedCache.set(text, folded);
  }
  return folded;
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{M}\p{N}_]/u.test(character) && !/\p{Script=Han}/u.test(character);
}

function isGap(character: string | undefined): boolean {
  return character !== undefined && /[\s-]/u.test(character);
}

/** Where `word` occurs at `at` in `text` (code points), or -1. */
function endOfWordAt(text: string[], word: string[], at: number): number {
  if (at + word.length > text.length) return -1;
  for (let index = 0; index < word.length; index++) if (text[at + index] !== word[index]) return -1;
  return at + word.length;
}

function boundaryBefore(text: string[], word: string[], at: number): boolean {
  return !isWordCharacter(word[0]) || !isWordCharacter(text[at - 1]);
}

function boundaryAfter(text: string[], word: string[], end: number): boolean {
  return !isWordCharacter(word[word.length - 1]) || !isWordCharacter(text[end]);
}

/** Text: the words in sequence, whitespace or hyphens between them, whole words at the outer ends. */
function naivePhraseInField(field: string, words: string[][], prefix: boolean): boolean {
  const text = naiveFold(field);
  for (let start = 0; start < text.length; start++) {
    if (!boundaryBefore(text, words[0]!, start)) continue;
    let at = start;
    let ok = true;
    for (let index = 0; index < words.length && ok; index++) {
      if (index > 0) {
        if (!isGap(text[at])) ok = false;
        while (isGap(text[at])) at++;
      }
      const end = ok ? endOfWordAt(text, words[index]!, at) : -1;
      if (end === -1) ok = false;
      else at = end;
    }
    if (ok && (prefix || boundaryAfter(text, words[words.length - 1]!, at))) return true;
  }
  return false;
}

/** Author: each word whole, in order, anywhere later in the same name. */
function naiveWordsInName(name: string, words: string[][], prefix: boolean): boolean {
  const text = naiveFold(name);
  let from = 0;
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const open = prefix && index === words.length - 1;
    let found = -1;
    for (let at = from; at < text.length && found === -1; at++) {
      const end = endOfWordAt(text, word, at);
      if (end !== -1 && boundaryBefore(text, word, at) && (open || boundaryAfter(text, word, end))) found = end;
    }
    if (found === -1) return false;
    from = found;
  }
  return true;
}

function naiveWords(rule: Rule): { words: string[][]; prefix: boolean } {
  const prefix = rule.pattern.endsWith('*');
  const stem = prefix ? rule.pattern.slice(0, -1) : rule.pattern;
  const parts = rule.match === 'word' ? [stem] : stem.split(/[\s-]+/u).filter((part) => part !== '');
  return { words: parts.map(naiveFold), prefix };
}

function naiveMatches(rule: Rule, subject: RuleSubject): boolean {
  if (!rule.enabled) return false;
  const fields =
    rule.target === 'text'
      ? [subject.title, ...(subject.abstract === undefined ? [] : [subject.abstract])]
      : rule.target === 'author'
        ? (subject.authors ?? [])
        : (subject.categories ?? []);
  if (rule.match === 'regex') return fields.some((field) => new RegExp(rule.pattern, 'iu').test(field));
  if (rule.target === 'category') {
    const code = rule.pattern.toLowerCase();
    return fields.some((field) => field.toLowerCase() === code || (!code.includes('.') && field.toLowerCase().startsWith(`${code}.`)));
  }
  const { words, prefix } = naiveWords(rule);
  if (rule.target === 'author') return fields.some((name) => naiveWordsInName(name, words, prefix));
  return fields.some((field) => naivePhraseInField(field, words, prefix));
}

const RANK: Record<RuleAction, number> = { highlight: 0, hide: 1, dim: 2 };

function naiveVerdict(rules: Rule[], subject: RuleSubject): Rule | undefined {
  let best: Rule | undefined;
  for (const rule of rules) {
    if (naiveMatches(rule, subject) && (best === undefined || RANK[rule.action] < RANK[best.action])) best = rule;
  }
  return best;
}

// ---- generated rules and cards --------------------------------------------------------------

const TEXT_WORDS = [
  'diffusion', 'Diffusion', 'DIFFUSIVE', 'diffused', 'LLM', 'LLMs', 'large', 'Large', 'language', 'model', 'models',
  'Schrödinger', 'SCHRODINGER', 'école', 'ECOLE', 'C++', 'C', 'graph', 'neural', 'vision', 'Vision', 'LoRA',
  'lora', 'λόγος', 'Λόγος', '扩散', '扩散模型', 'self', 'supervised', 'naïve', 'GPT-4', 'GPT4', '(a)', 'a',
];
/** Words no rule looks for, so that some cards match nothing. */
const FILLER_WORDS = ['the', 'of', 'we', 'propose', 'a', 'method', 'for', 'training', 'results', 'on', 'benchmarks', 'Ablation'];
const GAPS = [' ', ' ', ' ', ' ', '  ', '-', '--', ', ', '. ', '\n', ' (', ') ', '/', '_'];
const NAMES = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Emmy Noether', 'Yann LeCun', 'Yann A. LeCun', 'Geoffrey E. Hinton', 'Jean-Pierre Müller', 'Lora Smith', 'Ann Le', 'Le Cun', 'Zoë Chen', 'Yann Hinton'];
const CATEGORIES = ['cs.CV', 'cs.LG', 'cs.CL', 'stat.ML', 'math.AG', 'math-ph', 'hep-th', 'cond-mat.soft', 'cond-mat.mtrl-sci', 'eess.IV', 'quant-ph', 'physics.optics', 'astro-ph.CO', 'q-fin.CP', 'gr-qc', 'nlin.AO'];

const RULE_SPECS: Array<Pick<Rule, 'target' | 'match' | 'pattern'>> = [
  { target: 'text', match: 'word', pattern: 'diffusion' },
  { target: 'text', match: 'word', pattern: 'diffus*' },
  { target: 'text', match: 'word', pattern: 'LLM' },
  { target: 'text', match: 'word', pattern: 'llm*' },
  { target: 'text', match: 'word', pattern: 'schrodinger' },
  { target: 'text', match: 'word', pattern: 'Ecole' },
  { target: 'text', match: 'word', pattern: 'C++' },
  { target: 'text', match: 'word', pattern: '(a)' },
  { target: 'text', match: 'word', pattern: 'ΛΟΓΟΣ' },
  { target: 'text', match: 'word', pattern: '扩散' },
  { target: 'text', match: 'word', pattern: 'GPT-4' },
  { target: 'text', match: 'word', pattern: 'naive' },
  { target: 'text', match: 'word', pattern: 'models' },
  { target: 'text', match: 'word', pattern: 'self-supervised' },
  { target: 'text', match: 'phrase', pattern: 'large language model' },
  { target: 'text', match: 'phrase', pattern: 'large language model*' },
  { target: 'text', match: 'phrase', pattern: 'self supervised' },
  { target: 'text', match: 'phrase', pattern: 'neural graph' },
  { target: 'text', match: 'phrase', pattern: 'vision LLM' },
  { target: 'text', match: 'phrase', pattern: 'C++ model' },
  { target: 'text', match: 'phrase', pattern: 'a a' },
  { target: 'text', match: 'regex', pattern: '\\blora\\b' },
  { target: 'text', match: 'regex', pattern: '^vision' },
  { target: 'text', match: 'regex', pattern: 'models?$' },
  { target: 'text', match: 'regex', pattern: 'gpt-?4' },
  { target: 'text', match: 'regex', pattern: '\\p{Script=Greek}{5}' },
  { target: 'author', match: 'word', pattern: 'LeCun' },
  { target: 'author', match: 'word', pattern: 'Le' },
  { target: 'author', match: 'word', pattern: 'muller' },
  { target: 'author', match: 'word', pattern: 'Hint*' },
  { target: 'author', match: 'word', pattern: 'Zoe' },
  { target: 'author', match: 'phrase', pattern: 'yann lecun' },
  { target: 'author', match: 'phrase', pattern: 'Le Cun' },
  { target: 'author', match: 'phrase', pattern: 'geoffrey hinton' },
  { target: 'author', match: 'phrase', pattern: 'jean pierre' },
  { target: 'author', match: 'phrase', pattern: 'yann hinton' },
  { target: 'author', match: 'regex', pattern: '^lora\\b' },
  { target: 'author', match: 'regex', pattern: 'chen$' },
  { target: 'category', match: 'word', pattern: 'cs.CV' },
  { target: 'category', match: 'word', pattern: 'cs.lg' },
  { target: 'category', match: 'word', pattern: 'cs' },
  { target: 'category', match: 'word', pattern: 'math' },
  { target: 'category', match: 'word', pattern: 'math-ph' },
  { target: 'category', match: 'word', pattern: 'cond-mat' },
  { target: 'category', match: 'word', pattern: 'hep-th' },
  { target: 'category', match: 'word', pattern: 'stat.ML' },
  { target: 'category', match: 'regex', pattern: '^eess\\.' },
  { target: 'category', match: 'regex', pattern: 'soft$' },
  { target: 'category', match: 'word', pattern: 'q-bio' },
  { target: 'text', match: 'word', pattern: 'quantum' },
];

function generate(): { rules: Rule[]; subjects: RuleSubject[] } {
  const next = random(20_240_601);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const word = (): string => (next() < 0.25 ? pick(TEXT_WORDS) : pick(FILLER_WORDS));
  const sentence = (words: number): string => {
    let text = word();
    for (let index = 1; index < words; index++) text += pick(GAPS) + word();
    return text;
  };
  const actions: RuleAction[] = ['hide', 'dim', 'highlight'];
  const rules = RULE_SPECS.map((spec, index): Rule => ({
    ...spec,
    id: `oracle-${index}`,
    // Mostly hide and dim, few highlights, so precedence decides often; a few rules off.
    action: next() < 0.15 ? 'highlight' : pick(actions.slice(0, 2)),
    enabled: next() > 0.1,
    createdAt: 1 + index,
  }));
  const subjects = Array.from({ length: 2000 }, (): RuleSubject => {
    const subject: RuleSubject = { title: sentence(3 + Math.floor(next() * 4)) };
    if (next() < 0.7) subject.abstract = sentence(10 + Math.floor(next() * 30));
    if (next() < 0.6) subject.authors = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(NAMES));
    if (next() < 0.5) subject.categories = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(CATEGORIES));
    return subject;
  });
  return { rules, subjects };
}

describe('compileRules against a naive reference', () => {
  // The reference is slow by design; give it room on a busy machine.
  it('agrees on 50 mixed rules and 2000 cards', { timeout: 60_000 }, () => {
    const { rules, subjects } = generate();
    expect(rules).toHaveLength(50);
    const compiled = compileRules(rules);
    expect(compiled.size).toBe(rules.filter((rule) => rule.enabled).length);

    let expectedPairs = 0;
    let actualPairs = 0;
    const expectedByAction: Record<RuleAction | 'none', number> = { hide: 0, dim: 0, highlight: 0, none: 0 };
    const actualByAction: Record<RuleAction | 'none', number> = { hide: 0, dim: 0, highlight: 0, none: 0 };
    const disagreements: string[] = [];
    for (const subject of subjects) {
      const expected = rules.filter((rule) => naiveMatches(rule, subject)).map((rule) => rule.id);
      const actual = compiled.matchAll(subject).map((rule) => rule.id);
      expectedPairs += expected.length;
      actualPairs += actual.length;
      const expectedVerdict = naiveVerdict(rules, subject);
      const actualVerdict = compiled.match(subject);
      expectedByAction[expectedVerdict?.action ?? 'none']++;
      actualByAction[actualVerdict?.action ?? 'none']++;
      if (expected.join() !== actual.join() || expectedVerdict?.id !== actualVerdict?.rule.id) {
        disagreements.push(`${JSON.stringify(subject)}: expected [${expected}] ${expectedVerdict?.id}, got [${actual}] ${actualVerdict?.rule.id}`);
      }
    }

    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(actualPairs).toBe(expectedPairs);
    expect(actualByAction).toEqual(expectedByAction);
    // The generated data must exercise the rules: many hits, every action, some cards untouched.
    expect(expectedPairs).toBeGreaterThan(2000);
    expect(expectedByAction.highlight).toBeGreaterThan(0);
    expect(expectedByAction.hide).toBeGreaterThan(0);
    expect(expectedByAction.dim).toBeGreaterThan(0);
    expect(expectedByAction.none).toBeGreaterThan(0);
    const everMatched = new Set(subjects.flatMap((subject) => compiled.matchAll(subject).map((rule) => rule.id)));
    expect(everMatched.size).toBeGreaterThan(35);
  });
});
