import { API_METHODS, channelFor, type ApiMethodName, type ApiRequest, type ApiResponse, type Result } from '../shared/api';
import { runValidated } from './dispatch';
import type { Logger } from './log';
import { isTrustedSender, type FrameLike } from './sender';
import type { Handlers } from './services/app-services';
import { validateRequest, type Validation } from './validate';

/** The slice of Electron's `ipcMain` used here (a fake in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: FrameLike | null }, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  ipcMain: IpcMainLike;
  /** Main frame of our window (null while it has none): the only frame allowed to call. */
  mainFrame: () => FrameLike | null;
  allowedOrigins: readonly string[];
  log: Logger;
}

/**
 * Registers one method on `app:<method>`: the sender must be our window's main frame on our own
 * origin, the payload must pass `validate`, and the answer is always a `Result`.
 */
export function handle<M extends ApiMethodName>(
  o: IpcOptions,
  method: M,
  validate: (payload: unknown) => Validation<ApiRequest<M>>,
  fn: (req: ApiRequest<M>) => Promise<ApiResponse<M>>,
): void {
  o.ipcMain.handle(channelFor(method), async (event, payload): Promise<Result<ApiResponse<M>>> => {
    if (!isTrustedSender(event.senderFrame, o.mainFrame(), o.allowedOrigins)) {
      o.log.warn(`refused ${method} from an untrusted frame (${event.senderFrame?.url ?? 'destroyed frame'})`);
      return { ok: false, error: { code: 'forbidden', message: `${method} may only be called by the Mapwright window.` } };
    }
    return runValidated(method, validate, fn, payload, o.log);
  });
}

/** Registers every AppApi method; returns a function that removes them again. */
export function registerIpc(o: IpcOptions, handlers: Handlers): () => void {
  for (const method of API_METHODS) register(o, method, handlers);
  return () => API_METHODS.forEach((m) => o.ipcMain.removeHandler(channelFor(m)));
}

function register<M extends ApiMethodName>(o: IpcOptions, method: M, handlers: Handlers): void {
  handle(o, method, (p) => validateRequest(method, p), handlers[method] as (req: ApiRequest<M>) => Promise<ApiResponse<M>>);
}
