// The three HTTP legs of a nOTP login as a benchmark drives them: start, the signed WhatsApp webhook, pending-session.
import { randomBytes, randomInt } from 'node:crypto';
import type { Agent } from 'node:http';
import { errors, routes } from '@notp/core';
import { simulatedBsuid, simulatedDelivery } from '../packages/server/src/whatsapp/simulator/simulatedDelivery.js';
import type { BenchServer } from './benchServer.js';
import { type JsonAnswer, postJson } from './httpJson.js';

/** A possible US number (+1 650 …): unique enough that concurrent logins rarely share a phone. */
export function randomPhone(): string {
  return `+1650${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}

export interface StartedLogin {
  phone: string;
  pendingRef: string;
  /** The prefilled WhatsApp message carrying the code. */
  messageText: string;
}

export class BenchLoginClient {
  private readonly business: { whatsappNumber: string; phoneNumberId: string; appSecret: string };

  constructor(
    private readonly server: BenchServer,
    private readonly agent: Agent,
  ) {
    this.business = {
      whatsappNumber: server.whatsappNumber,
      phoneNumberId: server.phoneNumberId,
      appSecret: server.appSecret,
    };
  }

  private post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonAnswer> {
    return postJson(this.agent, `${this.server.url}${path}`, body, {
      authorization: `Bearer ${this.server.projectId}`,
      ...headers,
    });
  }

  /** signup-in for `phone` (the usual "login with WhatsApp" start). */
  async start(phone = randomPhone(), qrFormat: 'png' | 'svg' = 'png'): Promise<StartedLogin> {
    const answer = await this.post(routes.notp.signUpOrIn, {
      loginId: phone,
      ...(qrFormat === 'svg' ? { loginOptions: { qrFormat } } : {}),
    });
    if (answer.status !== 200) throw new Error(`start answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const redirectUrl = String(answer.body.redirectUrl);
    const messageText = new URL(redirectUrl).searchParams.get('text') ?? '';
    return { phone, pendingRef: String(answer.body.pendingRef), messageText };
  }

  /** What Meta would POST when the user taps Send: a signed Cloud API delivery to the real webhook route. */
  async deliver(login: StartedLogin): Promise<void> {
    const { rawBody, signature } = simulatedDelivery(this.business, {
      waId: login.phone.slice(1),
      bsuid: simulatedBsuid(this.business.appSecret, login.phone),
      profileName: 'Bench',
      text: login.messageText,
      messageId: `wamid.${randomBytes(24).toString('base64url')}`,
      now: Date.now(),
    });
    const answer = await postJson(this.agent, `${this.server.url}${routes.webhooks.whatsapp}`, rawBody, {
      'x-hub-signature-256': signature,
    });
    if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }

  /** pending-session; with `waitSec` it long-polls (`Prefer: wait`). Throws unless it got the JWTs. */
  async pendingSession(pendingRef: string, waitSec?: number): Promise<JsonAnswer> {
    const answer = await this.post(
      routes.notp.pendingSession,
      { pendingRef },
      waitSec ? { prefer: `wait=${waitSec}` } : {},
    );
    if (answer.status !== 200 || typeof answer.body.sessionJwt !== 'string') {
      throw new Error(`pending-session answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer;
  }

  /**
   * Long-polls until the JWTs arrive, asking again when a wait elapses (E066103), as our SDK's waitForSession does.
   * Resolves with the number of requests it took.
   */
  async waitForTokens(pendingRef: string, waitSec: number): Promise<number> {
    for (let requests = 1; ; requests++) {
      const answer = await this.post(routes.notp.pendingSession, { pendingRef }, { prefer: `wait=${waitSec}` });
      if (answer.status === 200 && typeof answer.body.sessionJwt === 'string') return requests;
      if (answer.body.errorCode !== errors.notpPending.code) {
        throw new Error(`pending-session answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
    }
  }

  /** One whole login, start → webhook → pending-session → JWTs. */
  async login(): Promise<void> {
    const started = await this.start();
    await this.deliver(started);
    await this.pendingSession(started.pendingRef);
  }
}
