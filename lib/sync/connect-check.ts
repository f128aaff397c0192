import { t, type MessageKey } from '../i18n/t';
import type { RemoteFolder } from './remote-folder';

/**
 * What Connect checks before it keeps a folder (issue #15): that this account can list the folder,
 * create `papershelf/` in it, write a file there, read the same bytes back and delete the file,
 * which is everything sync will ever do. A failure is said in words a reader can act on; the
 * words name what to change (the address, the password, the server), not a status code alone.
 *
 * The folder's errors are WebDavErrors (lib/webdav/errors.ts), read here by their fields only:
 * lib/sync stays pure and lib/webdav already imports from it.
 */
interface FolderFailure {
  problem?: unknown;
  status?: unknown;
  message?: unknown;
}

/** The folder sync writes into, inside the user's folder (engine.ts keeps `papershelf/devices` below it). */
const SYNC_FOLDER = 'papershelf';

const WORDS = {
  unauthorized: 'syncCheckUnauthorized',
  forbidden: 'syncCheckForbidden',
  readOnly: 'syncCheckReadOnly',
  writeFailed: 'syncCheckWriteFailed',
  notFound: 'syncCheckNotFound',
  notWebDav: 'syncCheckNotWebDav',
  full: 'syncCheckFull',
  redirect: 'syncCheckRedirect',
  readBack: 'syncCheckReadBack',
  notDeleted: 'syncCheckNotDeleted',
  notSaved: 'syncCheckNotSaved',
  unknown: 'syncCheckUnknown',
} as const satisfies Record<string, MessageKey>;

/** Which part of the check failed: the same status means different things before and after the folder was found. */
type Step = 'list' | 'create' | 'write';

function wordsFor(error: unknown, step: Step): string {
  const { problem, status, message } = (typeof error === 'object' && error !== null ? error : {}) as FolderFailure;
  if (step === 'write') {
    // The folder answered a listing and `papershelf/` is in it, so a "not found" or "not allowed"
    // on a write means writing is refused (rclone's --read-only answers 404 and 405; Apache 500
    // when the files are not the server's to change).
    if (problem === 'not-found' || problem === 'not-webdav') return t(WORDS.readOnly);
    if (problem === 'server') return t(WORDS.writeFailed);
  }
  const own = typeof message === 'string' && message !== '' ? message : t(WORDS.unknown);
  switch (problem) {
    case 'unauthorized':
      return t(WORDS.unauthorized);
    case 'forbidden':
      return t(WORDS.forbidden);
    case 'not-found':
      return t(WORDS.notFound);
    case 'not-webdav':
      return t(WORDS.notWebDav);
    case 'full':
      return t(WORDS.full);
    case 'redirect':
      return t(WORDS.redirect);
    case 'unexpected':
      // A browser's fetch with `redirect: 'manual'` shows any redirect as status 0.
      if (status === 0) return t(WORDS.redirect);
      // A web page that answers every method with itself (200 and HTML) instead of a WebDAV listing.
      if (typeof status === 'number' && status >= 200 && status < 300) return t(WORDS.notWebDav);
      return own;
    default:
      // offline, unreachable (which tells a certificate problem apart), server, too-large, bad-url:
      // the client's words already say what to do.
      return problem === undefined ? t(WORDS.unknown) : own;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);
}

/**
 * Checks the folder behind `folder` the way Connect needs; resolves to the problem in words, or
 * to undefined when sync can use the folder. Never rejects.
 */
export async function checkFolder(folder: RemoteFolder): Promise<string | undefined> {
  const probe = `${SYNC_FOLDER}/connect-check-${crypto.randomUUID()}.txt`;
  const bytes = new TextEncoder().encode(`Papershelf checked that it can write here (${probe}); this file is deleted at once.\n`);
  let written = false;
  let step: Step = 'list';
  try {
    await folder.list('');
    step = 'create';
    await folder.ensureFolder(SYNC_FOLDER);
    // A read-only server may answer MKCOL with 405, which also means "exists already".
    if (!(await folder.list('')).some((entry) => entry.folder && entry.name === SYNC_FOLDER)) return t(WORDS.readOnly);
    step = 'write';
    await folder.write(probe, bytes);
    written = true;
    const back = await folder.read(probe);
    if (back === undefined) return t(WORDS.notSaved);
    if (!sameBytes(back, bytes)) return t(WORDS.readBack);
    await folder.remove(probe);
    written = false;
    if ((await folder.read(probe)) !== undefined) return t(WORDS.notDeleted);
    return undefined;
  } catch (error) {
    return wordsFor(error, step);
  } finally {
    // Leave nothing behind when a later step failed.
    if (written) await folder.remove(probe).catch(() => undefined);
  }
}
