// @vitest-environment node
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebDavFolder } from '../../../lib/webdav/client';
import { WebDavError } from '../../../lib/webdav/errors';
import { availableServers, startServer, type WebDavServer } from '../../webdav-servers';

/** The WebDAV client against real servers (Apache mod_dav and rclone), never a mock. */
describe.each(availableServers())('WebDAV folder on %s', (name) => {
  let server: WebDavServer;
  const folder = (overrides: Partial<{ url: string; password: string }> = {}) =>
    new WebDavFolder({ url: overrides.url ?? server.url, user: server.user, password: overrides.password ?? server.password, fetch });

  beforeAll(async () => {
    server = await startServer(name);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('creates nested folders, writes, lists, reads back and removes a file', async () => {
    const remote = folder();
    await remote.ensureFolder('papershelf/devices/laptop');
    await remote.ensureFolder('papershelf/devices/laptop');
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await remote.write('papershelf/devices/laptop/log one.bin', bytes);
    expect(await remote.read('papershelf/devices/laptop/log one.bin')).toEqual(bytes);
    expect(await remote.list('papershelf/devices')).toEqual([{ name: 'laptop', folder: true }]);
    expect(await remote.list('papershelf/devices/laptop')).toEqual([{ name: 'log one.bin', folder: false, size: 5 }]);
    // Written through a temporary name that is gone afterwards.
    expect(readdirSync(`${server.root}/papershelf/devices/laptop`)).toEqual(['log one.bin']);
    await remote.remove('papershelf/devices/laptop/log one.bin');
    expect(await remote.read('papershelf/devices/laptop/log one.bin')).toBeUndefined();
    expect(await remote.list('papershelf/nothing-here')).toEqual([]);
  });

  it('replaces a file whole', async () => {
    const remote = folder();
    await remote.ensureFolder('papershelf');
    await remote.write('papershelf/seen.json', new TextEncoder().encode('first, longer text'));
    await remote.write('papershelf/seen.json', new TextEncoder().encode('second'));
    expect(new TextDecoder().decode(await remote.read('papershelf/seen.json'))).toBe('second');
  });

  it('says in words when the password is wrong', async () => {
    const error = await folder({ password: 'wrong' }).list('').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebDavError);
    expect((error as WebDavError).problem).toBe('unauthorized');
    expect((error as WebDavError).message).toMatch(/user name or password/);
  });

  it('says in words when nothing listens at the address', async () => {
    const error = await folder({ url: 'http://127.0.0.1:9/dav/' }).list('').catch((caught: unknown) => caught);
    expect((error as WebDavError).problem).toBe('unreachable');
  });
});
