// Test support: a real local HTTP server standing in for Graph/Twilio at their network boundary.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedAnswer {
  status: number;
  body: unknown;
}

export interface FakeProvider {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  url: string;
  requests: RecordedRequest[];
  /** Answers to give, in order; when empty, `fallback` answers. */
  script: ScriptedAnswer[];
  close(): Promise<void>;
}

/** Starts the fake on port 0; every request is recorded and answered from the script. */
export async function startFakeProvider(fallback: ScriptedAnswer): Promise<FakeProvider> {
  const requests: RecordedRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = script.shift() ?? fallback;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
