// Rotates a project's signing key (the CLI's `notp keys rotate` and the management route) and audits it.
import { type AuditClient, recordAudit } from '../../audit/recordAudit.js';
import type { Deps } from '../../deps.js';

/** New active key; the old one stays in the JWKS until every token it signed has expired. Returns the new kid. */
export async function rotateSigningKey(
  deps: Pick<Deps, 'tokens' | 'store' | 'clock' | 'log'>,
  projectId: string,
  client: AuditClient = {},
): Promise<{ kid: string }> {
  const kid = await deps.tokens.rotate(projectId);
  await recordAudit(deps, { projectId, type: 'key-rotated', ...client, detail: `new kid ${kid}` });
  deps.log.info({ projectId, kid }, 'signing key rotated');
  return { kid };
}
