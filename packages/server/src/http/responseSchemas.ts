// Response schemas shared by the routes: they document each answer (GET /openapi.json) and never drop a member
// (objects allow additional properties), so a schema can only describe an answer, not silently change it.

/** An object answer: the members it always documents, and whatever else the flow adds. */
export function answerObject(properties: Record<string, object> = {}, description?: string) {
  return { type: 'object', properties, additionalProperties: true, ...(description ? { description } : {}) } as const;
}

/** The primitive members of answers (request members carry limits: http/requestSchemas.ts). */
export const str = { type: 'string' } as const;
export const bool = { type: 'boolean' } as const;
export const int = { type: 'integer' } as const;
export const strList = { type: 'array', items: str } as const;
/** A list of objects documented by their members (the default: any members). */
export const listOf = (item: object = answerObject()) => ({ type: 'array', items: item }) as const;

/** `{}`: the contract's answer where there is nothing to say. */
export const emptyAnswer = { 200: answerObject({}, 'Done (nothing to say)') } as const;

/** The user object (JWTResponse.user, /v1/auth/me, management answers). */
export const userObject = answerObject({
  userId: str,
  loginIds: strList,
  name: str,
  email: str,
  phone: str,
  verifiedEmail: bool,
  verifiedPhone: bool,
  roleNames: strList,
  userTenants: listOf(answerObject({ tenantId: str, roleNames: strList })),
  status: { type: 'string', enum: ['enabled', 'disabled', 'invited'] },
  customAttributes: answerObject(),
  createdTime: { type: 'integer', description: 'epoch seconds' },
  test: bool,
});

/** JWTResponse: a session (tokens in the body, or in DS/DSR cookies when the project delivers by cookie). */
export const jwtResponse = {
  200: answerObject(
    {
      sessionJwt: str,
      refreshJwt: str,
      cookieDomain: str,
      cookiePath: str,
      cookieMaxAge: int,
      cookieExpiration: int,
      sessionExpiration: int,
      user: userObject,
      firstSeen: bool,
    },
    'A session (JWTResponse)',
  ),
} as const;

/** `{ user }` management answers. */
export const userAnswer = { 200: answerObject({ user: userObject }) } as const;

/** A non-JSON answer (HTML page, JavaScript bundle, plain text), documented by its media type. */
export function textAnswer(mediaType: string, description: string) {
  return { 200: { description, content: { [mediaType]: { schema: { type: 'string' } } } } } as const;
}

/** 304 to a conditional GET whose `If-None-Match` names the current ETag. */
export const notModified = { 304: { description: 'Not modified (ETag)', type: 'null' } } as const;

/** A 302 redirect (no body). */
export const redirectAnswer = (description: string) => ({ 302: { description, type: 'null' } }) as const;

/** A file served from a built directory: one of its media types, or 304 (ETag). */
export function staticFileAnswer(description: string, mediaTypes: readonly string[]) {
  const content = Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: 'string' } }]));
  return { 200: { description, content }, ...notModified } as const;
}

/**
 * A serializer that is V8's own JSON.stringify: for answers the flows build exactly, where the schema serializer would
 * only cost time (http/routes/notp.ts says why for the starts). The response schema still documents the answer.
 */
export const nativeJson = () => (data: unknown) => JSON.stringify(data);
