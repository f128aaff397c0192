// @vitest-environment node
/**
 * A user's expression is written in JavaScript syntax and run by RE2: on safe patterns, the two
 * must answer alike on every text, case-insensitively and in Unicode mode.
 */
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { translateRegex } from '../../../lib/rules/regex-translate';

const PATTERNS = [
  String.raw`\bLoRA\b`, String.raw`\Bora`, String.raw`\d{4}`, String.raw`\D+x`, String.raw`\w+-\W`, String.raw`^a.b$`, String.raw`a[^]b`, String.raw`a[]b`,
  String.raw`[a-c-e]+`, String.raw`[-a]`, String.raw`[a-]`, String.raw`[\x41-\x43]`, String.raw`\u{1F600}`, String.raw`\uD83D\uDE00`, String.raw`\u00e9`,
  String.raw`\cJ`, String.raw`[\b]`, String.raw`\0`, String.raw`(?<n>ab)+c`, String.raw`(?:ab|cd)*e`, String.raw`\p{Lu}`, String.raw`\P{L}`, String.raw`[\p{Script=Greek}\d]`,
  String.raw`\p{Script=Greek}{2}`, String.raw`\p{sc=Cyrillic}`, String.raw`\p{General_Category=Nd}`, String.raw`\p{gc=Lu}`, String.raw`[\s\S]`, String.raw`\S+`,
  String.raw`[\S]`, String.raw`[^\s]`, String.raw`[a\S]`, String.raw`\s`, String.raw`[\s-]`, String.raw`\/x`, String.raw`a{2,3}`, String.raw`x*?y`, String.raw`a\.b`, String.raw`\[x\]`,
  String.raw`[\]\[\\^-]`, String.raw`[[:]+`, String.raw`\t\n\v\f\r`, String.raw`[\t\v]`, String.raw`ſ`, String.raw`straße`, String.raw`σ`, String.raw`\u212A`,
  String.raw`[^a-z]`, String.raw`[^\d\s]`, String.raw`é|è`, String.raw`(a|b)?c`, String.raw`\$\^\{\}`, String.raw`\x2F`,
];

const TEXTS = [
  '', 'a', 'A', 'ab', 'aXb', 'a\nb', 'a\u2028b', 'a𝛼b', 'lora adapters', 'LoRAs', 'FLORA', 'year 2024!', 'x-y', 'x- ', 'a-b-c-d-e', '-', 'ABC', 'abc',
  '😀', 'café', 'CAFÉ', '\u0007', '\b', '\u0000', 'abababc', 'cde', 'ΑΒΓ', 'αβ', 'Привет', '٣', '123', 'a b', 'a\u00a0b', 'a\u3000b', '\ufeff', '/x', 'aaa',
  'xxxy', 'a.b', '[x]', ']', '[', '\\', '^', '[:alpha:]', '\t\n\u000b\f\r', 'S', 's', 'STRASSE', 'Straße', 'ΣΑΣ', 'ς', 'k', 'K', 'é', 'è', 'E', '$^{}', 'bc', 'c',
];

describe('translateRegex', () => {
  it.each(PATTERNS)('%s answers as JavaScript does', (pattern) => {
    const translated = translateRegex(pattern);
    if (!translated.ok) throw new Error(translated.reason);
    const re2 = RE2JS.compile(translated.source, RE2JS.CASE_INSENSITIVE);
    const js = new RegExp(pattern, 'iu');
    const disagreements = TEXTS.filter((text) => re2.test(text) !== js.test(text));
    expect(disagreements).toEqual([]);
  });

  it('makes every group non-capturing', () => {
    expect(translateRegex('(a)(?<n>b)(?:c)')).toEqual({ ok: true, source: '(?:a)(?:b)(?:c)' });
  });
});
