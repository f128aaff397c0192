import fc from 'fast-check';

/**
 * Strings a hostile or broken page may put where a title, a name or an abstract belongs. Each must
 * come out of an adapter as the same characters (whitespace collapsed), never as markup, and an
 * oversized one must be dropped or the card skipped, never stored past LIMITS.
 */
export const HOSTILE = {
  imgOnerror: '<img src=x onerror=alert(1)>',
  script: '<script>alert(document.cookie)</script>',
  // Markup that would close the card and open another one, were it ever parsed.
  breakout: '</a></h3></article><h3><a href="/papers/2609.99999">Injected</a></h3>',
  entities: '&lt;b&gt; &amp; &#x27; &quot; &nbsp;',
  bidiOverride: '\u202Egnp.exe\u202C title',
  bidiIsolates: '\u2066\u2067\u2068isolated\u2069 \u200F\u200E marks',
  zeroWidth: 'a\u200Bb\u200Cc\u200Dd\uFEFFe',
  nul: 'nul\u0000byte\u0000',
  controls: '\u0001\u0007\u001B[31mred\u001B[0m\u007F',
  loneSurrogates: 'high\uD800 low\uDC00 swapped\uDC00\uD800',
  latex: String.raw`$\alpha$-heat $$\int_0^\infty e^{-x}\,dx = 1$$ \frac{1}{2} \textbf{bold} {\"o}`,
  emoji: '🧪🔥 👩‍🔬 🏳️‍🌈 👍🏽',
  rightToLeft: 'שלום עולם مرحبا',
  json: '{"dailyPapers":[{"paper":{"id":"2609.99999","title":"x"}}]}',
  arxivIdText: 'arXiv:2609.99999v3',
  whitespace: '  line one\n\n\tline two\r\n  ',
  whitespaceOnly: ' \n\t\u00A0\u2028 ',
  long: 'x'.repeat(10_000),
  longMarkup: '<b onclick="x()">b</b>'.repeat(500).slice(0, 10_000),
  longWords: 'word '.repeat(2_000),
  // Whitespace runs are what backtracking regexes choke on.
  longSpaces: `${' '.repeat(9_998)}.x`,
  longDots: `${'.'.repeat(9_999)}x`,
} as const;

export type HostileName = keyof typeof HOSTILE;

/** A payload is named (short to print in a counterexample) or a small random string. */
export type Payload = { name: HostileName } | { text: string };

export function payloadText(payload: Payload): string {
  return 'name' in payload ? HOSTILE[payload.name] : payload.text;
}

export const payloadArb: fc.Arbitrary<Payload> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...(Object.keys(HOSTILE) as HostileName[])).map((name) => ({ name })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((text) => ({ text })) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => ({ text })) },
);

/** Whitespace collapsed and trimmed: how an adapter reads the text of the DOM. */
export function shown(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
