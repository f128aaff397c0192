import { exportBibtexInParts, type BibEntryInput } from '../bibtex';
import { withLibrary } from '../db/library-connection';
import { LIBRARY_DATABASE_NAME } from '../db/newest-saved';
import { sortedPapers } from '../search';
import type { ExportRequest, ExportWorkerMessage } from './export-protocol';
import { readSavedPapers } from './saved-papers-read';

export interface LibraryAccess {
  factory: IDBFactory;
  keyRange: typeof IDBKeyRange;
  name?: string;
}

/**
 * The export worker's job: write the BibTeX of the papers the page handed over (`given`, in the
 * file's order), or else of the saved papers it reads from the library itself, put in the Export
 * section's order (most recently saved first, as the page lists them); hand back the file as a
 * Blob, telling `post` how far it got on the way. The same bytes as lib/ui/export-bibtex.ts's
 * downloadBibtex of the page's own saved list.
 */
export async function exportSavedPapers(request: ExportRequest, post: (message: ExportWorkerMessage) => void, library: LibraryAccess, given?: readonly BibEntryInput[]): Promise<void> {
  const papers = given ?? (await readSorted(request.tag, post, library));
  if (papers === undefined) {
    post({ type: 'failed', reason: 'unreadable' });
    return;
  }
  const total = papers.length;
  post({ type: 'progress', step: 'writing', done: 0, total });
  const { parts, warnings } = exportBibtexInParts(papers, request.options, (done) => post({ type: 'progress', step: 'writing', done, total }));
  const file = new Blob(parts, { type: 'application/x-bibtex;charset=utf-8' });
  post({ type: 'done', file, papers: total, warnings: warnings.length, ...(warnings[0] && { firstWarning: warnings[0].message }) });
}

/** The saved papers in the library (those with `tag`), most recently saved first; undefined when it cannot be read. */
async function readSorted(tag: string | undefined, post: (message: ExportWorkerMessage) => void, library: LibraryAccess): Promise<readonly BibEntryInput[] | undefined> {
  const read = await withLibrary(library.factory, library.name ?? LIBRARY_DATABASE_NAME, (db) =>
    readSavedPapers(db, library.keyRange, (done, total) => post({ type: 'progress', step: 'reading', done, total })),
  );
  if (read === undefined) return undefined;
  const saved = tag === undefined ? read : read.filter((paper) => paper.tags.includes(tag));
  return sortedPapers(saved, 'saved', 'desc', 'saved');
}
