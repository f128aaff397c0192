#!/usr/bin/env node
// Fails the build when a bundled script holds something Chromium refuses. A raw U+FFFE/U+FFFF (or
// invalid UTF-8) in a content script makes Chromium reject it as "not UTF-8 encoded" and then not
// load the extension at all, with no error anywhere a test would see (STACK.md).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: check-build.mjs <built extension folder>');
  process.exit(2);
}

function findRefusedCharacters(bytes: Uint8Array): string[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return ['invalid UTF-8'];
  }
  const problems: string[] = [];
  for (const match of text.matchAll(/[\uFFFE\uFFFF]/g)) {
    problems.push(`U+${match[0].codePointAt(0)!.toString(16).toUpperCase()} at offset ${match.index}`);
  }
  return problems;
}

function* scripts(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* scripts(path);
    else if (/\.(m?js)$/.test(name)) yield path;
  }
}

let checked = 0;
let failures = 0;
for (const path of scripts(outDir)) {
  checked++;
  const problems = findRefusedCharacters(readFileSync(path));
  if (problems.length) {
    failures++;
    console.error(`check-build: ${relative(process.cwd(), path)}: ${problems.slice(0, 5).join(', ')}`);
  }
}
if (checked === 0) {
  console.error(`check-build: no scripts found in ${outDir}`);
  process.exit(1);
}
if (failures) {
  console.error(`check-build: ${failures} script(s) would make Chromium refuse the extension.`);
  process.exit(1);
}
console.log(`check-build: ${checked} scripts in ${outDir} are clean UTF-8 without U+FFFE/U+FFFF.`);
