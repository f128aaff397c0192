import { describe, expect, it } from 'vitest';
import { packedAt, packedCount, packedRange, packStrings, unpackStrings } from '../../../lib/search/packed-strings';

describe('packed strings', () => {
  it('gives back every string, empty ones and any character included', () => {
    const list = ['arxiv:2405.00001', '', 'a\nb', 'x\u0000y', 'ünïcode 𝔸', '', 'last'];
    const packed = packStrings(list);
    expect(packedCount(packed)).toBe(list.length);
    expect(unpackStrings(packed)).toEqual(list);
    list.forEach((item, index) => expect(packedAt(packed, index)).toBe(item));
    expect(packedRange(packed, 2, 5)).toEqual(list.slice(2, 5));
  });

  it('packs nothing as nothing', () => {
    const packed = packStrings([]);
    expect(packedCount(packed)).toBe(0);
    expect(unpackStrings(packed)).toEqual([]);
  });
});
