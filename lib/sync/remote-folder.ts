/**
 * The shared folder as sync sees it: a few file operations, whatever the server. lib/webdav
 * implements it over WebDAV; the sync engine needs nothing else, so it stays testable and pure.
 */
export interface RemoteEntry {
  name: string;
  folder: boolean;
  /** Bytes, when the server says (folders usually do not). */
  size?: number;
}

export interface RemoteFolder {
  list(path: string): Promise<RemoteEntry[]>;
  /** The file's bytes, or undefined when there is none. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** Writes whole or not at all: to a temporary name first, then moved into place. */
  write(path: string, bytes: Uint8Array): Promise<void>;
  remove(path: string): Promise<void>;
  /** Creates the folder and its parents when missing. */
  ensureFolder(path: string): Promise<void>;
}
