// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkFolder } from '../../../lib/sync/connect-check';
import { WebDavFolder } from '../../../lib/webdav/client';
import { availableServers, startRclone, startServer, type WebDavServer } from '../../webdav-servers';

/**
 * The Connect check against real servers (Apache mod_dav and rclone) for every answer they can be
 * made to give; a small local HTTP(S) stand-in only for what they cannot (a full disk, an
 * untrusted certificate, a web app that answers every request with a page).
 */
const folderAt = (url: string, user: string, password: string) => new WebDavFolder({ url, user, password, fetch });

describe.each(availableServers())('Connect check on %s', (name) => {
  let server: WebDavServer;
  const check = (overrides: Partial<{ url: string; password: string }> = {}) => checkFolder(folderAt(overrides.url ?? server.url, server.user, overrides.password ?? server.password));

  beforeAll(async () => {
    server = await startServer(name);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('passes a folder it can list, write, read back and delete in, creates papershelf/ and leaves no probe behind', async () => {
    expect(await check()).toBeUndefined();
    expect(readdirSync(server.root)).toEqual(['papershelf']);
    expect(readdirSync(join(server.root, 'papershelf'))).toEqual([]);
    // A second Connect finds papershelf/ there already.
    expect(await check()).toBeUndefined();
  });

  it('passes a sub-folder of the account, as Nextcloud users give it', async () => {
    mkdirSync(join(server.root, 'Papershelf'));
    if (process.getuid?.() === 0 && name === 'apache') chownSync(join(server.root, 'Papershelf'), 33, 33);
    expect(await check({ url: `${server.url}Papershelf/` })).toBeUndefined();
    expect(readdirSync(join(server.root, 'Papershelf'))).toEqual(['papershelf']);
  });

  it('says a wrong password in words and welcomes an app password', async () => {
    const words = await check({ password: 'not the password' });
    expect(words).toMatch(/refused the user name or password \(401\)/);
    expect(words).toMatch(/app password/);
  });

  it('says a missing folder does not exist', async () => {
    expect(await check({ url: `${server.url}no-such-folder/` })).toMatch(/There is no folder at that URL \(404\)/);
  });

  it('says when nothing answers at the address', async () => {
    expect(await check({ url: 'http://127.0.0.1:9/dav/' })).toMatch(/Could not reach the server/);
  });

  it('says when the computer is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    try {
      expect(await check({ url: 'http://127.0.0.1:9/dav/' })).toMatch(/offline/);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe.skipIf(!availableServers().includes('apache'))('Connect check on Apache, where it has web pages and read-only folders', () => {
  let server: WebDavServer;
  beforeAll(async () => {
    server = await startServer('apache');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('says a web page is not a WebDAV folder and shows the Nextcloud form (405 from the site outside /dav/)', async () => {
    const site = new URL('/', server.url).href;
    const words = await checkFolder(folderAt(site, server.user, server.password));
    expect(words).toMatch(/is a web page, not a WebDAV folder/);
    expect(words).toContain('https://cloud.example.org/remote.php/dav/files/USER/Papershelf/');
  });

  it('says a folder the server may not change is read-only (403 on creating papershelf/)', async () => {
    const locked = join(server.root, 'locked');
    mkdirSync(locked);
    // Apache's workers run as www-data when the tests run as root, as the user otherwise.
    if (process.getuid?.() === 0) chownSync(locked, 0, 0);
    chmodSync(locked, 0o555);
    expect(await checkFolder(folderAt(`${server.url}locked/`, server.user, server.password))).toMatch(/does not let it write to that folder \(403\)/);
  });

  it('says a read-only papershelf/ cannot be written (Apache answers 500) and leaves nothing behind', async () => {
    const locked = join(server.root, 'locked-inside');
    mkdirSync(join(locked, 'papershelf'), { recursive: true });
    if (process.getuid?.() === 0) chownSync(locked, 33, 33);
    chmodSync(join(locked, 'papershelf'), 0o555);
    if (process.getuid?.() === 0) chownSync(join(locked, 'papershelf'), 0, 0);
    expect(await checkFolder(folderAt(`${server.url}locked-inside/`, server.user, server.password))).toMatch(/could not store a test file/);
    expect(readdirSync(join(locked, 'papershelf'))).toEqual([]);
  });
});

describe.skipIf(!availableServers().includes('rclone'))('Connect check on a read-only rclone', () => {
  let server: WebDavServer;
  beforeAll(async () => {
    server = await startRclone({ readOnly: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('says the folder is read-only when papershelf/ cannot be made (rclone answers MKCOL with 405)', async () => {
    expect(await checkFolder(folderAt(server.url, server.user, server.password))).toMatch(/lets this account read that folder but not write to it/);
  });

  it('says the folder is read-only when papershelf/ is there but no file can be written (rclone answers 404)', async () => {
    mkdirSync(join(server.root, 'papershelf'));
    expect(await checkFolder(folderAt(server.url, server.user, server.password))).toMatch(/lets this account read that folder but not write to it/);
    expect(readdirSync(join(server.root, 'papershelf'))).toEqual([]);
  });
});

/** A WebDAV stand-in that lists an empty folder and creates folders, and answers writes with `putStatus`. */
function standIn(handle: (request: IncomingMessage, response: ServerResponse) => void, tls?: { key: string; cert: string }): Promise<{ url: string; server: Server }> {
  const server = tls ? createHttpsServer(tls, handle) : createHttpServer(handle);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    resolve({ url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/dav/`, server });
  }));
}

const EMPTY_LISTING = '<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response><D:response><D:href>/dav/papershelf/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>';

function answering(putStatus: number) {
  return (request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      if (request.method === 'PROPFIND') {
        response.writeHead(207, { 'Content-Type': 'application/xml; charset=utf-8' }).end(EMPTY_LISTING);
      } else if (request.method === 'MKCOL') {
        response.writeHead(405).end();
      } else {
        response.writeHead(request.method === 'PUT' ? putStatus : 204).end();
      }
    });
  };
}

describe('Connect check with a local stand-in, for answers the real servers cannot be made to give', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('says a full server is full (507)', async () => {
    const { url, server } = await standIn(answering(507));
    servers.push(server);
    expect(await checkFolder(folderAt(url, 'ada', 'pw'))).toMatch(/no space left for this account \(507\)/);
  });

  it('says a web app that answers every request with a page (200, HTML) is not a WebDAV folder', async () => {
    const { url, server } = await standIn((request, response) => {
      request.resume();
      response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Files - Nextcloud</title>');
    });
    servers.push(server);
    expect(await checkFolder(folderAt(url, 'ada', 'pw'))).toMatch(/is a web page, not a WebDAV folder/);
  });

  it('says an untrusted certificate is a certificate problem (TLS)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'papershelf-tls-'));
    try {
      const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
      const { url, server } = await standIn(answering(201), { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') });
      servers.push(server);
      expect(await checkFolder(folderAt(url, 'ada', 'pw'))).toMatch(/certificate is not trusted \(TLS error\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says a server that does not keep what it was sent cannot keep the library', async () => {
    const { url, server } = await standIn((request, response) => {
      request.resume();
      request.on('end', () => {
        if (request.method === 'PROPFIND') response.writeHead(207, { 'Content-Type': 'application/xml' }).end(EMPTY_LISTING);
        else if (request.method === 'GET') response.writeHead(200).end('something else');
        else response.writeHead(request.method === 'MKCOL' ? 405 : 201).end();
      });
    });
    servers.push(server);
    expect(await checkFolder(folderAt(url, 'ada', 'pw'))).toMatch(/gave back something else/);
  });
});
