#!/usr/bin/env node
/**
 * Draws the Mapwright icon and writes every packaging format from it:
 *   build/icon.png (1024), build/icons/<n>x<n>.png (Linux), build/icon.ico (Windows), build/icon.icns (macOS).
 * Run: node build/make-icons.mjs. Deterministic, no dependencies beyond node:zlib.
 *
 * Hand-written because no listed library rasterises or writes PNG/ICO/ICNS, and the formats needed
 * are small: PNG is zlib + CRC32 chunks, ICO and ICNS can both embed PNG images directly.
 * The drawing is a signed-distance rendering (anti-aliased at any size): a rounded square with
 * two source nodes on the left wired by curves into one target node on the right — a mapping.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const dir = path.dirname(fileURLToPath(import.meta.url));

// ---- drawing (unit square coordinates, y down) ----
const clamp = (x, a = 0, b = 1) => Math.min(b, Math.max(a, x));
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const roundedBox = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const segment = (x, y, ax, ay, bx, by) => {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const h = clamp((px * dx + py * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - dx * h, py - dy * h);
};
/** Cubic Bézier as a polyline, for distance tests. */
const bezier = (p0, p1, p2, p3, n = 48) =>
  Array.from({ length: n + 1 }, (_, i) => {
    const t = i / n, u = 1 - t;
    return [0, 1].map((k) => u * u * u * p0[k] + 3 * u * u * t * p1[k] + 3 * u * t * t * p2[k] + t * t * t * p3[k]);
  });
const curves = [
  bezier([0.3, 0.33], [0.52, 0.33], [0.5, 0.5], [0.7, 0.5]),
  bezier([0.3, 0.67], [0.52, 0.67], [0.5, 0.5], [0.7, 0.5]),
];
const polyDist = (x, y, pts) => {
  let d = Infinity;
  for (let i = 1; i < pts.length; i++) d = Math.min(d, segment(x, y, pts[i - 1][0], pts[i - 1][1], pts[i][0], pts[i][1]));
  return d;
};

const BG_TOP = [38, 70, 140], BG_BOTTOM = [20, 33, 72], WIRE = [120, 200, 255], SOURCE = [255, 255, 255], TARGET = [255, 196, 61];

/** RGBA colour of the icon at (x, y) in unit coordinates; `px` is one pixel in those units. */
function shade(x, y, px) {
  const cover = (d) => clamp(0.5 - d / px);
  let rgb = mix(BG_TOP, BG_BOTTOM, y);
  const a = cover(roundedBox(x, y, 0.5, 0.5, 0.44, 0.44, 0.1));
  const over = (color, alpha) => (rgb = mix(rgb, color, alpha));
  const wire = Math.min(...curves.map((c) => polyDist(x, y, c))) - 0.028;
  over(WIRE, cover(wire));
  for (const [cx, cy] of [[0.28, 0.33], [0.28, 0.67]]) {
    over(BG_BOTTOM, cover(circle(x, y, cx, cy, 0.09)));
    over(SOURCE, cover(circle(x, y, cx, cy, 0.07)));
  }
  over(BG_BOTTOM, cover(circle(x, y, 0.72, 0.5, 0.12)));
  over(TARGET, cover(circle(x, y, 0.72, 0.5, 0.1)));
  return [...rgb.map((v) => Math.round(v)), Math.round(a * 255)];
}

function render(size) {
  const ss = size <= 64 ? 4 : 2; // supersampling on top of the SDF coverage, for small sizes
  const out = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      const acc = [0, 0, 0, 0];
      for (let sj = 0; sj < ss; sj++)
        for (let si = 0; si < ss; si++) {
          const c = shade((i + (si + 0.5) / ss) / size, (j + (sj + 0.5) / ss) / size, 1 / size);
          acc[0] += c[0] * c[3]; acc[1] += c[1] * c[3]; acc[2] += c[2] * c[3]; acc[3] += c[3];
        }
      const o = (j * size + i) * 4;
      const alpha = acc[3] / (ss * ss);
      out[o] = alpha ? Math.round(acc[0] / acc[3]) : 0;
      out[o + 1] = alpha ? Math.round(acc[1] / acc[3]) : 0;
      out[o + 2] = alpha ? Math.round(acc[2] / acc[3]) : 0;
      out[o + 3] = Math.round(alpha);
    }
  return out;
}

// ---- PNG ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- ICO (PNG-compressed entries, supported since Windows Vista) ----
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

// ---- ICNS (PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024, ic11 32@2x, ic12 64@2x, ic13 256@2x, ic14 512@2x) ----
function icns(entries) {
  const parts = entries.map(({ type, data }) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
const pngs = new Map(sizes.map((s) => [s, png(s, render(s))]));
fs.mkdirSync(path.join(dir, 'icons'), { recursive: true });
fs.writeFileSync(path.join(dir, 'icon.png'), pngs.get(1024));
for (const s of sizes.filter((s) => s <= 512)) fs.writeFileSync(path.join(dir, 'icons', `${s}x${s}.png`), pngs.get(s));
fs.writeFileSync(path.join(dir, 'icon.ico'), ico([16, 32, 48, 64, 128, 256].map((size) => ({ size, data: pngs.get(size) }))));
fs.writeFileSync(
  path.join(dir, 'icon.icns'),
  icns([
    ['ic11', 32], ['ic12', 64], ['ic07', 128], ['ic08', 256], ['ic13', 512], ['ic09', 512], ['ic14', 1024], ['ic10', 1024],
  ].map(([type, size]) => ({ type, data: pngs.get(size) }))),
);
process.stderr.write(`icons written to ${dir}\n`);
