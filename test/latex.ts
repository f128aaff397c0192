import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Compiles a .bib the way a LaTeX user would (STACK.md): a document that cites every entry, built
 * with pdflatex, bibtex (plain style) and pdflatex twice; then `biber --tool` on the same file.
 * The tools come from Debian's texlive packages; .ci/run installs them.
 */
export const LATEX_TOOLS_PRESENT = ['pdflatex', 'bibtex', 'biber'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);

if (!LATEX_TOOLS_PRESENT) {
  const message = 'pdflatex, bibtex or biber not found: BibTeX compile tests cannot run (apt-get install texlive-binaries texlive-base texlive-latex-base biber)';
  if (process.env.CI) throw new Error(`${message}; required because CI is set`);
  console.warn(`\n!!! ${message}; they are SKIPPED here and required in CI !!!\n`);
}

export interface CompileReport {
  /** `!` lines of the LaTeX log: errors a user would see. */
  latexErrors: string[];
  /** `Warning--` and error lines of bibtex's .blg. */
  bibtexProblems: string[];
  /** Keys of the entries that made it into the bibliography. */
  bblKeys: string[];
  /** biber --tool errors and warnings. */
  biberProblems: string[];
}

export function compileBibliography(bib: string, options: { utf8?: boolean } = {}): CompileReport {
  const dir = mkdtempSync(join(tmpdir(), 'papershelf-latex-'));
  try {
    writeFileSync(join(dir, 'refs.bib'), bib);
    const preamble = options.utf8 === false ? '' : '\\usepackage[utf8]{inputenc}\n';
    writeFileSync(join(dir, 'doc.tex'), `\\documentclass{article}\n${preamble}\\begin{document}\n\\nocite{*}\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n`);
    const run = (command: string, args: string[]) => spawnSync(command, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const latex = () => run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex']);
    latex();
    run('bibtex', ['doc']);
    latex();
    latex();
    const log = readFileSync(join(dir, 'doc.log'), 'latin1');
    const blg = readFileSync(join(dir, 'doc.blg'), 'latin1');
    const bbl = readFileSync(join(dir, 'doc.bbl'), 'utf8');
    const biber = run('biber', ['--tool', '--validate-datamodel', '--output-file', join(dir, 'out.bib'), join(dir, 'refs.bib')]);
    const biberLog = `${biber.stdout}\n${biber.stderr}`;
    return {
      latexErrors: log.split('\n').filter((line) => line.startsWith('!')),
      bibtexProblems: blg.split('\n').filter((line) => /^Warning--|error message|I was expecting|I'm skipping/.test(line)),
      bblKeys: [...bbl.matchAll(/\\bibitem\{([^}]+)\}/g)].map((match) => match[1]!),
      biberProblems: biberLog.split('\n').filter((line) => /\b(ERROR|WARN)\b/.test(line)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A LaTeX engine the exported BibTeX is built with. */
export type Engine = 'pdflatex' | 'lualatex';

export interface BuildOptions {
  /** Default pdflatex. */
  engine?: Engine;
  /** The bibliography style (a .bst name); default `plain`. */
  style?: string;
  /** Lines between `\documentclass{article}` and `\begin{document}`. */
  preamble?: string[];
}

export interface BuildOutcome {
  /** `!` lines of the LaTeX log with the two lines after each. */
  latexErrors: string[];
  /** "Missing character" lines: a glyph the font does not have, dropped silently. */
  missingCharacters: string[];
  /** `Warning--` lines of the .blg. */
  bibtexWarnings: string[];
  /** bibtex's exit status: 0 clean or warnings only (TeX Live), 2 errors, 3 fatal. */
  bibtexStatus: number | null;
  /** `\bibitem` keys in the .bbl, in order. */
  bibitems: string[];
  /** WARN and ERROR lines of `biber --tool --validate-datamodel`. */
  biberProblems: string[];
  biberStatus: number | null;
  /** The last LaTeX run's log. */
  log: string;
  /** The .bbl bibtex wrote. */
  bbl: string;
  /**
   * Every `INPUT`/`OUTPUT` line that `-recorder` wrote to the .fls over all LaTeX runs: each file
   * the engine opened for reading or writing, relative paths being in the build folder.
   */
  recorded: string[];
  /** The names in the build folder afterwards, sorted. */
  files: string[];
}

interface Ran {
  status: number | null;
  output: string;
}

function runTool(command: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    // A wide log: error messages are not wrapped at 79 columns.
    const child = spawn(command, args, { cwd, env: { ...process.env, max_print_line: '10000' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

/**
 * Builds a document that cites every entry of `bib` the way a LaTeX user would: LaTeX, bibtex,
 * LaTeX, LaTeX (`\nocite{*}`), in a fresh folder under the system's temporary folder, without
 * shell escape and with `-recorder`; `biber --tool --validate-datamodel` checks the .bib on its
 * own meanwhile. The folder is removed afterwards.
 */
export async function buildBibliography(bib: string, options: BuildOptions = {}): Promise<BuildOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'papershelf-bibtex-'));
  try {
    writeFileSync(join(dir, 'refs.bib'), bib);
    const document = [
      '\\documentclass{article}',
      ...(options.preamble ?? []),
      '\\tracinglostchars=1',
      '\\begin{document}',
      '\\nocite{*}',
      `\\bibliographystyle{${options.style ?? 'plain'}}`,
      '\\bibliography{refs}',
      '\\end{document}',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'doc.tex'), document);

    const recorded: string[] = [];
    const latex = async () => {
      await runTool(options.engine ?? 'pdflatex', ['-interaction=nonstopmode', '-no-shell-escape', '-recorder', 'doc.tex'], dir);
      recorded.push(...readFileSync(join(dir, 'doc.fls'), 'utf8').split('\n').filter((line) => /^(INPUT|OUTPUT) /.test(line)));
    };
    // biber reads only the .bib: it runs while the document is built.
    const biberRun = runTool('biber', ['--tool', '--validate-datamodel', 'refs.bib'], dir);
    await latex();
    const bibtex = await runTool('bibtex', ['doc'], dir);
    await latex();
    await latex();
    const biber = await biberRun;

    const log = readFileSync(join(dir, 'doc.log'), 'latin1');
    const lines = log.split('\n');
    const blg = readFileSync(join(dir, 'doc.blg'), 'utf8');
    const bbl = readFileSync(join(dir, 'doc.bbl'), 'utf8');
    return {
      latexErrors: lines.flatMap((line, index) => (line.startsWith('!') ? [lines.slice(index, index + 3).join('\n')] : [])),
      missingCharacters: lines.filter((line) => line.startsWith('Missing character')),
      bibtexWarnings: blg.split('\n').filter((line) => line.startsWith('Warning--')),
      bibtexStatus: bibtex.status,
      bibitems: [...bbl.matchAll(/\\bibitem(?:\[[^\]]*\])?\{([^}]*)\}/g)].map((match) => match[1]!),
      biberProblems: biber.output.split('\n').filter((line) => /^(WARN|ERROR) - /.test(line)),
      biberStatus: biber.status,
      log,
      bbl,
      recorded,
      files: readdirSync(dir).sort(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `\$` and a few other symbols are typeset from the TS1 font, which a minimal TeX install has
 * only as METAFONT source: the first use generates it (about a second) into the user's font
 * cache. Call once before concurrent builds, so they do not all run METAFONT at the same time.
 */
export async function warmFontCache(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'papershelf-bibtex-'));
  try {
    writeFileSync(join(dir, 'warm.tex'), '\\documentclass{article}\\begin{document}\\$\\end{document}\n');
    await runTool('pdflatex', ['-interaction=nonstopmode', '-no-shell-escape', 'warm.tex'], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
