// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { OTHER_WHITESPACE } from '../../../lib/text/whitespace';

describe('OTHER_WHITESPACE', () => {
  it('spells out exactly the whitespace other than a plain space, for every UTF-16 code unit', () => {
    const negated = /[^\S ]/;
    const differing: number[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const character = String.fromCharCode(unit);
      if (OTHER_WHITESPACE.test(character) !== negated.test(character)) differing.push(unit);
    }
    expect(differing).toEqual([]);
  });
});
