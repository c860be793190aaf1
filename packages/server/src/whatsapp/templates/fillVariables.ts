// fillVariables: a built-in text's `{{name}}` variables filled in, on one line (projects' `{app}` texts: fillTemplate).

/**
 * Each `{{name}}` replaced by `vars[name]` (missing ones by nothing), runs of whitespace collapsed to one space and
 * no space left before punctuation. Values are expected to have been through cleanVariable.
 */
export function fillVariables(template: string, vars: Record<string, string>): string {
  return template
    .replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => vars[name] ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?:])/g, '$1')
    .trim();
}
