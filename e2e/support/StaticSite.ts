// StaticSite: a second origin for the test apps (and the official SDK's bundle), so every API call is cross-origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticFile {
  body: string | Uint8Array;
  contentType: string;
}

export interface StaticSite {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/** Serves exactly the given paths (`/` → `/index.html`), ignoring the query; anything else is a 404. */
export async function serveStatic(files: Record<string, StaticFile>): Promise<StaticSite> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    const file = files[path === '/' ? '/index.html' : path];
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export const HTML = 'text/html; charset=utf-8';
export const JS = 'application/javascript; charset=utf-8';
