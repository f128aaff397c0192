import { createServer, type Server } from 'node:https';
import { selfSignedCertificate } from '../self-signed-certificate.ts';

/**
 * The sites' pages served over real HTTPS on this machine, for what Playwright's interception
 * cannot show: with a route in place Chromium's HTTP cache is turned off, and For you reads a
 * listing's bytes from that cache (lib/content/page-source.ts). Chromium resolves the sites' hosts
 * to this server and trusts its throwaway certificate by its key's hash
 * (`--ignore-certificate-errors-spki-list`: a trusted certificate, so responses are cached as a
 * real site's are); every other name resolves to nothing, so nothing leaves the machine.
 *
 * Pages are answered as arXiv answers them: `text/html; charset=utf-8`, no `Cache-Control`.
 * Anything not served is a 404.
 */
export interface HttpsSite {
  /** Chromium flags that send `hosts` to this server and trust it. */
  args: string[];
  /** `headers` beside the content type: `{ 'cache-control': 'no-store' }` for a page the browser keeps no copy of. */
  serve(url: string, body: string, headers?: Record<string, string>): void;
  /** How many times each served URL was asked for (a page read from the cache is not asked again). */
  requests(url: string): number;
  close(): Promise<void>;
}

export async function startHttpsSite(hosts: readonly string[]): Promise<HttpsSite> {
  const { key, cert, spki } = selfSignedCertificate(hosts);
  const pages = new Map<string, { body: string; headers: Record<string, string> }>();
  const asked = new Map<string, number>();
  const server: Server = createServer({ key, cert }, (request, response) => {
    const url = `https://${request.headers.host}${request.url}`;
    asked.set(url, (asked.get(url) ?? 0) + 1);
    const page = pages.get(url);
    if (page === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not served');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...page.headers }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const rules = [...hosts.map((host) => `MAP ${host}:443 127.0.0.1:${port}`), 'MAP * ~NOTFOUND'].join(', ');
  return {
    args: [`--host-resolver-rules=${rules}`, `--ignore-certificate-errors-spki-list=${spki}`],
    serve: (url, body, headers = {}) => void pages.set(url, { body, headers }),
    requests: (url) => asked.get(url) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
