// jsonDepthExceeds: how deep a JSON text nests, read from its characters before anything parses or recurses over it.

/**
 * Deepest nesting of objects and arrays any JSON body may have. Ours need at most ~10 (a Cloud API delivery);
 * JSON.parse copes with any depth, but JSON.stringify, schema validators and our own walks recurse, and a value
 * thousands deep overflows their stack (a 500, or a login lost after its consume). serde_json's default is 128.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * True when `text` opens more than `max` objects/arrays at once. One pass, no recursion, no allocation; brackets
 * inside strings do not count. Malformed text is not judged here (the parser refuses it next).
 */
export function jsonDepthExceeds(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}
