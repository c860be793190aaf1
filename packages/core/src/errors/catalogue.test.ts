// Pins the error catalogue: unique codes, documented in docs/errors.md, retired codes never reused,
// and every code the server throws is one of ours (like fastify's errors.test.js).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorByCode, errors, isTerminalCode, RETIRED_CODES } from './catalogue.js';

const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');
const all = Object.entries(errors);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('error catalogue', () => {
  it('codes are unique and shaped E + 6 digits', () => {
    const codes = all.map(([, d]) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^E\d{6}$/);
  });

  it('statuses are HTTP error statuses', () => {
    for (const [, d] of all) {
      expect(d.status).toBeGreaterThanOrEqual(400);
      expect(d.status).toBeLessThan(600);
    }
  });

  it('keeps the codes the public SDK ecosystem compares', () => {
    expect(errors.notpPending).toMatchObject({ code: 'E066103', status: 401 });
    expect(errors.badRequest.code).toBe('E011001');
    expect(errors.missingArguments.code).toBe('E011002');
    expect(errors.invalidRequest.code).toBe('E011003');
    expect(errors.invalidArguments.code).toBe('E011004');
    expect(errors.userAlreadyExists).toMatchObject({ code: 'E062107', status: 409 });
    expect(errors.userNotFound).toMatchObject({ code: 'E062108', status: 404 });
    expect(errors.tokenRevoked).toMatchObject({ code: 'E064001', status: 401 });
    expect(errors.mgmtUserNotFound).toMatchObject({ code: 'E112102', status: 404 });
    expect(errors.rateLimited).toMatchObject({ code: 'E130429', status: 429 });
  });

  it('notp codes of its own are in the E9xxxxx range', () => {
    const ecosystem = new Set([
      'E011001',
      'E011002',
      'E011003',
      'E011004',
      'E062107',
      'E062108',
      'E064001',
      'E066103',
      'E112102',
      'E130429',
    ]);
    for (const [, d] of all) if (!ecosystem.has(d.code)) expect(d.code).toMatch(/^E9/);
  });

  it('retired codes are never reused', () => {
    for (const c of RETIRED_CODES) expect(errorByCode(c)).toBeUndefined();
  });

  it('every code is documented in docs/errors.md with its status', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'errors.md'), 'utf8');
    for (const [name, d] of all) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${d.code}\``));
      expect(row, `${name} (${d.code}) missing from docs/errors.md`).toBeDefined();
      expect(row).toContain(String(d.status));
    }
  });

  it('the pending-login terminal set is what clients stop on', () => {
    expect(isTerminalCode('E066103')).toBe(false);
    for (const c of ['E902001', 'E902002', 'E902003', 'E902004', 'E902005']) expect(isTerminalCode(c)).toBe(true);
    expect(isTerminalCode(undefined)).toBe(false);
  });

  it('every errors.X the server and SDKs reference exists in the catalogue', () => {
    const names = new Set(Object.keys(errors));
    const files = ['server', 'core', 'node-sdk', 'web-js-sdk']
      .map((p) => join(repoRoot, 'packages', p, 'src'))
      .filter((d) => {
        try {
          return statSync(d).isDirectory();
        } catch {
          return false;
        }
      })
      .flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      // `errors.md` is the catalogue's document (docs/errors.md), not an entry.
      for (const m of readFileSync(f, 'utf8').matchAll(/\berrors\.(?!md\b)([A-Za-z]+)\b/g)) {
        expect(names.has(m[1] as string), `${f} uses unknown errors.${m[1]}`).toBe(true);
      }
    }
  });
});
