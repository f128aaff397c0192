#!/usr/bin/env node
// Writes the sample listing pages that `npm start` shows offline or with `--demo`
// (scripts/demo-pages/). They are built from the project's own test fixtures by the same builders
// the end-to-end tests use, so their markup is one the adapters are known to read; the papers are
// well-known public arXiv papers. Run by hand after a fixture changes: node scripts/make-demo-pages.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arxivNew, huggingFaceDaily, type ListedPaper } from '../test/e2e/listing-pages.ts';
import { DEMO_DIR, DEMO_FILES } from './demo-site.ts';

const HUGGING_FACE: ListedPaper[] = [
  { id: '1706.03762', title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez', 'Lukasz Kaiser', 'Illia Polosukhin'], abstract: 'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks. We propose a new simple network architecture, the Transformer, based solely on attention mechanisms.' },
  { id: '1810.04805', title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding', authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'], abstract: 'We introduce a new language representation model called BERT, designed to pre-train deep bidirectional representations from unlabeled text.' },
  { id: '2010.11929', title: 'An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale', authors: ['Alexey Dosovitskiy', 'Lucas Beyer', 'Alexander Kolesnikov', 'Dirk Weissenborn'], abstract: 'We show that a pure transformer applied directly to sequences of image patches can perform very well on image classification tasks.' },
  { id: '2006.11239', title: 'Denoising Diffusion Probabilistic Models', authors: ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel'], abstract: 'We present high quality image synthesis results using diffusion probabilistic models, a class of latent variable models inspired by considerations from nonequilibrium thermodynamics.' },
  { id: '2106.09685', title: 'LoRA: Low-Rank Adaptation of Large Language Models', authors: ['Edward J. Hu', 'Yelong Shen', 'Phillip Wallis', 'Zeyuan Allen-Zhu', 'Yuanzhi Li', 'Shean Wang', 'Lu Wang', 'Weizhu Chen'], abstract: 'We propose Low-Rank Adaptation, or LoRA, which freezes the pre-trained model weights and injects trainable rank decomposition matrices into each layer of the Transformer architecture.' },
  { id: '2005.14165', title: 'Language Models are Few-Shot Learners', authors: ['Tom B. Brown', 'Benjamin Mann', 'Nick Ryder', 'Melanie Subbiah'], abstract: 'We show that scaling up language models greatly improves task-agnostic, few-shot performance, sometimes even reaching competitiveness with prior state-of-the-art fine-tuning approaches.' },
];

const ARXIV: ListedPaper[] = [
  { id: '1512.03385', title: 'Deep Residual Learning for Image Recognition', authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'], abstract: 'We present a residual learning framework to ease the training of networks that are substantially deeper than those used previously.' },
  { id: '1412.6980', title: 'Adam: A Method for Stochastic Optimization', authors: ['Diederik P. Kingma', 'Jimmy Ba'], abstract: 'We introduce Adam, an algorithm for first-order gradient-based optimization of stochastic objective functions, based on adaptive estimates of lower-order moments.' },
  { id: '1312.6114', title: 'Auto-Encoding Variational Bayes', authors: ['Diederik P. Kingma', 'Max Welling'], abstract: 'We introduce a stochastic variational inference and learning algorithm that scales to large datasets and works even in the intractable case.' },
  { id: '1406.2661', title: 'Generative Adversarial Networks', authors: ['Ian J. Goodfellow', 'Jean Pouget-Abadie', 'Mehdi Mirza', 'Bing Xu', 'David Warde-Farley', 'Sherjil Ozair', 'Aaron Courville', 'Yoshua Bengio'], abstract: 'We propose a new framework for estimating generative models via an adversarial process.' },
  { id: '1502.03167', title: 'Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift', authors: ['Sergey Ioffe', 'Christian Szegedy'], abstract: 'Training deep neural networks is complicated by the fact that the distribution of each layer inputs changes during training.' },
  { id: '1409.0473', title: 'Neural Machine Translation by Jointly Learning to Align and Translate', authors: ['Dzmitry Bahdanau', 'Kyunghyun Cho', 'Yoshua Bengio'], abstract: 'We conjecture that the use of a fixed-length vector is a bottleneck and propose to allow a model to automatically search for parts of a source sentence that are relevant to predicting a target word.' },
];

// The sites' own stylesheets cannot be fetched offline: small stand-ins make the samples readable.
const withStyle = (html: string, css: string) => html.replace('</head>', `<style>${css}</style></head>`);
// In the sample the list and its grid are first children, which the stand-in hides on the real page.
const HF_CSS = `${readFileSync(join(DEMO_DIR, 'huggingface-stand-in.css'), 'utf8')}
main > div[data-target="DailyPapers"] { display: contents !important; }
section.container > div.grid { display: grid !important; }`;
const ARXIV_CSS = 'body { font-family: system-ui, sans-serif; max-width: 960px; margin: 0 auto; padding: 0 16px; } #header, .mobile-header, header, .search-block { display: none; }';

writeFileSync(join(DEMO_DIR, DEMO_FILES.huggingface), withStyle(huggingFaceDaily(HUGGING_FACE), HF_CSS));
// The fixture is a Materials Science list; the sample lists machine-learning papers.
writeFileSync(join(DEMO_DIR, DEMO_FILES.arxiv), withStyle(arxivNew(ARXIV).replaceAll('Materials Science', 'Machine Learning'), ARXIV_CSS));
console.log(`Wrote the sample pages in ${DEMO_DIR}`);
