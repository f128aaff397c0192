import type { PaperRecord } from '../paper/model';
import type { PapershelfDatabase } from './database';

/**
 * Saved papers, most recently saved first. Read-only, so the popup can run it inside liveQuery;
 * the sparse `savedAt` index holds only saved papers, so nothing else needs filtering out.
 */
export function savedPapersNewestFirst(db: PapershelfDatabase): Promise<PaperRecord[]> {
  return db.papers.orderBy('savedAt').reverse().toArray();
}
