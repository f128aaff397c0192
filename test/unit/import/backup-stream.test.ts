import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBackupFile, readBackupBatches, type TextSource } from '../../../lib/import/backup-file';
import { createBackup, parseBackup, serializeBackup } from '../../../lib/import/backup-schema';
import { backupPieces } from '../../../lib/import/backup-writer';
import type { PaperRecord } from '../../../lib/paper/model';
import { readPage, type PageCursor } from '../../../lib/ui/paged-papers';
import { CHECKSUM_START, recordChecksum } from '../../../scripts/library-checksum';
import { realRecord } from '../../../scripts/real-library';
import { fakeLibraries } from '../fake-library';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'fixtures', 'import');
const V1 = readFileSync(resolve(FIXTURES, 'backup-v1.json'), 'utf8');
const CORRUPT = readFileSync(resolve(FIXTURES, 'backup-corrupt.json'), 'utf8');
const NOW = Date.UTC(2026, 11, 5, 12);
const setup = fakeLibraries('backup-stream');

/** `text` in pieces of 1 to `most` characters (a seeded walk), cut anywhere: inside strings, escapes and numbers. */
function inPieces(text: string, most = 97): TextSource {
  return async function* () {
    let seed = 7;
    for (let at = 0; at < text.length; ) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const size = 1 + (seed % most);
      yield text.slice(at, at + size);
      at += size;
    }
  };
}

async function textOf(pieces: AsyncIterable<string[]>): Promise<string> {
  let text = '';
  for await (const piece of pieces) text += piece.join('');
  return text;
}

async function* batchesOf(papers: readonly PaperRecord[], size: number): AsyncGenerator<PaperRecord[]> {
  for (let start = 0; start < papers.length; start += size) yield papers.slice(start, start + size);
}

async function checksumOfLibrary(db: ReturnType<typeof setup>['db']): Promise<{ count: number; checksum: number }> {
  let after: PageCursor | undefined;
  let count = 0;
  let checksum = CHECKSUM_START;
  do {
    const page = await readPage(db, 'all', after, 700);
    for (const record of page.papers) checksum = recordChecksum(checksum, record);
    count += page.papers.length;
    after = page.next;
  } while (after);
  return { count, checksum };
}

function reasonOf(result: { ok: true } | { ok: false; reason: string }): string {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.reason;
}

describe('a backup written in pieces', () => {
  it('is the very text serializeBackup writes, with and without papers, settings and rules', async () => {
    const papers = Array.from({ length: 40 }, (_, index) => realRecord(index, { size: 40, savedEvery: 3 }));
    const extra = { settings: { theme: 'dark', nested: { a: [1, 2] } }, rules: [{ hideCategory: 'math.GT' }] };
    expect(await textOf(backupPieces(batchesOf(papers, 7), NOW, extra))).toBe(serializeBackup(createBackup(papers, NOW, extra)));
    expect(await textOf(backupPieces(batchesOf([], 7), NOW))).toBe(serializeBackup(createBackup([], NOW)));
  }, 30_000);
});

describe('a backup read as a stream', () => {
  it('restores into an empty library with nothing lost: the same count and checksum of every record', async () => {
    const source = setup();
    const records = Array.from({ length: 1_200 }, (_, index) => realRecord(index, { size: 1_200, savedEvery: 20, hidden: index % 2 === 0 ? 'full' : 'trimmed' }));
    await source.db.papers.bulkPut(records);
    const before = await checksumOfLibrary(source.db);

    async function* fromLibrary(): AsyncGenerator<PaperRecord[]> {
      let after: PageCursor | undefined;
      do {
        const page = await readPage(source.db, 'all', after, 500);
        yield page.papers;
        after = page.next;
      } while (after);
    }
    const file = await textOf(backupPieces(fromLibrary(), NOW, { settings: { theme: 'dark' }, rules: [] }));
    expect(parseBackup(file).ok).toBe(true); // the importer of small backups reads it too

    const checked = await checkBackupFile(inPieces(file));
    if (!checked.ok) throw new Error(checked.reason);
    expect(checked.summary).toMatchObject({ papers: 1_200, settings: { theme: 'dark' }, rules: [] });

    const target = setup();
    const sizes: number[] = [];
    const read = await readBackupBatches(
      inPieces(file, 5_000),
      async (batch) => {
        sizes.push(batch.length);
        await target.repo.restorePapers(batch);
      },
      500,
    );
    expect(read.ok).toBe(true);
    expect(sizes).toEqual([500, 500, 200]);
    expect(await checksumOfLibrary(target.db)).toEqual(before);
  }, 60_000);

  it('the checksum tells a record that changed', async () => {
    const records = [realRecord(0, { size: 2 }), realRecord(1, { size: 2 })];
    const sum = (list: readonly PaperRecord[]) => list.reduce(recordChecksum, CHECKSUM_START);
    expect(sum(records)).not.toBe(sum([records[0]!, { ...records[1]!, tags: ['x'] }]));
    expect(sum(records)).toBe(sum(records.map((record) => Object.fromEntries(Object.entries(record).reverse()) as PaperRecord)));
  });

  it('reads old backups as the whole-file reader does', async () => {
    const checked = await checkBackupFile(inPieces(V1, 5));
    if (!checked.ok) throw new Error(checked.reason);
    expect(checked.summary).toEqual({ papers: 3, exportedAt: expect.any(String), settings: { theme: 'dark' }, rules: [{ hideCategory: 'math.GT' }] });
  });

  it('refuses a malformed file whole, with the reason, before writing anything', async () => {
    const papers = Array.from({ length: 30 }, (_, index) => realRecord(index, { size: 30 }));
    const good = serializeBackup(createBackup(papers, NOW));
    const refused = async (text: string) => {
      const written: PaperRecord[] = [];
      const checked = await checkBackupFile(inPieces(text));
      if (checked.ok) await readBackupBatches(inPieces(text), async (batch) => void written.push(...batch), 10);
      expect(written).toEqual([]);
      return reasonOf(checked);
    };
    expect(await refused(CORRUPT)).toBe(reasonOf(parseBackup(CORRUPT)));
    expect(await refused(good.slice(0, good.length / 2))).toBe('the file ends too early: it may be damaged or cut short');
    expect(await refused(good.replace('"title"', '"title" "'))).toMatch(/^the file is not JSON /);
    expect(await refused('@misc{a, title={T}}')).toMatch(/^the file is not JSON /);
    expect(await refused(good.replace('"version": 2', '"version": 3'))).toMatch(/^unsupported backup version 3/);
    expect(await refused(good.replace('"papershelf-backup"', '"other"'))).toMatch(/^not a Papershelf backup/);
    expect(await refused(`${good}]`)).toMatch(/^the file is not JSON /);
    // The 25th paper damaged: its number and id in the reason, as the whole-file reader says it.
    const damaged = JSON.parse(good) as { papers: Array<Record<string, unknown>> };
    damaged.papers[24]!['tags'] = [''];
    expect(await refused(JSON.stringify(damaged, null, 2))).toBe(reasonOf(parseBackup(JSON.stringify(damaged))));
    // A repeat in id order, and one out of order (a file edited by hand).
    const repeated = { ...damaged, papers: [...papers.slice(0, 10), papers[9]!, ...papers.slice(10)] };
    expect(await refused(JSON.stringify(repeated))).toBe(reasonOf(parseBackup(JSON.stringify(repeated))));
    const shuffled = { ...damaged, papers: [papers[5]!, ...papers.slice(0, 20), papers[5]!] };
    expect(await refused(JSON.stringify(shuffled))).toBe(reasonOf(parseBackup(JSON.stringify(shuffled))));
  });
});
