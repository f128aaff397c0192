import { featureCounts, vectorize, type SparseVector, type Vocabulary } from './features';
import { fitFromCounts, pack, scorer, SHIPPED, svmOptions, type Example, type NearScale, type RankerOptions, type RankingModel, type Scorer } from './model';
import { trainSvm, type SvmSolution } from './svm';

/** A judged paper with a stable key (its arXiv id), so its features are counted once. */
export interface KeyedExample extends Example {
  key: string;
}

/**
 * More changed judgments than this since the last fit (an import, a sync, a reset) and an update
 * retrains from scratch: warm starts pay off for the few papers a reader judges at a time.
 */
export const MAX_WARM_CHANGES = 50;

interface Fitted {
  vocabulary: Vocabulary;
  /** Set by the rebuild, kept by updates, as the vocabulary is: one save barely moves it. */
  nearScale: NearScale;
  byKey: Map<string, { label: 1 | -1; text: string; vector: SparseVector; alpha: number }>;
  solution: SvmSolution;
}

/**
 * Trains the model after each save or hide without starting over. `rebuild` reads every judged
 * paper (features counted once per paper and kept by key), fits the vocabulary and the SVM from
 * zero; `update` keeps the vocabulary and starts the SVM from the last solution, adding the new
 * judgments and taking back the withdrawn ones, which is a few passes instead of a full fit. Words
 * first seen in an update wait for the next rebuild (`stale` says one is due; the background runs
 * it when the reader pauses).
 */
export class RankingTrainer {
  private readonly counts = new Map<string, { text: string; counts: Map<string, number> }>();
  private fitted: Fitted | undefined;
  /** An update added papers to a frozen vocabulary (their new words and the idf wait), or nothing was fitted yet: a rebuild is due. */
  stale = true;

  constructor(private readonly options: RankerOptions = SHIPPED) {}

  /** A scorer for the model this trainer returned last, reusing its vocabulary (the same terms, in order) instead of indexing 50,000 terms again. */
  scorerOf(model: RankingModel): Scorer {
    return scorer(model, this.fitted?.vocabulary);
  }

  /** From scratch: what the model is for these judgments, whatever came before. */
  rebuild(examples: readonly KeyedExample[]): RankingModel {
    const live = new Set<string>();
    const counts = examples.map((example) => {
      live.add(example.key);
      return this.countsOf(example);
    });
    for (const key of this.counts.keys()) if (!live.has(key)) this.counts.delete(key);
    const fit = fitFromCounts(examples, counts, this.options);
    const byKey: Fitted['byKey'] = new Map();
    examples.forEach((example, i) => byKey.set(example.key, { label: example.label, text: textOf(example), vector: fit.vectors[i]!, alpha: fit.solution.alpha[i]! }));
    const model = pack(fit.vocabulary, fit.solution.weights, fit.solution.bias, examples, fit.vectors, this.options);
    const { weight, centre, maxHolders } = model.near;
    this.fitted = { vocabulary: fit.vocabulary, nearScale: { weight, centre, maxHolders }, byKey, solution: fit.solution };
    this.stale = false;
    return model;
  }

  /** After a few saves or hides: warm from the last fit when there is one and few changed, else `rebuild`. */
  update(examples: readonly KeyedExample[]): RankingModel {
    const fitted = this.fitted;
    const texts = new Map(examples.map((example) => [example.key, textOf(example)]));
    if (!fitted || changes(fitted, examples, texts) > MAX_WARM_CHANGES) return this.rebuild(examples);
    const { weights } = fitted.solution;
    let { bias } = fitted.solution;
    const byKey = new Map(examples.map((example) => [example.key, example]));
    // Withdrawn or changed judgments leave the solution: w = Σ alpha · y · x.
    for (const [key, old] of fitted.byKey) {
      const example = byKey.get(key);
      if (example && example.label === old.label && texts.get(key) === old.text) continue;
      const step = -old.alpha * old.label;
      for (let k = 0; k < old.vector.index.length; k++) weights[old.vector.index[k]!]! += step * old.vector.value[k]!;
      bias += step;
      fitted.byKey.delete(key);
      this.counts.delete(key);
    }
    const vectors: SparseVector[] = [];
    const alpha = new Float64Array(examples.length);
    examples.forEach((example, i) => {
      let entry = fitted.byKey.get(example.key);
      if (!entry) {
        entry = { label: example.label, text: texts.get(example.key)!, vector: vectorize(fitted.vocabulary, this.countsOf(example)), alpha: 0 };
        fitted.byKey.set(example.key, entry);
        this.stale = true;
      }
      vectors.push(entry.vector);
      alpha[i] = entry.alpha;
    });
    const labels = examples.map((example) => example.label);
    const solution = trainSvm(vectors, labels, fitted.vocabulary.terms.length, svmOptions(this.options), { weights, bias, alpha });
    examples.forEach((example, i) => (fitted.byKey.get(example.key)!.alpha = solution.alpha[i]!));
    fitted.solution = solution;
    return pack(fitted.vocabulary, solution.weights, solution.bias, examples, vectors, this.options, fitted.nearScale);
  }

  private countsOf(example: KeyedExample): Map<string, number> {
    const text = textOf(example);
    const cached = this.counts.get(example.key);
    if (cached && cached.text === text) return cached.counts;
    const fresh = featureCounts(example.doc, this.options.titleWeight);
    this.counts.set(example.key, { text, counts: fresh });
    return fresh;
  }
}

const textOf = (example: Example) => `${example.doc.title}\u0000${example.doc.abstract ?? ''}\u0000${(example.doc.authors ?? []).join('\u0001')}`;

/** Judgments added, withdrawn or changed since the fit. */
function changes(fitted: Fitted, examples: readonly KeyedExample[], texts: ReadonlyMap<string, string>): number {
  let changed = 0;
  for (const example of examples) {
    const old = fitted.byKey.get(example.key);
    if (!old || old.label !== example.label || old.text !== texts.get(example.key)) changed++;
  }
  for (const key of fitted.byKey.keys()) if (!texts.has(key)) changed++;
  return changed;
}
