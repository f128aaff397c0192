// `npm run bench:import` (also part of `npm run bench`): how fast a .bib file is read, on a
// generated 2 MB file in the shapes reference managers write (Zotero and Better BibTeX entries
// with abstracts, accents, math titles, keywords; Google Scholar and INSPIRE entries; @strings).
// Beside it, in the same run, the baseline: Better BibTeX's parser on the whole file, which is
// what the importer did before it had a scanner of its own. Prints MB/s, median of a few runs.
// Refused tags and entries explain themselves in words from the English catalogue.
import '../lib/i18n-english-setup';
import { parse } from '@retorquere/bibtex-parser';
import { parseBibtexLibrary } from '../lib/import/bibtex-import';
import { PARSER_OPTIONS } from '../lib/import/tex-render';
import { median } from './bench-stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_BYTES = 2 * 1024 * 1024;

const SURNAMES = ['M{\\"u}ller', 'Garc{\\\'i}a', 'Chen', 'van der Berg', 'Nakamura', 'Smith', 'Erd{\\H{o}}s', 'Kowalski', 'Dubois', 'Ivanov', 'Zhang', 'Šimůnek'];
const FIRST = ['J{\\"o}rg', 'Ana', 'Wei', 'Jan', 'Hiro', 'Alice', 'P{\\\'a}l', 'Marta', 'Luc', 'Olga', 'Li', 'Petr'];
const WORDS = ['learning', 'neural', 'quantum', 'graph', 'diffusion', 'transformer', 'optimal', 'transport', 'sparse', 'bounds', 'field', 'theory', 'models', 'data'];
const SENTENCE = 'We study the problem of learning representations from data with many samples and show that our method improves on prior work by a wide margin. ';

function pick<T>(list: readonly T[], index: number): T {
  return list[index % list.length]!;
}

function authors(index: number): string {
  return Array.from({ length: 3 + (index % 6) }, (_, k) => `${pick(SURNAMES, index + k)}, ${pick(FIRST, index * 7 + k)}`).join(' and ');
}

function title(index: number): string {
  const words = Array.from({ length: 6 + (index % 5) }, (_, k) => pick(WORDS, index * 3 + k));
  if (index % 5 === 0) words.splice(2, 0, '{$\\mathcal{O}(n \\log n)$}');
  if (index % 7 === 0) words.unshift('{BERT}:');
  return words.join(' ');
}

function id(index: number): string {
  return `${2001 + (index % 24)}.${String(10_000 + index).slice(-5)}`;
}

function entry(index: number): string {
  switch (index % 4) {
    case 0: // Zotero
      return `@misc{zotero_${index},\n\ttitle = {${title(index)}},\n\turl = {https://arxiv.org/abs/${id(index)} http://arxiv.org/abs/${id(index)}},\n\tabstract = {${SENTENCE.repeat(6)}At 50\\% of the cost \\& more.},\n\tauthor = {${authors(index)}},\n\tmonth = jul,\n\tyear = {2020},\n\tnote = {arXiv:${id(index)} [cs]},\n\tkeywords = {/unread, Computer Science - Machine Learning, mine},\n\tfile = {arXiv Fulltext PDF:/home/u/Zotero/storage/${index}.pdf:application/pdf},\n}\n`;
    case 1: // Better BibTeX
      return `@online{bbt${index},\n  title = {${title(index)}},\n  author = {${authors(index)}},\n  date = {2021-03-04},\n  eprint = {${id(index)}},\n  eprinttype = {arxiv},\n  eprintclass = {cs.LG},\n  abstract = {${SENTENCE.repeat(5)}With $x^2$ terms.},\n  keywords = {generative models, optimal transport}\n}\n`;
    case 2: // Google Scholar
      return `@article{scholar${index},\n  title={${title(index).toLowerCase()}},\n  author={${authors(index)}},\n  journal={arXiv preprint arXiv:${id(index)}},\n  year={2019}\n}\n`;
    default: // INSPIRE, a journal @string
      return `@article{Inspire:${index},\n    author = "${authors(index)}",\n    title = "{${title(index)}}",\n    eprint = "${id(index)}",\n    archivePrefix = "arXiv",\n    primaryClass = "hep-th",\n    journal = prd,\n    volume = "${index % 100}",\n    pages = "${index}--${index + 10}",\n    year = "2018"\n}\n`;
  }
}

export function realisticBib(targetBytes = TARGET_BYTES): string {
  const parts = ['@string{prd = "Phys. Rev. D"}\n\n'];
  let bytes = 0;
  for (let index = 0; bytes < targetBytes; index++) {
    const text = entry(index);
    parts.push(text, '\n');
    bytes += Buffer.byteLength(text) + 1;
  }
  return parts.join('');
}

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

export function benchImport(): void {
  const text = realisticBib();
  const megabytes = Buffer.byteLength(text) / 1_000_000;
  const check = parseBibtexLibrary(text);
  if (!check.ok || check.rejected.length > 0) throw new Error('the generated file should read whole');
  const importer = median(Array.from({ length: RUNS }, () => time(() => parseBibtexLibrary(text))));
  const baseline = median(Array.from({ length: Math.min(RUNS, 2) }, () => time(() => parse(text, PARSER_OPTIONS))));
  const row = (name: string, ms: number) => `| ${name} | ${(ms / 1000).toFixed(2)} s | ${(megabytes / (ms / 1000)).toFixed(2)} MB/s |`;
  console.log(`\n.bib import: a generated ${megabytes.toFixed(2)} MB file, ${check.papers.length.toLocaleString('en')} entries (median of ${RUNS} runs, Node ${process.version}):\n`);
  console.log('| reader | time | speed |');
  console.log('| ------ | ---- | ----- |');
  console.log(row('the importer (scanner, short TeX reader, parser for the rest)', importer));
  console.log(row("baseline: Better BibTeX's parser on the whole file (the importer before)", baseline));
}

if (process.argv[1]?.endsWith('bench-import.ts')) benchImport();
