import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../services/hash';
import { tempDir } from '../test-support/temp';
import { WorkspaceDb } from './workspace';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-writer.child.ts');
const t = tempDir('mapwright-crash-');
afterAll(() => t.cleanup());

/** Runs the writer until it has committed at least once, then SIGKILLs it after a random delay. */
function runAndKill(home: string): Promise<{ projectId: string; revision: number; hash: string }[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, home], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: { projectId: string; revision: number; hash: string }[] = [];
    let buf = '';
    let stderr = '';
    let armed = false;
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const [, projectId, rev, hash] = buf.slice(0, nl).split(' ');
        buf = buf.slice(nl + 1);
        committed.push({ projectId, revision: Number(rev), hash });
        if (!armed) {
          armed = true;
          setTimeout(() => p.kill('SIGKILL'), 20 + Math.floor(Math.random() * 400));
        }
      }
    });
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

describe('crash safety', () => {
  it('keeps every reported commit and an intact database across repeated SIGKILLs', async () => {
    const reported: { projectId: string; revision: number; hash: string }[] = [];
    for (let i = 0; i < 5; i++) reported.push(...(await runAndKill(t.dir)));
    expect(reported.length).toBeGreaterThan(5);

    const ws = WorkspaceDb.open(t.dir);
    try {
      expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(ws.db.pragma('foreign_key_check')).toEqual([]);
      for (const r of reported) {
        const row = ws.revisions.get(r.projectId, r.revision);
        expect(row, `revision ${r.revision} was reported committed`).toBeDefined();
        expect(row!.hash).toBe(r.hash);
        expect(sha256(row!.document)).toBe(r.hash);
      }
      // History is gap-free: every revision from 1 to the latest exists.
      const revs = ws.revisions.list(reported[0].projectId).map((r) => r.revision).sort((a, b) => a - b);
      expect(revs).toEqual(Array.from({ length: revs.length }, (_, i) => i + 1));
    } finally {
      ws.close();
    }
  });
});
