// One measurement of the BibTeX export, in a process of its own so its peak memory is its own.
// Prints one JSON line. Used by scripts/bench.ts.
// The exporter words its warnings with t(): English here, as in the BibTeX worker.
import '../lib/i18n-english-setup';
import { exportBibtex } from '../lib/bibtex';
import { syntheticLibrary } from './bench-library';

const size = Number(process.argv[2]);
const papers = syntheticLibrary(size);
const before = process.memoryUsage().rss;
const started = performance.now();
const text = exportBibtex(papers);
const ms = performance.now() - started;
console.log(JSON.stringify({ size, ms, bytes: Buffer.byteLength(text), rssBeforeMb: before / 2 ** 20, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
