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

const NEXTCLOUD_FORM = 'https://cloud.example.org/remote.php/dav/files/USER/Papershelf/';

const WORDS = {
  unauthorized: 'The server refused the user name or password (401). Check both; an app password (made in your account’s security settings) is welcome, and is needed when two-factor sign-in is on.',
  forbidden: 'The server knows this account but does not let it write to that folder (403). Choose a folder this account may change, or ask the server’s administrator.',
  readOnly: 'The server lets this account read that folder but not write to it. Choose a folder this account may change, or ask the server’s administrator.',
  writeFailed: 'The server could not store a test file in that folder: it may be read-only for this account, or the server has a problem. Try again later, or choose another folder.',
  notFound: 'There is no folder at that URL (404): check the address, or create the folder on the server first.',
  notWebDav: `That URL is a web page, not a WebDAV folder. For Nextcloud, use the WebDAV address, like ${NEXTCLOUD_FORM}, not the address of the Files page in the browser.`,
  full: 'The server has no space left for this account (507): free some space on it, then connect again.',
  redirect: 'The server sent the request to another address. Papershelf does not follow it, so your password goes nowhere else: use the folder’s final address (for example with https:// and a final /).',
  readBack: 'The server stored a test file but gave back something else when it was read: this server cannot keep the library safely.',
  notDeleted: 'The server kept a test file after deleting it: this server cannot keep the library safely.',
  notSaved: 'The server accepted a test file but did not keep it: this server cannot keep the library safely.',
  unknown: 'Something unexpected went wrong while checking the folder; try again.',
} as const;

/** Which part of the check failed: the same status means different things before and after the folder was found. */
type Step = 'list' | 'create' | 'write';

function wordsFor(error: unknown, step: Step): string {
  const { problem, status, message } = (typeof error === 'object' && error !== null ? error : {}) as FolderFailure;
  if (step === 'write') {
    // The folder answered a listing and `papershelf/` is in it, so a "not found" or "not allowed"
    // on a write means writing is refused (rclone's --read-only answers 404 and 405; Apache 500
    // when the files are not the server's to change).
    if (problem === 'not-found' || problem === 'not-webdav') return WORDS.readOnly;
    if (problem === 'server') return WORDS.writeFailed;
  }
  const own = typeof message === 'string' && message !== '' ? message : WORDS.unknown;
  switch (problem) {
    case 'unauthorized':
      return WORDS.unauthorized;
    case 'forbidden':
      return WORDS.forbidden;
    case 'not-found':
      return WORDS.notFound;
    case 'not-webdav':
      return WORDS.notWebDav;
    case 'full':
      return WORDS.full;
    case 'redirect':
      return WORDS.redirect;
    case 'unexpected':
      // A browser's fetch with `redirect: 'manual'` shows any redirect as status 0.
      if (status === 0) return WORDS.redirect;
      // A web page that answers every method with itself (200 and HTML) instead of a WebDAV listing.
      if (typeof status === 'number' && status >= 200 && status < 300) return WORDS.notWebDav;
      return own;
    default:
      // offline, unreachable (which tells a certificate problem apart), server, too-large, bad-url:
      // the client's words already say what to do.
      return problem === undefined ? WORDS.unknown : own;
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
    if (!(await folder.list('')).some((entry) => entry.folder && entry.name === SYNC_FOLDER)) return WORDS.readOnly;
    step = 'write';
    await folder.write(probe, bytes);
    written = true;
    const back = await folder.read(probe);
    if (back === undefined) return WORDS.notSaved;
    if (!sameBytes(back, bytes)) return WORDS.readBack;
    await folder.remove(probe);
    written = false;
    if ((await folder.read(probe)) !== undefined) return WORDS.notDeleted;
    return undefined;
  } catch (error) {
    return wordsFor(error, step);
  } finally {
    // Leave nothing behind when a later step failed.
    if (written) await folder.remove(probe).catch(() => undefined);
  }
}
