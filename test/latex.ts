import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
