// JSON schemas of the probes (http/routes/health.ts): liveness and readiness answers.
import { answerObject, str } from '../responseSchemas.js';

const readiness = answerObject({ status: str, store: str, events: str });

/** Route schemas per probe. */
export const healthSchemas = {
  health: { response: { 200: answerObject({ status: str }, 'Alive') } },
  ready: { response: { 200: readiness, 503: readiness } },
} as const;
