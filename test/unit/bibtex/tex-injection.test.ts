// @vitest-environment node
/**
 * Issue #13, part 1: no text from outside can make a compile of an export read a file, write a
 * file or run anything. The hostile corpus (test/fixtures/bibtex/hostile-tex.ts) is exported and
 * built for real, with a canary file outside the build folder that every string tries to read:
 *
 * - pdflatex + bibtex with `alpha` (UTF-8) and with `plainnat` (ASCII), which prints DOIs and
 *   URLs as plain text; lualatex (where `\directlua` exists) + bibtex with `plainnat` and `url`
 *   (UTF-8); biber checks the same .bib against biblatex's data model;
 * - `-recorder` lists every file the engine opened: none is the canary or its folder, none is
 *   written but the document's own outputs, and the build folder holds nothing else afterwards;
 * - the canary's marker is in no log or .bbl, the canary's folder gains no file, and the build
 *   has 0 errors.
 *
 * A control build writes the titles unescaped: it must show the canary read and a file
 * written, or the checks above prove nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBibtexWithReport, type ExportOptions } from '../../../lib/bibtex';
import { UNDERSCORE_DOI_PAPER, hostilePapers, hostileStrings } from '../../fixtures/bibtex/hostile-tex';
import { buildBibliography, warmFontCache, type BuildOptions, type BuildOutcome } from '../../latex';

const TOOLS = ['pdflatex', 'lualatex', 'bibtex', 'biber'] as const;
const missing = TOOLS.filter((tool) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status !== 0);
const skip = missing.length > 0 && !process.env.CI;
if (skip) console.warn(`\n!!! SKIPPED: TeX injection builds. Not found: ${missing.join(', ')} !!!\n`);

const canaryDir = mkdtempSync(join(tmpdir(), 'papershelf-canary-'));
const canary = join(canaryDir, 'secret');
const MARKER = `CANARY${process.pid}READ`;
// Read as TeX, the file prints its marker into the log and the document.
writeFileSync(`${canary}.tex`, `\\message{${MARKER}}${MARKER}\n`);
writeFileSync(canary, `\\message{${MARKER}}${MARKER}\n`);
afterAll(() => rmSync(canaryDir, { recursive: true, force: true }));

/** What a build may leave in its folder, and the files the engine itself may write. */
const BUILD_FILES = ['doc.aux', 'doc.bbl', 'doc.blg', 'doc.fls', 'doc.log', 'doc.pdf', 'doc.tex', 'refs.bib', 'refs.bib.blg', 'refs_bibertool.bib'];
const ENGINE_OUTPUTS = ['doc.aux', 'doc.log', 'doc.pdf'];
/** Files the engine may read from the build folder (relative paths in the .fls). */
const ENGINE_INPUTS = ['doc.aux', 'doc.bbl', 'doc.tex'];

function exported(options: ExportOptions, papers = hostilePapers(canary)): { text: string; keys: string[] } {
  return exportBibtexWithReport(papers, options);
}

/** Everything a build must show for the export to be harmless. */
function expectHarmless(outcome: BuildOutcome, keys: string[]): void {
  expect(outcome.recorded.filter((line) => line.includes(canaryDir))).toEqual([]);
  // lualatex writes `./doc.aux` where pdflatex writes `doc.aux`.
  const path = (line: string) => line.replace(/^(?:INPUT|OUTPUT) (?:\.\/)?/, '');
  const outputs = outcome.recorded.filter((line) => line.startsWith('OUTPUT ')).map(path);
  expect([...new Set(outputs)].sort()).toEqual(ENGINE_OUTPUTS);
  const inputs = outcome.recorded.filter((line) => line.startsWith('INPUT ')).map(path);
  // The engine reads its own tree (absolute paths outside the temporary folder) and the document.
  expect(inputs.filter((path) => path.startsWith(tmpdir()))).toEqual([]);
  expect([...new Set(inputs.filter((path) => !path.startsWith('/')))].sort()).toEqual(ENGINE_INPUTS);
  expect(outcome.files).toEqual(BUILD_FILES);
  expect(outcome.log).not.toContain(MARKER);
  expect(outcome.bbl).not.toContain(MARKER);
  expect(readdirSync(canaryDir).sort()).toEqual(['secret', 'secret.tex']);
  expect(outcome.latexErrors).toEqual([]);
  expect(outcome.bibtexStatus).toBe(0);
  expect([...outcome.bibitems].sort()).toEqual([...keys].sort());
  expect(outcome.biberProblems).toEqual([]);
  expect(outcome.biberStatus).toBe(0);
}

describe('the hostile corpus', () => {
  it('holds each string of the issue', () => {
    const strings = hostileStrings(canary);
    expect(strings).toContain(`Kernel Tricks $\\^^69nput{${canary}}$ for Sparse Attention`);
    expect(strings).toContain(`Robust $\\InputIfFileExists{${canary}}{}{}$ Estimation`);
    expect(strings).toContain('Streaming $\\imm^^65diate\\openo^^75t15=pwned \\imm^^65diate\\wr^^69te15{owned}\\imm^^65diate\\closeo^^75t15$ Decoding');
    expect(strings).toContain(`10.1234/x^^5cInputIfFileExists^^7b${canary}^^7d^^7b^^7d^^7b^^7d`);
  });

  it('is exported with its text escaped: no command of its own, no ^^, nothing of the fields never exported', () => {
    for (const ascii of [false, true]) {
      const { text } = exported({ ascii });
      for (const command of ['input', 'InputIfFileExists', 'immediate', 'openout', 'write', 'csname', 'def', 'let', 'expandafter', 'string', 'catcode', 'openin', 'read', 'pdfximage', 'pdfobj', 'directlua', 'luaexec', 'INPUT', 'Input', 'inp']) {
        expect(text).not.toContain(`\\${command}`);
      }
      expect(text).not.toContain('^');
      // Only the two real DOIs are written; the hostile ones are left out.
      expect([...text.matchAll(/ doi = \{([^}]*)\}/g)].map((match) => match[1])).toEqual([
        '10.1002/(SICI)1097-4636(199706)35:4<443::AID-JBM5>3.0.CO;2-C',
        '10.1007/978-3-319-10602-1_48',
      ]);
      // The category `cs.\input` is not an arXiv category: only the others' cs.CR is written.
      expect(new Set([...text.matchAll(/ primaryClass = \{([^}]*)\}/g)].map((match) => match[1]))).toEqual(new Set(['cs.CR']));
    }
  });
});

describe.skipIf(skip).concurrent('exported hostile text compiles without reading, writing or running anything', () => {
  beforeAll(async () => {
    if (missing.length === 0) await warmFontCache();
  }, 120_000);

  const natbib = ['\\usepackage{natbib}'];
  const withoutUnderscoreDoi = hostilePapers(canary).filter((paper) => paper.id !== UNDERSCORE_DOI_PAPER);
  const builds: Array<{ name: string; exportOptions: ExportOptions; build: BuildOptions; papers?: typeof withoutUnderscoreDoi }> = [
    // alpha makes labels from names and keys with text.prefix$, which cuts text short.
    { name: 'pdflatex, alpha, UTF-8', exportOptions: {}, build: { style: 'alpha', preamble: ['\\usepackage[utf8]{inputenc}'] } },
    {
      // natbib without the url package prints DOIs and URLs as plain text, where TeX would decode
      // the ^^ notation of a DOI.
      name: 'pdflatex, plainnat (DOIs and URLs as text), ASCII',
      exportOptions: { ascii: true },
      build: { style: 'plainnat', preamble: natbib },
      papers: withoutUnderscoreDoi,
    },
    { name: 'lualatex, plainnat with url, UTF-8', exportOptions: {}, build: { engine: 'lualatex', style: 'plainnat', preamble: [...natbib, '\\usepackage{url}'] } },
  ];
  for (const { name, exportOptions, build, papers } of builds) {
    it(name, { timeout: 180_000 }, async () => {
      const { text, keys } = exported(exportOptions, papers);
      const outcome = await buildBibliography(text, build);
      expectHarmless(outcome, keys);
      // The hostile text is in the bibliography, as visible characters.
      expect(outcome.bbl).toContain('{\\textbackslash}{\\textasciicircum}{\\textasciicircum}69nput');
      if (build.style === 'plainnat') {
        expect(outcome.bbl).toContain('\\doi{10.1002/(SICI)1097-4636(199706)35:4<443::AID-JBM5>3.0.CO;2-C}');
        expect(outcome.bbl).toContain('\\url{https://arxiv.org/abs/2501.10001}');
        if (papers === undefined) expect(outcome.bbl).toContain('\\doi{10.1007/978-3-319-10602-1_48}');
      }
    });
  }

  it('the checks catch what they are there for: the issue\'s strings, written verbatim, read the canary and write a file', { timeout: 180_000 }, async () => {
    const [kernel, robust, streaming] = hostileStrings(canary);
    const bib = [kernel, robust, streaming]
      .map((title, index) => `@misc{raw${index},\n  title = {${title}},\n  author = {Eve, Mallory},\n  year = {2025}\n}\n`)
      .join('\n');
    const outcome = await buildBibliography(bib);
    expect(outcome.recorded.filter((line) => line.includes(canaryDir)).length).toBeGreaterThan(0);
    expect(outcome.log).toContain(MARKER);
    expect(outcome.files).toContain('pwned.tex');
  });
});
