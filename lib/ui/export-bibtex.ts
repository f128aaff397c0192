import { exportBibtexWithReport } from '../bibtex';
import type { PaperRecord } from '../paper/model';
import { exportOptionsFrom, type Settings } from '../settings';
import { datedFileName, downloadText } from './download';

/**
 * Downloads `papers` as `papershelf-YYYY-MM-DD.bib` with the user's BibTeX settings, from an
 * extension page (popup or library); returns what happened, in words, for the page's status line.
 */
export function downloadBibtex(doc: Document, papers: readonly PaperRecord[], settings: Settings): string {
  const fileName = datedFileName('bib');
  const { text, warnings } = exportBibtexWithReport(papers, exportOptionsFrom(settings));
  downloadText(doc, fileName, text, 'application/x-bibtex;charset=utf-8');
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const noted = warnings.length ? ` ${count(warnings.length, 'note')}: ${warnings[0]!.message}` : '';
  return `Exported ${count(papers.length, 'paper')} to ${fileName}.${noted}`;
}
