// @vitest-environment node
/**
 * The exporter's promise, checked the way a LaTeX user would: the exported corpus is compiled in a
 * real document with pdflatex, bibtex, pdflatex, pdflatex (`\nocite{*}`, `plain` style), and
 * validated on its own by biber against biblatex's data model.
 *
 * bibtex alone proves little: it copies field text into the .bbl without judging it, so an
 * unescaped `&` passes bibtex and stops pdflatex ("Misplaced alignment tab character &"). The last
 * test here feeds exactly that to the same harness and expects it to fail.
 *
 * No `\usepackage[T1]{fontenc}`: with the minimal TeX install it makes METAFONT generate fonts
 * (slow and noisy). The corpus is chosen to compile with the default OT1 encoding (see
 * test/fixtures/bibtex/tricky-papers.ts).
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBibtexWithReport, type ExportOptions } from '../../../lib/bibtex';
import { TRICKY_PAPERS } from '../../fixtures/bibtex/tricky-papers';
import { buildBibliography, warmFontCache } from '../../latex';

const TOOLS = ['pdflatex', 'bibtex', 'biber'] as const;
const INSTALL = 'apt-get install -y --no-install-recommends texlive-binaries texlive-base texlive-latex-base biber';

const missing = TOOLS.filter((tool) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status !== 0);
const skip = missing.length > 0 && !process.env.CI;
if (skip) {
  console.warn(
    `\n${'!'.repeat(78)}\n!! SKIPPED: BibTeX compile tests. Not found: ${missing.join(', ')}.\n` +
      `!! The exporter is NOT proven to produce BibTeX that compiles. Install with:\n!!   ${INSTALL}\n${'!'.repeat(78)}\n`,
  );
}

/** Scripts pdflatex cannot set without a CJK package; UTF-8 documents supply stand-in glyphs. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

const compile = (bib: string, preamble: string[] = []) => buildBibliography(bib, { preamble });

/** Stand-in glyphs for CJK characters, as a document with CJK support would have real ones. */
function cjkStandIns(bib: string): string[] {
  const chars = [...new Set(bib.match(CJK) ?? [])];
  return chars.map((char) => `\\DeclareUnicodeCharacter{${char.codePointAt(0)!.toString(16).toUpperCase()}}{[CJK]}`);
}

function exportCorpus(options: ExportOptions) {
  return exportBibtexWithReport(TRICKY_PAPERS, options);
}

describe.skipIf(skip).concurrent('exported BibTeX compiles (pdflatex + bibtex, biber)', () => {
  beforeAll(async () => {
    if (missing.length === 0) await warmFontCache();
  }, 120_000);

  it('has the TeX toolchain', () => {
    expect(missing, `not found: ${missing.join(', ')}; install with: ${INSTALL}`).toEqual([]);
  });

  it('UTF-8: compiles with inputenc, no bibtex or biber warnings, every entry in the .bbl', { timeout: 120_000 }, async () => {
    const { text, keys } = exportCorpus({});
    const standIns = cjkStandIns(text);
    // Only the Han-script name needs help; everything else is set by pdflatex as it is.
    expect(standIns).toHaveLength(2);
    const outcome = await compile(text, ['\\usepackage[utf8]{inputenc}', ...standIns]);
    expect(outcome.latexErrors).toEqual([]);
    expect(outcome.missingCharacters).toEqual([]);
    expect(outcome.bibtexWarnings).toEqual([]);
    expect(outcome.bibtexStatus).toBe(0);
    expect([...outcome.bibitems].sort()).toEqual([...keys].sort());
    expect(outcome.biberProblems).toEqual([]);
    expect(outcome.biberStatus).toBe(0);
  });

  it('ASCII: compiles with no packages at all, no warnings, every entry in the .bbl', { timeout: 120_000 }, async () => {
    const { text, keys } = exportCorpus({ ascii: true });
    const outcome = await compile(text);
    expect(outcome.latexErrors).toEqual([]);
    expect(outcome.missingCharacters).toEqual([]);
    expect(outcome.bibtexWarnings).toEqual([]);
    expect(outcome.bibtexStatus).toBe(0);
    expect([...outcome.bibitems].sort()).toEqual([...keys].sort());
    expect(outcome.biberProblems).toEqual([]);
    expect(outcome.biberStatus).toBe(0);
  });

  it('arxiv-journal: compiles; the only warnings are for the paper without author names', { timeout: 120_000 }, async () => {
    const { text, keys } = exportCorpus({ ascii: true, journalStyle: 'arxiv-journal' });
    const outcome = await compile(text);
    expect(outcome.latexErrors).toEqual([]);
    expect(outcome.missingCharacters).toEqual([]);
    // An @article without author is worth a warning: the user should add the names.
    expect(outcome.bibtexWarnings).toEqual(['Warning--empty author in anon2024scaling']);
    expect(outcome.bibtexStatus).toBe(0);
    expect([...outcome.bibitems].sort()).toEqual([...keys].sort());
    expect(outcome.biberProblems).toEqual([
      "WARN - Datamodel: Entry 'anon2024scaling' (refs.bib): Missing mandatory field 'author'",
    ]);
  });

  it('the harness catches what it is there for: an unescaped & stops pdflatex', { timeout: 120_000 }, async () => {
    const { text } = exportBibtexWithReport(TRICKY_PAPERS.filter((paper) => paper.id === '2406.11111'));
    const broken = text.replace('{Q\\&A}', '{Q&A}');
    expect(broken).not.toBe(text);
    const outcome = await compile(broken);
    expect(outcome.latexErrors.join('\n')).toContain('Misplaced alignment tab character &');
    // bibtex and biber do not notice: only compiling the document proves anything.
    expect(outcome.bibtexWarnings).toEqual([]);
  });
});
