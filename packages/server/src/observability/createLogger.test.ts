// createLogger: JSON by default off a terminal and in production, readable lines on a terminal or when asked; redaction in both.
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { createLogger, resolveLogFormat } from './createLogger.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const SECRET = 'Bearer P1234567890abcdefghijklmnopq:super-secret-management-key';

function logOne(format: string, target: { isTTY: boolean; nodeEnv?: string }): string {
  const out = capture();
  const log = createLogger(loadConfig({ NOTP_LOG_FORMAT: format }), { stream: out.stream, ...target });
  log.info(
    {
      req: { method: 'GET', url: '/simulator/chat?text=code-secret', headers: { authorization: SECRET } },
      answer: { managementKey: 'mk-secret' },
    },
    'hello there',
  );
  log.flush();
  return out.text();
}

describe('resolveLogFormat', () => {
  it('auto: pretty only on a terminal outside production', () => {
    expect(resolveLogFormat('auto', { isTTY: true, nodeEnv: undefined })).toBe('pretty');
    expect(resolveLogFormat('auto', { isTTY: true, nodeEnv: 'development' })).toBe('pretty');
    expect(resolveLogFormat('auto', { isTTY: true, nodeEnv: 'production' })).toBe('json');
    expect(resolveLogFormat('auto', { isTTY: false, nodeEnv: undefined })).toBe('json');
    expect(resolveLogFormat('pretty', { isTTY: false, nodeEnv: 'production' })).toBe('pretty');
    expect(resolveLogFormat('json', { isTTY: true, nodeEnv: undefined })).toBe('json');
  });

  it('NOTP_LOG_FORMAT defaults to auto and refuses other values', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(() => loadConfig({ NOTP_LOG_FORMAT: 'xml' })).toThrow(/NOTP_LOG_FORMAT/);
  });
});

describe('createLogger', () => {
  it('writes one JSON object per line off a terminal, with secrets redacted', () => {
    const text = logOne('auto', { isTTY: false });
    const record = JSON.parse(text.trim());
    expect(record).toMatchObject({ level: 30, msg: 'hello there' });
    // The request serializer keeps method and URL (secret query values masked), never the headers.
    expect(record.req).toMatchObject({ method: 'GET', url: '/simulator/chat?text=[redacted]' });
    expect(record.req.headers).toBeUndefined();
    expect(text).not.toContain('code-secret');
    expect(record.answer.managementKey).toBe('[redacted]');
    expect(text).not.toContain('super-secret');
    expect(text).not.toContain('mk-secret');
  });

  it('writes JSON in production even on a terminal', () => {
    expect(() => JSON.parse(logOne('auto', { isTTY: true, nodeEnv: 'production' }).trim())).not.toThrow();
  });

  it('writes a readable line on a terminal (or with NOTP_LOG_FORMAT=pretty), still redacted', () => {
    for (const text of [logOne('auto', { isTTY: true }), logOne('pretty', { isTTY: false })]) {
      expect(() => JSON.parse(text.trim())).toThrow();
      // "[12:34:56.789] INFO: hello there {…}" (colour codes only on a terminal)
      const plain = stripVTControlCharacters(text);
      expect(plain).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: hello there /);
      expect(plain.trim().split('\n')).toHaveLength(1);
      expect(plain).toContain('[redacted]');
      expect(text).not.toContain('super-secret');
      expect(text).not.toContain('mk-secret');
    }
  });
});
