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
 * Every distinct spelling in the tags index, in index order. Read-only, for liveQuery too.
 *
 * A skip scan: each step asks for the first index key after the last one found, so IndexedDB
 * seeks past every paper carrying that spelling. Dexie's `uniqueKeys()` (a `nextunique` cursor)
 * gives the same answer, but Chromium walks every index entry for it: at 100,000 papers (30,000
 * tag entries, 4 spellings) that was 340–700 ms per call, measured by scripts/bench-storage-designs.ts
 * through `ui:setTags`, which looks spellings up whenever a paper gets a new tag.
 */
export async function tagSpellings(db: PapershelfDatabase): Promise<string[]> {
  const spellings: string[] = [];
  for (;;) {
    const last = spellings.at(-1);
    const collection = last === undefined ? db.papers.orderBy('tags') : db.papers.where('tags').above(last);
    const [next] = await collection.limit(1).keys();
    if (typeof next !== 'string') return spellings;
    spellings.push(next);
  }
}

/**
 * Every tag in the library with the number of papers carrying it, grouped case-insensitively and
 * sorted most used first (see groupTagCounts). Read-only, so it can run inside liveQuery.
 *
 * Never loads a record: the spellings come from the tags index (tagSpellings), and IndexedDB
 * counts each spelling's entries natively. One transaction, so the spellings and their counts are
 * one snapshot.
 */
export function tagCounts(db: PapershelfDatabase): Promise<TagCount[]> {
  return db.transaction('r', db.papers, async () => {
    const spellings = await tagSpellings(db);
    const counts = await Promise.all(spellings.map((tag) => db.papers.where('tags').equals(tag).count()));
    return groupTagCounts(spellings.map((tag, index) => ({ tag, count: counts[index] ?? 0 })));
  });
}
