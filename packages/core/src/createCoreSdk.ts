// createCoreSdk: the isomorphic SDK core (transport + nOTP + session methods) shared by the node and browser SDKs.
import { createHttpClient, type HttpClient, type HttpClientConfig } from './http/createHttpClient.js';
import { createNotpMethods, type NotpMethods } from './methods/notp.js';
import { createSessionMethods, type SessionMethods } from './methods/session.js';
import { PROJECT_ID_PATTERN } from './wire/projectId.js';

export type CoreSdkConfig = HttpClientConfig;

export interface CoreSdk extends SessionMethods {
  notp: NotpMethods;
  httpClient: HttpClient;
}

/** Throws (a developer's mistake) on a missing or malformed project id; every later call resolves, never throws. */
export function createCoreSdk(config: CoreSdkConfig): CoreSdk {
  if (!config || typeof config.projectId !== 'string' || config.projectId === '') {
    throw new Error('notp: "projectId" is required');
  }
  if (!PROJECT_ID_PATTERN.test(config.projectId)) {
    throw new Error(`notp: "projectId" must be "P" followed by 27 letters or digits, got "${config.projectId}"`);
  }
  const httpClient = createHttpClient(config);
  return { ...createSessionMethods(httpClient), notp: createNotpMethods(httpClient), httpClient };
}
