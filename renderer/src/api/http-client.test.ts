import { describe, expect, it, vi } from 'vitest';
import { createHttpApi, decodeResponse, type EventSourceLike } from './http-client';
import { takeToken, TOKEN_STORAGE_KEY } from './token';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), map: m };
}

describe('takeToken', () => {
  it('takes ?token= from the URL, stores it and strips it from the address bar', () => {
    const storage = memoryStorage();
    const replaceState = vi.fn();
    const token = takeToken({
      location: { href: 'http://127.0.0.1:4321/?token=abc123&x=1#/projects/p1' },
      history: { replaceState, state: null },
      storage,
    });
    expect(token).toBe('abc123');
    expect(storage.map.get(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?x=1#/projects/p1');
  });

  it('falls back to the stored token after a reload and leaves the URL alone', () => {
    const storage = memoryStorage();
    storage.setItem(TOKEN_STORAGE_KEY, 'kept');
    const replaceState = vi.fn();
    expect(takeToken({ location: { href: 'http://127.0.0.1:4321/' }, history: { replaceState, state: null }, storage })).toBe('kept');
    expect(replaceState).not.toHaveBeenCalled();
  });

  it('returns null with no token anywhere, and survives storage that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const history = { replaceState: vi.fn(), state: null };
    expect(takeToken({ location: { href: 'http://h/' }, history, storage: throwing })).toBeNull();
    expect(takeToken({ location: { href: 'http://h/?token=t' }, history, storage: throwing })).toBe('t');
  });
});

describe('createHttpApi', () => {
  function fakeFetch(status: number, body: string) {
    return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(body, { status }));
  }

  it('POSTs JSON to /api/<method> with the token header and returns the Result as sent', async () => {
    const project = { id: 'p1', name: 'Niche RMS' };
    const fetch = fakeFetch(200, JSON.stringify({ ok: true, value: project }));
    const api = createHttpApi({ baseUrl: 'http://127.0.0.1:9/api', token: 'tok', fetch });
    const res = await api['projects.create']({ name: 'Niche RMS' });
    expect(res).toEqual({ ok: true, value: project });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://127.0.0.1:9/api/projects.create');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ name: 'Niche RMS' });
    expect((init?.headers as Record<string, string>)['X-Mapwright-Token']).toBe('tok');
  });

  it('omits the token header when there is no token (cookie session)', async () => {
    const fetch = fakeFetch(200, JSON.stringify({ ok: true, value: [] }));
    const api = createHttpApi({ baseUrl: 'http://h/api/', token: null, fetch });
    await api['projects.list']({});
    expect((fetch.mock.calls[0][1]?.headers as Record<string, string>)['X-Mapwright-Token']).toBeUndefined();
  });

  it('passes ok:false Results through with their code, message and diagnostics', async () => {
    const error = { code: 'conflict', message: 'A project named "A" already exists', diagnostics: [] };
    const api = createHttpApi({ baseUrl: 'http://h/api/', token: 't', fetch: fakeFetch(409, JSON.stringify({ ok: false, error })) });
    expect(await api['projects.create']({ name: 'A' })).toEqual({ ok: false, error });
  });

  it('turns a network failure into an `unreachable` error instead of throwing', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const api = createHttpApi({ baseUrl: 'http://h/api/', token: 't', fetch });
    const res = await api['app.info']({});
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('unreachable');
      expect(res.error.message).toMatch(/app\.info.*Failed to fetch/);
    }
  });

  it('does not look like a thenable (so awaiting the API object is safe)', () => {
    const api = createHttpApi({ baseUrl: 'http://h/api/', token: 't', fetch: fakeFetch(200, '{}') });
    expect((api as unknown as { then?: unknown }).then).toBeUndefined();
    expect(api['projects.list']).toBe(api['projects.list']);
  });

  it('delivers named SSE events and enveloped default messages to listeners', () => {
    const handlers = new Map<string, ((ev: MessageEvent<string>) => void)[]>();
    let openedUrl = '';
    const fake: EventSourceLike = {
      addEventListener: (type, l) => handlers.set(type, [...(handlers.get(type) ?? []), l]),
      onopen: null,
      onerror: null,
      close: vi.fn(),
    };
    const states: string[] = [];
    const api = createHttpApi({
      baseUrl: 'http://h/api/',
      token: 't k',
      fetch: fakeFetch(200, '{}'),
      openEvents: (u) => ((openedUrl = u), fake),
      onConnectionChange: (s) => states.push(s),
    });
    const got: unknown[] = [];
    const off = api.on('projects.changed', (p) => got.push(p));
    expect(openedUrl).toBe('http://h/api/events?token=t%20k');
    const fire = (type: string, data: string) => handlers.get(type)?.forEach((l) => l({ data } as MessageEvent<string>));
    fire('projects.changed', '{"projectId":"p1"}');
    fire('message', '{"event":"projects.changed","payload":{"projectId":null}}');
    fire('projects.changed', 'not json');
    fake.onopen?.(new Event('open'));
    fake.onerror?.(new Event('error'));
    expect(got).toEqual([{ projectId: 'p1' }, { projectId: null }]);
    expect(states).toEqual(['connecting', 'open', 'lost']);
    off();
    fire('projects.changed', '{"projectId":"p2"}');
    expect(got).toHaveLength(2);
  });
});

describe('decodeResponse', () => {
  it('explains a 403 without a Result body as a token problem', () => {
    const r = decodeResponse('projects.list', 403, 'Forbidden');
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!r.ok) expect(r.error.message).toMatch(/token/);
  });

  it('reports a non-JSON body with the status and a snippet', () => {
    const r = decodeResponse('app.info', 502, '<html>Bad gateway</html>');
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-response' } });
    if (!r.ok) expect(r.error.message).toContain('HTTP 502');
    if (!r.ok) expect(r.error.message).toContain('Bad gateway');
  });

  it('rejects JSON that is not a Result shape', () => {
    for (const body of ['{"value":1}', '{"ok":false,"error":"boom"}', '[]', 'null', '{"ok":true}']) {
      const r = decodeResponse('app.info', 200, body);
      expect(r.ok, body).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad-response');
    }
  });
});
