import { exportBibtexInParts } from '../bibtex';
import type { PaperRecord } from '../paper/model';
import { exportOptionsFrom, type Settings } from '../settings';
import { datedFileName, downloadBlob } from './download';
import { plural, t } from '../i18n/t';

/**
 * Downloads `papers` as `papershelf-YYYY-MM-DD.bib` with the user's BibTeX settings, from an
 * extension page (popup or library); returns what happened, in words, for the page's status line.
 */
export function downloadBibtex(doc: Document, papers: readonly PaperRecord[], settings: Settings): string {
  const fileName = datedFileName('bib');
  // The entries go to the Blob as they are: joining 50,000 of them first costs more than the export.
  const { parts, warnings } = exportBibtexInParts(papers, exportOptionsFrom(settings));
  downloadBlob(doc, fileName, new Blob(parts, { type: 'application/x-bibtex;charset=utf-8' }));
  return exportedInWords(papers.length, fileName, warnings.length, warnings[0]?.message);
}

/** "Exported 12 papers to papershelf-2026-12-05.bib." and, when there are notes, how many and the first. */
export function exportedInWords(papers: number, fileName: string, warnings: number, firstWarning: string | undefined): string {
  const exported = t('exportedPapersTo', plural(papers, 'paperCountOne', 'paperCountMany', String(papers)), fileName);
  if (warnings === 0 || firstWarning === undefined) return exported;
  return `${exported} ${t('exportNotes', plural(warnings, 'noteCountOne', 'noteCount', String(warnings)), firstWarning)}`;
}
