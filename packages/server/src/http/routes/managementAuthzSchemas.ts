// JSON schemas of the roles/permissions/tenants management routes: bodies as the official SDKs send them, answers
// as they read them (documentation of the answer; serialised with JSON.stringify, see managementAuthz.ts).
import { bool, emptyAnswer, int, listOf, str, strList, userAnswer } from '../responseSchemas.js';

export const NAME_MAX = 100; // chars: permission, role and tenant names
const name = { type: 'string', minLength: 1, maxLength: NAME_MAX } as const;
const text = { type: 'string', maxLength: 1024 } as const;
const id = { type: 'string', minLength: 1, maxLength: 320 } as const;
const names = { type: 'array', maxItems: 1000, items: name } as const;
const ids = { type: 'array', maxItems: 1000, items: id } as const;
const attrs = { type: 'object', maxProperties: 100 } as const;
const domains = { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 253 } } as const;

export const permissionBody = {
  create: { type: 'object', required: ['name'], properties: { name, description: text } },
  update: { type: 'object', required: ['name'], properties: { name, newName: name, description: text } },
  delete: { type: 'object', required: ['name'], properties: { name } },
} as const;

const roleFields = {
  name,
  newName: name,
  description: text,
  permissionNames: names,
  tenantId: id,
  default: { type: 'boolean' },
} as const;

export const roleBody = {
  create: { type: 'object', required: ['name'], properties: roleFields },
  update: { type: 'object', required: ['name'], properties: roleFields },
  delete: { type: 'object', required: ['name'], properties: { name, tenantId: id } },
  search: {
    type: 'object',
    properties: {
      tenantIds: ids,
      roleNames: names,
      roleNameLike: text,
      permissionNames: names,
      includeProjectRoles: { type: 'boolean' },
    },
  },
} as const;

const tenantFields = {
  id,
  name,
  selfProvisioningDomains: domains,
  customAttributes: attrs,
  disabled: { type: 'boolean' },
  enforceSSO: { type: 'boolean' },
  parent: id,
  roleInheritance: { type: 'string', maxLength: 64 },
} as const;

export const tenantBody = {
  create: { type: 'object', required: ['name'], properties: tenantFields },
  update: { type: 'object', required: ['id'], properties: tenantFields },
  delete: { type: 'object', required: ['id'], properties: { id, cascade: { type: 'boolean' } } },
  load: { type: 'object', required: ['id'], properties: { id } },
  search: {
    type: 'object',
    properties: {
      tenantIds: ids,
      tenantNames: names,
      tenantSelfProvisioningDomains: domains,
      customAttributes: attrs,
      parentTenantId: id,
    },
  },
} as const;

/** `{ loginId, roleNames, tenantId? }` (loginId may be a user id, as the SDKs' loginIdOrUserId). */
export const userRolesBody = {
  type: 'object',
  required: ['loginId'],
  properties: { loginId: id, roleNames: names, tenantId: id },
} as const;

export const userTenantBody = {
  type: 'object',
  required: ['loginId', 'tenantId'],
  properties: { loginId: id, tenantId: id },
} as const;

export const jwtUpdateBody = {
  type: 'object',
  required: ['jwt'],
  properties: {
    jwt: { type: 'string', minLength: 1, maxLength: 16_384 },
    customClaims: { type: 'object', maxProperties: 100 },
    refreshDuration: { type: 'integer', minimum: 0 },
  },
} as const;

// — answers
const permission = { type: 'object', properties: { name: str, description: str, systemDefault: bool } } as const;
const role = {
  type: 'object',
  properties: { name: str, description: str, permissionNames: strList, createdTime: int, tenantId: str, default: bool },
} as const;
const tenant = {
  type: 'object',
  properties: {
    id: str,
    name: str,
    selfProvisioningDomains: strList,
    customAttributes: { type: 'object', additionalProperties: true },
    disabled: bool,
    createdTime: int,
  },
} as const;

export const answers = {
  empty: emptyAnswer,
  permissions: { 200: { type: 'object', properties: { permissions: listOf(permission) } } },
  roles: { 200: { type: 'object', properties: { roles: listOf(role) } } },
  tenants: { 200: { type: 'object', properties: { tenants: listOf(tenant) } } },
  tenant: { 200: tenant },
  tenantId: { 200: { type: 'object', properties: { id: str } } },
  user: userAnswer,
  jwt: { 200: { type: 'object', properties: { jwt: str } } },
} as const;
