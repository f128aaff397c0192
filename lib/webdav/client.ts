import { t } from '../i18n/t';
import { WebDavError, webDavErrorFor } from './errors';
import type { RemoteEntry, RemoteFolder } from '../sync/remote-folder';
import { parseMultistatus } from './multistatus';

export type { RemoteFolder };

/**
 * The five WebDAV requests sync needs (RFC 4918: PROPFIND, GET, PUT, MOVE, DELETE, MKCOL), over an
 * injected `fetch` so that the background passes the browser's and tests pass Node's. Every
 * failure becomes a WebDavError with a reason in words.
 */
export interface WebDavOptions {
  /** The folder, e.g. `https://cloud.example.edu/remote.php/dav/files/ada/`; a missing final slash is added. */
  url: string;
  user: string;
  password: string;
  fetch: typeof fetch;
  /** Bytes a single response may hold: a folder listing or a sync file. */
  maxResponseBytes?: number;
}

const DEFAULT_MAX_RESPONSE = 64 * 1024 * 1024;

function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** Encodes each segment of a relative path: names never carry characters a server would read as syntax. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

async function readCapped(response: Response, max: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > max) throw new WebDavError('too-large', t('webdavFileTooLarge', declared.toLocaleString('en'), max.toLocaleString('en')));
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      throw new WebDavError('unreachable', t('webdavConnectionBroke'));
    }
    const { done, value } = step;
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw new WebDavError('too-large', t('webdavTooManyBytes', max.toLocaleString('en')));
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export class WebDavFolder implements RemoteFolder {
  private readonly base: URL;
  private readonly authorization: string;
  private readonly maxResponseBytes: number;

  constructor(private readonly options: WebDavOptions) {
    this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    if (this.base.protocol !== 'https:' && this.base.protocol !== 'http:') throw new WebDavError('bad-url', t('webdavUrlScheme'));
    this.authorization = basicAuth(options.user, options.password);
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
  }

  private urlOf(path: string): URL {
    return new URL(encodePath(path), this.base);
  }

  private async request(method: string, path: string, init: { body?: Uint8Array; headers?: Record<string, string> } = {}): Promise<Response> {
    const send = () =>
      this.options.fetch(this.urlOf(path), {
        method,
        headers: { Authorization: this.authorization, ...init.headers },
        body: init.body as Uint8Array<ArrayBuffer> | undefined,
        // A redirect to another origin would carry the password there.
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
      });
    try {
      return await send();
    } catch {
      // Once more: a kept-alive connection the server closed while this device was busy fails the
      // first request on it. Every request here may be repeated (see write() for MOVE).
      try {
        return await send();
      } catch (error) {
        throw webDavErrorFor(undefined, error);
      }
    }
  }

  async list(path: string): Promise<RemoteEntry[]> {
    const response = await this.request('PROPFIND', path.endsWith('/') || path === '' ? path : `${path}/`, {
      headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' },
      body: new TextEncoder().encode('<?xml version="1.0" encoding="utf-8"?><propfind xmlns="DAV:"><prop><resourcetype/><getcontentlength/></prop></propfind>'),
    });
    if (response.status === 404) return [];
    if (response.status !== 207) throw webDavErrorFor(response.status);
    const text = new TextDecoder().decode(await readCapped(response, this.maxResponseBytes));
    const folder = this.urlOf(path.endsWith('/') || path === '' ? path : `${path}/`).pathname;
    return parseMultistatus(text, folder);
  }

  async read(path: string): Promise<Uint8Array | undefined> {
    const response = await this.request('GET', path);
    if (response.status === 404) return undefined;
    if (!response.ok) throw webDavErrorFor(response.status);
    return readCapped(response, this.maxResponseBytes);
  }

  async write(path: string, bytes: Uint8Array): Promise<void> {
    const slash = path.lastIndexOf('/');
    const temporary = `${path.slice(0, slash + 1)}.tmp-${crypto.randomUUID()}`;
    const put = await this.request('PUT', temporary, { body: bytes, headers: { 'Content-Type': 'application/octet-stream' } });
    if (!put.ok) throw webDavErrorFor(put.status);
    const move = await this.request('MOVE', temporary, { headers: { Destination: this.urlOf(path).href, Overwrite: 'T' } });
    // A repeated MOVE whose first attempt did arrive finds no source: the file is in place.
    if (move.status === 404 && (await this.list(path.slice(0, slash + 1))).some((entry) => entry.name === path.slice(slash + 1))) return;
    if (!move.ok) {
      await this.remove(temporary).catch(() => undefined);
      throw webDavErrorFor(move.status);
    }
  }

  async remove(path: string): Promise<void> {
    const response = await this.request('DELETE', path);
    if (!response.ok && response.status !== 404) throw webDavErrorFor(response.status);
  }

  async ensureFolder(path: string): Promise<void> {
    const parts = path.split('/').filter(Boolean);
    for (let depth = 1; depth <= parts.length; depth += 1) {
      const folder = `${parts.slice(0, depth).join('/')}/`;
      const response = await this.request('MKCOL', folder);
      // 405: it exists already (RFC 4918 §9.3.1). Some servers answer 301 for a folder without its slash.
      if (response.ok || response.status === 405 || response.status === 301) continue;
      throw webDavErrorFor(response.status);
    }
  }
}
