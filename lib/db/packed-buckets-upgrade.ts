import type { Transaction } from 'dexie';
import { packedFields, type PackedFields, type PaperBucket } from '../search/word-index';
import { isPackedBucket, PAPER_BUCKETS_TABLE } from './word-index-stores';

/** A bucket as schema v8 stored it: one string per id, date and title key, one array per paper's tags. */
interface UnpackedBucket extends Omit<PaperBucket, keyof PackedFields> {
  ids: string[];
  savedAt: number[];
  published: string[];
  titleKeys: string[];
  tagKeys: string[][];
}

/**
 * Schema v9's upgrade: every bucket of the search index packed (lib/search/packed-strings.ts). The
 * words and the vocabulary stay as they are, and no paper is read: 512 records are rewritten.
 * Buckets already packed (v8's upgrade builds its index with today's encoder) are left alone.
 */
export async function packPaperBuckets(tx: Transaction): Promise<void> {
  const table = tx.table<PaperBucket | UnpackedBucket, number>(PAPER_BUCKETS_TABLE);
  const unpacked = (await table.toArray()).filter((stored): stored is UnpackedBucket => !isPackedBucket(stored));
  if (unpacked.length > 0) await table.bulkPut(unpacked.map(packedBucket));
}

function packedBucket(stored: UnpackedBucket): PaperBucket {
  const papers = stored.ids.map((id, index) => ({ id, savedAt: stored.savedAt[index]!, published: stored.published[index]!, titleKey: stored.titleKeys[index]!, tagKeys: stored.tagKeys[index]! }));
  return { bucket: stored.bucket, ...packedFields(papers), words: stored.words, wordEnds: stored.wordEnds };
}
