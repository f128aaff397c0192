import { t } from '../i18n/t';
import type { RemoteFolder } from './remote-folder';

/**
 * End-to-end encryption of the sync files with a passphrase (issue #15, optional): the server
 * keeps only ciphertext. AES-256-GCM (WebCrypto) with a key derived by PBKDF2-SHA-256 at 600,000
 * iterations (OWASP's 2023 figure for PBKDF2-SHA-256), one random 96-bit IV per file.
 *
 * Every device must derive the same key from the same passphrase, so the salt lives in the folder,
 * in `papershelf/encryption.json` with the iteration count and a verifier: a known text encrypted
 * with the key. A device that unlocks with another passphrase fails on the verifier before it
 * writes anything, and is told so in words.
 *
 * Sealed file layout: "PSE1" · IV (12 bytes) · AES-GCM ciphertext with its 16-byte tag. The file's
 * name is the additional authenticated data, so a file moved to another name does not decrypt.
 */
export const KEY_FILE = 'papershelf/encryption.json';
export const MIN_ITERATIONS = 600_000;
const MAGIC = new TextEncoder().encode('PSE1');
const IV_BYTES = 12;
const SALT_BYTES = 16;
const VERIFIER_TEXT = 'Papershelf encryption check';
const VERIFIER_NAME = 'verifier';
/** A key file from the folder is read with a cap: a hostile one could ask for billions of iterations. */
const MAX_ITERATIONS = 10_000_000;


export class EncryptionError extends Error {
  override name = 'EncryptionError';
}

interface KeyFile {
  format: 'papershelf-encryption';
  version: 1;
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  /** Base64. */
  salt: string;
  /** A sealed VERIFIER_TEXT, base64. */
  verifier: string;
}

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]{0,1000}={0,2}$/.test(text)) return undefined;
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export async function deriveKey(passphrase: string, salt: Uint8Array, iterations = MIN_ITERATIONS): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Encrypts one file's bytes; `name` (its path in the folder) is bound to the ciphertext. */
export async function seal(key: CryptoKey, name: string, plain: Uint8Array): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(name) }, key, plain as Uint8Array<ArrayBuffer>));
  const sealed = new Uint8Array(MAGIC.length + IV_BYTES + cipher.byteLength);
  sealed.set(MAGIC, 0);
  sealed.set(iv, MAGIC.length);
  sealed.set(cipher, MAGIC.length + IV_BYTES);
  return sealed;
}

export function isSealed(bytes: Uint8Array): boolean {
  return bytes.byteLength > MAGIC.length + IV_BYTES && MAGIC.every((byte, index) => bytes[index] === byte);
}

/** Decrypts what `seal` made under the same name; throws an EncryptionError in words otherwise. */
export async function open(key: CryptoKey, name: string, sealed: Uint8Array): Promise<Uint8Array> {
  if (!isSealed(sealed)) throw new EncryptionError(t('syncFileNotEncrypted', name));
  const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES) as Uint8Array<ArrayBuffer>;
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(name) }, key, sealed.subarray(MAGIC.length + IV_BYTES) as Uint8Array<ArrayBuffer>);
    return new Uint8Array(plain);
  } catch {
    // GCM's tag does not tell a wrong key from damaged bytes; the verifier told the key apart already.
    throw new EncryptionError(t('syncFileNotDecrypted', name));
  }
}

function readKeyFile(bytes: Uint8Array): { salt: Uint8Array; iterations: number; verifier: Uint8Array } | undefined {
  let parsed: Partial<KeyFile>;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes)) as Partial<KeyFile>;
  } catch {
    return undefined;
  }
  if (parsed.format !== 'papershelf-encryption' || parsed.version !== 1 || parsed.kdf !== 'PBKDF2-SHA-256') return undefined;
  const { iterations } = parsed;
  if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) return undefined;
  const salt = typeof parsed.salt === 'string' ? fromBase64(parsed.salt) : undefined;
  const verifier = typeof parsed.verifier === 'string' ? fromBase64(parsed.verifier) : undefined;
  if (!salt || salt.byteLength < SALT_BYTES || !verifier) return undefined;
  return { salt, iterations, verifier };
}

export type Unlock = { ok: true; key: CryptoKey; created: boolean } | { ok: false; problem: string };

/**
 * The folder's key from the passphrase. The first device to encrypt writes the key file; every
 * other device checks its passphrase against it and writes nothing when it is wrong.
 */
export async function unlockFolder(folder: RemoteFolder, passphrase: string): Promise<Unlock> {
  if (passphrase === '') return { ok: false, problem: t('syncEmptyPassphrase') };
  const existing = await folder.read(KEY_FILE);
  if (existing !== undefined) {
    const keyFile = readKeyFile(existing);
    if (!keyFile) return { ok: false, problem: t('syncDamagedKeyFile') };
    const key = await deriveKey(passphrase, keyFile.salt, keyFile.iterations);
    try {
      const text = new TextDecoder().decode(await open(key, VERIFIER_NAME, keyFile.verifier));
      if (text !== VERIFIER_TEXT) return { ok: false, problem: t('syncDamagedKeyFile') };
    } catch {
      return { ok: false, problem: t('syncWrongPassphrase') };
    }
    return { ok: true, key, created: false };
  }
  const iterations = MIN_ITERATIONS;
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const key = await deriveKey(passphrase, salt, iterations);
  const file: KeyFile = {
    format: 'papershelf-encryption',
    version: 1,
    kdf: 'PBKDF2-SHA-256',
    iterations,
    salt: toBase64(salt),
    verifier: toBase64(await seal(key, VERIFIER_NAME, new TextEncoder().encode(VERIFIER_TEXT))),
  };
  const written = new TextEncoder().encode(JSON.stringify(file, null, 1));
  await folder.ensureFolder('papershelf');
  await folder.write(KEY_FILE, written);
  // The one file two devices may write: two first devices at once each wrote a salt, and the last
  // write won. Take the folder's, before this device encrypts anything with its own.
  const kept = await folder.read(KEY_FILE);
  if (kept !== undefined && (kept.byteLength !== written.byteLength || kept.some((byte, index) => byte !== written[index]))) {
    const theirs = await unlockFolder(folder, passphrase);
    return theirs.ok ? { ...theirs, created: false } : theirs;
  }
  return { ok: true, key, created: true };
}
