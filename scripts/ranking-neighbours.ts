// The neighbour term of the shipped ranker (lib/ranking/neighbours.ts), measured on the simulated-
// reader protocol: the shipped model against the same SVM without the term, and the share of
// judged papers above which a feature is left out of the neighbour index. Development days by
// default (the DEV usable days before the evaluation days; 24 gives 274 reader-days, four times
// the six days the other settings were chosen on), `EVAL=1` for the evaluation days.
// `[DEV=24] [SHARES=1,0.1,0.05] npx tsx scripts/ranking-neighbours.ts`
import { SHIPPED, fitFromCounts, pack, scorer, type Example, type RankerOptions } from '../lib/ranking/model.ts';
import { countedFeatures, EVALUATION_DAYS, evaluationDays, loadDataset, mean, quality, rankOf, readerSplits, type Quality } from './ranking-protocol.ts';

const data = loadDataset();
const onEvaluationDays = process.env.EVAL === '1';
const developmentDays = Number(process.env.DEV ?? 24);
const days = onEvaluationDays ? evaluationDays(data, EVALUATION_DAYS) : evaluationDays(data, developmentDays, EVALUATION_DAYS);
const splits = readerSplits(data, days);
const shares = (process.env.SHARES ?? `1,${SHIPPED.nearCommonShare},0.05`).split(',').map(Number);
const variants: Array<{ name: string; options: RankerOptions }> = [
  { name: 'the SVM alone (nearWeight 0)', options: { ...SHIPPED, nearWeight: 0 } },
  ...shares.map((share) => ({ name: `SVM + neighbours, features held by at most ${share} of the judged${share === SHIPPED.nearCommonShare ? ' (shipped)' : ''}`, options: { ...SHIPPED, nearCommonShare: share } })),
];
console.log(`${onEvaluationDays ? 'evaluation' : `${developmentDays} development`} days, ${splits.length} reader-days`);

const countsOf = countedFeatures(SHIPPED.titleWeight);
const results = variants.map(() => [] as Quality[]);
const milliseconds = variants.map(() => 0);
for (const split of splits) {
  const judged = [...split.saved, ...split.hidden];
  const examples = judged.map((doc, i): Example => ({ doc, label: i < split.saved.length ? 1 : -1 }));
  // One fit for every variant: the term changes only what is packed with the SVM's solution.
  const fit = fitFromCounts(examples, judged.map(countsOf), SHIPPED);
  variants.forEach(({ options }, index) => {
    const started = performance.now();
    const score = scorer(pack(fit.vocabulary, fit.solution.weights, fit.solution.bias, examples, fit.vectors, options), fit.vocabulary);
    const scores = split.evaluation.map((paper) => score.score(paper));
    milliseconds[index]! += performance.now() - started;
    results[index]!.push(quality(rankOf(scores), split.relevant));
  });
}
console.log('| ranker | MAP | P@10 | nDCG@20 | packing and scoring a reader-day |');
console.log('|---|---|---|---|---|');
variants.forEach(({ name }, index) => {
  const q = mean(results[index]!);
  console.log(`| ${name} | ${q.map.toFixed(4)} | ${q.p10.toFixed(3)} | ${q.ndcg20.toFixed(3)} | ${(milliseconds[index]! / splits.length).toFixed(0)} ms |`);
});
