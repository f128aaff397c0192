// Pure: learns "For you" from saves and hides, scores papers, explains scores (DESIGN.md).
export { featureCounts, type RankingDoc } from './features';
export { SHIPPED, scorer, trainModel, type Example, type RankingModel, type Scorer } from './model';
export { RankingTrainer, type KeyedExample } from './trainer';
export { explain, explainVector, relevanceOf, type Explanation } from './explain';
export { MIN_HIDES, MIN_SAVES, readiness, type Readiness } from './readiness';
export { authorKey, terms, words } from './tokens';
