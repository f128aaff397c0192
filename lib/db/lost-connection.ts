/**
 * Browsers close an IndexedDB connection under a page now and then (a storage back end restarted,
 * storage pressure): the transaction in flight aborts, nothing of it is written, and Dexie opens
 * the database again on the next call. A reader's Save should not fail for that, so the request
 * runs once more; any other failure is the request's own and is not repeated.
 */
export async function retryOnLostConnection<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isLostConnection(error)) throw error;
    return run();
  }
}

/** Chromium says "Database connection lost" or "… connection is closing"; Dexie, DatabaseClosedError. */
export function isLostConnection(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'DatabaseClosedError') return true;
  return /connection (?:lost|is closing|was closed)|server lost/i.test(error.message);
}
