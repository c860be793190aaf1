// decodeJwtClaims: reads (never verifies) a JWT's payload, to learn `exp`/`iat` of a token the server just gave us.

/** The payload of a compact JWT, or undefined when it is not one. The browser cannot verify: the server does. */
export function decodeJwtClaims(jwt: string | undefined): Record<string, unknown> | undefined {
  const payload = jwt?.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Epoch seconds of the token's `exp`, if it has one. */
export function jwtExpiry(jwt: string | undefined): number | undefined {
  const exp = decodeJwtClaims(jwt)?.exp;
  return typeof exp === 'number' ? exp : undefined;
}
