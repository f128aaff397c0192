// The popup's library code: Dexie, the live library, the database. Loaded right after the first
// rows are on screen (main.tsx reads those with plain IndexedDB), so none of it delays them.
import { Dexie } from 'dexie';
import { PapershelfDatabase } from '../db/database';

export { LiveLibrary } from '../ui/live-library';

// Extension pages read the library directly (same origin as the background) and never write to it.
export const db = new PapershelfDatabase();


/** Calls `listener` after every write to the papers (by any page or the background), until the returned stop. */
export function onPapersWritten(listener: () => void): () => void {
  const part = `idb://${db.name}/papers/`;
  const onMutation = (parts: Record<string, unknown>) => {
    if (part in parts || 'all' in parts) listener();
  };
  Dexie.on.storagemutated.subscribe(onMutation);
  return () => Dexie.on.storagemutated.unsubscribe(onMutation);
}
