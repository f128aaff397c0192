// Scratch: variants of the ranker measured on the development days (the six usable days before the
// evaluation days). `VARIANTS='[{...},...]' npx tsx scripts/ranking-experiments.ts`
import { authorKey, words } from '../lib/ranking/tokens.ts';
import { buildVocabulary, dot, vectorize, type SparseVector } from '../lib/ranking/features.ts';
import { trainSvm } from '../lib/ranking/svm.ts';
import { EVALUATION_DAYS, evaluationDays, loadDataset, mean, quality, rankOf, readerSplits, type DataPaper } from './ranking-protocol.ts';

interface Variant {
  name?: string;
  c: number;
  titleWeight: number;
  authorWeight: number;
  minDf: number;
  idfFrom: 'judged' | 'seen' | 'seenEval';
  nb: number; // 0 off, else smoothing alpha
  nbPow: number;
  rocchio: number; // weight of (centroid+ - centroid-)
  rocchioNeg: number;
  stem: boolean;
  bigrams: boolean;
  unjudgedNeg: number; // 0 off, else weight (c multiplier) for unjudged seen papers as negatives
  posWeight: number; // multiplier on the positive class cost beyond balanced
  evalDays: boolean;
  loss: 'squared' | 'hinge';
  knnK: number;
  knn: number;
  knnNeg: number;
  clean: number; // 0 off; else drop positives whose first-fit score is below this quantile of negatives' scores... see code
  cleanMode: 'drop' | 'soft';
}
const BASE: Variant = { c: 0.1, titleWeight: 2, authorWeight: 4, minDf: 2, idfFrom: 'judged', nb: 0, nbPow: 1, rocchio: 0, rocchioNeg: 1, stem: false, bigrams: true, unjudgedNeg: 0, posWeight: 1, evalDays: false, loss: 'squared', knnK: 10, knn: 0, knnNeg: 1, clean: 0, cleanMode: 'drop' };

const data = loadDataset();
const variants: Variant[] = (JSON.parse(process.env.VARIANTS ?? '[{}]') as Partial<Variant>[]).map((v) => ({ ...BASE, ...v }));
const onlyCats = process.env.CATS ? process.env.CATS.split(',') : undefined;

function stemWord(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith('ies') && w.length > 5) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

const tokenCache = new Map<DataPaper, { t: string[]; a: string[]; au: string[] }>();
function tokensOf(p: DataPaper) {
  let c = tokenCache.get(p);
  if (!c) tokenCache.set(p, (c = { t: words(p.title), a: words(p.abstract), au: p.authors.map(authorKey).filter(Boolean) }));
  return c;
}
const countCache = new Map<string, Map<DataPaper, Map<string, number>>>();
function countsOf(p: DataPaper, v: Variant): Map<string, number> {
  const key = `${v.titleWeight}|${v.stem}|${v.bigrams}`;
  let m = countCache.get(key);
  if (!m) countCache.set(key, (m = new Map()));
  let c = m.get(p);
  if (c) return c;
  c = new Map();
  const add = (t: string, by: number) => c!.set(t, (c!.get(t) ?? 0) + by);
  const tk = tokensOf(p);
  const part = (ws: string[], by: number) => {
    const s = v.stem ? ws.map(stemWord) : ws;
    for (const w of s) add(w, by);
    if (v.bigrams) for (let i = 1; i < s.length; i++) add(`${s[i - 1]} ${s[i]}`, by);
  };
  part(tk.t, v.titleWeight);
  part(tk.a, 1);
  for (const a of tk.au) add(`@${a}`, 1);
  m.set(p, c);
  return c;
}

function run(v: Variant) {
  const days = evaluationDays(data, EVALUATION_DAYS, v.evalDays ? 0 : EVALUATION_DAYS);
  const splits = readerSplits(data, days, onlyCats);
  const results = splits.map((split) => {
    const judged = [...split.saved, ...split.hidden];
    const judgedSet = new Set(judged);
    const labels: (1 | -1)[] = judged.map((_, i) => (i < split.saved.length ? 1 : -1));
    const unjudged = v.unjudgedNeg > 0 ? split.seen.filter((p) => !judgedSet.has(p)) : [];
    const idfDocs = v.idfFrom === 'judged' ? judged : v.idfFrom === 'seen' ? split.seen : [...split.seen, ...split.evaluation];
    const vocab = buildVocabulary(idfDocs.map((p) => countsOf(p, v)), { minDf: v.minDf, maxDfShare: 1, maxFeatures: 50_000, authorWeight: v.authorWeight });
    let vectors: SparseVector[] = judged.map((p) => vectorize(vocab, countsOf(p, v)));
    const dims = vocab.terms.length;
    let r: Float64Array | undefined;
    if (v.nb > 0) {
      const p = new Float64Array(dims).fill(v.nb);
      const q = new Float64Array(dims).fill(v.nb);
      vectors.forEach((x, i) => {
        const t = labels[i]! > 0 ? p : q;
        for (let k = 0; k < x.index.length; k++) t[x.index[k]!] += 1;
      });
      let sp = 0, sq = 0;
      for (let j = 0; j < dims; j++) { sp += p[j]!; sq += q[j]!; }
      r = new Float64Array(dims);
      for (let j = 0; j < dims; j++) {
        const l = Math.log(p[j]! / sp / (q[j]! / sq));
        r[j] = Math.sign(l) * Math.abs(l) ** v.nbPow;
      }
      const scale = (x: SparseVector): SparseVector => ({ index: x.index, value: Float32Array.from(x.value, (val, k) => val * Math.abs(r![x.index[k]!]!)) });
      vectors = vectors.map(scale);
    }
    let allVectors = vectors;
    let allLabels = labels;
    if (unjudged.length) {
      allVectors = [...vectors, ...unjudged.map((p) => vectorize(vocab, countsOf(p, v)))];
      allLabels = [...labels, ...unjudged.map(() => -1 as const)];
    }
    const svmOptions = { c: v.c, maxPasses: v.loss === 'hinge' ? 60 : 30, seed: 1, loss: v.loss, positiveWeight: v.posWeight };
    let sol = trainSvm(allVectors, allLabels, dims, svmOptions);
    if (v.clean !== 0) {
      // Positives scored by the first fit: those that look like the hidden ones are likely saved by mistake.
      // Leave-one-out margins to first order: without example i, w loses alpha_i·y_i·x_i (and the bias alpha_i·y_i).
      const margins = allVectors.map((x, i) => {
        let sq = 1;
        for (const val of x.value) sq += val * val;
        return dot(sol.weights, x) + sol.bias - allLabels[i]! * sol.alpha[i]! * sq;
      });
      const negs = margins.filter((_, i) => allLabels[i]! < 0).sort((a, b) => a - b);
      const cut = negs[Math.min(negs.length - 1, Math.floor(v.clean * negs.length))]!;
      const costs = margins.map((m, i) => (allLabels[i]! > 0 ? (v.cleanMode === 'drop' ? (m < cut ? 0.0001 : 1) : 1 / (1 + Math.exp(-4 * (m - cut)))) : 1));
      sol = trainSvm(allVectors, allLabels, dims, { ...svmOptions, costs });
    }
    const w = sol.weights;
    if (v.rocchio > 0) {
      const npos = split.saved.length, nneg = split.hidden.length;
      vectors.forEach((x, i) => {
        const f = labels[i]! > 0 ? v.rocchio / npos : (-v.rocchio * v.rocchioNeg) / nneg;
        for (let k = 0; k < x.index.length; k++) w[x.index[k]!] += f * x.value[k]!;
      });
    }
    // Inverted index of the judged papers' vectors (before NB scaling), for kNN.
    let postings: Array<Array<[number, number]>> | undefined;
    const plain = v.knn > 0 ? judged.map((p) => vectorize(vocab, countsOf(p, v))) : [];
    if (v.knn > 0) {
      postings = Array.from({ length: dims }, () => []);
      plain.forEach((x, i) => { for (let k = 0; k < x.index.length; k++) postings![x.index[k]!]!.push([i, x.value[k]!]); });
    }
    const sims = new Float64Array(judged.length);
    const topMean = (from: number, to: number, k: number) => {
      const arr = Array.from(sims.subarray(from, to)).sort((a, b) => b - a).slice(0, k);
      return arr.reduce((s, a) => s + a, 0) / Math.max(1, arr.length);
    };
    const scores = split.evaluation.map((p) => {
      const raw = vectorize(vocab, countsOf(p, v));
      let x = raw;
      if (r) x = { index: x.index, value: Float32Array.from(x.value, (val, k) => val * Math.abs(r![x.index[k]!]!)) };
      let s = dot(w, x) + sol.bias;
      if (postings) {
        sims.fill(0);
        for (let k = 0; k < raw.index.length; k++) for (const [i, val] of postings[raw.index[k]!]!) sims[i] += val * raw.value[k]!;
        const ns = split.saved.length;
        s += v.knn * (topMean(0, ns, v.knnK) - v.knnNeg * topMean(ns, judged.length, v.knnK));
      }
      return s;
    });
    return quality(rankOf(scores), split.relevant);
  });
  const q = mean(results);
  const { name, ...rest } = v;
  const diff = Object.fromEntries(Object.entries(rest).filter(([k, val]) => (BASE as unknown as Record<string, unknown>)[k] !== val));
  console.log(`${name ?? ''} ${JSON.stringify(diff)}\tMAP ${q.map.toFixed(4)}\tP@10 ${q.p10.toFixed(3)}\tnDCG@20 ${q.ndcg20.toFixed(3)}\t(${splits.length} pairs)`);
}

for (const v of variants) run(v);
