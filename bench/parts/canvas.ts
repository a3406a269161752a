/**
 * Canvas first render and pan frame time (2,000 source fields, 500 target fields, 1,000
 * connections) in Debian Chromium via playwright-core. Not built yet: the canvas
 * (renderer/src/editor/**) was still being written when this bench was, and it offers no entry
 * point that mounts a generated graph outside the app. Reports null with the reason rather than a
 * figure from a different setup.
 */
import { existsSync } from 'node:fs';
import { emit } from '../lib/util';

const notes = [
  'canvas harness not built yet: needs a bench page that mounts renderer/src/editor/canvas/Canvas.tsx with a generated 2,000/500/1,000 graph (or a generated project driven through scripts/serve.mjs)',
];
if (!existsSync('/usr/bin/chromium')) notes.push('Debian Chromium is not at /usr/bin/chromium');
emit({ canvas_first_render_ms: null, canvas_pan_frame_ms_p95: null, notes });
