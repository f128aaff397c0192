import { t } from '../i18n/t';

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
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return new WebDavError('offline', t('webdavOffline'));
    const code = String((cause as { cause?: { code?: unknown } } | undefined)?.cause?.code ?? '');
    if (TLS_CODES.test(code)) return new WebDavError('unreachable', t('webdavCertificate'));
    return new WebDavError('unreachable', t('webdavUnreachable'));
  }
  if (status === 401) return new WebDavError('unauthorized', t('webdavUnauthorized'), status);
  if (status === 403) return new WebDavError('forbidden', t('webdavForbidden'), status);
  if (status === 404 || status === 409) return new WebDavError('not-found', t('webdavNotFound', status), status);
  if (status === 405 || status === 501) return new WebDavError('not-webdav', t('webdavNotWebDav', status), status);
  if (status === 507) return new WebDavError('full', t('webdavFull'), status);
  if (status >= 300 && status < 400) return new WebDavError('redirect', t('webdavRedirect', status), status);
  if (status >= 500) return new WebDavError('server', t('webdavServer', status), status);
  return new WebDavError('unexpected', t('webdavUnexpected', status), status);
}
