/** What went wrong with the WebDAV folder, as a code for the program and words for the reader. */
export type WebDavProblem =
  | 'bad-url'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'not-webdav'
  | 'full'
  | 'redirect'
  | 'server'
  | 'unreachable'
  | 'offline'
  | 'too-large'
  | 'unexpected';

export class WebDavError extends Error {
  constructor(
    readonly problem: WebDavProblem,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WebDavError';
  }
}

/** Whether trying again later can help (the server or the network), or the user must change something. */
export function isTransient(error: WebDavError): boolean {
  return error.problem === 'server' || error.problem === 'unreachable' || error.problem === 'offline';
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i;

/** The error for a response status, or for a request that never got one (`cause`: what fetch threw). */
export function webDavErrorFor(status: number | undefined, cause?: unknown): WebDavError {
  if (status === undefined) {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return new WebDavError('offline', 'This computer is offline: sync will try again when the network is back.');
    const code = String((cause as { cause?: { code?: unknown } } | undefined)?.cause?.code ?? '');
    if (TLS_CODES.test(code)) return new WebDavError('unreachable', "The server's certificate is not trusted (TLS error): check the address, or the server's certificate.");
    return new WebDavError('unreachable', 'Could not reach the server: it may be down, the address may be wrong, or its certificate may not be trusted.');
  }
  if (status === 401) return new WebDavError('unauthorized', 'The server refused the user name or password (401). With two-factor sign-in, use an app password.', status);
  if (status === 403) return new WebDavError('forbidden', 'The server does not let this account write to that folder (403).', status);
  if (status === 404 || status === 409) return new WebDavError('not-found', `There is no folder at that URL (${status}): check the address.`, status);
  if (status === 405 || status === 501) return new WebDavError('not-webdav', `That URL does not answer WebDAV requests (${status}): it may be a web page rather than a WebDAV folder. Nextcloud's looks like https://cloud.example.org/remote.php/dav/files/USER/.`, status);
  if (status === 507) return new WebDavError('full', 'The server has no space left (507): free some space on it, then sync again.', status);
  if (status >= 300 && status < 400) return new WebDavError('redirect', `The server sent the request elsewhere (${status}); sync does not follow redirects, which could carry your password to another site. Use the final address of the folder.`, status);
  if (status >= 500) return new WebDavError('server', `The server had a problem (${status}); sync will try again later.`, status);
  return new WebDavError('unexpected', `The server answered ${status}, which sync did not expect.`, status);
}
