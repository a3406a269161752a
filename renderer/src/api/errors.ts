import type { ApiError, Result } from '../../../electron/shared/api';

/**
 * Client-side error codes, alongside the host's (`not-found`, `invalid-request`, `conflict`,
 * `forbidden`, `internal`, MW codes): the host could not be reached, or answered with something
 * that is not a `Result`.
 */
export const CLIENT_ERROR_CODES = { unreachable: 'unreachable', badResponse: 'bad-response' } as const;

/** An `ok:false` Result turned into a throwable, so React Query can carry it to the UI. */
export class ApiCallError extends Error {
  readonly code: string;
  readonly method: string;
  readonly apiError: ApiError;

  constructor(method: string, error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.method = method;
    this.apiError = error;
  }
}

/** Returns the value of an ok Result, or throws `ApiCallError` with the host's message. */
export function unwrap<T>(method: string, result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiCallError(method, result.error);
}

/** A readable title and message for any error that reaches the UI. */
export function describeError(err: unknown): { title: string; message: string; code?: string } {
  if (err instanceof ApiCallError) {
    const title =
      err.code === CLIENT_ERROR_CODES.unreachable
        ? 'Mapwright host unreachable'
        : err.code === 'forbidden'
          ? 'Request refused'
          : err.code === 'not-found'
            ? 'Not found'
            : err.code === 'conflict'
              ? 'Conflict'
              : err.code === 'invalid-request'
                ? 'Invalid request'
                : 'Something went wrong';
    const diagnostics = err.apiError.diagnostics ?? [];
    const detail = diagnostics.length
      ? ` ${diagnostics
          .slice(0, 3)
          .map((d) => `${d.code}: ${d.message}`)
          .join('; ')}${diagnostics.length > 3 ? ` (+${diagnostics.length - 3} more)` : ''}`
      : '';
    return { title, message: `${err.message}${detail}`, code: err.code };
  }
  if (err instanceof Error) return { title: 'Something went wrong', message: err.message };
  return { title: 'Something went wrong', message: String(err) };
}

/** True when a value has the `Result` shape (the host's only answer format). */
export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.ok === true) return 'value' in v;
  if (v.ok === false) {
    const e = v.error as Record<string, unknown> | null | undefined;
    return typeof e === 'object' && e !== null && typeof e.code === 'string' && typeof e.message === 'string';
  }
  return false;
}
