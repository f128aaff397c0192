// @vitest-environment node
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, syncOnce } from '../../../lib/sync/engine';
import { mergedPaper } from '../../../lib/sync/merge';
import { WebDavFolder } from '../../../lib/webdav/client';
import { availableServers, startServer, type WebDavServer } from '../../webdav-servers';
import { MemoryDevice } from './memory-device';

/**
 * The sync engine against real WebDAV servers: devices that each write only their own files,
 * merge everyone's, and end with the same library; torn files, copied profiles and wrong clocks.
 */
const DAY = 86_400_000;
let time = 1_764_900_000_000;
const now = () => time;

describe.each(availableServers())('sync through %s', (name) => {
  let server: WebDavServer;
  let base = 0;
  // Each test gets a folder of its own on the server.
  const folderFor = async (test: string) => {
    await new WebDavFolder({ url: server.url, user: server.user, password: server.password, fetch }).ensureFolder(test);
    return new WebDavFolder({ url: `${server.url}${test}/`, user: server.user, password: server.password, fetch });
  };
  const sync = (folder: WebDavFolder, device: MemoryDevice, compactAfterLogs?: number) => {
    time += 1_000;
    return syncOnce(folder, device, { now, compactAfterLogs });
  };

  beforeAll(async () => {
    server = await startServer(name);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('two devices offline, then synced: identical libraries by the merge rules; a third device gets the same', async () => {
    base += 1;
    const folder = await folderFor(`t${base}`);
    const a = new MemoryDevice('deviceA', now);
    const b = new MemoryDevice('deviceB', () => time + 3 * DAY); // B's clock is 3 days ahead
    const P = 'arxiv:2401.00100';
    a.change({ kind: 'create', paper: P });
    await sync(folder, a);
    await sync(folder, b);
    expect(b.library()).toBe(a.library());
    // Offline on both:
    for (let index = 1; index <= 5; index += 1) {
      a.change({ kind: 'create', paper: `arxiv:2401.0000${index}` });
      a.change({ kind: 'set', paper: `arxiv:2401.0000${index}`, field: 'savedAt', value: true });
    }
    for (const paper of ['arxiv:2401.00001', 'arxiv:2401.00002', 'arxiv:2401.00003']) a.change({ kind: 'tagAdd', paper, tag: 'x' });
    a.change({ kind: 'tagAdd', paper: P, tag: 'x' });
    for (let index = 6; index <= 9; index += 1) {
      a.change({ kind: 'create', paper: `arxiv:2401.0000${index}` });
      a.change({ kind: 'set', paper: `arxiv:2401.0000${index}`, field: 'hiddenAt', value: true });
    }
    a.change({ kind: 'delete', paper: 'arxiv:2401.00005' });
    for (let index = 1; index <= 3; index += 1) {
      b.change({ kind: 'create', paper: `arxiv:2402.0000${index}` });
      b.change({ kind: 'set', paper: `arxiv:2402.0000${index}`, field: 'savedAt', value: true });
    }
    b.change({ kind: 'tagAdd', paper: P, tag: 'y' });
    b.change({ kind: 'tagRemove', paper: P, tag: 'x' }); // B never saw A's x
    b.change({ kind: 'create', paper: 'arxiv:2401.00001' });
    b.change({ kind: 'set', paper: 'arxiv:2401.00001', field: 'hiddenAt', value: true });
    b.change({ kind: 'set', paper: P, field: 'note', value: 'read §3' });
    // Both reconnect:
    await sync(folder, a);
    await sync(folder, b);
    const reportA = await sync(folder, a);
    expect(b.library()).toBe(a.library());
    expect(mergedPaper(a.state, P)!.tags.sort()).toEqual(['x', 'y']);
    expect(mergedPaper(a.state, P)!.fields.note).toBe('read §3');
    expect(mergedPaper(a.state, 'arxiv:2401.00005')).toBeUndefined();
    expect(mergedPaper(a.state, 'arxiv:2401.00001')!.fields).toMatchObject({ savedAt: true, hiddenAt: true });
    expect(reportA.devices.map((device) => device.id)).toEqual(['deviceA', 'deviceB']);
    // Each device wrote only below its own folder.
    for (const device of ['deviceA', 'deviceB']) for (const file of readdirSync(join(server.root, `t${base}`, ROOT, device))) expect(file).toMatch(/^(log-|snapshot-|device\.json)/);
    const c = new MemoryDevice('deviceC', now);
    await sync(folder, c);
    expect(c.library()).toBe(a.library());
  });

  it('a large first upload goes up in files of a bounded size; a round cut off after a file uploads it again under the same name, not twice', async () => {
    base += 1;
    const folder = await folderFor(`t${base}`);
    const a = new MemoryDevice('deviceA', now);
    const b = new MemoryDevice('deviceB', now);
    for (let index = 0; index < 250; index += 1) a.change({ kind: 'create', paper: `arxiv:2402.${String(index).padStart(5, '0')}` });
    // The browser quits after the first file is on the server, before it is marked uploaded.
    const marked = a.markUploaded.bind(a);
    a.markUploaded = async () => {
      throw new Error('browser quit');
    };
    await expect(syncOnce(folder, a, { now, operationsPerFile: 100 })).rejects.toThrow('browser quit');
    a.markUploaded = marked;
    const report = await syncOnce(folder, a, { now, operationsPerFile: 100 });
    expect(report.uploadedOperations).toBe(250);
    const dir = join(server.root, `t${base}`, ROOT, 'deviceA');
    expect(readdirSync(dir).filter((file) => file.startsWith('log-'))).toHaveLength(3);
    await sync(folder, b);
    expect(b.library()).toBe(a.library());
  });

  it('a torn upload is skipped by readers, said in words, and replaced by its writer', async () => {
    base += 1;
    const folder = await folderFor(`t${base}`);
    const a = new MemoryDevice('deviceA', now);
    const b = new MemoryDevice('deviceB', now);
    a.change({ kind: 'create', paper: 'arxiv:2403.00001' });
    a.change({ kind: 'tagAdd', paper: 'arxiv:2403.00001', tag: 'keep' });
    await sync(folder, a);
    const dir = join(server.root, `t${base}`, ROOT, 'deviceA');
    const log = readdirSync(dir).find((file) => file.startsWith('log-'))!;
    truncateSync(join(dir, log), 20);
    const first = await sync(folder, b);
    expect(first.skipped).toEqual([expect.stringMatching(/incomplete or damaged/)]);
    expect(b.library()).not.toBe(a.library());
    await sync(folder, a); // A sees its file is not whole and writes a snapshot in its place
    await sync(folder, b);
    expect(b.library()).toBe(a.library());
    expect(readdirSync(dir)).not.toContain(log);
  });

  it('a profile copied to a second machine (two devices, one id) is detected', async () => {
    base += 1;
    const folder = await folderFor(`t${base}`);
    const a = new MemoryDevice('deviceA', now);
    a.change({ kind: 'create', paper: 'arxiv:2404.00001' });
    await sync(folder, a);
    const copy = new MemoryDevice('deviceA', now);
    copy.uploaded = new Map(a.uploaded);
    copy.change({ kind: 'create', paper: 'arxiv:2404.00002' });
    expect((await sync(folder, copy)).duplicateDevice).toBe(false);
    expect((await sync(folder, a)).duplicateDevice).toBe(true);
  });

  it('compacts: logs become a snapshot, removed once every device merged them; a new device reads the snapshot', async () => {
    base += 1;
    const folder = await folderFor(`t${base}`);
    const a = new MemoryDevice('deviceA', now);
    const b = new MemoryDevice('deviceB', now);
    await sync(folder, b);
    for (let round = 0; round < 4; round += 1) {
      a.change({ kind: 'create', paper: `arxiv:2405.0000${round}` });
      a.change({ kind: 'set', paper: `arxiv:2405.0000${round}`, field: 'savedAt', value: true });
      await sync(folder, a, 2);
    }
    const dir = join(server.root, `t${base}`, ROOT, 'deviceA');
    expect(readdirSync(dir).filter((file) => file.startsWith('snapshot-'))).toHaveLength(1);
    const logsBefore = readdirSync(dir).filter((file) => file.startsWith('log-')).length;
    expect(logsBefore).toBeGreaterThan(2); // B has not merged them yet: nothing removed
    await sync(folder, b);
    await sync(folder, a, 2);
    expect(readdirSync(dir).filter((file) => file.startsWith('log-')).length).toBeLessThan(logsBefore);
    const late = new MemoryDevice('deviceD', now);
    const report = await sync(folder, late);
    expect(late.library()).toBe(a.library());
    expect(report.downloadedFiles).toBeLessThanOrEqual(3);
    const info = JSON.parse(readFileSync(join(server.root, `t${base}`, ROOT, 'deviceD', 'device.json'), 'utf8'));
    expect(info.merged.deviceA).toBeDefined();
    writeFileSync(join(dir, 'device.json'), 'not json'); // a damaged device file is ignored, never fatal
    await expect(sync(folder, b)).resolves.toBeDefined();
  });
// Real servers on a shared 2-core machine: a round can take seconds under load.
}, 30_000);
