// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { venueFromJournalRef } from '../../../lib/metadata/venue';

describe('venueFromJournalRef', () => {
  it.each([
    ['ICLR 2024', 'ICLR 2024'],
    ['Accepted at NeurIPS 2023 (spotlight)', 'NeurIPS 2023'],
    ['Advances in Neural Information Processing Systems 30 (NIPS 2017)', 'NIPS 2017'],
    ["CVPR'24", 'CVPR 2024'],
    ['Proceedings of AAAI-2021, pp. 1-9', 'AAAI 2021'],
    ['Findings of the Association for Computational Linguistics: EMNLP 2023', 'Findings of EMNLP 2023'],
  ])('%s → conference %s', (ref, name) => {
    expect(venueFromJournalRef(ref)).toEqual({ kind: 'conference', name });
  });

  it.each([
    ['a journal reference', 'Phys. Rev. D 76, 044016 (2007)'],
    ['a journal with pages and year', 'Adv.Theor.Math.Phys.2:231-252,1998'],
    ['a volume, not a year', 'Advances in NeurIPS 36'],
    ['a workshop', 'ICML 2023 Workshop on Efficient Systems'],
    ['two conferences', 'ICLR 2023 and NeurIPS 2023'],
    ['an acronym inside a word', 'MACLEAN 2020'],
    ['a conference without a year', 'ICML'],
    ['nothing', undefined],
  ])('%s: no venue', (_label, ref) => {
    expect(venueFromJournalRef(ref)).toBeUndefined();
  });
});
