import type { WebDavFolder } from '../webdav/client';
import { WebDavError } from '../webdav/errors';

/**
 * Checks that the folder is a WebDAV folder this account can list, write, read back and delete in,
 * with a probe file of its own. Returns the problem in words, or undefined when all four work.
 */
export async function checkFolder(folder: WebDavFolder): Promise<string | undefined> {
  const probe = `papershelf/.probe-${crypto.randomUUID()}`;
  const bytes = new TextEncoder().encode('Papershelf checks that it can write here; this file is removed at once.');
  try {
    await folder.list('');
    await folder.ensureFolder('papershelf');
    await folder.write(probe, bytes);
    const back = await folder.read(probe);
    await folder.remove(probe);
    if (!back || back.byteLength !== bytes.byteLength) return 'The server accepted a test file but did not give it back whole: it cannot be used for sync.';
    return undefined;
  } catch (error) {
    if (error instanceof WebDavError) return error.message;
    return 'Could not check the folder: the server answered in a way Papershelf does not understand.';
  }
}
