// The typed fetch client every page uses. JSON in and out, cookies same-origin, the CSRF
// token on every state-changing request, If-Match for versioned writes, and errors as
// ApiError objects carrying the server's stable `code`, Danish `message` and `details`.
//
// Contract (shared with the admin pages):
//   api.get<T>(path, { query })                 GET, query values undefined/'' are left out
//   api.post<T>(path, body?)                    POST with X-CSRF-Token
//   api.patch<T>(path, body, { version })       PATCH with X-CSRF-Token and If-Match: "<version>"
//   catch (e) { if (e instanceof ApiError) e.code / e.message / e.details / e.status }
// A 401 (other than a failed log-in) calls the handler set by setUnauthorizedHandler, which
// the router uses to go to /login (with a notice when the session expired).

export interface FieldProblem {
  path: string;
  message: string;
  where?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field problems from a 400 `request.invalid`, when the server sent them. */
  get fieldProblems(): FieldProblem[] {
    return Array.isArray(this.details)
      ? (this.details as unknown[]).filter((d): d is FieldProblem => typeof d === 'object' && d !== null && 'path' in d && 'message' in d)
      : [];
  }
}

let csrfToken: string | null = null;
let lastActivity = Date.now();
let onUnauthorized: ((error: ApiError) => void) | null = null;
const activityListeners = new Set<(at: number) => void>();

/** Remembered from the log-in response and GET /api/auth/me (the client sets it itself). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthorizedHandler(handler: ((error: ApiError) => void) | null): void {
  onUnauthorized = handler;
}

/** Time of the last answered request: the server's idle timer restarts with each request. */
export function lastServerActivity(): number {
  return lastActivity;
}

export function onServerActivity(listener: (at: number) => void): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** The record's version, sent as If-Match: "<version>". */
  version?: number;
  signal?: AbortSignal;
  /** Do not call the unauthorized handler on 401 (log-in form, session probe). */
  quiet401?: boolean;
}

function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: options.signal };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.version !== undefined) headers['If-Match'] = `"${options.version}"`;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Der er ingen forbindelse til Tidlig. Tjek netværket, og prøv igen.');
  }
  if (response.status !== 401) {
    lastActivity = Date.now();
    for (const l of activityListeners) l(lastActivity);
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const error = new ApiError(response.status, err?.code ?? 'internal', err?.message ?? 'Der opstod en uventet fejl. Prøv igen.', err?.details);
    if (response.status === 401 && !options.quiet401 && error.code !== 'auth.login_failed') {
      csrfToken = null;
      onUnauthorized?.(error);
    }
    throw error;
  }
  if (data && typeof data === 'object' && 'csrfToken' in data && typeof (data as { csrfToken: unknown }).csrfToken === 'string') {
    csrfToken = (data as { csrfToken: string }).csrfToken;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options: Omit<RequestOptions, 'body'> = {}) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> & { version: number }) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options: Omit<RequestOptions, 'body'> = {}) => request<T>('DELETE', path, options),
};
