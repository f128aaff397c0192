// Realistic synthetic libraries for the benchmarks: titles, authors and abstracts shaped like
// arXiv's (lengths, accents, TeX, acronyms), about half of the papers hidden. Deterministic.
import type { PaperRecord } from '../lib/paper/model';

const WORDS = 'learning neural diffusion transformer attention graph quantum spectral sparse robust efficient scalable language vision reinforcement policy optimal inference bayesian causal contrastive generative adversarial memory retrieval reasoning agents tokens latent manifold kernel stochastic gradient convex federated privacy alignment benchmark dataset evaluation multimodal embedding'.split(' ');
const NAMES = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Søren Kierkegaard', 'Zoë Müller', 'Łukasz Kaiser', 'Ludwig van Beethoven', 'Juan de la Cruz', 'Wei Zhang', 'Yuki Tanaka', 'José Núñez', 'Martin Luther King Jr.', 'Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'];
const ACRONYMS = ['LLM', 'GPT-4', 'LoRA', 'BERT', 'ViT', 'RL', '3D', 'MLOps'];

/** A small deterministic generator, so every run measures the same library. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function syntheticLibrary(size: number, seed = 42): PaperRecord[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const words = (count: number) => Array.from({ length: count }, () => pick(WORDS)).join(' ');
  const papers: PaperRecord[] = [];
  for (let index = 0; index < size; index++) {
    const month = 1 + (index % 12);
    const id = `${String(15 + (index % 11)).padStart(2, '0')}${String(month).padStart(2, '0')}.${String(index % 100_000).padStart(5, '0')}`;
    const created = 1_700_000_000_000 + index * 60_000;
    const title = `${pick(ACRONYMS)}: ${words(4)} with $\\alpha$-${pick(WORDS)} & ${words(3)}`.replace(/^./, (c) => c.toUpperCase());
    const authorCount = 1 + Math.floor(next() * 12);
    const paper: PaperRecord = {
      id: `arxiv:${id}`,
      title,
      authors: Array.from({ length: authorCount }, () => pick(NAMES)),
      abstract: `${words(120)}. We report 95% accuracy on ${pick(ACRONYMS)}.`,
      publishedAt: `20${id.slice(0, 2)}-${id.slice(2, 4)}-15`,
      primaryCategory: pick(['cs.CL', 'cs.LG', 'cs.CV', 'stat.ML', 'quant-ph']),
      sources: { arxiv: `https://arxiv.org/abs/${id}` },
      tags: next() < 0.3 ? [pick(['to-read', 'llm', 'vision', 'theory'])] : [],
      createdAt: created,
      updatedAt: created,
    };
    if (index % 2 === 0) paper.hiddenAt = created;
    else paper.savedAt = created;
    papers.push(paper);
  }
  return papers;
}
