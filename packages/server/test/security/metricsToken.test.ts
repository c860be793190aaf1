// /metrics can be protected (issue 13, item 8): with NOTP_METRICS_TOKEN set a scrape needs `Bearer <token>`.
import { errors, routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsTokenMatches } from '../../src/http/routes/metrics.js';
import { startTestServer, type TestServer } from '@notp/test-utils/server';

const TOKEN = 'metrics-token-0123456789abcdef';

describe('NOTP_METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NOTP_METRICS_TOKEN: TOKEN });
  });
  afterAll(() => server.close());

  const scrape = (authorization?: string) =>
    fetch(`${server.url}${routes.metrics}`, authorization ? { headers: { authorization } } : {});

  it('answers the metrics to the right bearer token', async () => {
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('notp_long_polls_open');
  });

  it.each([
    ['no header', undefined],
    ['a wrong token', 'Bearer metrics-token-0123456789abcdeX'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token as Basic', `Basic ${TOKEN}`],
    ['the project id', 'Bearer P0000000000000000000000000000'],
  ])('refuses %s: 401 with the JSON body and WWW-Authenticate', async (_name, header) => {
    const res = await scrape(header);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await res.json()).toMatchObject({ errorCode: errors.invalidToken.code });
  });

  it('compares digests (equal length whatever was sent)', () => {
    expect(metricsTokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(metricsTokenMatches(`bearer   ${TOKEN}`, TOKEN)).toBe(true);
    expect(metricsTokenMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(metricsTokenMatches('Bearer ', TOKEN)).toBe(false);
    expect(metricsTokenMatches(undefined, TOKEN)).toBe(false);
  });
});

describe('without NOTP_METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('/metrics stays open (scraped from a private network)', async () => {
    expect((await fetch(`${server.url}${routes.metrics}`)).status).toBe(200);
  });
});
