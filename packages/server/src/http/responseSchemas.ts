// Response schemas shared by the routes: they document each answer (GET /openapi.json) and never drop a member
// (objects allow additional properties), so a schema can only describe an answer, not silently change it.

/** An object answer: the members it always documents, and whatever else the flow adds. */
export function answerObject(properties: Record<string, object> = {}, description?: string) {
  return { type: 'object', properties, additionalProperties: true, ...(description ? { description } : {}) } as const;
}

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const int = { type: 'integer' } as const;
const strList = { type: 'array', items: str } as const;

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
  userTenants: { type: 'array', items: answerObject({ tenantId: str, roleNames: strList }) },
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
