// What catastrophic regular expressions cost a rule on 10,000-character hostile text (RE2JS, as
// rules run them), beside JavaScript's own engine on a short text of the same shape. Run by
// bench-rules.ts (`node scripts/bench-rules.ts --hostile`), through tsx for the engine's imports.
// Refused rules explain themselves in words from the English catalogue.
import '../lib/i18n-english-setup.ts';
import { compileRules, type Rule } from '../lib/rules/index.ts';
import { median as medianOf } from './bench-stats.ts';

const LONG = 10_000;
/** Pattern, the hostile text it meets, and a short text of the same shape JavaScript's engine still finishes. */
const HOSTILE: ReadonlyArray<{ pattern: string; text: (length: number) => string; jsLength: number }> = [
  { pattern: '(a+)+$', text: (n) => `${'a'.repeat(n - 1)}!`, jsLength: 24 },
  { pattern: '(a|aa)+$', text: (n) => `${'a'.repeat(n - 1)}!`, jsLength: 30 },
  { pattern: '(a|a)+$', text: (n) => `${'a'.repeat(n - 1)}!`, jsLength: 22 },
  { pattern: '(\\w+\\s?)+$', text: (n) => `${'a'.repeat(n - 1)}!`, jsLength: 20 },
  { pattern: '(.*){50}z', text: (n) => `${'a'.repeat(n - 1)}!`, jsLength: 4 },
  // The largest repeats the program-size limit lets through, on text that keeps its automaton busy.
  { pattern: '(?:[\\s\\S]*a){65}x', text: (n) => `x${'a'.repeat(n - 1)}`, jsLength: 0 },
  { pattern: '(?:\\w+\\s?){45}x', text: (n) => `x${'a '.repeat(n / 2 - 1)}a`, jsLength: 0 },
];

function rule(pattern: string): Rule {
  return { id: 'bench', enabled: true, target: 'text', match: 'regex', pattern, action: 'hide', createdAt: 1 };
}

/** Milliseconds for one match of a fresh compile (cold automaton), and the median of the next ten cards. */
function timeRe2(pattern: string, text: string): { first: number; next: number } {
  const compiled = compileRules([rule(pattern)]);
  if (compiled.size !== 1) throw new Error(`${pattern} was refused`);
  let started = performance.now();
  compiled.match({ title: 'A title', abstract: text });
  const first = performance.now() - started;
  const next: number[] = [];
  for (let card = 0; card < 10; card++) {
    started = performance.now();
    compiled.match({ title: 'A title', abstract: `${text}${card}` });
    next.push(performance.now() - started);
  }
  return { first, next: medianOf(next) };
}

function timeJs(pattern: string, text: string): number {
  const regex = new RegExp(pattern, 'iu');
  const started = performance.now();
  regex.test(text);
  return performance.now() - started;
}

/** One table: each pattern on a 10,000-character text (RE2, as rules run it) and on a short one (JavaScript). */
function benchHostileRules(): void {
  // Warm the engine up on a harmless rule: a page pays that once, not per rule.
  for (let index = 0; index < 20; index++) compileRules([rule('graph')]).match({ title: `graph ${index}`.repeat(200) });
  console.log(`\nCatastrophic regular expressions, one ${LONG.toLocaleString('en')}-character abstract each (${new Date().toISOString().slice(0, 10)}):\n`);
  console.log('| pattern | rules (RE2): first card | next cards (median) | JavaScript RegExp on the same shape |');
  console.log('| ------- | ----------------------- | ------------------- | ----------------------------------- |');
  for (const { pattern, text, jsLength } of HOSTILE) {
    const re2 = timeRe2(pattern, text(LONG));
    const js = jsLength > 0 ? `${timeJs(pattern, text(jsLength)).toFixed(0)} ms at ${jsLength} characters (exponential in the length)` : '(not catastrophic there)';
    console.log(`| \`${pattern}\` | ${re2.first.toFixed(1)} ms | ${re2.next.toFixed(2)} ms | ${js} |`);
  }
}

benchHostileRules();
