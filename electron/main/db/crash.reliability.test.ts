/**
 * Reliability: the workspace survives SIGKILL at random points during saves of mapping revisions
 * and samples, repeated many times: the database always opens, passes `PRAGMA integrity_check`,
 * and holds every revision and sample the writer reported committed (same hash), gap-free.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../services/hash';
import { WorkspaceDb } from './workspace';
import { report, runs, tempDir } from '../../../reliability/support';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workspace-writer.child.ts');
const t = tempDir('mapwright-crash-rel-');
afterAll(() => t.cleanup());

type Line = { kind: 'rev'; projectId: string; revision: number; hash: string } | { kind: 'sample'; id: string; hash: string };

/** Starts the writer, SIGKILLs it at a random moment after its first commit, returns what it reported. */
function runAndKill(home: string, delayMs: number): Promise<Line[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, home], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Line[] = [];
    let buf = '';
    let stderr = '';
    let armed = false;
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const parts = buf.slice(0, nl).split(' ');
        buf = buf.slice(nl + 1);
        if (parts[0] === 'rev') lines.push({ kind: 'rev', projectId: parts[1], revision: Number(parts[2]), hash: parts[3] });
        else if (parts[0] === 'sample') lines.push({ kind: 'sample', id: parts[1], hash: parts[2] });
        if (!armed) {
          armed = true;
          setTimeout(() => p.kill('SIGKILL'), delayMs);
        }
      }
    });
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(lines) : reject(new Error(`writer exited with ${code}: ${stderr}`))));
  });
}

function verify(home: string, reported: Line[]) {
  const ws = WorkspaceDb.open(home);
  try {
    expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(ws.db.pragma('foreign_key_check')).toEqual([]);
    for (const r of reported) {
      if (r.kind === 'rev') {
        const row = ws.revisions.get(r.projectId, r.revision);
        expect(row, `revision ${r.revision} was reported committed`).toBeDefined();
        expect(row!.hash).toBe(r.hash);
        expect(sha256(row!.document)).toBe(r.hash);
      } else {
        expect(ws.samples.get(r.id), `sample ${r.id} was reported committed`).toBeDefined();
        const content = ws.samples.content(r.id);
        expect(content && sha256(content)).toBe(r.hash);
      }
    }
    const revs = reported.filter((r) => r.kind === 'rev');
    if (revs.length) {
      const all = ws.revisions.list(revs[0].projectId).map((r) => r.revision).sort((a, b) => a - b);
      expect(all, 'history is gap-free').toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    }
  } finally {
    ws.close();
  }
}

describe('workspace crash safety', () => {
  const kills = runs(4);
  it(`keeps every reported revision and sample across ${kills} SIGKILLs at random points`, async () => {
    const reported: Line[] = [];
    for (let i = 0; i < kills; i++) {
      // Spread the kill points: right after the first commit, and well into the loop.
      const delay = Math.floor(Math.random() * (i % 2 ? 600 : 60));
      reported.push(...(await runAndKill(t.dir, delay)));
      verify(t.dir, reported);
    }
    report('workspace crash', {
      kills,
      revisions: reported.filter((r) => r.kind === 'rev').length,
      samples: reported.filter((r) => r.kind === 'sample').length,
    });
    expect(reported.filter((r) => r.kind === 'rev').length).toBeGreaterThan(kills);
    expect(reported.some((r) => r.kind === 'sample')).toBe(true);
  });
});
