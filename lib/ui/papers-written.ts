import { Dexie } from 'dexie';
import type { PapershelfDatabase } from '../db/database';

/** Calls `listener` after every write to `db`'s papers (by any page or the background), until the returned stop. */
export function onPapersWritten(db: PapershelfDatabase, listener: () => void): () => void {
  const part = `idb://${db.name}/papers/`;
  const onMutation = (parts: Record<string, unknown>) => {
    if (part in parts || 'all' in parts) listener();
  };
  Dexie.on.storagemutated.subscribe(onMutation);
  return () => Dexie.on.storagemutated.unsubscribe(onMutation);
}
