import { PapershelfDatabase } from '../db/database';

/**
 * The library page's read-only handle on the database (liveQuery); every write goes through the
 * background (DESIGN.md rule 8).
 */
export const db = new PapershelfDatabase();
