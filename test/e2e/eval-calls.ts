/**
 * Calls in a built script that would evaluate a string as code: the global `eval` (direct or
 * indirect) and `new Function(…)`. A method that happens to be named `eval` (re2js's matchers
 * have one: `x.eval(…)`, `eval(t,n){…}`) is not one. Each hit is returned as the text around it.
 */
export function codeFromStrings(code: string): string[] {
  const hits: string[] = [];
  for (const call of code.matchAll(/(?<![\w$.])eval\s*\([^()]*\)\s*(\{)?/g)) if (call[1] === undefined) hits.push(call[0]);
  for (const call of code.matchAll(/[(,]\s*eval\s*\)|\bnew\s+Function\s*\(/g)) hits.push(code.slice(Math.max(0, call.index - 40), call.index + 40));
  return hits;
}
