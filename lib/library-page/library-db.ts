import { PapershelfDatabase } from '../db/database';
import { onPapersWritten } from '../ui/papers-written';
import type { PagedSource } from '../ui/use-paged-papers';

/**
 * The library page's read-only handle on the database (liveQuery); every write goes through the
 * background (DESIGN.md rule 8).
 */
export const db = new PapershelfDatabase();

/** Where the Papers section's hidden and "all" views read their pages in a library too large to hold. */
export const pagedSource: PagedSource = { db, onPapersWritten: (listener) => onPapersWritten(db, listener) };
