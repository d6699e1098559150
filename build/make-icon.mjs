#!/usr/bin/env node
// Draws the console's icon (build/icon.png, 512x512) from shapes: a blue rounded square with a white
// arrow turning back on itself, the "win back" of the product's name. Run it again after changing a
// shape; electron-builder derives the Windows and macOS icon formats from this PNG.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const SAMPLES = 4; // per axis: 16 samples per pixel for smooth edges
const BLUE = [11, 92, 173];
const WHITE = [255, 255, 255];

/** Signed distance to a rounded square centred in the canvas (negative inside). */
function roundedSquare(x, y) {
  const half = 224;
  const radius = 96;
  const qx = Math.abs(x - 256) - (half - radius);
  const qy = Math.abs(y - 256) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** The arrow: three quarters of a ring, open at the top right, with a head pointing back into it. */
function insideArrow(x, y) {
  const dx = x - 256;
  const dy = y - 270;
  const r = Math.hypot(dx, dy);
  const angle = Math.atan2(dy, dx); // 0 to the right, positive downwards
  const openQuarter = angle < 0 && angle > -Math.PI / 2;
  const inRing = r > 104 && r < 152 && !openQuarter;
  // Arrow head: a triangle at the ring's open end (the top, angle -90deg), pointing right.
  const hx = x - 256;
  const hy = y - 142;
  // Base 168px tall at hx = -8, tip at hx = 84.
  const inHead = hx >= -8 && hx <= 84 && Math.abs(hy) <= (84 * (84 - hx)) / 92;
  return inRing || inHead;
}

function pixel(px, py) {
  let cover = 0;
  let arrow = 0;
  for (let i = 0; i < SAMPLES; i += 1) {
    for (let j = 0; j < SAMPLES; j += 1) {
      const x = px + (i + 0.5) / SAMPLES;
      const y = py + (j + 0.5) / SAMPLES;
      if (roundedSquare(x, y) <= 0) {
        cover += 1;
        if (insideArrow(x, y)) arrow += 1;
      }
    }
  }
  const n = SAMPLES * SAMPLES;
  if (cover === 0) return [0, 0, 0, 0];
  const t = arrow / cover;
  const rgb = BLUE.map((b, k) => Math.round(b + (WHITE[k] - b) * t));
  return [...rgb, Math.round((255 * cover) / n)];
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k += 1) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y += 1) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x += 1) {
    const [r, g, b, a] = pixel(x, y);
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    raw[o] = r;
    raw[o + 1] = g;
    raw[o + 2] = b;
    raw[o + 3] = a;
  }
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(target, png);
process.stdout.write(`wrote ${target} (${png.length} bytes)\n`);
