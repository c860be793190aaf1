// HTTP transport of every notp SDK: base URL, `Bearer <projectId>[:<token>][:<authManagementKey>]`, headers, hooks.

/** A request as hooks see it: the fetch init plus the route path. */
export type HttpRequest = RequestInit & { path: string; headers: Record<string, string> };

export interface HttpHooks {
  /** Called before each request; may change headers or body in place. */
  beforeRequest?(request: HttpRequest): void;
  /** Called after each response arrives (not on network failure). Errors thrown here are logged and ignored. */
  afterRequest?(request: HttpRequest, response: Response): void;
}

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export interface HttpClientConfig {
  projectId: string;
  /** Server origin, e.g. `https://auth.example.com`. Default `http://localhost:4000`. */
  baseUrl?: string;
  /** Fetch implementation. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  logger?: Logger;
  /** Headers sent with every request. */
  baseHeaders?: Record<string, string>;
  hooks?: HttpHooks;
  /** Sent as `x-notp-sdk-name`. Default `core`. */
  sdkName?: string;
  /** Sent as `x-notp-sdk-version`. */
  sdkVersion?: string;
  /**
   * Backends only, never a browser: the project's management key, appended to the bearer of every call (part 3 after
   * a token, else part 2), as `@descope/node-sdk`'s `authManagementKey` does. Makes a start's customClaims trusted.
   */
  authManagementKey?: string;
}

export interface RequestOptions {
  /** Bearer part 2: the user's refresh JWT, or a management key on management routes. */
  token?: string;
  queryParams?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface HttpClient {
  readonly baseUrl: string;
  readonly projectId: string;
  get(path: string, options?: RequestOptions): Promise<Response>;
  post(path: string, body?: unknown, options?: RequestOptions): Promise<Response>;
  patch(path: string, body?: unknown, options?: RequestOptions): Promise<Response>;
  delete(path: string, options?: RequestOptions): Promise<Response>;
}

export const DEFAULT_BASE_URL = 'http://localhost:4000';
const CORE_VERSION = '0.1.0';

/** Builds the transport. Rejects (like fetch) only on network failure or abort; callers wrap with toSdkResponse. */
export function createHttpClient(config: HttpClientConfig): HttpClient {
  const baseUrl = (config.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
  const fetchImpl = config.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const fixedHeaders: Record<string, string> = {
    ...config.baseHeaders,
    'x-notp-sdk-name': config.sdkName ?? 'core',
    'x-notp-sdk-version': config.sdkVersion ?? CORE_VERSION,
  };
  const { hooks, logger } = config;

  async function send(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = {
      ...fixedHeaders,
      authorization: `Bearer ${bearerOf(config.projectId, options.token, config.authManagementKey)}`,
      ...options.headers,
    };
    const request: HttpRequest = { path, method, headers };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      request.body = JSON.stringify(body);
    }
    if (options.signal) request.signal = options.signal;
    hooks?.beforeRequest?.(request);
    const { path: finalPath, ...init } = request;
    const response = await fetchImpl(urlFor(baseUrl, finalPath, options.queryParams), init);
    if (hooks?.afterRequest) {
      try {
        hooks.afterRequest(request, response);
      } catch (err) {
        logger?.error('notp: afterRequest hook failed', err);
      }
    }
    return response;
  }

  return {
    baseUrl,
    projectId: config.projectId,
    get: (path, options) => send('GET', path, undefined, options),
    post: (path, body, options) => send('POST', path, body ?? {}, options),
    patch: (path, body, options) => send('PATCH', path, body ?? {}, options),
    delete: (path, options) => send('DELETE', path, undefined, options),
  };
}

/** `<projectId>[:<token>][:<authManagementKey>]`: the key is part 3 after a token, else part 2. */
function bearerOf(projectId: string, token: string | undefined, authManagementKey: string | undefined): string {
  let bearer = projectId;
  if (token) bearer += `:${token}`;
  if (authManagementKey) bearer += `:${authManagementKey}`;
  return bearer;
}

function urlFor(baseUrl: string, path: string, query: Record<string, string | undefined> | undefined): string {
  let url = baseUrl + (path.startsWith('/') ? path : `/${path}`);
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.append(k, v);
    const qs = params.toString();
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }
  return url;
}
