// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkRulePattern } from '../../../lib/rules';

function reasonOf(check: ReturnType<typeof checkRulePattern>): string {
  if (check.ok) throw new Error('expected the pattern to be rejected');
  return check.reason;
}

describe('checkRulePattern: every kind', () => {
  it('rejects an empty or blank pattern', () => {
    expect(reasonOf(checkRulePattern('text', 'word', ''))).toBe('the pattern is empty');
    expect(reasonOf(checkRulePattern('author', 'regex', '  \t'))).toBe('the pattern is empty');
  });

  it('accepts 500 characters and rejects 501, after trimming', () => {
    expect(checkRulePattern('text', 'phrase', 'a '.repeat(250).trim() + 'b')).toEqual({ ok: true });
    expect(checkRulePattern('text', 'regex', ` ${'x'.repeat(500)} `)).toEqual({ ok: true });
    expect(reasonOf(checkRulePattern('text', 'regex', 'x'.repeat(501)))).toBe('the pattern is longer than 500 characters');
  });
});

describe('checkRulePattern: words', () => {
  it.each(['diffusion', 'LLM', 'Schrödinger', 'C++', '(a)', 'self-supervised', 'diffus*', '扩散', 'λόγος'])('accepts %j', (pattern) => {
    expect(checkRulePattern('text', 'word', pattern)).toEqual({ ok: true });
  });

  it('tells the user to use "phrase" for several words', () => {
    expect(reasonOf(checkRulePattern('text', 'word', 'large language'))).toMatch(/single word.*"phrase"/);
    expect(reasonOf(checkRulePattern('author', 'word', 'Yann LeCun'))).toMatch(/"phrase"/);
  });

  it.each(['*fusion', 'dif*sion', 'diffus**', '*'])('rejects the wildcard in %j', (pattern) => {
    expect(reasonOf(checkRulePattern('text', 'word', pattern))).toMatch(/\*/);
  });

  it('rejects a word without a letter or digit', () => {
    expect(reasonOf(checkRulePattern('text', 'word', '-'))).toBe('a word needs at least one letter or digit');
    expect(reasonOf(checkRulePattern('text', 'word', '++'))).toBe('a word needs at least one letter or digit');
    // Accents alone fold to nothing.
    expect(reasonOf(checkRulePattern('text', 'word', '\u0301\u0308'))).toBe('a word needs at least one letter or digit');
  });
});

describe('checkRulePattern: phrases', () => {
  it('accepts words in sequence, with a trailing *', () => {
    expect(checkRulePattern('text', 'phrase', 'large language model')).toEqual({ ok: true });
    expect(checkRulePattern('text', 'phrase', 'large language model*')).toEqual({ ok: true });
    expect(checkRulePattern('author', 'phrase', 'Yann LeCun')).toEqual({ ok: true });
  });

  it('rejects a * that is not at the end of the last word', () => {
    expect(reasonOf(checkRulePattern('text', 'phrase', 'large * model'))).toMatch(/trailing \*/);
    expect(reasonOf(checkRulePattern('text', 'phrase', 'large language *'))).toMatch(/must follow the start of a word/);
  });

  it('rejects a phrase of punctuation only', () => {
    expect(reasonOf(checkRulePattern('text', 'phrase', '- -- ...'))).toBe('a phrase needs at least one letter or digit');
  });
});

describe('checkRulePattern: regular expressions', () => {
  it('accepts what compiles with flags iu', () => {
    expect(checkRulePattern('text', 'regex', '\\bLoRA\\b')).toEqual({ ok: true });
    expect(checkRulePattern('text', 'regex', '\\p{Script=Greek}+')).toEqual({ ok: true });
  });

  it('gives the SyntaxError message as the reason', () => {
    expect(reasonOf(checkRulePattern('text', 'regex', '(unclosed'))).toBe('the expression cannot be read: unterminated group');
    // Valid without the u flag, but not with it: rules are compiled with iu.
    expect(reasonOf(checkRulePattern('text', 'regex', '\\-'))).toMatch(/^the expression cannot be read: /);
    expect(reasonOf(checkRulePattern('author', 'regex', 'a{2,1}'))).toMatch(/^the expression cannot be read: /);
  });

  it.each(['a*', 'x?', '|foo', '^', '(?:)', '\\b'])('rejects %j, which matches empty text', (pattern) => {
    expect(reasonOf(checkRulePattern('text', 'regex', pattern))).toBe(
      'this regular expression can match empty text, so it would match every paper',
    );
  });
});

describe('checkRulePattern: categories', () => {
  it.each(['cs.CV', 'cs.cv', 'hep-th', 'cond-mat.mtrl-sci', 'cs', 'math', 'cond-mat', 'q-bio.QM'])('accepts %j', (pattern) => {
    expect(checkRulePattern('category', 'word', pattern)).toEqual({ ok: true });
  });

  it.each(['cs.', '.CV', 'cs.CV.x', 'cs CV', 'c$', 'cs-', 'cs.CV2'])('rejects %j as not a category', (pattern) => {
    expect(reasonOf(checkRulePattern('category', 'word', pattern))).toMatch(/is not an arXiv category such as cs\.CV or hep-th, nor an archive such as cs$/);
  });

  it('rejects phrases and explains what to write instead', () => {
    expect(reasonOf(checkRulePattern('category', 'phrase', 'cs.CV'))).toMatch(/category code such as cs\.CV.*"word"/);
  });

  it('rejects a * and says the archive already covers it', () => {
    expect(reasonOf(checkRulePattern('category', 'word', 'cs*'))).toMatch(/no \* needed/);
  });

  it('accepts a regular expression on category codes', () => {
    expect(checkRulePattern('category', 'regex', '^cs\\.(CV|LG)$')).toEqual({ ok: true });
  });
});
