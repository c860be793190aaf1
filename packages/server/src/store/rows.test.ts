// The shared row mappers: the same data read by SQLite (JSON text, 0/1) and by PostgreSQL (parsed jsonb, booleans)
// gives the same record, and NULL optional columns leave the record's optional fields absent.
import { describe, expect, it } from 'vitest';
import type { PendingRequest, ProjectSettings, UserTenantRecord } from './ports.js';
import {
  loginHistoryRecordOf,
  type PendingAuthRow,
  pendingAuthRecordOf,
  type ProjectRow,
  postgresColumns,
  projectRecordOf,
  type RefreshSessionRow,
  refreshSessionRecordOf,
  type SigningKeyRow,
  signingKeyRecordOf,
  sqliteColumns,
  type UserRow,
  userRecordOf,
} from './rows.js';
import { recordOnBoth } from './testing/recordOnBoth.js';

const request: PendingRequest = { loginId: '+15551234567', loginIdKind: 'phone', user: { name: 'Ada' } };

const pendingPg: PendingAuthRow = {
  id: 'p1',
  project_id: 'P1',
  ref_hash: 'ref',
  code_hash: 'code',
  kind: 'signin',
  request,
  expected_phone: '+15551234567',
  user_id: null,
  parent_session_id: null,
  status: 'awaiting-confirmation',
  failure_code: null,
  sender_phone: '+15551234567',
  sender_wa_id: '15551234567',
  sender_bsuid: null,
  result_user_id: 'U1',
  first_seen: true,
  confirm_nonce_hash: 'nonce',
  confirm_message_id: 'wamid.1',
  created_at: 1_700_000_000_000,
  expires_at: 1_700_000_120_000,
  verified_at: null,
  consumed_at: null,
};
const pendingShape = { json: ['request'], bool: ['first_seen'] } as const;

const tenants: UserTenantRecord[] = [{ tenantId: 'T1', tenantName: 'Tenant one', roleNames: ['admin'] }];
const userPg: UserRow = {
  project_id: 'P1',
  user_id: 'U1',
  login_ids: ['+15551234567', 'ada@example.com'],
  name: 'Ada Lovelace',
  given_name: 'Ada',
  middle_name: 'King',
  family_name: 'Lovelace',
  email: 'ada@example.com',
  phone: '+15551234567',
  verified_email: false,
  verified_phone: true,
  wa_id: '15551234567',
  wa_bsuid: 'bsuid',
  role_names: ['editor'],
  user_tenants: tenants,
  status: 'enabled',
  custom_attributes: { plan: 'pro', seats: 3 },
  picture: 'https://example.com/ada.png',
  test: false,
  created_at: 1_700_000_000_000,
  updated_at: 1_700_000_000_500,
};
const userShape = {
  json: ['login_ids', 'role_names', 'user_tenants', 'custom_attributes'],
  bool: ['verified_email', 'verified_phone', 'test'],
} as const;
const userWithoutOptionals: UserRow = {
  ...userPg,
  name: null,
  given_name: null,
  middle_name: null,
  family_name: null,
  email: null,
  phone: null,
  wa_id: null,
  wa_bsuid: null,
  picture: null,
};

const sessionPg: RefreshSessionRow = {
  id: 'jti1',
  project_id: 'P1',
  user_id: 'U1',
  family_id: 'F1',
  amr: ['whatsapp'],
  tenant_id: null,
  custom_claims: { tier: 'gold' },
  custom_claims_trusted: true,
  created_at: 1_700_000_000_000,
  expires_at: 1_700_086_400_000,
  revoked_at: null,
  rotated_at: 1_700_000_060_000,
  ip: '203.0.113.7',
  user_agent: 'Mozilla/5.0',
};
const sessionShape = { json: ['amr', 'custom_claims'], bool: ['custom_claims_trusted'] } as const;

describe('rows: one mapper per table, the same record on both dialects', () => {
  it('ColumnDecoding: SQLite parses JSON text and reads 1 as true; PostgreSQL takes values as they are', () => {
    expect(sqliteColumns.json<string[]>('["a"]')).toEqual(['a']);
    expect([sqliteColumns.bool(1), sqliteColumns.bool(0)]).toEqual([true, false]);
    const parsed = { a: 1 };
    expect(postgresColumns.json(parsed)).toBe(parsed);
    expect([postgresColumns.bool(true), postgresColumns.bool(false)]).toEqual([true, false]);
  });

  it('pending_auths → PendingAuthRecord', () => {
    const expected = {
      id: 'p1',
      projectId: 'P1',
      refHash: 'ref',
      codeHash: 'code',
      kind: 'signin',
      request,
      expectedPhone: '+15551234567',
      userId: null,
      parentSessionId: null,
      status: 'awaiting-confirmation',
      failureCode: null,
      senderPhone: '+15551234567',
      senderWaId: '15551234567',
      senderBsuid: null,
      resultUserId: 'U1',
      firstSeen: true,
      confirmNonceHash: 'nonce',
      confirmMessageId: 'wamid.1',
      createdAt: 1_700_000_000_000,
      expiresAt: 1_700_000_120_000,
      verifiedAt: null,
      consumedAt: null,
    };
    expect(recordOnBoth(pendingAuthRecordOf, pendingPg, pendingShape)).toStrictEqual(expected);
  });

  it('pending_auths: a NULL confirm_message_id leaves confirmMessageId absent; first_seen false stays false', () => {
    const pg: PendingAuthRow = { ...pendingPg, confirm_message_id: null, first_seen: false };
    const record = recordOnBoth(pendingAuthRecordOf, pg, pendingShape);
    expect('confirmMessageId' in record).toBe(false);
    expect(record.firstSeen).toBe(false);
  });

  it('users → UserRecord', () => {
    expect(recordOnBoth(userRecordOf, userPg, userShape)).toStrictEqual({
      projectId: 'P1',
      userId: 'U1',
      loginIds: ['+15551234567', 'ada@example.com'],
      name: 'Ada Lovelace',
      givenName: 'Ada',
      middleName: 'King',
      familyName: 'Lovelace',
      email: 'ada@example.com',
      phone: '+15551234567',
      verifiedEmail: false,
      verifiedPhone: true,
      waId: '15551234567',
      waBsuid: 'bsuid',
      roleNames: ['editor'],
      userTenants: tenants,
      status: 'enabled',
      customAttributes: { plan: 'pro', seats: 3 },
      picture: 'https://example.com/ada.png',
      test: false,
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_500,
    });
  });

  it('users: NULL optional columns leave name, email, phone, waId, … absent (not null)', () => {
    const record = recordOnBoth(userRecordOf, userWithoutOptionals, userShape);
    for (const field of [
      'name',
      'givenName',
      'middleName',
      'familyName',
      'email',
      'phone',
      'waId',
      'waBsuid',
      'picture',
    ]) {
      expect(field in record).toBe(false);
    }
  });

  it('refresh_sessions → RefreshSessionRecord; NULL ip and user_agent leave ip and userAgent absent', () => {
    expect(recordOnBoth(refreshSessionRecordOf, sessionPg, sessionShape)).toStrictEqual({
      id: 'jti1',
      projectId: 'P1',
      userId: 'U1',
      familyId: 'F1',
      amr: ['whatsapp'],
      tenantId: null,
      customClaims: { tier: 'gold' },
      customClaimsTrusted: true,
      createdAt: 1_700_000_000_000,
      expiresAt: 1_700_086_400_000,
      revokedAt: null,
      rotatedAt: 1_700_000_060_000,
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
    });

    const bare: RefreshSessionRow = { ...sessionPg, ip: null, user_agent: null, custom_claims_trusted: false };
    const record = recordOnBoth(refreshSessionRecordOf, bare, sessionShape);
    expect(record.customClaimsTrusted).toBe(false);
    expect('ip' in record).toBe(false);
    expect('userAgent' in record).toBe(false);
  });

  it('signing_keys → SigningKeyRecord', () => {
    const pg: SigningKeyRow = {
      kid: 'k1',
      project_id: 'P1',
      alg: 'ES256',
      public_jwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1', alg: 'ES256', use: 'sig' },
      private_key_enc: 'enc',
      status: 'verify-only',
      created_at: 1_700_000_000_000,
      retire_after: 1_700_000_900_000,
    };
    expect(recordOnBoth(signingKeyRecordOf, pg, { json: ['public_jwk'] })).toStrictEqual({
      kid: 'k1',
      projectId: 'P1',
      alg: 'ES256',
      publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1', alg: 'ES256', use: 'sig' },
      privateKeyEnc: 'enc',
      status: 'verify-only',
      createdAt: 1_700_000_000_000,
      retireAfter: 1_700_000_900_000,
    });
  });

  it('projects → ProjectRecord', () => {
    const settings = { appName: 'Demo', allowedOrigins: ['https://app.example.com'], confirmation: true };
    const pg: ProjectRow = {
      project_id: 'P1',
      name: 'Demo',
      management_key_hash: 'hash',
      settings,
      created_at: 1_700_000_000_000,
    };
    expect(recordOnBoth(projectRecordOf, pg, { json: ['settings'] })).toStrictEqual({
      projectId: 'P1',
      name: 'Demo',
      managementKeyHash: 'hash',
      settings: settings as unknown as ProjectSettings,
      createdAt: 1_700_000_000_000,
    });
  });

  it('login_history → LoginHistoryRecord (no dialect-specific columns; the id column is not mapped)', () => {
    const row = {
      id: 7,
      project_id: 'P1',
      user_id: 'U1',
      login_time: 1_700_000_000_000,
      ip: '203.0.113.7',
      city: 'Lisbon',
      country: 'PT',
    };
    expect(loginHistoryRecordOf(row)).toStrictEqual({
      projectId: 'P1',
      userId: 'U1',
      loginTime: 1_700_000_000_000,
      ip: '203.0.113.7',
      city: 'Lisbon',
      country: 'PT',
    });
  });
});
