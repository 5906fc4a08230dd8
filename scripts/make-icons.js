#!/usr/bin/env node
/**
 * Draws the add-in's icons (a white bar chart on a rounded blue square) as PNG files in assets/.
 * Written without an image library so the icons can be regenerated on any machine with Node:
 *   node scripts/make-icons.js
 */
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = path.resolve(__dirname, "..", "assets");

/** Fluent's brand blue (colorBrandBackground in webLightTheme) and white. */
const BLUE = [0x0f, 0x6c, 0xbd];
const WHITE = [0xff, 0xff, 0xff];

/** Shapes in a unit square (0..1 both ways, y down), so every size is the same drawing. */
const BACKGROUND = { x0: 0, y0: 0, x1: 1, y1: 1, radius: 0.2 };
const BARS = [
  { x0: 0.2, y0: 0.52, x1: 0.36, y1: 0.8, radius: 0.03 },
  { x0: 0.42, y0: 0.36, x1: 0.58, y1: 0.8, radius: 0.03 },
  { x0: 0.64, y0: 0.2, x1: 0.8, y1: 0.8, radius: 0.03 },
];

/** Samples per pixel along each axis: edges are anti-aliased by the share of samples inside a shape. */
const SUPERSAMPLE = 8;

function insideRoundedRect(x, y, r) {
  if (x < r.x0 || x > r.x1 || y < r.y0 || y > r.y1) return false;
  const cx = Math.min(Math.max(x, r.x0 + r.radius), r.x1 - r.radius);
  const cy = Math.min(Math.max(y, r.y0 + r.radius), r.y1 - r.radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r.radius ** 2;
}

/** RGBA pixels, row by row. */
function drawIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let covered = 0;
      let white = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
          if (!insideRoundedRect(x, y, BACKGROUND)) continue;
          covered += 1;
          if (BARS.some((bar) => insideRoundedRect(x, y, bar))) white += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (covered === 0) continue;
      const whiteShare = white / covered;
      for (let channel = 0; channel < 3; channel++) {
        pixels[offset + channel] = Math.round(BLUE[channel] * (1 - whiteShare) + WHITE[channel] * whiteShare);
      }
      pixels[offset + 3] = Math.round((255 * covered) / samples);
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // not interlaced
  const rowBytes = size * 4;
  const scanlines = Buffer.alloc(size * (rowBytes + 1));
  for (let y = 0; y < size; y++) {
    scanlines[y * (rowBytes + 1)] = 0; // filter: none
    rgba.copy(scanlines, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(scanlines, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(OUT_DIR, `icon-${size}.png`);
    const png = encodePng(size, drawIcon(size));
    fs.writeFileSync(file, png);
    console.log(`${path.relative(process.cwd(), file)}: ${size}×${size}, ${png.length} bytes`);
  }
}

if (require.main === module) main();

module.exports = { drawIcon, encodePng, crc32, SIZES };
