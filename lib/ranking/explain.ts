import type { RankingDoc, SparseVector } from './features';
import type { Scorer } from './model';

/** Why a paper ranks where it does, in its own words. */
export interface Explanation {
  /** The features that pushed it up most, as the paper writes them ("gaussian splatting", "Jane Doe"). */
  terms: string[];
  /** The saved paper it shares those features with most, when one shares at least two. */
  like?: string;
}

/**
 * The heaviest positive contributions (weight × the paper's feature value) of a paper's score,
 * said as phrases: a word pair replaces the words it contains, and pairs that chain ("novel view",
 * "view synthesis") read as one phrase ("novel view synthesis"). Authors lose their `@` prefix.
 * Linear in the paper's features plus the model's remembered saved papers.
 */
export function explain(scorer: Scorer, doc: RankingDoc, limit = 3): Explanation {
  return explainVector(scorer, scorer.vectorOf(doc), limit);
}

/** The same for a paper already made a vector (`Scorer.vectorOf`). */
export function explainVector(scorer: Scorer, vector: SparseVector, limit = 3): Explanation {
  const { model } = scorer;
  const contributions: Array<{ feature: number; weight: number }> = [];
  for (let k = 0; k < vector.index.length; k++) {
    const weight = model.weights[vector.index[k]!]! * vector.value[k]!;
    if (weight > 0) contributions.push({ feature: vector.index[k]!, weight });
  }
  contributions.sort((a, b) => b.weight - a.weight);
  const terms = phrases(contributions.slice(0, CANDIDATES).map(({ feature }) => model.terms[feature]!)).slice(0, limit);
  const top = new Set(contributions.slice(0, 12).map((c) => c.feature));
  let like: string | undefined;
  let shared = 1;
  for (const saved of model.likes) {
    let count = 0;
    for (const feature of saved.features) if (top.has(feature)) count++;
    if (count > shared) {
      shared = count;
      like = saved.title;
    }
  }
  return like === undefined ? { terms } : { terms, like };
}

/**
 * A score as a reader (and a screen reader) takes it: a relevance from 0 to 100 (the SVM's margin
 * squashed: +1, where saved papers sit, is 88; -1, where hidden ones sit, is 12) and a word.
 */
export function relevanceOf(score: number): { percent: number; words: string } {
  const percent = Math.round(100 / (1 + Math.exp(-2 * score)));
  const words = percent >= 75 ? 'high' : percent >= 50 ? 'medium' : percent >= 25 ? 'low' : 'very low';
  return { percent, words };
}

/** How many of the heaviest features are turned into phrases. */
const CANDIDATES = 10;

/** Heaviest first: words inside a pair dropped, chaining pairs joined, authors without `@`. */
function phrases(features: readonly string[]): string[] {
  const pairs = features.filter((term) => term.includes(' '));
  const inPairs = new Set(pairs.flatMap((pair) => pair.split(' ')));
  const out: string[][] = [];
  for (const term of features) {
    if (term.startsWith('@')) {
      out.push([term.slice(1)]);
      continue;
    }
    const parts = term.split(' ');
    if (parts.length === 1) {
      if (!inPairs.has(term)) out.push(parts);
      continue;
    }
    // Joined to a phrase it continues or starts ("novel view" + "view synthesis").
    const after = out.find((phrase) => phrase.length > 1 && phrase.at(-1) === parts[0]);
    if (after) after.push(parts[1]!);
    else {
      const before = out.find((phrase) => phrase.length > 1 && phrase[0] === parts[1]);
      if (before) before.unshift(parts[0]!);
      else out.push(parts);
    }
  }
  return out.map((phrase) => phrase.join(' '));
}
