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
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Record<string, string>;
}

export interface FakeProviderOptions {
  /**
   * The exact `Authorization` header the real provider would demand (Graph: `Bearer <token>`, Twilio: HTTP Basic).
   * Anything else gets a 401 in the provider's error shape, as the real API answers, without touching the script.
   */
  authorization?: string;
  /** The 401 body for a wrong `Authorization` (default: Graph's OAuth error). */
  unauthorizedBody?: unknown;
}

export interface FakeProvider {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  url: string;
  requests: RecordedRequest[];
  /** Answers to give, in order; when empty, `fallback` answers. */
  script: ScriptedAnswer[];
  close(): Promise<void>;
}

/** Graph's answer to a bad token (code 190), the shape CloudApiSender reads. */
const GRAPH_UNAUTHORIZED = {
  error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190, fbtrace_id: 'AbCdEf' },
};

/**
 * Starts the fake on port 0; every request is recorded and answered from the script. `fallback` may be a function
 * of the request (e.g. a fresh message id per send, as Graph and Twilio give).
 */
export async function startFakeProvider(
  fallback: ScriptedAnswer | ((request: RecordedRequest) => ScriptedAnswer),
  options: FakeProviderOptions = {},
): Promise<FakeProvider> {
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
      const recorded = requests[requests.length - 1] as RecordedRequest;
      const authorized = options.authorization === undefined || req.headers.authorization === options.authorization;
      const answer: ScriptedAnswer = !authorized
        ? { status: 401, body: options.unauthorizedBody ?? GRAPH_UNAUTHORIZED }
        : (script.shift() ?? (typeof fallback === 'function' ? fallback(recorded) : fallback));
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
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
