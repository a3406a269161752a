// Packaging configuration: electron-builder.yml parses and names what the app needs; the icons are
// real images in the formats each platform wants. (`npm run dist` itself needs network access.)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// js-yaml ships with electron-builder, which reads this file with it.
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  beforePack: string;
  extraMetadata: { main: string };
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
}

describe('electron-builder.yml', () => {
  const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };

  it('describes the app and its targets', () => {
    expect(config.appId).toBe('uk.mapwright.app');
    expect(config.productName).toBe('Mapwright');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(config.extraMetadata.main).toBe(pkg.main);
  });

  it('rebuilds and unpacks the native module and unpacks the run worker', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'out/worker/**']));
    expect(fs.existsSync(path.join(root, config.beforePack))).toBe(true);
  });

  it('points at real icons', () => {
    const png = fs.readFileSync(path.join(root, 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    const ico = fs.readFileSync(path.join(root, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(4);
    const icns = fs.readFileSync(path.join(root, config.mac.icon));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const linux = fs.readdirSync(path.join(root, config.linux.icon));
    expect(linux).toEqual(expect.arrayContaining(['16x16.png', '256x256.png', '512x512.png']));
  });

  it('refuses to package an unbuilt tree', async () => {
    // The hook checks the tree it sits in: a copy in an empty tree must refuse, naming the fix.
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'mapwright-pack-'));
    try {
      fs.mkdirSync(path.join(tree, 'build'));
      fs.copyFileSync(path.join(root, config.beforePack), path.join(tree, config.beforePack));
      const hook = require(path.join(tree, config.beforePack)) as { default: (ctx: unknown) => Promise<void> };
      await expect(hook.default({})).rejects.toThrow(/out\/main\/index\.cjs.*Run `npm run build` first/);
      for (const f of ['out/main/index.cjs', 'out/preload/index.cjs', 'out/worker/run-worker.cjs', 'out/renderer/index.html']) {
        fs.mkdirSync(path.dirname(path.join(tree, f)), { recursive: true });
        fs.writeFileSync(path.join(tree, f), '');
      }
      await expect(hook.default({})).resolves.toBeUndefined();
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });
});
