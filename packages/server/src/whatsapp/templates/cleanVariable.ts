// cleanVariable: one template variable's value made safe to put in a chat message.

const VARIABLE_MAX = 40; // characters per substituted template variable

/**
 * One variable's value made safe for a chat message: no control characters or line breaks (a value must not
 * push the code onto another line or fake a second message), no braces (no nested substitution), bounded length.
 */
export function cleanVariable(value: string, max = VARIABLE_MAX): string {
  const flat = value
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}{}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(flat).slice(0, max).join('').trim();
}
