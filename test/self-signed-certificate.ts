import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway self-signed certificate for the test servers that stand in for the sites over TLS
 * (test/e2e-firefox/api-proxy.ts, test/e2e/https-site.ts), made by openssl (Debian's `openssl`,
 * which .ci/run installs). `spki`: the SHA-256 of its public key, base64, as Chromium's
 * `--ignore-certificate-errors-spki-list` names the certificates it trusts.
 */
export function selfSignedCertificate(hosts: readonly string[]): { key: Buffer; cert: Buffer; spki: string } {
  const dir = mkdtempSync(join(tmpdir(), 'papershelf-cert-'));
  try {
    const names = hosts.map((host) => `DNS:${host}`).join(',');
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${hosts[0]}`, '-addext', `subjectAltName=${names}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    } catch (error) {
      throw new Error(`openssl could not make a test server's certificate (Debian: openssl): ${error instanceof Error ? error.message : String(error)}`);
    }
    const cert = readFileSync(join(dir, 'cert.pem'));
    const spki = createHash('sha256').update(createPublicKey(cert).export({ type: 'spki', format: 'der' })).digest('base64');
    return { key: readFileSync(join(dir, 'key.pem')), cert, spki };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
