import { exportBibtexWithReport } from '../bibtex';
import type { PaperRecord } from '../paper/model';
import { exportOptionsFrom, type Settings } from '../settings';
import { datedFileName, downloadText } from './download';
import { plural, t } from '../i18n/t';

/**
 * Downloads `papers` as `papershelf-YYYY-MM-DD.bib` with the user's BibTeX settings, from an
 * extension page (popup or library); returns what happened, in words, for the page's status line.
 */
export function downloadBibtex(doc: Document, papers: readonly PaperRecord[], settings: Settings): string {
  const fileName = datedFileName('bib');
  const { text, warnings } = exportBibtexWithReport(papers, exportOptionsFrom(settings));
  downloadText(doc, fileName, text, 'application/x-bibtex;charset=utf-8');
  const exported = t('exportedPapersTo', plural(papers.length, 'paperCountOne', 'paperCountMany', String(papers.length)), fileName);
  if (!warnings.length) return exported;
  return `${exported} ${t('exportNotes', plural(warnings.length, 'noteCountOne', 'noteCount', String(warnings.length)), warnings[0]!.message)}`;
}
