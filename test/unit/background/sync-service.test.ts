// @vitest-environment node
/**
 * The background's sync service (lib/background/sync-service.ts) against a real WebDAV server:
 * Connect checks the folder and says what is wrong in words; the first sync merges a library the
 * device already had; faults (the server gone mid-round, a changed password, a full disk) leave
 * nothing lost or duplicated and are told as the status's problem; a round follows local changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeLibraries } from '../fake-library';
import { startSync, type SyncService } from '../../../lib/background/sync-service';
import type { SyncStatus } from '../../../lib/messaging/sync-protocol';
import type { PapershelfDatabase } from '../../../lib/db/database';
import type { PaperInput } from '../../../lib/paper/model';
import { WebDavFolder } from '../../../lib/webdav/client';
import { availableServers, startServer, type WebDavServer } from '../../webdav-servers';

const setup = fakeLibraries('papershelf-sync-service-test');
const paper = (id: string): PaperInput => ({ id, title: `Paper ${id}`, authors: ['Ada Lovelace'], site: 'arxiv', url: `https://arxiv.org/abs/${id}` });

/** Node's fetch, with faults a test switches on: the server unreachable after some requests, or one answer replaced. */
function faultyFetch() {
  const faults = { failAfter: Infinity, answer: undefined as ((method: string) => Response | undefined) | undefined, requests: 0 };
  const wrapped: typeof fetch = async (input, init) => {
    faults.requests += 1;
    if (faults.requests > faults.failAfter) throw new TypeError('fetch failed');
    const replaced = faults.answer?.(init?.method ?? 'GET');
    return replaced ?? fetch(input, init);
  };
  return { faults, fetch: wrapped };
}

async function library(db: PapershelfDatabase): Promise<unknown[]> {
  const records = await db.papers.orderBy('id').toArray();
  return records.map(({ updatedAt: _u, tags, ...rest }) => ({ ...rest, tags: [...tags].sort() }));
}

describe.each(availableServers().slice(-1))('the sync service through %s', (name) => {
  let server: WebDavServer;
  let folders = 0;
  beforeAll(async () => {
    server = await startServer(name);
  });
  afterAll(async () => {
    await server?.stop();
  });
  const newFolderUrl = async () => {
    folders += 1;
    await new WebDavFolder({ url: server.url, user: server.user, password: server.password, fetch }).ensureFolder(`v${folders}`);
    return `${server.url}v${folders}/`;
  };
  const device = (name: string) => {
    const { db, repo } = setup();
    const pushed: SyncStatus[] = [];
    const net = faultyFetch();
    const service: SyncService = startSync(db, { fetch: net.fetch, push: (status) => pushed.push(status), merged: () => undefined, defaultDeviceName: name, debounceMs: 20 });
    return { db, repo, pushed, net, service };
  };
  const connect = (d: ReturnType<typeof device>, url: string, password = server.password) =>
    d.service.answer({ type: 'ui:syncConnect', url, user: server.user, password });

  it('Connect says in words what is wrong and keeps nothing; a right one merges the library the device had', async () => {
    const url = await newFolderUrl();
    const a = device('Chrome on Linux');
    const wrong = await connect(a, url, 'not the password');
    expect(wrong).toEqual({ ok: false, error: expect.stringMatching(/refused the user name or password/) });
    expect((await a.service.answer({ type: 'ui:syncStatus' }))).toMatchObject({ ok: true, result: { state: 'off' } });
    const unreachable = await a.service.answer({ type: 'ui:syncConnect', url: 'http://127.0.0.1:9/dav/', user: 'x', password: 'y' });
    expect(unreachable).toEqual({ ok: false, error: expect.stringMatching(/Could not reach the server/) });

    await a.repo.save(paper('arxiv:2411.00001'));
    const connected = await connect(a, url);
    expect(connected).toMatchObject({ ok: true, result: { state: 'idle', url, user: server.user, thisDevice: { name: 'Chrome on Linux' } } });
    expect(a.pushed.map((status) => status.state)).toContain('syncing');

    const b = device('Firefox on macOS');
    await b.repo.save(paper('arxiv:2411.00002'));
    const second = await connect(b, url);
    expect(second.ok && second.result.devices.map((entry) => entry.name).sort()).toEqual(['Chrome on Linux', 'Firefox on macOS']);
    await a.service.syncNow();
    expect(await library(a.db)).toEqual(await library(b.db));
    expect((await a.db.papers.toArray()).map((record) => record.id).sort()).toEqual(['arxiv:2411.00001', 'arxiv:2411.00002']);

    // Disconnect keeps the library and stops recording.
    expect(await a.service.answer({ type: 'ui:syncDisconnect' })).toMatchObject({ ok: true, result: { state: 'off' } });
    expect(await a.db.papers.count()).toBe(2);
    await a.repo.save(paper('arxiv:2411.00003'));
    expect(await a.db.syncOps.count()).toBe(0);
  }, 60_000);

  it('the server gone mid-round, a changed password, a full disk: told in words, backed off, then nothing lost or duplicated', async () => {
    const url = await newFolderUrl();
    const a = device('A');
    const b = device('B');
    await connect(a, url);
    await connect(b, url);
    for (let i = 1; i <= 5; i += 1) await a.repo.save(paper(`arxiv:2411.0010${i}`));
    await a.repo.setTags(paper('arxiv:2411.00101'), ['x']);

    // The server goes away after the upload's first request.
    a.net.faults.requests = 0;
    a.net.faults.failAfter = 2;
    const down = await a.service.syncNow();
    expect(down).toMatchObject({ state: 'offline', problem: expect.stringMatching(/Could not reach the server/) });
    expect(down.nextAttemptAt).toBeGreaterThan(Date.now());
    expect(await a.db.syncOps.where('pending').equals(1).count()).toBeGreaterThan(0);
    a.net.faults.failAfter = Infinity;

    // The server is full.
    a.net.faults.answer = (method) => (method === 'PUT' ? new Response(null, { status: 507 }) : undefined);
    expect(await a.service.syncNow()).toMatchObject({ state: 'error', problem: expect.stringMatching(/no space left \(507\)/) });
    a.net.faults.answer = undefined;

    // The password was changed on the server (here: the server refuses the one kept).
    a.net.faults.answer = () => new Response(null, { status: 401 });
    const refused = await a.service.syncNow();
    expect(refused).toMatchObject({ state: 'error', problem: expect.stringMatching(/refused the user name or password \(401\)/) });
    a.net.faults.answer = undefined;

    expect(await a.service.syncNow()).toMatchObject({ state: 'idle' });
    expect((await a.service.syncNow()).problem).toBeUndefined();
    await b.service.syncNow();
    expect(await library(b.db)).toEqual(await library(a.db));
    expect(await b.db.papers.count()).toBe(5);
    expect((await b.db.papers.get('arxiv:2411.00101'))!.tags).toEqual(['x']);
    expect(await a.db.syncOps.where('pending').equals(1).count()).toBe(0);
  }, 60_000);

  it('a profile copied to a second machine: the two are told apart, take separate ids, and lose nothing', async () => {
    const url = await newFolderUrl();
    const a = device('Laptop');
    await a.repo.save(paper('arxiv:2411.00301'));
    await connect(a, url);
    // The copy: the same library and the same sync state, device id included.
    const copy = device('Laptop');
    await copy.db.papers.bulkPut(await a.db.papers.toArray());
    await copy.db.syncOps.bulkPut(await a.db.syncOps.toArray());
    await copy.db.syncState.bulkPut(await a.db.syncState.toArray());
    await a.repo.save(paper('arxiv:2411.00302'));
    await copy.repo.save(paper('arxiv:2411.00303'));
    await a.service.syncNow();
    const split = await copy.service.syncNow();
    expect(split).toMatchObject({ state: 'idle', problem: expect.stringMatching(/copied profile/) });
    await a.service.syncNow();
    const ids = new Set([(await a.service.syncNow()).thisDevice.id, (await copy.service.syncNow()).thisDevice.id]);
    expect(ids.size).toBe(2);
    await a.service.syncNow();
    expect(await library(copy.db)).toEqual(await library(a.db));
    expect((await a.db.papers.toArray()).map((record) => record.id).sort()).toEqual(['arxiv:2411.00301', 'arxiv:2411.00302', 'arxiv:2411.00303']);
  }, 60_000);

  it('a change here starts a round by itself, a few moments later', async () => {
    const url = await newFolderUrl();
    const a = device('A');
    const b = device('B');
    await connect(a, url);
    await connect(b, url);
    await a.repo.save(paper('arxiv:2411.00201'));
    a.service.libraryChanged();
    const deadline = Date.now() + 20_000;
    while ((await a.db.syncOps.where('pending').equals(1).count()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await b.service.syncNow();
    expect(await b.db.papers.get('arxiv:2411.00201')).toBeDefined();
  }, 60_000);
});
