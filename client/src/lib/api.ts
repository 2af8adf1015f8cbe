import { csrfHeaderName } from '@planner/shared/csrf';
import type { FieldError, ProblemCode } from '@planner/shared/problem';

// The same as @planner/shared/problem's: importing that module here would put zod, which only an error
// needs, into the app's first chunk (see toApiError).
const problemContentType = 'application/problem+json';

export type ApiErrorCode = ProblemCode | 'network';

const networkMessage = 'Could not reach the planner. Check your connection and try again.';

/** Every failed API call ends up as one of these, whatever went wrong. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when no response arrived at all. */
  readonly status: number;
  readonly code: ApiErrorCode;
  /** A message fit to show to the person. */
  readonly detail: string;
  readonly fieldErrors: readonly FieldError[];
  /** Seconds to wait before trying again, from the Retry-After header (429, 503). */
  readonly retryAfterSeconds: number | null;
  readonly requestId: string | null;
  /** On a version conflict: the row as it is now on the server, still to be parsed by its schema. */
  readonly current: unknown;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    detail: string;
    fieldErrors?: readonly FieldError[];
    retryAfterSeconds?: number | null;
    requestId?: string | null;
    current?: unknown;
  }) {
    super(init.detail);
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.requestId = init.requestId ?? null;
    this.current = init.current;
  }

  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
  /** Send the session's CSRF token (on by default, reads too); off for the sign-in forms, before any session. */
  csrf?: boolean;
  /** Let the request finish after the page is left (pagehide); the body must stay under 64 KB. */
  keepalive?: boolean;
}

type Options = Omit<ApiRequestOptions, 'method' | 'body'>;

export interface ApiClient {
  request<T>(path: string, options?: ApiRequestOptions): Promise<T>;
  /** The CSRF token of the signed-in session; the auth hooks keep it current. */
  setCsrfToken(token: string | null): void;
  get<T>(path: string, options?: Options): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Options): Promise<T>;
  put<T>(path: string, body?: unknown, options?: Options): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: Options): Promise<T>;
  delete<T>(path: string, options?: Options): Promise<T>;
}

/**
 * A client of the planner's API. The page uses the one below, on its own origin; tests make one on
 * a test server's address with a fetch that keeps the session cookie.
 */
export function createApiClient({
  baseUrl = '',
  fetch: send = (...args) => fetch(...args),
}: {
  baseUrl?: string;
  fetch?: typeof fetch;
} = {}): ApiClient {
  let csrfToken: string | null = null;

  async function request<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
    const method = options.method ?? 'GET';
    const headers = new Headers({ Accept: `application/json, ${problemContentType}` });
    if (options.body !== undefined) headers.set('Content-Type', 'application/json');
    // Reads send it too: the server then refuses a read whose session became another person's since this page
    // learned the token (signed in in another tab), rather than answer with their data under this page's person.
    if ((options.csrf ?? true) && csrfToken !== null) headers.set(csrfHeaderName, csrfToken);

    let response: Response;
    try {
      response = await send(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
        keepalive: options.keepalive,
      });
    } catch (error) {
      // Aborts come from React Query cancelling a request; it expects them untouched.
      if (error instanceof Error && error.name === 'AbortError') throw error;
      throw new ApiError({ status: 0, code: 'network', detail: networkMessage });
    }

    if (!response.ok) {
      throw await toApiError(response);
    }
    if (response.status === 204 || response.status === 205) return undefined as T;

    if (!isJson(response)) {
      throw new ApiError({ status: response.status, code: 'network', detail: networkMessage });
    }
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError({ status: response.status, code: 'network', detail: networkMessage });
    }
  }

  return {
    request,
    setCsrfToken: (token) => {
      csrfToken = token;
    },
    get: (path, options = {}) => request(path, { ...options, method: 'GET' }),
    post: (path, body, options = {}) => request(path, { ...options, method: 'POST', body }),
    put: (path, body, options = {}) => request(path, { ...options, method: 'PUT', body }),
    patch: (path, body, options = {}) => request(path, { ...options, method: 'PATCH', body }),
    delete: (path, options = {}) => request(path, { ...options, method: 'DELETE' }),
  };
}

/** The page's client of the API, on the page's own origin. */
export const api = createApiClient();

export const setCsrfToken = (token: string | null): void => api.setCsrfToken(token);

function isJson(response: Response): boolean {
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('application/json') || type.includes(problemContentType);
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  if (!isJson(response)) {
    return new ApiError({ status: response.status, code: 'network', detail: networkMessage, retryAfterSeconds });
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return new ApiError({ status: response.status, code: 'network', detail: networkMessage, retryAfterSeconds });
  }

  // Its schema (and zod) loads with the first error, not with the app: most pages never see one.
  const { problemSchema } = await import('@planner/shared/problem');
  const problem = problemSchema.safeParse(body);
  if (problem.success) {
    return new ApiError({
      status: response.status,
      code: problem.data.code,
      detail: problem.data.detail,
      fieldErrors: problem.data.errors,
      retryAfterSeconds,
      requestId: problem.data.requestId,
      current: problem.data.current,
    });
  }
  return new ApiError({
    status: response.status,
    code: codeForStatus(response.status),
    detail: fallbackDetail(response.status),
    retryAfterSeconds,
  });
}

/** Retry-After is either a number of seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function codeForStatus(status: number): ProblemCode {
  switch (status) {
    case 400:
      return 'invalid_input';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'too_many_attempts';
    case 503:
      return 'service_unavailable';
    default:
      return 'internal';
  }
}

function fallbackDetail(status: number): string {
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'You do not have permission to do that.';
  if (status === 404) return 'That could not be found.';
  if (status === 429) return 'Too many attempts. Wait a moment and try again.';
  if (status >= 500) return 'Something went wrong on our side. Try again in a moment.';
  return 'The request could not be completed. Check what you entered and try again.';
}
