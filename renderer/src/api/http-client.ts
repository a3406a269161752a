import type { ApiEventName, ApiEvents, ApiMethodName, AppApi, Result } from '../../../electron/shared/api';
import { CLIENT_ERROR_CODES, isResult } from './errors';

/** The part of `EventSource` we use, so tests can pass a fake. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void;
  onopen: ((ev: Event) => void) | null;
  onerror: ((ev: Event) => void) | null;
  close(): void;
}

export type ConnectionState = 'connecting' | 'open' | 'lost';

export interface HttpApiOptions {
  /** Origin plus path prefix of the API, e.g. `http://127.0.0.1:5123/api/`. */
  baseUrl: string;
  /** Per-launch token; sent as `X-Mapwright-Token`. Null when relying on the host's cookie. */
  token: string | null;
  fetch?: typeof fetch;
  /** Opens the SSE stream (`GET <baseUrl>events`). Defaults to `new EventSource(url)`. */
  openEvents?: (url: string) => EventSourceLike;
  /** Told when the event stream opens or drops (EventSource reconnects on its own). */
  onConnectionChange?: (state: ConnectionState) => void;
}

export type HttpAppApi = AppApi & {
  /** Closes the event stream; further `on()` calls reopen it. */
  close(): void;
};

/**
 * `AppApi` over the browser host: `POST <baseUrl><method>` with a JSON body, answered by a
 * `Result` JSON. It never throws: a network failure or a non-Result answer becomes an `ok:false`
 * Result with a message a person can act on.
 */
export function createHttpApi(options: HttpApiOptions): HttpAppApi {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;

  async function call(method: ApiMethodName, req: unknown): Promise<Result<unknown>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (options.token) headers['X-Mapwright-Token'] = options.token;
    let response: Response;
    try {
      response = await doFetch(`${base}${method}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(req ?? {}),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (err) {
      return {
        ok: false,
        error: {
          code: CLIENT_ERROR_CODES.unreachable,
          message: `Could not reach the Mapwright host for ${method}: ${err instanceof Error ? err.message : String(err)}. Is it still running?`,
        },
      };
    }
    return decodeResponse(method, response.status, await response.text().catch(() => ''));
  }

  // One EventSource for all listeners, opened on first subscription: the stream costs a
  // connection, and the shell subscribes once at startup anyway.
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const namedEvents = new Set<string>();
  let source: EventSourceLike | null = null;

  function dispatch(event: string, data: string): void {
    let payload: unknown;
    try {
      payload = data ? JSON.parse(data) : {};
    } catch {
      return; // A garbled frame is not worth tearing the stream down for; the next one is independent.
    }
    // Hosts may send named SSE events (`event: projects.changed`) or one envelope on the
    // default channel (`{ "event": "...", "payload": {...} }`); accept both.
    if (event === 'message' && payload && typeof payload === 'object' && 'event' in payload) {
      const env = payload as { event: string; payload?: unknown };
      event = env.event;
      payload = env.payload ?? {};
    }
    const set = listeners.get(event);
    if (set) for (const l of [...set]) l(payload);
  }

  function listenNamed(s: EventSourceLike, name: string): void {
    if (namedEvents.has(name)) return;
    namedEvents.add(name);
    s.addEventListener(name, (ev) => dispatch(name, ev.data));
  }

  function ensureSource(): EventSourceLike {
    if (source) return source;
    const url = `${base}events${options.token ? `?token=${encodeURIComponent(options.token)}` : ''}`;
    const open = options.openEvents ?? ((u: string) => new EventSource(u) as unknown as EventSourceLike);
    options.onConnectionChange?.('connecting');
    const s = open(url);
    s.onopen = () => options.onConnectionChange?.('open');
    s.onerror = () => options.onConnectionChange?.('lost');
    s.addEventListener('message', (ev) => dispatch('message', ev.data));
    namedEvents.clear();
    for (const name of listeners.keys()) listenNamed(s, name);
    source = s;
    return s;
  }

  function on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const l = listener as (payload: unknown) => void;
    set.add(l);
    listenNamed(ensureSource(), event);
    return () => {
      set.delete(l);
    };
  }

  function close(): void {
    source?.close();
    source = null;
  }

  // Methods are generated on access rather than from the contract's runtime list: the renderer
  // takes only types from electron/shared (ARCHITECTURE.md), and every `area.verb` name maps to
  // the same `POST /api/<name>` anyway. Functions are cached so each keeps one identity.
  const methods = new Map<string, (req: unknown) => Promise<Result<unknown>>>();
  const fixed: Record<string, unknown> = { on, close };
  return new Proxy(fixed, {
    get(target, prop) {
      if (typeof prop !== 'string') return undefined;
      if (prop in target) return target[prop];
      if (!METHOD_NAME.test(prop)) return undefined;
      let fn = methods.get(prop);
      if (!fn) methods.set(prop, (fn = (req: unknown) => call(prop as ApiMethodName, req)));
      return fn;
    },
  }) as unknown as HttpAppApi;
}

/** `area.verb`, e.g. `projects.create`. Anything else (like `then`) is not an API method. */
const METHOD_NAME = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;

/** Turns an HTTP answer into a Result; exported for tests. */
export function decodeResponse(method: string, status: number, body: string): Result<unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (isResult(parsed)) return parsed;
  if (status === 401 || status === 403) {
    return {
      ok: false,
      error: {
        code: 'forbidden',
        message: `The host refused ${method} (HTTP ${status}): the session token is missing or out of date. Open the link printed by \`npm run serve\` again.`,
      },
    };
  }
  const snippet = body.trim().slice(0, 120);
  return {
    ok: false,
    error: {
      code: CLIENT_ERROR_CODES.badResponse,
      message: `The host answered ${method} with HTTP ${status} and ${
        parsed === undefined ? `a body that is not JSON${snippet ? ` ("${snippet}")` : ''}` : 'JSON that is not a Result'
      }.`,
    },
  };
}
