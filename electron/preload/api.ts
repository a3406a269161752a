import {
  API_EVENTS,
  API_METHODS,
  channelFor,
  eventChannelFor,
  type ApiEventName,
  type ApiEvents,
  type ApiMethodName,
  type AppApi,
  type Result,
} from '../shared/api';

/** The slice of `ipcRenderer` the bridge uses (a fake in tests). */
export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(API_EVENTS);

/**
 * Builds the object exposed as `window.mapwright`: one named method per `API_METHODS` entry (each
 * bound to its own channel, so the page cannot reach any other channel) plus `on()` for the
 * contract's events only. The IPC event object never reaches the page.
 */
export function buildPreloadApi(ipc: IpcRendererLike): AppApi {
  const methods = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      (req: unknown) =>
        ipc.invoke(channelFor(method), req).catch(
          (e: unknown): Result<never> => ({ ok: false, error: { code: 'internal', message: `${method}: ${e instanceof Error ? e.message : String(e)}` } }),
        ),
    ]),
  ) as { [M in ApiMethodName]: AppApi[M] };

  function on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    if (!KNOWN_EVENTS.has(event)) throw new Error(`Unknown event "${String(event)}"`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const channel = eventChannelFor(event);
    const wrapped = (_event: unknown, payload: unknown) => listener(payload as ApiEvents[E]);
    ipc.on(channel, wrapped);
    return () => {
      ipc.removeListener(channel, wrapped);
    };
  }

  return { ...methods, on } satisfies AppApi;
}
