// Tuning the shipped ranker's settings on listing days BEFORE the six evaluation days (never on
// them): `npx tsx scripts/ranking-tune.ts`. Counts each paper's features once per title weight
// and trains the shipped code (trainFromCounts) for every setting of a small grid.
import { featureCounts } from '../lib/ranking/features.ts';
import { SHIPPED, scorer, trainFromCounts, type RankerOptions } from '../lib/ranking/model.ts';
import { EVALUATION_DAYS, evaluationDays, loadDataset, mean, quality, rankOf, readerSplits, type DataPaper } from './ranking-protocol.ts';

const data = loadDataset();
const days = evaluationDays(data, Number(process.env.TUNE_DAYS ?? EVALUATION_DAYS), EVALUATION_DAYS);
const splits = readerSplits(data, days);
console.log(`tuning on ${days.map((d) => data.days[d]!.date).join(', ')} (${splits.length} pairs), before the evaluation days`);
const cache = new Map<number, Map<DataPaper, Map<string, number>>>();
const countsOf = (paper: DataPaper, titleWeight: number) => {
  let byPaper = cache.get(titleWeight);
  if (!byPaper) cache.set(titleWeight, (byPaper = new Map()));
  let counts = byPaper.get(paper);
  if (!counts) byPaper.set(paper, (counts = featureCounts(paper, titleWeight)));
  return counts;
};
const grid: Array<Partial<RankerOptions>> = JSON.parse(process.env.GRID ?? '[{}]');
for (const change of grid) {
  const options = { ...SHIPPED, ...change };
  const results = splits.map((split) => {
    const judged = [...split.saved, ...split.hidden];
    const examples = judged.map((doc, i) => ({ doc, label: (i < split.saved.length ? 1 : -1) as 1 | -1 }));
    const model = trainFromCounts(examples, judged.map((paper) => countsOf(paper, options.titleWeight)), options);
    const score = scorer(model);
    return quality(rankOf(split.evaluation.map((paper) => score.score(paper))), split.relevant);
  });
  const q = mean(results);
  console.log(`${JSON.stringify(change)}\tMAP ${q.map.toFixed(3)}\tP@10 ${q.p10.toFixed(3)}\tnDCG@20 ${q.ndcg20.toFixed(3)}`);
}
