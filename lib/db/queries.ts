import type { PaperRecord } from '../paper/model';
import { groupTagCounts, type TagCount } from '../paper/tags';
import type { PapershelfDatabase } from './database';

/**
 * Saved papers, most recently saved first. Read-only, so the popup can run it inside liveQuery;
 * the sparse `savedAt` index holds only saved papers, so nothing else needs filtering out.
 */
export function savedPapersNewestFirst(db: PapershelfDatabase): Promise<PaperRecord[]> {
  return db.papers.orderBy('savedAt').reverse().toArray();
}

/**
 * Every tag in the library with the number of papers carrying it, grouped case-insensitively and
 * sorted most used first (see groupTagCounts). Read-only, so it can run inside liveQuery.
 *
 * Never loads a record: a `nextunique` cursor on the multi-entry `tags` index visits each distinct
 * spelling once, and IndexedDB counts each spelling's entries natively. That is a few hundred
 * requests for a library of 100k papers, where walking every index entry would be several hundred
 * thousand cursor steps. One transaction, so the spellings and their counts are one snapshot.
 */
export function tagCounts(db: PapershelfDatabase): Promise<TagCount[]> {
  return db.transaction('r', db.papers, async () => {
    const keys = await db.papers.orderBy('tags').uniqueKeys();
    const spellings = keys.filter((key): key is string => typeof key === 'string');
    const counts = await Promise.all(spellings.map((tag) => db.papers.where('tags').equals(tag).count()));
    return groupTagCounts(spellings.map((tag, index) => ({ tag, count: counts[index] ?? 0 })));
  });
}
