import { describe, expect, it } from 'vitest';
import { authorKey, terms, words } from '../../../lib/ranking/tokens';

describe('words', () => {
  it('reads LaTeX as its text: accents, commands, math and braces', () => {
    expect(words('G\\"odel and Schr\\"{o}dinger meet \\v{S}ediv\\\'y')).toEqual(['godel', 'schrodinger', 'meet', 'sedivy']);
    expect(words('\\emph{Sparse} attention in $\\mathcal{O}(n \\log n)$ time')).toEqual(['sparse', 'attention', 'time']);
    // A letter accent needs its brace or a space: \cite keeps its c.
    expect(words('as in \\cite{smith} and \\c{c}a')).toEqual(['smith', 'ca']);
  });

  it('folds Unicode accents and letters without a decomposition, as the library search does', () => {
    expect(words('Müller, Łukasz and Søren: naïve Gaußian splatting')).toEqual(['muller', 'lukasz', 'soren', 'naive', 'gaussian', 'splatting']);
  });

  it('drops function words, numbers and single letters, keeps words with digits', () => {
    expect(words('A study of the 3D scenes in 2026 with GPT4 and a x')).toEqual(['study', '3d', 'scenes', 'gpt4']);
  });

  it('splits hyphenated words so "self-supervised" matches "self supervised"', () => {
    expect(words('self-supervised')).toEqual(words('self supervised'));
  });

  it('is linear in the text: a long run of backslashes and dollars is read at once', () => {
    const hostile = '\\'.repeat(200_000) + '$'.repeat(200_000) + '{'.repeat(200_000);
    const started = performance.now();
    expect(words(hostile)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('terms', () => {
  it('adds the pairs of neighbouring words after the words', () => {
    expect(terms('Gaussian splatting for novel view synthesis')).toEqual([
      'gaussian',
      'splatting',
      'novel',
      'view',
      'synthesis',
      'gaussian splatting',
      'splatting novel',
      'novel view',
      'view synthesis',
    ]);
  });
});

describe('authorKey', () => {
  it('folds and collapses spaces, so the same person matches however the page spells them', () => {
    expect(authorKey('José  Núñez')).toBe(authorKey('Jose Nunez'));
  });
});
