import { t } from '../i18n/t';

/**
 * The only door to the network enrichment uses. The queue gets it injected, so tests answer with
 * fixtures under fake time, and the background passes {@link fetchNetwork}.
 */
export interface NetworkResponse {
  status: number;
  text: string;
  /** The server's `Retry-After`, in seconds from now (an HTTP date is converted). */
  retryAfter?: number;
}

export interface Network {
  /**
   * GETs `url` and reads the body as text. Resolves for every HTTP status; rejects only when no
   * answer came: a `TypeError` means the browser is offline or the host unreachable, anything else
   * (a timeout's `TimeoutError`) a failed attempt.
   */
  fetchText(url: string, signal?: AbortSignal): Promise<NetworkResponse>;
}

export interface FetchNetworkOptions {
  fetch?: typeof fetch;
  /** A request that takes longer is abandoned (and retried later). */
  timeoutMs?: number;
  now?: () => number;
  /** An answer longer than this many bytes is abandoned while it is read. */
  maxBytes?: number;
}

/**
 * The largest answer read: an arXiv feed of a full batch is a few hundred kilobytes and a Hugging
 * Face paper a few kilobytes, so this leaves room while keeping a broken or hostile server from
 * filling the service worker's memory.
 */
export const MAX_RESPONSE_BYTES = 5 * 2 ** 20;

/** Same-host redirects followed per request (arXiv and Hugging Face need none today). */
const MAX_REDIRECTS = 3;

/**
 * An answer Papershelf will not read: too large, or a redirect to another host. Its message is
 * meant for the user (the library page shows the last enrichment error).
 */
export class RefusedResponseError extends Error {
  override readonly name = 'RefusedResponseError';
}

/**
 * A Network over `fetch`. Cookies are never sent (`credentials: 'omit'`): arXiv needs none, and a
 * Hugging Face login has no business travelling with an anonymous metadata lookup. Redirects are
 * followed by hand, and only on the host first asked: a metadata answer comes from arXiv or
 * Hugging Face themselves or not at all. The body is read with a byte cap.
 */
export function fetchNetwork(options: FetchNetworkOptions = {}): Network {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? MAX_RESPONSE_BYTES;
  return {
    async fetchText(url, signal) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
      const host = new URL(url).host;
      let current = url;
      for (let redirects = 0; ; redirects++) {
        const response = await fetchImpl(current, { method: 'GET', credentials: 'omit', redirect: 'manual', signal: both });
        const next = redirectTarget(response, current, host);
        if (next === undefined) {
          const text = await readCapped(response, maxBytes, host);
          const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now());
          return retryAfter === undefined ? { status: response.status, text } : { status: response.status, text, retryAfter };
        }
        await response.body?.cancel().catch(() => undefined);
        if (redirects >= MAX_REDIRECTS) throw new RefusedResponseError(t('metadataRedirectedTooOften', host, MAX_REDIRECTS));
        current = next;
      }
    },
  };
}

/**
 * Where a redirect leads, when it stays on `host`; undefined when `response` is not a redirect.
 * A redirect elsewhere, or one whose target the browser hides (`opaqueredirect`), is refused.
 */
function redirectTarget(response: Response, from: string, host: string): string | undefined {
  const isRedirect = response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.status !== 304);
  if (!isRedirect) {
    // A fetch that followed a redirect on its own (an implementation ignoring `manual`) says so here.
    if (response.url && new URL(response.url).host !== host) throw refusedRedirect(host);
    return undefined;
  }
  const location = response.headers.get('Location');
  if (!location) throw refusedRedirect(host);
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw refusedRedirect(host);
  }
  if (target.protocol !== 'https:' || target.host !== host) throw refusedRedirect(host);
  return target.href;
}

function refusedRedirect(host: string): RefusedResponseError {
  return new RefusedResponseError(t('metadataRedirectedElsewhere', host));
}

/** The body as UTF-8 text, abandoned (and the download cancelled) once it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number, host: string): Promise<string> {
  const tooLarge = () => new RefusedResponseError(t('metadataAnswerTooLarge', host, megabytes(maxBytes)));
  const declared = Number(response.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function megabytes(bytes: number): string {
  const amount = bytes / 2 ** 20;
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(1);
}

/** `Retry-After` as seconds from `now`: either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
