// redactUrl: secret-looking query values are masked, everything else kept.
import { describe, expect, it } from 'vitest';
import { REDACTED, redactUrl } from './redactUrl.js';

describe('redactUrl', () => {
  it.each([
    [
      '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=123',
      `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${REDACTED}&hub.challenge=${REDACTED}`,
    ],
    [
      '/simulator/chat?phone=%2B16505550100&text=Log%20in%20ABCD-EFGH',
      `/simulator/chat?phone=%2B16505550100&text=${REDACTED}`,
    ],
    [
      '/x?code=1&token=2&key=3&apiKey=4&refreshJwt=5',
      `/x?code=${REDACTED}&token=${REDACTED}&key=${REDACTED}&apiKey=${REDACTED}&refreshJwt=${REDACTED}`,
    ],
    ['/x?%63ode=1', `/x?%63ode=${REDACTED}`], // percent-encoded name
    ['/v1/auth/refresh?dcs=t&dcr=f', '/v1/auth/refresh?dcs=t&dcr=f'],
    ['/simulator/messages?to=%2B16505550100', '/simulator/messages?to=%2B16505550100'],
    ['/health', '/health'],
    ['/x?flag', '/x?flag'],
    ['/x?%ff=1', `/x?${REDACTED}`], // a name that does not decode: the query goes whole
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
