/**
 * What a message a person sees must never carry: a schema's own text, a property name or path,
 * exception text. Shared by the unit test that drives every message-producing path and the
 * end-to-end tests that read messages off real pages.
 */
export const NOT_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bexpected\b|\breceived\b|too big|too small|invalid input|unrecognized key|invalid_|too_big/i, "a schema's own text"],
  [/\b[a-z]+\.\d+\b|\b\w+\.\d+\.\w+/, 'a property path (papers.0.id)'],
  [/\b(?!arXiv\b)[a-z]+[A-Z][A-Za-z]*\b/, 'a camelCase property name'],
  [/\b(?:Type|Syntax|Range|Reference|Internal|Quota\w*|Abort)Error\b|DOMException|\bError:|\bundefined\b|\bnull\b|\[object|\bat \S+:\d+/, 'exception text'],
  [/\{\s*"|"\s*:/, 'a JSON fragment'],
];

/** What `message` shows that it should not, in words; empty when it is clean. */
export function notWordsIn(message: string): string[] {
  return NOT_WORDS.filter(([pattern]) => pattern.test(message)).map(([, what]) => what);
}
