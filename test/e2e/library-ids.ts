// Kept apart from harness.ts: it reaches library code, and `npm run bench` loads the harness in plain
// Node (no TypeScript path resolution, and tsx's helpers would break page.evaluate).
import { arxivIdIn } from '../../lib/paper/paper-id';
import { readLibrary, type Session } from './harness.ts';

/** A stored record's id as listings name it: its arXiv id (the library keeps PaperIds, `arxiv:…`). */
export function listingIdOf(record: Record<string, unknown>): string {
  const id = String(record['id']);
  return arxivIdIn(id) ?? id;
}

/** The stored papers' ids as listings name them. */
export async function libraryArxivIds(session: Session): Promise<string[]> {
  return (await readLibrary(session)).map(listingIdOf);
}
