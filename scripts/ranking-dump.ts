// The simulated-reader splits with the shipped ranker's scores, written as JSON for quick
// prototypes outside the project's code (scripts/ranking-prototype.py, scikit-learn): each pair's
// saved, hidden, seen and evaluation ids, which evaluation papers are in the reader's category,
// and the evaluation day's scores by the SVM alone and by the shipped model.
// `[EVAL=1] [DEV=24] npx tsx scripts/ranking-dump.ts <out.json>` (development days by default).
import { writeFileSync } from 'node:fs';
import { SHIPPED, fitFromCounts, pack, scorer, type Example } from '../lib/ranking/model.ts';
import { countedFeatures, EVALUATION_DAYS, evaluationDays, loadDataset, readerSplits, type DataPaper } from './ranking-protocol.ts';

const out = process.argv[2];
if (!out) throw new Error('usage: npx tsx scripts/ranking-dump.ts <out.json>');
const data = loadDataset();
const onEvaluationDays = process.env.EVAL === '1';
const days = onEvaluationDays ? evaluationDays(data, EVALUATION_DAYS) : evaluationDays(data, Number(process.env.DEV ?? 24), EVALUATION_DAYS);
const countsOf = countedFeatures(SHIPPED.titleWeight);
const ids = (papers: readonly DataPaper[]) => papers.map((paper) => paper.id);
const pairs = readerSplits(data, days).map((split) => {
  const judged = [...split.saved, ...split.hidden];
  const examples = judged.map((doc, i): Example => ({ doc, label: i < split.saved.length ? 1 : -1 }));
  const fit = fitFromCounts(examples, judged.map(countsOf), SHIPPED);
  const scoresBy = (options: typeof SHIPPED) => {
    const model = scorer(pack(fit.vocabulary, fit.solution.weights, fit.solution.bias, examples, fit.vectors, options), fit.vocabulary);
    return split.evaluation.map((paper) => model.score(paper));
  };
  return {
    category: split.category,
    date: split.evaluationDate,
    saved: ids(split.saved),
    hidden: ids(split.hidden),
    seen: ids(split.seen),
    evaluation: ids(split.evaluation),
    relevant: split.relevant,
    svm: scoresBy({ ...SHIPPED, nearWeight: 0 }),
    shipped: scoresBy(SHIPPED),
  };
});
writeFileSync(out, JSON.stringify(pairs));
console.log(`${pairs.length} reader-days on ${onEvaluationDays ? 'the evaluation' : 'development'} days → ${out}`);
