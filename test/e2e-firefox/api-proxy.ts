import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { selfSignedCertificate } from '../self-signed-certificate.ts';

/**
 * A stand-in for the metadata APIs that Firefox's background page reaches. BiDi interception sees
 * page requests only, not the background's own fetches (STACK.md), so Firefox is pointed at this
 * local proxy: it answers CONNECT for the API hosts with TLS under a throwaway self-signed
 * certificate (the test browser accepts it) and hands each request to the test's handler. Any
 * other host is refused, so nothing leaves the machine.
 */
export interface ApiAnswer {
  status?: number;
  contentType: string;
  body: string;
}

/** An answer, `'network-error'` to drop the connection as an unreachable network would, or undefined for 404. */
export type ApiHandler = (url: URL) => ApiAnswer | 'network-error' | undefined;

export interface ApiProxy {
  port: number;
  /** Every API URL asked, in order. */
  requests: string[];
  handle(handler: ApiHandler): void;
  close(): Promise<void>;
}

const API_HOSTS = new Set(['export.arxiv.org:443', 'huggingface.co:443']);

export async function startApiProxy(): Promise<ApiProxy> {
  const { key, cert } = selfSignedCertificate(['export.arxiv.org', 'huggingface.co']);
  let handler: ApiHandler = () => undefined;
  const requests: string[] = [];
  const sockets = new Set<Socket>();

  const inner = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `https://${request.headers.host}`);
    requests.push(url.href);
    const answer = handler(url);
    if (answer === 'network-error') return void request.socket.destroy();
    if (!answer) return void response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    response.writeHead(answer.status ?? 200, { 'content-type': answer.contentType }).end(answer.body);
  });
  const outer: Server = createServer((_request, response) => response.writeHead(403).end());
  outer.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  outer.on('connect', (request, socket: Socket) => {
    if (!API_HOSTS.has(request.url ?? '')) return void socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    inner.emit('connection', new TLSSocket(socket, { isServer: true, key, cert }));
  });
  await new Promise<void>((resolve) => outer.listen(0, '127.0.0.1', resolve));
  return {
    port: (outer.address() as AddressInfo).port,
    requests,
    handle(next) {
      handler = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => outer.close(resolve));
    },
  };
}

/** The Firefox preferences that send HTTPS through the proxy (and plain HTTP, which it refuses). */
export function proxyPrefs(port: number): Record<string, string | number | boolean> {
  return {
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
  };
}
