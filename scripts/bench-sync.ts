// Sync at scale (issue: lock-free sync): the first sync of a 10,000- and a 100,000-paper library
// to a real WebDAV server (rclone on loopback), one tag change afterwards, and merging three
// devices' logs of 10,000 operations each; beside the size of a plain JSON backup of the same
// library. Run alone with `node scripts/bench-sync.ts`, or as part of `npm run bench`.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
// Sync's problems are in words from the English catalogue.
import '../lib/i18n-english-setup';
import { HlcClock } from '../lib/sync/clock';
import { syncOnce } from '../lib/sync/engine';
import { emptyReplica, frontierKeys, mergeOperations } from '../lib/sync/merge';
import type { Operation } from '../lib/sync/operation';
import { operationsForChange } from '../lib/sync/record-operations';
import { WebDavFolder } from '../lib/webdav/client';
import { MemoryDevice } from '../test/unit/sync/memory-device.ts';
import { startRclone } from '../test/webdav-servers.ts';
import { syntheticLibrary } from './bench-library.ts';

interface Row {
  what: string;
  ms: number;
  bytes: number;
  baseline: string;
  peakHeapMb?: number;
}

/**
 * The heap's peak during `work`, above what was in use when it started (the library itself, here).
 * Sampled on a timer and at every request to the server (`sample`), since encoding a file blocks
 * the timer: a request carries the file just encoded, the moment the most is held.
 */
let sample = () => undefined as void;
function peakHeapDuring<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  // A collection first, so the baseline is what the library holds, not the garbage of building it.
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  sample = () => void (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const timer = setInterval(sample, 5);
  return work().then((result) => {
    clearInterval(timer);
    sample = () => undefined;
    return { result, peakMb: (Math.max(peak, process.memoryUsage().heapUsed) - start) / 2 ** 20 };
  });
}

function deviceWithLibrary(id: string, size: number, now: () => number): MemoryDevice {
  const device = new MemoryDevice(id, now);
  const context = { tick: () => device.clock.tick(), seen: () => frontierKeys(device.state) };
  for (const record of syntheticLibrary(size)) device.pending.push(...operationsForChange(undefined, record, context));
  mergeOperations(device.pending, device.state);
  return device;
}

export async function benchSync(): Promise<Row[]> {
  const server = await startRclone();
  const rows: Row[] = [];
  let time = 1_764_900_000_000;
  const now = () => (time += 1);
  try {
    for (const size of [10_000, 100_000]) {
      const folder = new WebDavFolder({ url: server.url, user: server.user, password: server.password, fetch, maxResponseBytes: 512 * 2 ** 20 });
      await folder.ensureFolder(`lib${size}`);
      const sampledFetch: typeof fetch = (input, init) => {
        sample();
        return fetch(input, init);
      };
      const remote = new WebDavFolder({ url: `${server.url}lib${size}/`, user: server.user, password: server.password, fetch: sampledFetch, maxResponseBytes: 512 * 2 ** 20 });
      const device = deviceWithLibrary(`first${size}`, size, now);
      const backupBytes = Buffer.byteLength(JSON.stringify({ papers: syntheticLibrary(size) }));
      const started = performance.now();
      const { result, peakMb } = await peakHeapDuring(() => syncOnce(remote, device, { now }));
      rows.push({ what: `first sync, ${size.toLocaleString('en')} papers (${result.uploadedOperations.toLocaleString('en')} operations)`, ms: performance.now() - started, bytes: result.uploadedBytes, baseline: `JSON backup ${(backupBytes / 2 ** 20).toFixed(1)} MB`, peakHeapMb: peakMb });
      const paper = syntheticLibrary(1)[0]!;
      const context = { tick: () => device.clock.tick(), seen: () => frontierKeys(device.state) };
      const change = operationsForChange(paper, { ...paper, tags: [...paper.tags, 'reading-group'] }, context);
      device.pending.push(...change);
      const tagStarted = performance.now();
      const tagReport = await syncOnce(remote, device, { now });
      rows.push({ what: `one tag change at ${size.toLocaleString('en')} papers`, ms: performance.now() - tagStarted, bytes: tagReport.uploadedBytes, baseline: `${change.length} operation` });
    }
    const logs: Operation[][] = ['a', 'b', 'c'].map((name) => {
      const clock = new HlcClock(name, now);
      return Array.from({ length: 10_000 }, (_, index): Operation => {
        const paper = `2401.${String(index % 3000).padStart(5, '0')}`;
        const kind = index % 5;
        if (kind === 0) return { kind: 'create', paper, clock: clock.tick() };
        if (kind === 1) return { kind: 'tagAdd', paper, tag: `t${index % 40}`, clock: clock.tick() };
        if (kind === 2) return { kind: 'tagRemove', paper, tag: `t${(index + 7) % 40}`, seen: { [name]: '9999999999999-000000-' + name }, clock: clock.tick() };
        return { kind: 'set', paper, field: kind === 3 ? 'savedAt' : 'note', value: index, clock: clock.tick() };
      });
    });
    const mergeStarted = performance.now();
    const state = emptyReplica();
    for (const log of logs) mergeOperations(log, state);
    rows.push({ what: 'merge 3 devices × 10,000 operations', ms: performance.now() - mergeStarted, bytes: 0, baseline: `${state.papers.size} papers` });
  } finally {
    await server.stop();
  }
  return rows;
}

export function printSyncTable(rows: readonly Row[]): void {
  console.log('\nSync through WebDAV (rclone on loopback), one run');
  console.log('| what | time | bytes sent | peak JS heap above the library | beside |');
  console.log('|---|---:|---:|---:|---|');
  for (const row of rows) console.log(`| ${row.what} | ${row.ms.toFixed(0)} ms | ${row.bytes ? `${(row.bytes / 1024).toFixed(1)} KB` : '–'} | ${row.peakHeapMb ? `${row.peakHeapMb.toFixed(0)} MB` : '–'} | ${row.baseline} |`);
}

if (import.meta.url === `file://${process.argv[1]}`) printSyncTable(await benchSync());
