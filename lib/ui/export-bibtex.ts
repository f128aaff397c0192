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
  const exported = t('exportedPapersTo', plural(papers.length, 'paperCountOne', 'paperCountMany', String(papers.length)), fileName);
  if (!warnings.length) return exported;
  return `${exported} ${t('exportNotes', plural(warnings.length, 'noteCountOne', 'noteCount', String(warnings.length)), warnings[0]!.message)}`;
}
