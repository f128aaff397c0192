import { featureCounts } from './features';
import { SHIPPED, trainFromCounts, type Example, type RankerOptions, type RankingModel } from './model';

/** A judged paper with a stable key (its arXiv id), so its features are counted once. */
export interface KeyedExample extends Example {
  key: string;
}

/**
 * Trains the model again after each save or hide without reading every paper's text again: the
 * features of each judged paper are kept by key, so an update counts only the papers that are new
 * or changed, then refits the vocabulary and the SVM (which need all papers, and are the fast part).
 */
export class RankingTrainer {
  private readonly counts = new Map<string, { text: string; counts: Map<string, number> }>();

  constructor(private readonly options: RankerOptions = SHIPPED) {}

  train(examples: readonly KeyedExample[]): RankingModel {
    const live = new Set<string>();
    const counts = examples.map((example) => {
      live.add(example.key);
      const text = `${example.doc.title}\u0000${example.doc.abstract ?? ''}\u0000${(example.doc.authors ?? []).join('\u0001')}`;
      const cached = this.counts.get(example.key);
      if (cached && cached.text === text) return cached.counts;
      const fresh = featureCounts(example.doc, this.options.titleWeight);
      this.counts.set(example.key, { text, counts: fresh });
      return fresh;
    });
    for (const key of this.counts.keys()) if (!live.has(key)) this.counts.delete(key);
    return trainFromCounts(examples, counts, this.options);
  }
}
