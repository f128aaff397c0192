// The popup's library code: Dexie, the live library, the database. Loaded right after the first
// rows are on screen (main.tsx reads those with plain IndexedDB), so none of it delays them.
import { PapershelfDatabase } from '../../lib/db/database';

export { LiveLibrary } from '../../lib/ui/live-library';

// Extension pages read the library directly (same origin as the background) and never write to it.
export const db = new PapershelfDatabase();

