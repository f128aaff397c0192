import { describe, expect, it } from 'vitest';
import { ForYouReplySchema, MAX_PAPERS_PER_SCORE_REQUEST, MAX_WHY } from '../../../lib/messaging/for-you-protocol';

const reply = (more: Record<string, unknown> = {}) => ({ ok: true, status: 'ready', hint: '', forYouOrder: false, scores: [0.25, -1], why: ['splatting', ''], ...more });

describe('a For you reply, as a listing takes it', () => {
  it('takes scores and reasons, one of each per paper, up to a full request', () => {
    expect(ForYouReplySchema.safeParse(reply()).success).toBe(true);
    const full = Array.from({ length: MAX_PAPERS_PER_SCORE_REQUEST }, (_, index) => index / 7);
    expect(ForYouReplySchema.safeParse(reply({ scores: full, why: full.map(() => 'x'.repeat(MAX_WHY)) })).success).toBe(true);
  });

  it('refuses a score that is not a finite number, a reason that is not a short string, and lists that are too long or unequal', () => {
    const refused = [
      reply({ scores: [0.25, Number.NaN] }),
      reply({ scores: [0.25, Number.POSITIVE_INFINITY] }),
      reply({ scores: [0.25, '1'] }),
      reply({ scores: 'all' }),
      reply({ scores: { length: 2, 0: 1, 1: 2 } }),
      reply({ why: ['splatting', 3] }),
      reply({ why: ['splatting', 'x'.repeat(MAX_WHY + 1)] }),
      reply({ why: ['splatting', null] }),
      reply({ scores: [0.25] }),
      reply({ scores: Array(MAX_PAPERS_PER_SCORE_REQUEST + 1).fill(0), why: Array(MAX_PAPERS_PER_SCORE_REQUEST + 1).fill('') }),
      reply({ scores: [0.25, , 1].slice(0, 2) }), // a hole is not a number
    ];
    for (const raw of refused) expect(ForYouReplySchema.safeParse(raw).success, JSON.stringify(raw)).toBe(false);
  });
});
