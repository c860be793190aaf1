// A minimal keep-alive JSON client over node:http: cheap per call, so the client steals little from the server.
import { Agent, request } from 'node:http';

export interface JsonAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** A keep-alive agent; `sockets` bounds concurrent connections (raise it to hold many long-polls at once). */
export function keepAliveAgent(sockets = 64): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
}

/** POSTs `body` (JSON, or raw bytes with the caller's content type) and parses the JSON answer. */
export function postJson(
  agent: Agent,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonAnswer> {
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  return requestJson(agent, url, payload, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers },
  });
}

/** GETs `url` and parses the JSON answer. */
export function getJson(agent: Agent, url: string, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  return requestJson(agent, url, undefined, { method: 'GET', headers });
}

function requestJson(
  agent: Agent,
  url: string,
  payload: Buffer | undefined,
  options: { method: string; headers: Record<string, string> },
): Promise<JsonAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ...options, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : {} });
        } catch {
          reject(new Error(`non-JSON answer ${res.statusCode} from ${url}: ${text.slice(0, 200)}`));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
