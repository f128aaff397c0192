import { ExportInChunks, exportBibtexInParts, type BibEntryInput, type ExportParts } from '../bibtex';
import { withLibrary } from '../db/library-connection';
import { LIBRARY_DATABASE_NAME } from '../db/newest-saved';
import { sortedPapers } from '../search';
import type { ExportRequest, ExportWorkerMessage } from './export-protocol';
import { isExportEntry } from './export-entry';
import { readSavedPapers } from './saved-papers-read';

export interface LibraryAccess {
  factory: IDBFactory;
  keyRange: typeof IDBKeyRange;
  name?: string;
}

/**
 * The export worker's job when the page has not read the saved papers: read them from the library,
 * put them in the Export section's order (most recently saved first, as the page lists them),
 * write the BibTeX and hand back the file as a Blob, telling `post` how far it got on the way.
 * The same bytes as lib/ui/export-bibtex.ts's downloadBibtex of the page's own saved list.
 */
export async function exportSavedPapers(request: ExportRequest, post: (message: ExportWorkerMessage) => void, library: LibraryAccess): Promise<void> {
  const papers = await readSorted(request.tag, post, library);
  if (papers === undefined) {
    post({ type: 'failed', reason: 'unreadable' });
    return;
  }
  const total = papers.length;
  post({ type: 'progress', step: 'writing', done: 0, total });
  postFile(exportBibtexInParts(papers, request.options, (done) => post({ type: 'progress', step: 'writing', done, total })), total, post);
}

/**
 * The export worker's job when the page hands over the papers it holds (`request.given` of them,
 * in the file's order, in chunks): each chunk is written as it arrives, while the page copies the
 * next, and the file is handed back after the last. Same bytes as {@link exportSavedPapers}.
 */
export class ExportOfGiven {
  private readonly writer: ExportInChunks;

  constructor(
    private readonly total: number,
    options: ExportRequest['options'],
    private readonly post: (message: ExportWorkerMessage) => void,
  ) {
    this.writer = new ExportInChunks(options);
    if (total === 0) this.finish();
  }

  /** Writes the chunk; false (nothing written) when one of them is not an entry or there are more than announced. */
  add(papers: readonly unknown[]): boolean {
    if (!papers.every(isExportEntry) || this.writer.count + papers.length > this.total) return false;
    this.writer.add(papers as readonly BibEntryInput[]);
    this.post({ type: 'progress', step: 'writing', done: this.writer.count, total: this.total });
    if (this.writer.count === this.total) this.finish();
    return true;
  }

  private finish(): void {
    postFile(this.writer.finish(), this.total, this.post);
  }
}

function postFile({ parts, warnings }: ExportParts, papers: number, post: (message: ExportWorkerMessage) => void): void {
  const file = new Blob(parts, { type: 'application/x-bibtex;charset=utf-8' });
  post({ type: 'done', file, papers, warnings: warnings.length, ...(warnings[0] && { firstWarning: warnings[0].message }) });
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
