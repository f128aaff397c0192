import { makeCitationKey } from '../bibtex/citation-key';
import type { PaperRecord } from '../paper/model';
import type { PapershelfDatabase } from './database';

/**
 * The citation key a new paper gets: its natural key (`vaswani2017attention`), suffixed (`…a`,
 * `…b`) past the keys the library already holds. Must run inside the write transaction that
 * stores the paper, so two papers entering at once cannot take the same key.
 */
export async function nextCitationKey(db: PapershelfDatabase, record: PaperRecord): Promise<string> {
  const natural = makeCitationKey(record, new Set());
  const taken = new Set(await keysStartingWith(db, natural));
  return makeCitationKey(record, taken);
}

/** The stored keys that begin with `prefix` (the natural key and its suffixed variants). */
export async function keysStartingWith(db: PapershelfDatabase, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  await db.papers
    .where('citationKey')
    .startsWith(prefix)
    .each((paper) => {
      if (paper.citationKey) keys.push(paper.citationKey);
    });
  return keys;
}

/** Keys for every record that has none, oldest first, unique across the library (schema v2 upgrade). */
export function assignMissingKeys(records: PaperRecord[]): Map<string, string> {
  const taken = new Set(records.flatMap((record) => (record.citationKey ? [record.citationKey] : [])));
  const assigned = new Map<string, string>();
  const ordered = [...records].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  for (const record of ordered) {
    if (record.citationKey) continue;
    const key = makeCitationKey(record, taken);
    taken.add(key);
    assigned.set(record.id, key);
  }
  return assigned;
}
