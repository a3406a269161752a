import type { ApiError } from '../shared/api';
import type { Diagnostic } from '../../mappings/diagnostics/diagnostic';

/** Stable error codes used across the bridge (see `ApiError.code`). */
export type ApiErrorCode =
  | 'not-found'
  | 'invalid-request'
  | 'conflict'
  | 'forbidden'
  | 'internal'
  | 'unavailable'
  | 'too-large'
  | (string & {});

/**
 * An expected failure thrown by services and turned into `{ ok: false, error }` by the dispatcher.
 * Anything else that escapes a service is a bug: it is logged and reported as `internal`.
 */
export class ApiFailure extends Error {
  readonly code: ApiErrorCode;
  readonly diagnostics?: Diagnostic[];
  constructor(code: ApiErrorCode, message: string, diagnostics?: Diagnostic[]) {
    super(message);
    this.name = 'ApiFailure';
    this.code = code;
    if (diagnostics) this.diagnostics = diagnostics;
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...(this.diagnostics ? { diagnostics: this.diagnostics } : {}) };
  }
}

export const notFound = (what: string, id: string | number): ApiFailure => new ApiFailure('not-found', `${what} "${id}" does not exist.`);
