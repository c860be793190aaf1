// JSON schemas of the nOTP routes (http/routes/notp.ts): the four start bodies, pending-session, their answers.
import { routes } from '@notp/core';
import type { PendingKind } from '../../store/ports.js';
import { maxString as str } from '../requestSchemas.js';
import { jwtResponse } from '../responseSchemas.js';

const stringMap = {
  type: 'object',
  additionalProperties: { type: 'string', maxLength: 1024 },
  maxProperties: 50,
} as const;

/** Members common to sign-in options, flattened sign-up options and update options. Unknown members are ignored. */
const commonOptions = {
  // Limits (CONTRACT.md §6: keys, name length, value size, nesting, reserved names) are the flow's, with precise messages.
  customClaims: { type: 'object' },
  templateOptions: stringMap,
  templateId: str(100),
  locale: str(35),
  qrFormat: { type: 'string', enum: ['png', 'svg'] },
} as const;

const loginOptionsSchema = {
  type: 'object',
  properties: {
    ...commonOptions,
    stepup: { type: 'boolean' },
    mfa: { type: 'boolean' },
    tenantId: str(200),
  },
} as const;

const updateOptionsSchema = {
  type: 'object',
  properties: { ...commonOptions, addToLoginIDs: { type: 'boolean' } },
} as const;

const userSchema = {
  type: 'object',
  properties: {
    name: str(200),
    givenName: str(200),
    middleName: str(200),
    familyName: str(200),
    email: str(254),
    phone: str(40),
  },
} as const;

// loginId may be '' (the sender's number becomes the login id); an omitted one means the same, because the
// public SDKs drop an `undefined` loginId from the JSON body.
const loginId = str(320);
const providerId = str(100);

/** `{ pendingRef, redirectUrl, image }`: what every start answers (startLogin returns exactly these members). */
export const startResponse = {
  200: {
    type: 'object',
    properties: { pendingRef: { type: 'string' }, redirectUrl: { type: 'string' }, image: { type: 'string' } },
  },
} as const;

/** The four starts: path, the kind of login each begins, and its body. */
export const startRoutes: { path: string; kind: PendingKind; body: object }[] = [
  {
    path: routes.notp.signUp,
    kind: 'signup',
    body: { type: 'object', properties: { loginId, user: userSchema, loginOptions: loginOptionsSchema, providerId } },
  },
  {
    path: routes.notp.signIn,
    kind: 'signin',
    body: { type: 'object', properties: { loginId, loginOptions: loginOptionsSchema, providerId } },
  },
  {
    path: routes.notp.signUpOrIn,
    kind: 'signup-in',
    body: { type: 'object', properties: { loginId, loginOptions: loginOptionsSchema, providerId } },
  },
  {
    path: routes.notp.update,
    kind: 'update',
    body: { type: 'object', properties: { loginId, phone: str(40), options: updateOptionsSchema } },
  },
];

export const pendingSessionSchema = {
  body: {
    type: 'object',
    required: ['pendingRef'],
    properties: { pendingRef: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  response: jwtResponse,
} as const;
