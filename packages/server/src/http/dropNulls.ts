// JSON null as "absent" in management bodies: the official Go and Python SDKs send every field, null where unset.
import type { FastifyRequest } from 'fastify';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

const allowsNull = (schema: JsonSchema | undefined): boolean =>
  schema?.type === 'null' || (Array.isArray(schema?.type) && schema.type.includes('null'));

/**
 * Removes, in place, every property whose value is null where the schema declares the property and does not allow
 * null, recursing into declared object properties and array items. Free-form objects (no `properties`, e.g.
 * customAttributes, customClaims) are left as sent: null there is the caller's data. Required properties that were
 * null are then reported missing by the schema, as if absent.
 */
export function dropNulls(value: unknown, schema: JsonSchema | undefined): void {
  if (!schema || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (schema.items) for (const item of value) dropNulls(item, schema.items);
    return;
  }
  const props = schema.properties;
  if (!props) return;
  const record = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    const childSchema = Object.hasOwn(props, key) ? props[key] : undefined;
    if (!childSchema) continue;
    if (child === null && !allowsNull(childSchema)) delete record[key];
    else dropNulls(child, childSchema);
  }
}

/** A preValidation hook: the route's body with nulls dropped (see dropNulls) before its schema runs. */
export async function dropNullsFromBody(request: FastifyRequest): Promise<void> {
  dropNulls(request.body, request.routeOptions.schema?.body as JsonSchema | undefined);
}
