import { describe, expect, it } from 'vitest';
import { buildVocabulary, featureCounts, vectorize } from '../../../lib/ranking/features';
import { explain, explainVector, relevanceOf } from '../../../lib/ranking/explain';
import { scorer, SHIPPED, trainModel, type Example } from '../../../lib/ranking/model';
import { readiness } from '../../../lib/ranking/readiness';
import { hintOf } from '../../../lib/for-you/service';
import { MAX_WARM_CHANGES, RankingTrainer } from '../../../lib/ranking/trainer';

const splatting = (n: number): Example => ({
  doc: { title: `Gaussian splatting for novel view synthesis ${['fast', 'dynamic', 'sparse', 'large'][n % 4]}`, abstract: 'We render radiance fields with 3D Gaussians for novel view synthesis in real time.', authors: ['Ada Lovelace', `Author ${n}`] },
  label: 1,
  title: `Splatting paper ${n}`,
});
const parsing = (n: number): Example => ({
  doc: { title: `Dependency parsing of ${['legal', 'medical', 'news', 'spoken'][n % 4]} text`, abstract: 'A treebank and a parser for syntactic dependency parsing of low-resource languages.', authors: [`Parser ${n}`] },
  label: -1,
});
const library: Example[] = [...Array.from({ length: 6 }, (_, n) => splatting(n)), ...Array.from({ length: 24 }, (_, n) => parsing(n))];
const options = { ...SHIPPED, minDf: 1 };

describe('features', () => {
  it('counts title words twice, abstract words once, authors as @name', () => {
    const counts = featureCounts({ title: 'Sparse attention', abstract: 'sparse kernels', authors: ['Ada Lovelace'] });
    expect(counts.get('sparse')).toBe(3);
    expect(counts.get('sparse attention')).toBe(2);
    expect(counts.get('@ada lovelace')).toBe(1);
  });

  it('builds tf-idf vectors of unit length, without features outside the vocabulary', () => {
    const docs = [featureCounts({ title: 'alpha beta' }), featureCounts({ title: 'alpha gamma' }), featureCounts({ title: 'delta' })];
    const vocabulary = buildVocabulary(docs, { minDf: 1, maxDfShare: 1, maxFeatures: 100, authorWeight: 1 });
    const vector = vectorize(vocabulary, featureCounts({ title: 'alpha beta unknown' }));
    const length = Math.hypot(...vector.value);
    expect(length).toBeCloseTo(1, 5);
    expect([...vector.index].map((f) => vocabulary.terms[f])).not.toContain('unknown');
  });

  it('drops features too rare or too common, and keeps the most frequent when there are too many', () => {
    const docs = Array.from({ length: 100 }, (_, n) => featureCounts({ title: n < 2 ? 'common twice' : `common rare${n}` }));
    expect(buildVocabulary(docs, { minDf: 2, maxDfShare: 0.5, maxFeatures: 100, authorWeight: 1 }).terms.sort()).toEqual(['common twice', 'twice']);
    expect(buildVocabulary(docs, { minDf: 1, maxDfShare: 1, maxFeatures: 1, authorWeight: 1 }).terms).toEqual(['common']);
  });

  it('keeps the words every saved paper shares in a small library', () => {
    const docs = Array.from({ length: 25 }, (_, n) => featureCounts({ title: n < 5 ? 'gaussian splatting' : `parsing text ${n}` }));
    expect(buildVocabulary(docs, { minDf: 2, maxDfShare: 0.1, maxFeatures: 100, authorWeight: 1 }).terms).toContain('gaussian');
  });
});

describe('training and scoring', () => {
  it('ranks papers like the saved ones above papers like the hidden ones', () => {
    const score = scorer(trainModel(library, options));
    const liked = score.score({ title: 'Dynamic Gaussian splatting of faces', abstract: 'Novel view synthesis with Gaussians.' });
    const disliked = score.score({ title: 'Dependency parsing for spoken text', abstract: 'A parser and a treebank.' });
    expect(liked).toBeGreaterThan(0);
    expect(disliked).toBeLessThan(0);
  });

  it('lets a save unlike the others pull less than a balanced share would', () => {
    // Saved among papers like the hidden ones: a save by mistake.
    const odd: Example = { doc: { title: 'Dependency parsing of medical text', abstract: 'A treebank and a parser for syntactic dependency parsing of low-resource languages.' }, label: 1 };
    /** Where the odd save scores between a hidden paper (0) and a saved one (1): scale-free, so two models compare. */
    const position = (positiveWeight: number) => {
      const score = scorer(trainModel([...library, odd], { ...options, positiveWeight }));
      const hidden = score.score(parsing(1).doc);
      return (score.score(odd.doc) - hidden) / (score.score(splatting(0).doc) - hidden);
    };
    expect(options.positiveWeight).toBeLessThan(1);
    expect(position(options.positiveWeight)).toBeLessThan(position(1) / 2);
  });

  it('learns from authors too', () => {
    const score = scorer(trainModel(library, options));
    expect(score.score({ title: 'Unrelated words here', authors: ['Ada Lovelace'] })).toBeGreaterThan(score.score({ title: 'Unrelated words here', authors: ['Parser 3'] }));
  });

  it('is deterministic, and survives a structured clone (as IndexedDB stores it)', () => {
    const model = trainModel(library, options);
    expect(trainModel(library, options)).toEqual(model);
    const again = scorer(structuredClone(model));
    const doc = { title: 'Fast Gaussian splatting' };
    expect(again.score(doc)).toBeCloseTo(scorer(model).score(doc), 6);
  });

  it('gives a constant score when one class is missing, instead of failing', () => {
    const model = trainModel(library.filter((example) => example.label > 0), options);
    expect(model.weights.every((weight) => weight === 0)).toBe(true);
  });

  it('a rebuild through the trainer gives the same model as training from scratch, its features counted once', () => {
    const trainer = new RankingTrainer(options);
    const keyed = library.map((example, index) => ({ ...example, key: `k${index}` }));
    trainer.rebuild(keyed);
    const extra = { ...splatting(9), key: 'extra' };
    expect(trainer.rebuild([...keyed, extra])).toEqual(trainModel([...library, extra], options));
    expect(trainer.stale).toBe(false);
  });
});

describe('warm updates', () => {
  const keyed = library.map((example, index) => ({ ...example, key: `k${index}` }));
  const docs = [
    { title: 'Dynamic Gaussian splatting of faces', abstract: 'Novel view synthesis with Gaussians.' },
    { title: 'Dependency parsing for spoken text', abstract: 'A parser and a treebank.' },
    { title: 'Novel view synthesis of legal text', abstract: 'Radiance fields for a treebank.' },
    { title: 'Fast sparse splatting', authors: ['Ada Lovelace'] },
  ];
  const scoresOf = (model: ReturnType<typeof trainModel>) => docs.map((doc) => scorer(model).score(doc));
  const TOLERANCE = 0.1;
  /**
   * Each score within 0.1 of the rebuild's (a margin of ±1 is where judged papers sit: the idf
   * waits for the rebuild), and every two papers the rebuild puts further apart than that in the
   * same order (two that close may swap).
   */
  const expectLike = (warm: number[], cold: number[]) => {
    warm.forEach((score, i) => expect(Math.abs(score - cold[i]!)).toBeLessThan(TOLERANCE));
    for (let i = 0; i < cold.length; i++) for (let j = 0; j < cold.length; j++) {
      if (cold[i]! > cold[j]! + TOLERANCE) expect(warm[i]!).toBeGreaterThan(warm[j]!);
    }
  };

  it('after one more save, scores as a rebuild would, starting from the last solution', () => {
    const trainer = new RankingTrainer(options);
    trainer.rebuild(keyed);
    const saved = { doc: { title: 'Dependency parsing of radiance fields', abstract: 'A treebank of novel view synthesis.' }, label: 1 as const, key: 'new' };
    const warm = trainer.update([...keyed, saved]);
    const cold = trainModel([...library, saved], options);
    expect(warm.saved).toBe(cold.saved);
    expectLike(scoresOf(warm), scoresOf(cold));
  });

  it('takes back a withdrawn or changed judgment exactly', () => {
    const trainer = new RankingTrainer(options);
    trainer.rebuild(keyed);
    // The first save becomes a hide, two more saves and the last hide are withdrawn.
    const flipped = keyed.map((example, index) => (index === 0 ? { ...example, label: -1 as const } : example)).filter((_, index) => index === 0 || index > 2).slice(0, -1);
    const warm = trainer.update(flipped);
    const cold = trainModel(flipped, options);
    expect(warm.hidden).toBe(cold.hidden);
    expectLike(scoresOf(warm), scoresOf(cold));
  });

  it('keeps words first seen in an update for the next rebuild, and says one is due', () => {
    const trainer = new RankingTrainer(options);
    trainer.rebuild(keyed);
    const novel = { doc: { title: 'Quantum chromodynamics lattice', abstract: 'Quarks and gluons.' }, label: 1 as const, key: 'qcd' };
    const warm = trainer.update([...keyed, novel]);
    expect(warm.terms).not.toContain('quarks');
    expect(trainer.stale).toBe(true);
    expect(trainer.rebuild([...keyed, novel]).terms).toContain('quarks');
    expect(trainer.stale).toBe(false);
  });

  it('rebuilds instead when many judgments changed at once, or nothing was fitted yet', () => {
    const fresh = new RankingTrainer(options);
    expect(fresh.update(keyed)).toEqual(trainModel(library, options));
    const many = Array.from({ length: MAX_WARM_CHANGES + 1 }, (_, n) => ({ ...parsing(100 + n), key: `p${n}` }));
    const all = [...keyed, ...many];
    expect(fresh.update(all)).toEqual(trainModel(all, options));
  });
});

describe('explanations', () => {
  it('names the heaviest words, a pair before its words, and the saved paper it is like', () => {
    const score = scorer(trainModel(library, options));
    const why = explain(score, { title: 'Gaussian splatting with novel view synthesis', abstract: 'Radiance fields.' });
    expect(why.terms.length).toBeGreaterThan(0);
    expect(why.terms.length).toBeLessThanOrEqual(3);
    expect(why.terms.some((term) => term.includes(' '))).toBe(true);
    for (const [i, a] of why.terms.entries()) for (const [j, b] of why.terms.entries()) if (i !== j) expect(a.includes(b)).toBe(false);
    expect(why.like).toMatch(/^Splatting paper \d$/);
  });

  it('scores and explains a paper made a vector once as it does from its words', () => {
    const score = scorer(trainModel(library, options));
    for (const doc of [{ title: 'Gaussian splatting with novel view synthesis', abstract: 'Radiance fields.' }, { title: 'Dependency parsing', authors: ['Ada Lovelace'] }]) {
      const vector = score.vectorOf(doc);
      expect(score.scoreOf(vector)).toBe(score.score(doc));
      expect(explainVector(score, vector)).toEqual(explain(score, doc));
    }
  });

  it('says nothing positive about a paper unlike anything saved', () => {
    const score = scorer(trainModel(library, options));
    expect(explain(score, { title: 'Dependency parsing' }).like).toBeUndefined();
  });

  it('puts a score in words', () => {
    expect(relevanceOf(1)).toEqual({ percent: 88, words: 'high' });
    expect(relevanceOf(0)).toEqual({ percent: 50, words: 'medium' });
    expect(relevanceOf(-1).words).toBe('very low');
  });
});

describe('readiness', () => {
  it('waits for 5 saves and 20 hides, and says how many more', () => {
    expect(readiness(5, 20).ready).toBe(true);
    expect(readiness(3, 20)).toEqual({ ready: false, savesNeeded: 2, hidesNeeded: 0 });
    expect(hintOf(readiness(4, 10))).toBe('For you: save 1 more paper and hide 10 more to rank this page by your interests.');
    expect(hintOf(readiness(5, 20))).toBe('');
  });
});
