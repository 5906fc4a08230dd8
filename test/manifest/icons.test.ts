/** The committed icons are valid PNGs, and exactly what scripts/make-icons.js draws. */

import fs from "fs";
import path from "path";
import zlib from "zlib";
import { SIZES, crc32, drawIcon } from "../../scripts/make-icons";

const ASSETS = path.resolve(__dirname, "..", "..", "assets");
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Png {
  width: number;
  height: number;
  colourType: number;
  rgba: Buffer;
}

/** Decodes the PNGs make-icons.js writes: 8-bit RGBA, unfiltered rows, every chunk's CRC checked. */
function readPng(file: string): Png {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8).equals(SIGNATURE)).toBe(true);
  let offset = 8;
  const idat: Buffer[] = [];
  let header: Buffer | null = null;
  let ended = false;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("ascii", offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    expect(bytes.readUInt32BE(offset + 8 + length)).toBe(crc32(bytes.subarray(offset + 4, offset + 8 + length)));
    if (type === "IHDR") header = data;
    if (type === "IDAT") idat.push(data);
    if (type === "IEND") ended = true;
    offset += 12 + length;
  }
  expect(ended).toBe(true);
  if (header === null) throw new Error(`${file} has no IHDR chunk`);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    expect(raw[row]).toBe(0);
    raw.copy(rgba, y * width * 4, row + 1, row + 1 + width * 4);
  }
  return { width, height, colourType: header[9], rgba };
}

describe("icons", () => {
  it.each(SIZES.map((size) => [size]))("icon-%i.png is a square RGBA PNG with the drawing make-icons.js makes", (size) => {
    const png = readPng(path.join(ASSETS, `icon-${size}.png`));
    expect([png.width, png.height, png.colourType]).toEqual([size, size, 6]);
    expect(png.rgba.equals(drawIcon(size))).toBe(true);
  });

  it("draws a blue square with white bars and clear corners", () => {
    const size = 64;
    const pixels = drawIcon(size);
    const at = (x: number, y: number) => [...pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    expect(at(4, size / 2)).toEqual([0x0f, 0x6c, 0xbd, 255]);
    // Inside the tallest bar (x 0.64–0.80, y 0.20–0.80 of the square).
    expect(at(Math.round(0.72 * size), Math.round(0.5 * size))).toEqual([255, 255, 255, 255]);
  });
});
