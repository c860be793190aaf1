// Test support: HTTP/1.1 over a raw TCP socket, for what fetch cannot send (half headers, stalled bodies, bad framing).
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** 0 when the server closed without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The socket error that ended the exchange (e.g. ECONNRESET), if any. */
  error: string | undefined;
}

/** Parses the first HTTP response in `raw` (headers lower-cased; body cut to Content-Length when given). */
export function parseAnswer(raw: Buffer, error?: string): RawAnswer {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return { status: 0, headers: {}, body: '', error };
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = headers['content-length'];
  const rest = raw.subarray(Buffer.byteLength(text.slice(0, split + 4), 'latin1'));
  const body = (length === undefined ? rest : rest.subarray(0, Number(length))).toString('utf8');
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body, error };
}

/** An open connection to `baseUrl`'s host and port that collects everything the server sends until it closes. */
export class RawConnection {
  private readonly chunks: Buffer[] = [];
  private error: string | undefined;
  readonly closed: Promise<RawAnswer>;
  readonly socket: Socket;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (c: Buffer) => this.chunks.push(c));
    this.closed = new Promise((resolve) => {
      socket.on('error', (err: NodeJS.ErrnoException) => {
        this.error = err.code ?? err.message;
      });
      socket.on('close', () => resolve(parseAnswer(Buffer.concat(this.chunks), this.error)));
    });
  }

  static open(baseUrl: string): Promise<RawConnection> {
    const { hostname, port } = new URL(baseUrl);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) }, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Writes and resolves once the bytes are handed to the kernel (or the socket failed). */
  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.write(data, () => resolve());
    });
  }

  /** The first response, as soon as its headers and Content-Length bytes have arrived (socket may stay open). */
  async firstAnswer(): Promise<RawAnswer> {
    for (;;) {
      const got = parseAnswer(Buffer.concat(this.chunks), this.error);
      const need = Number(got.headers['content-length'] ?? Number.NaN);
      if (got.status !== 0 && Buffer.byteLength(got.body) >= need) return got;
      if (this.socket.destroyed) return this.closed;
      await new Promise((resolve) => this.socket.once('data', resolve).once('close', resolve));
    }
  }
}

/** One request written at once; resolves with the answer when the server closes or completes the response. */
export async function rawExchange(baseUrl: string, request: string | Buffer): Promise<RawAnswer> {
  const conn = await RawConnection.open(baseUrl);
  await conn.write(request);
  const answer = await conn.firstAnswer();
  conn.socket.destroy();
  return answer;
}
