// electron-builder `beforePack` hook: refuse to package a tree that was not built, rather than ship
// an app that opens a blank window. (The native-module rebuild for Electron's ABI is electron-builder's
// own `npmRebuild` step, which runs after this hook on the staged app.)
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads hooks with require() */
const fs = require('node:fs');
const path = require('node:path');

exports.default = async function beforePack() {
  const root = path.resolve(__dirname, '..');
  const required = ['out/main/index.cjs', 'out/preload/index.cjs', 'out/worker/run-worker.cjs', 'out/renderer/index.html'];
  const missing = required.filter((f) => !fs.existsSync(path.join(root, f)));
  if (missing.length) throw new Error(`Cannot package: ${missing.join(', ')} missing. Run \`npm run build\` first.`);
};
