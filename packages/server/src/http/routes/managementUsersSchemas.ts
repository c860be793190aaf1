// JSON schemas of the management user routes (http/routes/managementUsers.ts): the user fields the SDKs send to
// create/update/patch (unknown fields are ignored, as the contract says), the user search, and their answers.
import { MAX_ID, maxString, userRef, userRefProperties } from '../requestSchemas.js';
import { answerObject, emptyAnswer, listOf, userAnswer, userObject } from '../responseSchemas.js';

const str = (maxLength = 512) => maxString(maxLength);
const strList = { type: 'array', maxItems: 100, items: str(MAX_ID) } as const;
const status = { type: 'string', enum: ['enabled', 'disabled', 'invited'] } as const;
const bool = { type: 'boolean' } as const;
const attrs = { type: 'object', maxProperties: 100 } as const;
/** Epoch ms in a JSON body (0 = unset, as the Go SDK sends it). */
const epochMsNumber = { type: 'integer', minimum: 0, maximum: 1e15 } as const;

const userBody = {
  type: 'object',
  required: ['loginId'],
  properties: {
    loginId: str(MAX_ID),
    email: str(MAX_ID),
    phone: str(64),
    name: str(),
    displayName: str(),
    givenName: str(),
    middleName: str(),
    familyName: str(),
    picture: str(2048),
    roleNames: strList,
    userTenants: {
      type: 'array',
      maxItems: 100,
      items: { type: 'object', required: ['tenantId'], properties: { tenantId: str(MAX_ID), roleNames: strList } },
    },
    customAttributes: attrs,
    verifiedEmail: bool,
    verifiedPhone: bool,
    additionalLoginIds: strList,
    status,
    test: bool,
  },
} as const;

const phoneBody = {
  type: 'object',
  required: ['loginId', 'phone'],
  properties: { loginId: str(MAX_ID), phone: str(64), verified: bool, failOnConflict: bool },
} as const;

const statusBody = {
  type: 'object',
  required: ['loginId', 'status'],
  properties: { loginId: str(MAX_ID), status },
} as const;

const searchBody = {
  type: 'object',
  properties: {
    page: { type: 'integer', minimum: 0, maximum: 100_000 },
    limit: { type: 'integer', minimum: 0, maximum: 1000 },
    text: str(),
    loginIds: strList,
    userIds: strList,
    emails: strList,
    phones: strList,
    statuses: { type: 'array', maxItems: 3, items: status },
    roleNames: strList,
    tenantIds: strList,
    customAttributes: attrs,
    withTestUser: bool,
    testUsersOnly: bool,
    fromCreatedTime: epochMsNumber,
    toCreatedTime: epochMsNumber,
    fromModifiedTime: epochMsNumber,
    toModifiedTime: epochMsNumber,
    sort: {
      type: 'array',
      maxItems: 10,
      items: { type: 'object', required: ['field'], properties: { field: str(64), desc: bool } },
    },
    ssoAppIds: strList,
    tenantRoleIds: attrs,
    tenantRoleNames: attrs,
    includeSubTenants: bool,
  },
} as const;

/** Route schemas per management user route. */
export const userSchemas = {
  create: { body: userBody, response: userAnswer },
  load: { querystring: { type: 'object', properties: userRefProperties }, response: userAnswer },
  update: { body: userBody, response: userAnswer },
  updatePhone: { body: phoneBody, response: userAnswer },
  updateStatus: { body: statusBody, response: userAnswer },
  delete: { body: userRef, response: emptyAnswer },
  logout: { body: userRef, response: emptyAnswer },
  search: {
    body: searchBody,
    response: { 200: answerObject({ users: listOf(userObject), total: { type: 'integer' } }) },
  },
} as const;
