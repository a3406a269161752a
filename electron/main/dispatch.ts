import type { ApiMethodName, ApiResponse, Result } from '../shared/api';
import { ApiFailure } from './errors';
import type { Logger } from './log';
import type { Handlers } from './services/app-services';
import { isApiMethod, validateRequest, type Validation } from './validate';

/**
 * The single path from a transport (IPC, HTTP) to a service: validates the payload from `unknown`,
 * runs the handler, and returns a `Result`. Never throws: expected failures keep their code,
 * anything else is logged with its stack and reported as `internal` without internals.
 */
export async function dispatch(handlers: Handlers, method: string, payload: unknown, log: Logger): Promise<Result<unknown>> {
  if (!isApiMethod(method)) return { ok: false, error: { code: 'not-found', message: `Unknown method "${method.slice(0, 100)}".` } };
  return runValidated(
    method,
    (p) => validateRequest(method, p),
    handlers[method] as (req: unknown) => Promise<ApiResponse<ApiMethodName>>,
    payload,
    log,
  );
}

/** Validates `payload`, runs `fn` and wraps the outcome in a `Result`; never throws. */
export async function runValidated<Req, Res>(
  method: string,
  validate: (payload: unknown) => Validation<Req>,
  fn: (req: Req) => Promise<Res>,
  payload: unknown,
  log: Logger,
): Promise<Result<Res>> {
  let valid: Validation<Req>;
  try {
    valid = validate(payload);
  } catch (e) {
    log.error(`${method}: validator failed`, e);
    return { ok: false, error: { code: 'internal', message: `${method} failed unexpectedly while checking its request.` } };
  }
  if (!valid.ok) return { ok: false, error: { code: 'invalid-request', message: valid.message } };
  try {
    return { ok: true, value: await fn(valid.value) };
  } catch (e) {
    if (e instanceof ApiFailure) return { ok: false, error: e.toApiError() };
    log.error(`${method} failed`, e);
    return { ok: false, error: { code: 'internal', message: `${method} failed unexpectedly: ${e instanceof Error ? e.message : String(e)}` } };
  }
}
