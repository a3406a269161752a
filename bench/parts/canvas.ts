/**
 * Canvas first render and pan frame time with 2,000 source fields, 500 target fields and 1,000
 * connections (bench/lib/canvas-doc.ts), in the real app: the browser host (scripts/serve.mjs over
 * a temporary workspace) and Debian Chromium driven by playwright-core.
 *
 * - First render: the project is saved through the host's API, the app is loaded fresh, and the
 *   project is opened by clicking it in the sidebar. In the page, `performance.now()` is taken right
 *   before the click and a requestAnimationFrame loop counts `.react-flow__node` and
 *   `.react-flow__edge` elements every frame; the figure is the time of the first frame at which
 *   both counts reached their final values (final = unchanged for 1.5 s). Median of the runs.
 * - Pan: a mouse drag on an empty point of the pane, back and forth for ~2 s (`page.mouse` moves,
 *   as a user's drag), while the page records requestAnimationFrame deltas; p95 of those deltas.
 *
 * `--profile` also records a CPU profile (Chrome DevTools Protocol) of the last open and of the pan
 * and reports the top self-time functions, to show where the time goes.
 *
 * A screenshot of the rendered canvas is written to bench/results/canvas.png so a reader can see the
 * graph really rendered (counts alone could be of empty shells).
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startHost, type RunningHost } from '../../e2e/host';
import { canvasMapping } from '../lib/canvas-doc';
import { emit, median, percentile, quick, round } from '../lib/util';

const ROOT = join(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SOURCE_FIELDS = 2000;
const ENTITIES = 50;
const RUNS = quick ? 1 : 3;
const PAN_MS = 2000;
const PROJECT = 'Canvas benchmark';
const PROFILE = process.argv.includes('--profile');

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Top self-time frames of a CDP CPU profile (ms), by function and source position. */
function topSelf(profile: CpuProfile, n = 12): { fn: string; at: string; self_ms: number }[] {
  const byId = new Map(profile.nodes.map((x) => [x.id, x.callFrame]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!;
    const key = `${f.functionName || '(anonymous)'}\t${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => ({ fn: k.split('\t')[0], at: k.split('\t')[1], self_ms: round(ms, 0) }));
}

const notes: string[] = [];

/** Stops the run; the reason becomes the note on the null figures (never a made-up figure). */
function fail(reason: string): never {
  throw new Error(reason);
}

function emitFailure(reason: string): void {
  emit({ canvas_first_render_ms: null, canvas_pan_frame_ms_p95: null, notes: [...notes, reason] });
}

function ensureBuilt(): void {
  const needed = ['out/renderer/index.html', 'out/host/index.cjs'].map((f) => join(ROOT, f));
  if (needed.every((f) => existsSync(f))) return;
  process.stderr.write('canvas: building the app (out/renderer or out/host missing)\n');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) fail('the app build (scripts/build.mjs) failed');
}

async function seed(host: RunningHost, doc: ReturnType<typeof canvasMapping>['doc']): Promise<void> {
  const created = await host.call('projects.create', { name: PROJECT });
  if (!created.ok) fail(`projects.create failed: ${created.error.message}`);
  const base = await host.call('mapping.get', { projectId: created.value.id });
  if (!base.ok) fail(`mapping.get failed: ${base.error.message}`);
  const saved = await host.call('mapping.save', { projectId: created.value.id, document: { ...doc, id: base.value.document.id }, baseRevision: base.value.revision });
  if (!saved.ok) fail(`mapping.save failed: ${saved.error.message}`);
}

interface OpenResult {
  ms: number;
  /** First frame with any node in the DOM. */
  firstNodeMs: number;
  /** When the counts changed (ms after the click), to see what the time went on. */
  steps: { ms: number; nodes: number; edges: number }[];
  nodes: number;
  edges: number;
  frames: number;
}

/** Clicks the project in the sidebar and times, in the page, until the canvas counts settle. */
async function openAndTime(page: Page): Promise<OpenResult> {
  return page.evaluate(
    ({ name, settleMs }) =>
      new Promise<OpenResult>((resolve, reject) => {
        const item = document.querySelector<HTMLElement>(`[data-testid="all-projects"] [data-testid="project-item"][data-project-name="${name}"]`);
        if (!item) return reject(new Error(`no project item "${name}" in the sidebar`));
        const t0 = performance.now();
        item.click();
        let last = { nodes: -1, edges: -1, at: t0 };
        let frames = 0;
        let firstNodeMs = -1;
        const steps: { ms: number; nodes: number; edges: number }[] = [];
        const tick = (t: number) => {
          frames++;
          const nodes = document.querySelectorAll('.react-flow__node').length;
          const edges = document.querySelectorAll('.react-flow__edge').length;
          if (nodes > 0 && firstNodeMs < 0) firstNodeMs = t - t0;
          if (nodes !== last.nodes || edges !== last.edges) {
            last = { nodes, edges, at: t };
            if (steps.length < 40) steps.push({ ms: Math.round(t - t0), nodes, edges });
          } else if (nodes > 0 && t - last.at > settleMs) return resolve({ ms: last.at - t0, firstNodeMs, steps, nodes, edges, frames });
          if (t - t0 > 120_000) return reject(new Error(`canvas did not settle within 120 s (nodes ${nodes}, edges ${edges})`));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { name: PROJECT, settleMs: 1500 },
  );
}

/** A point inside the pane with no node, edge or panel on it (a drag there pans, not moves a node). */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    if (!pane) return null;
    const r = pane.getBoundingClientRect();
    for (let fy = 0.5; fy < 0.95; fy += 0.03) {
      for (let fx = 0.3; fx < 0.9; fx += 0.02) {
        const x = r.left + r.width * fx;
        const y = r.top + r.height * fy;
        const el = document.elementFromPoint(x, y);
        if (el && (el === pane || el.classList.contains('react-flow__pane'))) return { x, y };
      }
    }
    return null;
  });
  if (!p) fail('found no empty point on the canvas pane to drag from');
  return p;
}

async function panAndMeasure(page: Page): Promise<{ deltas: number[]; moved: boolean }> {
  const start = await emptyPanePoint(page);
  const before = await page.evaluate(() => document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '');
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__frames = [];
    w.__recording = true;
    let prev = performance.now();
    const tick = (t: number) => {
      w.__frames.push(t - prev);
      prev = t;
      if (w.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      prev = t;
      requestAnimationFrame(tick);
    });
  });
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const began = Date.now();
  let dir = 1;
  let x = start.x;
  let y = start.y;
  // Back and forth, 8 px per move, so the drag stays on screen however long it lasts.
  while (Date.now() - began < PAN_MS) {
    for (let i = 0; i < 30; i++) {
      x += 8 * dir;
      y += 4 * dir;
      await page.mouse.move(x, y);
    }
    dir = -dir;
  }
  const mid = await page.evaluate(() => document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '');
  await page.mouse.up();
  const deltas = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  return { deltas, moved: mid !== before };
}

const size = canvasMapping({ sourceFields: SOURCE_FIELDS, entities: ENTITIES });
let rendererBuiltAt = '';
try {
  if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  ensureBuilt();
  // The part measures out/renderer as built (it builds only when missing): say which build. Taken
  // up front: someone else's build may be rewriting out/ while the part runs.
  rendererBuiltAt = statSync(join(ROOT, 'out/renderer/index.html')).mtime.toISOString();
} catch (e) {
  emitFailure((e as Error).message);
  process.exit(0);
}

const workspace = mkdtempSync(join(ROOT, 'bench/tmp/canvas-'));
let host: RunningHost | undefined;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  host = await startHost(workspace);
  await seed(host, size.doc);
  const page = await browser.newPage({ viewport: { width: 1920, height: 1200 } });
  // tsx (esbuild keepNames) wraps named functions in __name(); functions passed to evaluate carry
  // those calls into the page, which needs the helper to exist.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  const opens: OpenResult[] = [];
  const profiles: Record<string, unknown> = {};
  const cdp = PROFILE ? await page.context().newCDPSession(page) : undefined;
  const profiled = async <T>(name: string, on: boolean, f: () => Promise<T>): Promise<T> => {
    if (!cdp || !on) return f();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    const r = await f();
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    profiles[name] = topSelf(profile);
    return r;
  };
  let pan: { deltas: number[]; moved: boolean } | undefined;
  for (let run = 0; run < RUNS; run++) {
    await page.goto(host.url);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 60_000 });
    await page.locator(`[data-testid="project-item"][data-project-name="${PROJECT}"]`).first().waitFor({ timeout: 30_000 });
    const open = await profiled('open_profile_top', run === RUNS - 1, () => openAndTime(page));
    opens.push(open);
    process.stderr.write(`canvas: open ${run + 1}/${RUNS}: ${round(open.ms, 1)} ms, ${open.nodes} nodes, ${open.edges} edges\n`);
    if (run === 0) await page.screenshot({ path: join(ROOT, 'bench/results/canvas.png') });
    if (run === RUNS - 1) pan = await profiled('pan_profile_top', true, () => panAndMeasure(page));
  }
  const expectedNodes = size.valueNodes + ENTITIES + 2; // + the source node and the record-root node
  const last = opens[opens.length - 1];
  if (last.nodes < expectedNodes) notes.push(`only ${last.nodes} of ${expectedNodes} nodes were in the DOM (onlyRenderVisibleElements: some outside the view?)`);
  if (!pan!.moved) notes.push('the drag did not move the viewport: the pan figure is of an idle canvas');
  const deltas = pan!.deltas;
  emit({
    canvas_first_render_ms: round(median(opens.map((o) => o.ms)), 1),
    canvas_pan_frame_ms_p95: pan!.moved ? round(percentile(deltas, 95), 1) : null,
    source_fields: SOURCE_FIELDS,
    target_fields_mapped: size.targetRules,
    connections_expected: size.connections + 1, // + the record id connection
    nodes_in_dom: last.nodes,
    edges_in_dom: last.edges,
    first_render_runs_ms: opens.map((o) => round(o.ms, 1)),
    first_node_runs_ms: opens.map((o) => round(o.firstNodeMs, 1)),
    first_open_steps: opens[0].steps,
    pan_frames: deltas.length,
    pan_frame_ms_p50: round(percentile(deltas, 50), 1),
    pan_frame_ms_max: round(Math.max(...deltas), 1),
    viewport: '1920x1200 window, saved viewport zoom 0.1 (whole graph in view)',
    chromium: browser.version(),
    renderer_built_at: rendererBuiltAt,
    ...profiles,
    notes,
  });
} catch (e) {
  emitFailure(`canvas harness failed: ${e instanceof Error ? e.message : String(e)}${host ? ` (host log: ${host.log().slice(-1000)})` : ''}`);
} finally {
  await browser.close();
  await host?.stop();
  rmSync(workspace, { recursive: true, force: true });
}
