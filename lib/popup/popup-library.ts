// The popup's library code: Dexie, the live library, the database. Loaded right after the first
// rows are on screen (main.tsx reads those with plain IndexedDB), so none of it delays them.
import { PapershelfDatabase } from '../db/database';
import { onPapersWritten as papersWritten } from '../ui/papers-written';

export { LiveLibrary } from '../ui/live-library';
export { withoutAbstract } from '../search/search-text';

// Extension pages read the library directly (same origin as the background) and never write to it.
export const db = new PapershelfDatabase();

/** Calls `listener` after every write to the papers (by any page or the background), until the returned stop. */
export function onPapersWritten(listener: () => void): () => void {
  return papersWritten(db, listener);
}
