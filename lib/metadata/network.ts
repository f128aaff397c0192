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
}

/**
 * A Network over `fetch`. Cookies are never sent (`credentials: 'omit'`): arXiv needs none, and a
 * Hugging Face login has no business travelling with an anonymous metadata lookup.
 */
export function fetchNetwork(options: FetchNetworkOptions = {}): Network {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  return {
    async fetchText(url, signal) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const response = await fetchImpl(url, {
        method: 'GET',
        credentials: 'omit',
        redirect: 'follow',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const text = await response.text();
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now());
      return retryAfter === undefined ? { status: response.status, text } : { status: response.status, text, retryAfter };
    },
  };
}

/** `Retry-After` as seconds from `now`: either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
