// Config: defaults, validation messages, masking of secrets.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, maskedConfig } from './config.js';

const CLOUD_API = {
  NOTP_WHATSAPP_PROVIDER: 'cloud-api',
  NOTP_CLOUD_API_APP_SECRET: 's',
  NOTP_CLOUD_API_VERIFY_TOKEN: 'v',
  NOTP_CLOUD_API_ACCESS_TOKEN: 'a',
  NOTP_CLOUD_API_PHONE_NUMBER_ID: '1',
  NOTP_WHATSAPP_NUMBER: '+16505550100',
};

describe('simulator exposure (issue 13, item 3)', () => {
  it('listens on loopback in simulator mode and on every interface otherwise, unless HOST says', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig(CLOUD_API).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...CLOUD_API, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });

  it.each([
    [{ NODE_ENV: 'production' }, 'NODE_ENV=production'],
    [{ NOTP_PUBLIC_URL: 'https://auth.example.com' }, 'NOTP_PUBLIC_URL=https://auth.example.com'],
    [{ NOTP_PUBLIC_URL: 'http://10.1.2.3:4000' }, 'is not a loopback address'],
    [{ NOTP_PUBLIC_URL: 'http://127.0.0.1.nip.io' }, 'is not a loopback address'],
  ])('refuses to start the simulator with %j, naming the simulator and NOTP_SIMULATOR_PUBLIC', (env, why) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(why);
    expect(() => loadConfig(env)).toThrow(/SIMULATOR.*NOTP_SIMULATOR_PUBLIC=on/s);
    expect(loadConfig({ ...env, NOTP_SIMULATOR_PUBLIC: 'on' }).provider).toBe('simulator');
  });

  it.each([
    'http://localhost:4000',
    'http://app.localhost:3000',
    'http://127.0.0.1:4000',
    'http://127.8.9.10',
    'http://[::1]:4000',
  ])('starts the simulator with the loopback public URL %s', (url) => {
    expect(loadConfig({ NOTP_PUBLIC_URL: url, NODE_ENV: 'test' }).provider).toBe('simulator');
  });

  it('lets real providers run with NODE_ENV=production and a public URL', () => {
    const c = loadConfig({ ...CLOUD_API, NODE_ENV: 'production', NOTP_PUBLIC_URL: 'https://auth.example.com' });
    expect(c.publicUrl).toBe('https://auth.example.com');
  });

  it('NOTP_METRICS_TOKEN: at least 16 characters, masked in the start-up log', () => {
    expect(() => loadConfig({ NOTP_METRICS_TOKEN: 'short' })).toThrow('NOTP_METRICS_TOKEN');
    const c = loadConfig({ NOTP_METRICS_TOKEN: 'metrics-token-0123456789' });
    expect(c.metricsToken).toBe('metrics-token-0123456789');
    expect(JSON.stringify(maskedConfig(c))).not.toContain('metrics-token-0123456789');
    expect(loadConfig({}).metricsToken).toBeUndefined();
  });

  it('rejects a NOTP_SIMULATOR_PUBLIC that is not on/off', () => {
    expect(() => loadConfig({ NOTP_SIMULATOR_PUBLIC: 'yes' })).toThrow('NOTP_SIMULATOR_PUBLIC');
  });
});

describe('loadConfig', () => {
  it('runs with no environment at all (the embedded default)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 4000,
      host: '127.0.0.1', // simulator mode: loopback only (issue 13, item 3)
      databaseUrl: 'sqlite:./data/notp.db',
      publicUrl: 'http://localhost:4000',
      provider: 'simulator',
      pendingTtlSec: 600,
      rateLimit: true,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('derives the public URL from PORT and strips a trailing slash from NOTP_PUBLIC_URL', () => {
    expect(loadConfig({ PORT: '5123' }).publicUrl).toBe('http://localhost:5123');
    const env = { NOTP_PUBLIC_URL: 'https://auth.example.com/', NOTP_SIMULATOR_PUBLIC: 'on' };
    expect(loadConfig(env).publicUrl).toBe('https://auth.example.com');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ NOTP_PROJECT_ID: 'P123' }, 'NOTP_PROJECT_ID'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ NOTP_WHATSAPP_PROVIDER: 'telegram' }, 'NOTP_WHATSAPP_PROVIDER'],
    [{ NOTP_MASTER_KEY: 'short' }, 'NOTP_MASTER_KEY'],
    [{ NOTP_WHATSAPP_PROVIDER: 'cloud-api' }, 'NOTP_CLOUD_API_ACCESS_TOKEN'],
    [{ NOTP_WHATSAPP_PROVIDER: 'twilio' }, 'NOTP_TWILIO_AUTH_TOKEN'],
    [{ DATABASE_URL: 'postgres://u:p@localhost/notp' }, 'NOTP_MASTER_KEY'],
    [{ NOTP_SQLITE_DRIVER: 'sqlite3' }, 'NOTP_SQLITE_DRIVER'],
    [{ NOTP_TRUSTED_PROXIES: 'true' }, 'NOTP_TRUSTED_PROXIES'],
    [{ NOTP_TRUSTED_PROXIES: '0' }, 'NOTP_TRUSTED_PROXIES'],
    [{ NOTP_TRUSTED_PROXIES: '11' }, 'NOTP_TRUSTED_PROXIES'],
    [{ NOTP_TRUSTED_PROXIES: '10.0.0.0/33' }, 'NOTP_TRUSTED_PROXIES'],
    [{ NOTP_TRUSTED_PROXIES: '10.0.0.1,' }, 'NOTP_TRUSTED_PROXIES'],
    [{ NOTP_TRUSTED_PROXIES: 'proxy.internal' }, 'NOTP_TRUSTED_PROXIES'],
    [{ NOTP_TRUSTED_PROXIES: '10.0.0.0/8/1' }, 'NOTP_TRUSTED_PROXIES'],
    [{ NOTP_AUDIT_RETENTION_DAYS: '-1' }, 'NOTP_AUDIT_RETENTION_DAYS'],
    [{ NOTP_AUDIT_RETENTION_DAYS: '36501' }, 'NOTP_AUDIT_RETENTION_DAYS'],
    [{ NOTP_AUDIT_RETENTION_DAYS: '1.5' }, 'NOTP_AUDIT_RETENTION_DAYS'],
    [{ NOTP_AUDIT_RETENTION_DAYS: 'forever' }, 'NOTP_AUDIT_RETENTION_DAYS'],
  ])('rejects %o naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('NOTP_TRUSTED_PROXIES: none by default; a hop count; or a list of IPs, CIDR ranges and proxy-addr names', () => {
    expect(loadConfig({}).trustedProxies).toBe(false);
    expect(loadConfig({ NOTP_TRUSTED_PROXIES: '2' }).trustedProxies).toBe(2);
    expect(
      loadConfig({ NOTP_TRUSTED_PROXIES: 'loopback, 10.0.0.0/8,192.168.1.7, fd00::/8,::1' }).trustedProxies,
    ).toEqual(['loopback', '10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1']);
  });

  it('NOTP_AUDIT_RETENTION_DAYS: 365 days by default; any whole number of days from 0 (keep forever) to 36500', () => {
    expect(loadConfig({}).auditRetentionDays).toBe(365);
    expect(loadConfig({ NOTP_AUDIT_RETENTION_DAYS: '90' }).auditRetentionDays).toBe(90);
    expect(loadConfig({ NOTP_AUDIT_RETENTION_DAYS: '0' }).auditRetentionDays).toBe(0);
    expect(loadConfig({ NOTP_AUDIT_RETENTION_DAYS: '36500' }).auditRetentionDays).toBe(36_500);
  });

  it('accepts a 28-character project id', () => {
    expect(loadConfig({ NOTP_PROJECT_ID: `P${'a'.repeat(27)}` }).projectId).toBe(`P${'a'.repeat(27)}`);
  });

  it('masks secrets and database passwords in the printed config', () => {
    const c = loadConfig({
      NOTP_MANAGEMENT_KEY: 'super-secret-management-key',
      NOTP_MASTER_KEY: 'ab'.repeat(32),
      DATABASE_URL: 'postgres://notp:hunter2@db:5432/notp',
      NOTP_CLOUD_API_APP_SECRET: 'appsecret-value',
    });
    const printed = JSON.stringify(maskedConfig(c));
    expect(printed).not.toContain('super-secret-management-key');
    expect(printed).not.toContain('ab'.repeat(32));
    expect(printed).not.toContain('hunter2');
    expect(printed).not.toContain('appsecret-value');
    expect(printed).toContain('postgres://notp:***@db:5432/notp');
  });
});
