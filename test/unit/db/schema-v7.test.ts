// @vitest-environment node
/**
 * Schema v7 (tagged paper ids): a library written by version 6, with records in every table, is
 * reopened at the latest version. Every record arrives under its PaperId with nothing lost, the
 * operation log names the tagged ids, the search index finds the papers under them, and the
 * app's reads and writes work on the upgraded library.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { operationRow } from '../../../lib/db/operation-log';
import { RETAG_BATCH } from '../../../lib/db/paper-id-upgrade';
import { PaperRepository } from '../../../lib/db/repository';
import { startRecording } from '../../../lib/db/sync-store';
import { LATEST_SCHEMA_VERSION } from '../../../lib/db/schema';
import { readSearchIndex } from '../../../lib/db/search-index';
import { PAPER_BUCKETS_TABLE, readWordIndex } from '../../../lib/db/word-index';
import { handleContentRequest } from '../../../lib/messaging/handler';
import type { QueueEntry } from '../../../lib/metadata/queue-store';
import type { PaperRecord } from '../../../lib/paper/model';
import { indexedCount } from '../../../lib/search/search-buckets';
import { searchWordIndex, wordIndexCount } from '../../../lib/search/word-index';
import { libraryOpener } from './library-at-version';

const openAt = libraryOpener('schema-v7-test');

// Bare ids sort on both sides of the tagged ones (`acc-phys/…` < `arxiv:…` < `hep-th/…`): the
// upgrade must find them all, across more than one batch on each side.
const ARCHIVES = ['acc-phys', 'alg-geom', 'astro-ph', 'hep-th', 'math', 'quant-ph'];
const SIZE = RETAG_BATCH * 2 + 700;

function bareId(index: number): string {
  const n = Math.floor(index / 3);
  if (index % 3 === 0) return `${ARCHIVES[n % ARCHIVES.length]}/99${String(1 + (Math.floor(n / 1000) % 12)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return `2409.${String(10_000 + index)}`;
}

/** A record as version 6 stored it: saved (tagged, with a note), hidden in full, or a trimmed hide. */
function v6Record(index: number, id: string): PaperRecord {
  const at = 1_766_966_400_000 + index * 1_000;
  const base: PaperRecord = {
    id,
    title: `Paper number ${index} on sparse attention`,
    authors: [`Author ${index}`, 'Ada Lovelace'],
    sources: { arxiv: `https://arxiv.org/abs/${id}` },
    citationKey: `k${index}`,
    tags: [],
    createdAt: at,
    updatedAt: at,
  };
  if (index % 4 === 0) return { ...base, abstract: `We study attention ${index}.`, publishedAt: '2024-09-18', tags: ['to-read'], note: 'read §3', savedAt: at };
  if (index % 4 === 1) return { ...base, abstract: `A hidden paper ${index}.`, primaryCategory: 'cs.CL', hiddenAt: at };
  return { ...base, hiddenAt: at };
}

describe('schema v7: tagged paper ids', { timeout: 120_000 }, () => {
  it('moves every record written by version 6 to its tagged id, losing nothing, and the app works on it after', async () => {
    const factory = new IDBFactory();
    const v6 = openAt(factory, 6);
    const ids = Array.from({ length: SIZE }, (_, index) => bareId(index));
    expect(new Set(ids).size).toBe(SIZE);
    const records = ids.map((id, index) => v6Record(index, id));
    await v6.papers.bulkPut(records);
    await v6.settings.bulkPut([
      { key: 'settings', value: { bibtexAscii: true } },
      { key: 'rules', value: [{ id: 'r1', target: 'text', match: 'word', pattern: 'quantum', action: 'hide', enabled: true }] },
    ]);
    const queued: QueueEntry[] = ids.slice(0, 50).map((id, index) => ({ id, addedAt: 5, attempts: index % 3, nextAttemptAt: 10 + index, source: index % 2 ? 'hf-api' : 'arxiv-api' }));
    await v6.enrichment.bulkPut(queued);
    await v6.backups.put({ id: 1, takenAt: 7, reason: 'replace', papers: 3, rules: 1, bytes: 100 });
    // An automatic backup's file, written by version 6: bare ids, read as they are when restored (lib/import/backup-schema.ts).
    await v6.backupFiles.put({ id: 1, text: JSON.stringify({ format: 'papershelf-backup', version: 1, papers: records.slice(0, 3) }) });
    // Connecting sync records the library as this device's operations (pending upload), as version 6 did;
    // another device's operations, merged already, name bare ids too.
    await startRecording(v6, 'Desk', { url: 'https://dav.example/papers/', user: 'ada', password: 'secret' });
    const remote = { wall: 1_766_000_000_000, counter: 0, device: 'laptop' };
    await v6.syncOps.bulkPut([
      operationRow({ kind: 'tagAdd', paper: ids[7]!, tag: 'from-laptop', clock: remote }, false),
      operationRow({ kind: 'set', paper: ids[9]!, field: 'note', value: 'laptop note', clock: { ...remote, counter: 1 } }, false),
      operationRow({ kind: 'setting', key: 'bibtexAscii', value: true, clock: { ...remote, counter: 2 } }, false),
    ]);
    await v6.syncState.put({ key: 'uploaded', value: ['deskdevice-000001.json'] });
    const opsBefore = await v6.syncOps.toArray();
    const stateBefore = await v6.syncState.toArray();
    const backupsBefore = await v6.backups.toArray();
    const backupFilesBefore = await v6.backupFiles.toArray();
    const settingsBefore = await v6.settings.toArray();
    const savedBefore = records.filter((record) => record.savedAt !== undefined).length;
    expect(opsBefore.filter((row) => row.target === ids[5]).length).toBeGreaterThan(1);
    expect(indexedCount(await readSearchIndex(v6))).toBe(savedBefore);
    v6.close();

    const latest = openAt(factory);
    await latest.open();
    expect(latest.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(7);

    // Papers: the same count, each under its tagged id with every other field as it was.
    const after = await latest.papers.toArray();
    expect(after.length).toBe(SIZE);
    const byId = new Map(after.map((record) => [record.id, record]));
    for (const record of records) expect(byId.get(`arxiv:${record.id}`)).toEqual({ ...record, id: `arxiv:${record.id}` });
    expect(await latest.papers.where('citationKey').equals('k5').first()).toMatchObject({ id: `arxiv:${ids[5]}` });
    expect(await latest.papers.where('savedAt').above(0).count()).toBe(savedBefore);

    // The enrichment queue: the same entries under tagged ids.
    expect(await latest.enrichment.toArray()).toEqual(expect.arrayContaining(queued.map((entry) => ({ ...entry, id: `arxiv:${entry.id}` }))));
    expect(await latest.enrichment.count()).toBe(queued.length);

    // The operation log: one row per row, the paper's rows under keys and targets naming the tagged id.
    const opsAfter = await latest.syncOps.toArray();
    expect(opsAfter.length).toBe(opsBefore.length);
    const expectedOps = opsBefore.map((row) => {
      const op = row.op.kind === 'setting' || row.op.kind === 'rule' ? row.op : { ...row.op, paper: `arxiv:${row.op.paper}` };
      return operationRow(op, row.pending === 1);
    });
    expect(new Map(opsAfter.map((row) => [row.key, row]))).toEqual(new Map(expectedOps.map((row) => [row.key, row])));
    expect(await latest.syncOps.where('target').equals(`arxiv:${ids[5]}`).count()).toBe(opsBefore.filter((row) => row.target === ids[5]).length);
    expect(await latest.syncOps.where('target').equals(ids[5]!).count()).toBe(0);

    // Tables without paper ids are as they were.
    expect(await latest.syncState.toArray()).toEqual(stateBefore);
    expect(await latest.settings.toArray()).toEqual(settingsBefore);
    expect(await latest.backups.toArray()).toEqual(backupsBefore);
    expect(await latest.backupFiles.toArray()).toEqual(backupFilesBefore);

    // The search index (rebuilt by v8 in its own layout): every saved paper, found under its tagged id.
    const index = await readWordIndex(latest);
    expect(wordIndexCount(index)).toBe(savedBefore);
    expect(searchWordIndex(index, { text: ids[4]!, tags: [], tagMode: 'all', show: 'saved', sort: 'saved', direction: 'desc' })).toEqual([`arxiv:${ids[4]}`]);
    expect(await latest.table(PAPER_BUCKETS_TABLE).count()).toBeGreaterThan(0);

    // The app on the upgraded library: a listing page asks by arXiv id, a save merges into the
    // stored paper (no second copy), edits are recorded for sync under the tagged id.
    const repo = new PaperRepository(latest, () => 1_900_000_000_000);
    const states = await handleContentRequest(repo, { type: 'content:getStates', ids: [ids[4], ids[5], '2501.00001'] });
    expect(states.reply).toEqual({ ok: true, result: { [ids[4]!]: { saved: true, hidden: false, tags: ['to-read'] }, [ids[5]!]: { saved: false, hidden: true, tags: [] } } });
    const saved = await handleContentRequest(repo, { type: 'content:save', paper: { id: ids[5], title: 'Paper number 5 on sparse attention', site: 'arxiv', url: `https://arxiv.org/abs/${ids[5]}` } });
    expect(saved.reply).toEqual({ ok: true, result: { [ids[5]!]: { saved: true, hidden: true, tags: [] } } });
    expect(await latest.papers.count()).toBe(SIZE);
    expect((await latest.papers.get(`arxiv:${ids[5]}`))?.savedAt).toBe(1_900_000_000_000);
    await repo.setTagsOf(`arxiv:${ids[6]}`, ['new-tag']);
    expect(wordIndexCount(await readWordIndex(latest))).toBe(savedBefore + 2);
    const recorded = await latest.syncOps.where('pending').equals(1).toArray();
    expect(recorded.some((row) => row.target === `arxiv:${ids[6]}` && row.op.kind === 'tagAdd' && row.op.tag === 'new-tag')).toBe(true);
    expect(recorded.every((row) => !row.target.startsWith('arxiv:') || row.op.kind === 'setting' || row.op.kind === 'rule' || row.op.paper === row.target)).toBe(true);
  });
});
