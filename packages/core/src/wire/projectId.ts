// The project-id shape of the wire contract ("P" + 27 letters or digits): the only copy, for the server and every SDK.

/** A well-formed project id: "P" followed by 27 ASCII letters or digits (28 characters). */
export const PROJECT_ID_PATTERN: RegExp = /^P[A-Za-z0-9]{27}$/;

/** True when `value` is a string shaped like a project id. */
export function isProjectId(value: unknown): value is string {
  return typeof value === 'string' && PROJECT_ID_PATTERN.test(value);
}
