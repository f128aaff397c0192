import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real WebDAV servers on loopback ports for the sync tests: Debian's Apache with mod_dav (the
 * reference implementation) and `rclone serve webdav` (a different code base with its own
 * quirks). Both are started fresh per test file, each on a folder of its own, with Basic auth.
 * Nothing listens beyond 127.0.0.1.
 */
export interface WebDavServer {
  name: 'apache' | 'rclone';
  /** The WebDAV folder URL a user would type, with its final slash. */
  url: string;
  user: string;
  password: string;
  /** Where the server keeps the folder's files on disk: tests damage files there. */
  root: string;
  stop(): Promise<void>;
}

export const USER = 'ada';
export const PASSWORD = 'correct horse battery staple';

const APACHE = '/usr/sbin/apache2';
const APACHE_MODULES = '/usr/lib/apache2/modules';
const RCLONE = '/usr/bin/rclone';

export const SERVER_INSTALL_HINT = 'Sync tests need Debian\'s apache2 (mod_dav) and rclone: sudo apt-get install -y apache2 rclone';

/** Which servers can run here. In CI both are required, and their absence fails the run loudly. */
export function availableServers(): WebDavServer['name'][] {
  const found: WebDavServer['name'][] = [];
  if (existsSync(APACHE) && existsSync(join(APACHE_MODULES, 'mod_dav_fs.so'))) found.push('apache');
  if (existsSync(RCLONE)) found.push('rclone');
  if (found.length < 2) {
    const message = `${SERVER_INSTALL_HINT} (found: ${found.join(', ') || 'none'})`;
    if (process.env.CI) throw new Error(`${message}; required because CI is set.`);
    console.warn(`\n!!! ${message}: the missing servers' sync tests are SKIPPED here and required in CI !!!\n`);
  }
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The WebDAV server exited (${child.exitCode}):\n${log()}`);
    try {
      await fetch(url, { method: 'OPTIONS' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`The WebDAV server at ${url} did not answer within 15 s:\n${log()}`);
}

function stopper(child: ChildProcess, dir: string): () => Promise<void> {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

/** `readOnly`: the server refuses every change (rclone's --read-only), for the Connect check's tests. */
export async function startRclone(options: { readOnly?: boolean } = {}): Promise<WebDavServer> {
  const dir = mkdtempSync(join(tmpdir(), 'papershelf-rclone-'));
  const root = join(dir, 'files');
  mkdirSync(root);
  const port = await freePort();
  let output = '';
  // Tests damage files behind the server's back: no directory cache, so rclone sees them at once.
  const child = spawn(RCLONE, ['serve', 'webdav', root, '--addr', `127.0.0.1:${port}`, '--user', USER, '--pass', PASSWORD, '--config', '/dev/null', '--dir-cache-time', '1ms', ...(options.readOnly ? ['--read-only'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/`;
  await waitUntilServing(url, child, () => output);
  return { name: 'rclone', url, user: USER, password: PASSWORD, root, stop: stopper(child, dir) };
}

export async function startApache(): Promise<WebDavServer> {
  const dir = mkdtempSync(join(tmpdir(), 'papershelf-apache-'));
  const root = join(dir, 'files');
  mkdirSync(join(root, 'dav'), { recursive: true });
  const port = await freePort();
  const hashed = spawnSync('htpasswd', ['-nbB', USER, PASSWORD], { encoding: 'utf8' });
  if (hashed.status !== 0) throw new Error(`htpasswd failed: ${hashed.stderr}`);
  writeFileSync(join(dir, 'htpasswd'), hashed.stdout);
  const modules = ['mpm_event', 'authz_core', 'authn_core', 'authn_file', 'auth_basic', 'authz_user', 'dav', 'dav_fs'];
  const asRoot = process.getuid?.() === 0;
  writeFileSync(
    join(dir, 'httpd.conf'),
    [
      `ServerRoot "${dir}"`,
      'ServerName 127.0.0.1',
      `Listen 127.0.0.1:${port}`,
      `PidFile "${dir}/httpd.pid"`,
      `ErrorLog "${dir}/error.log"`,
      'LogLevel warn',
      ...modules.map((module) => `LoadModule ${module}_module ${APACHE_MODULES}/mod_${module}.so`),
      // As root Apache drops to this user for the workers: the folder is made theirs below.
      ...(asRoot ? ['User www-data', 'Group www-data'] : []),
      `DavLockDB "${dir}/davlock"`,
      `DocumentRoot "${root}"`,
      `<Directory "${root}/dav">`,
      '  Dav On',
      '  AuthType Basic',
      '  AuthName "papershelf-test"',
      `  AuthUserFile "${dir}/htpasswd"`,
      '  Require valid-user',
      '</Directory>',
    ].join('\n'),
  );
  if (asRoot) for (const path of [dir, root, join(root, 'dav')]) chownSync(path, 33, 33);
  let output = '';
  const child = spawn(APACHE, ['-f', join(dir, 'httpd.conf'), '-DFOREGROUND'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, APACHE_RUN_DIR: dir } });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const log = () => `${output}${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''}`;
  const url = `http://127.0.0.1:${port}/dav/`;
  await waitUntilServing(url, child, log);
  return { name: 'apache', url, user: USER, password: PASSWORD, root: join(root, 'dav'), stop: stopper(child, dir) };
}

export function startServer(name: WebDavServer['name']): Promise<WebDavServer> {
  return name === 'apache' ? startApache() : startRclone();
}
