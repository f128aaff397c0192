// @vitest-environment node
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKey, EncryptionError, isSealed, KEY_FILE, MIN_ITERATIONS, open, seal, unlockFolder } from '../../../lib/sync/encryption';
import { t } from '../../../lib/i18n/t';
import { WebDavFolder } from '../../../lib/webdav/client';
import { availableServers, startServer, type WebDavServer } from '../../webdav-servers';

/** Every file under `root` with its bytes, to show that nothing was written. */
function snapshot(root: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(root, prefix))) {
    const path = join(prefix, name);
    if (statSync(join(root, path)).isDirectory()) Object.assign(files, snapshot(root, path));
    else files[path] = readFileSync(join(root, path)).toString('base64');
  }
  return files;
}

describe('sealing one file', () => {
  let key: CryptoKey;
  beforeAll(async () => {
    key = await deriveKey('correct horse', new Uint8Array(16).fill(7));
  });

  it('opens what it sealed under the same name, and only that', async () => {
    const plain = new TextEncoder().encode('{"papers":["2401.00001"]}');
    const sealed = await seal(key, 'papershelf/devices/a/log-1.json.gz', plain);
    expect(isSealed(sealed)).toBe(true);
    expect(Buffer.from(sealed).includes(Buffer.from('2401.00001'))).toBe(false);
    expect(await open(key, 'papershelf/devices/a/log-1.json.gz', sealed)).toEqual(plain);
    // Another name (a file moved by someone with write access to the folder) does not open.
    await expect(open(key, 'papershelf/devices/b/log-1.json.gz', sealed)).rejects.toThrow(/could not be decrypted/);
    const flipped = sealed.slice();
    flipped[flipped.length - 1]! ^= 1;
    await expect(open(key, 'papershelf/devices/a/log-1.json.gz', flipped)).rejects.toBeInstanceOf(EncryptionError);
    await expect(open(key, 'x', plain)).rejects.toThrow(/is not encrypted/);
    // A fresh IV each time: the same bytes never seal alike.
    expect(await seal(key, 'n', plain)).not.toEqual(await seal(key, 'n', plain));
  });
});

describe.each(availableServers())('a folder encrypted with a passphrase, on %s', (name) => {
  let server: WebDavServer;
  const folder = () => new WebDavFolder({ url: server.url, user: server.user, password: server.password, fetch });

  beforeAll(async () => {
    server = await startServer(name);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('the first device writes the key file (PBKDF2-SHA-256, at least 600,000 iterations); the next one with the same passphrase opens its files', async () => {
    const first = await unlockFolder(folder(), 'a long passphrase');
    expect(first).toMatchObject({ ok: true, created: true });
    const keyFile = JSON.parse(readFileSync(join(server.root, KEY_FILE), 'utf8'));
    expect(keyFile).toMatchObject({ format: 'papershelf-encryption', kdf: 'PBKDF2-SHA-256' });
    expect(keyFile.iterations).toBeGreaterThanOrEqual(MIN_ITERATIONS);
    expect(MIN_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    if (!first.ok) return;
    const plain = new TextEncoder().encode('saved: 2401.00001');
    await folder().write('papershelf/secret.bin', await seal(first.key, 'papershelf/secret.bin', plain));
    expect(readFileSync(join(server.root, 'papershelf/secret.bin')).includes(Buffer.from('2401.00001'))).toBe(false);

    const second = await unlockFolder(folder(), 'a long passphrase');
    expect(second).toMatchObject({ ok: true, created: false });
    if (second.ok) expect(await open(second.key, 'papershelf/secret.bin', (await folder().read('papershelf/secret.bin'))!)).toEqual(plain);
  });

  it('a wrong passphrase is said in words and nothing is written', async () => {
    const before = snapshot(server.root);
    expect(Object.keys(before)).toContain(KEY_FILE);
    expect(await unlockFolder(folder(), 'another passphrase')).toEqual({ ok: false, problem: t('syncWrongPassphrase') });
    expect(await unlockFolder(folder(), '')).toEqual({ ok: false, problem: 'Enter a passphrase: without one the library cannot be encrypted.' });
    expect(snapshot(server.root)).toEqual(before);
  });

  it('a damaged key file, or one asking for an absurd iteration count, is said in words and nothing is written', async () => {
    const good = readFileSync(join(server.root, KEY_FILE), 'utf8');
    for (const damaged of ['not json', JSON.stringify({ ...JSON.parse(good), iterations: 1e12 }), JSON.stringify({ ...JSON.parse(good), iterations: 1000 })]) {
      writeFileSync(join(server.root, KEY_FILE), damaged);
      const before = snapshot(server.root);
      const result = await unlockFolder(folder(), 'a long passphrase');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem).toMatch(/encryption settings \(papershelf\/encryption.json\) are damaged/);
      expect(snapshot(server.root)).toEqual(before);
    }
    writeFileSync(join(server.root, KEY_FILE), good);
  });
});
