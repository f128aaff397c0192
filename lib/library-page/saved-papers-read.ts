import { requested } from '../db/library-connection';
import type { PaperRecord } from '../paper/model';

/**
 * Every saved paper, read with plain IndexedDB through the sparse `savedAt` index (it holds exactly
 * the saved papers), in chunks so that a progress line can follow: `onProgress(read, total)` after
 * each. The order is the index's (oldest saved first); the caller sorts. Rejects when the library
 * cannot be read.
 *
 * Why plain IndexedDB: this runs in the export worker, which has no use for Dexie's code, and only
 * reads (the background is the only writer, DESIGN.md rule 8). Each chunk is its own short
 * transaction, so a write the background makes meanwhile never waits for the whole read.
 */
export async function readSavedPapers(db: IDBDatabase, keyRange: typeof IDBKeyRange, onProgress: (read: number, total: number) => void, chunk = CHUNK): Promise<PaperRecord[]> {
  const index = () => db.transaction('papers', 'readonly').objectStore('papers').index('savedAt');
  const total = await requested(index().count());
  const saved: PaperRecord[] = [];
  // A paper saved again between two chunks could come twice: each is kept once.
  const seen = new Set<string>();
  const keep = (paper: PaperRecord) => {
    if (seen.has(paper.id)) return;
    seen.add(paper.id);
    saved.push(paper);
  };
  let after: IDBKeyRange | null = null;
  for (;;) {
    const papers = (await requested(index().getAll(after, chunk))) as PaperRecord[];
    for (const paper of papers) keep(paper);
    if (papers.length < chunk) {
      onProgress(saved.length, Math.max(total, saved.length));
      return saved;
    }
    // Papers saved at the same instant (an import) may straddle two chunks: the rest of that
    // instant is read whole, and the next chunk starts strictly after it.
    const last = papers[papers.length - 1]!.savedAt!;
    for (const paper of (await requested(index().getAll(keyRange.only(last)))) as PaperRecord[]) keep(paper);
    after = keyRange.lowerBound(last, true);
    onProgress(saved.length, Math.max(total, saved.length));
  }
}

/**
 * Papers per request. Each request's papers arrive in one callback (its structured clones), and
 * each request costs a fixed round trip besides them: 5,000 keeps both small at 50,000 papers.
 */
const CHUNK = 5_000;
