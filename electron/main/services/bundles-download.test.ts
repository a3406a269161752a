import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startHostServer } from '../../host/server';
import { EventBus } from './events';
import { memoryLogger } from '../log';
import { tempDir } from '../test-support/temp';
import type { Handlers } from './app-services';

const t = tempDir();
afterEach(() => t.cleanup());

it('serves an export for GET /api/download/<id> only with the token, as an attachment', async () => {
  const file = path.join(t.dir, 'Acme-1.0.0.mwb');
  fs.writeFileSync(file, 'PK-bytes');
  const server = await startHostServer({
    handlers: {} as Handlers,
    events: new EventBus(),
    log: memoryLogger(),
    rendererDir: t.dir,
    token: 'tok',
    downloads: (id) =>
      id === 'e1' ? { path: file, fileName: 'Acme-1.0.0.mwb', contentType: 'application/zip' } : null,
  });
  try {
    const base = `http://127.0.0.1:${server.port}/api/download/`;
    const ok = await fetch(`${base}e1`, { headers: { 'x-mapwright-token': 'tok' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename="Acme-1.0.0.mwb"');
    expect(await ok.text()).toBe('PK-bytes');
    expect((await fetch(`${base}e1`)).status).toBe(403);
    expect((await fetch(`${base}nope`, { headers: { 'x-mapwright-token': 'tok' } })).status).toBe(404);
    expect((await fetch(`${base}..%2Fsecret`, { headers: { 'x-mapwright-token': 'tok' } })).status).toBe(404);
  } finally {
    await server.close();
  }
});
