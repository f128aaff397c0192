// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapse } from '../../../lib/sites/dom-helpers';

const reference = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('collapse', () => {
  it('gives what collapsing every run and trimming gives, on any mix of words and whitespace', () => {
    const piece = fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', 'a', 'word', '-', '\u0000', 'é');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => collapse(pieces.join('')) === reference(pieces.join(''))), { numRuns: 2000 });
  });

  it('keeps a one-line field as it is once trimmed', () => {
    expect(collapse('\n          One line of text, spaced once.\n')).toBe('One line of text, spaced once.');
    expect(collapse('a\u00a0b  c\n\td')).toBe('a b c d');
  });
});
