/**
 * Writes a zip archive whose entries are either copied exactly as another archive stored them
 * (same compressed bytes, same CRC, same timestamp) or given new contents. This is what lets a
 * refresh leave every part it does not own byte for byte as it was: no zip library we could use
 * copies an entry without unpacking and repacking it (see docs/file-writes.md).
 */

import { deflateRawSync } from "zlib";
import { storedBytes, ZipEntry } from "./zipGuard";

/** How new entries are written: deflated (as Excel does; needs Node's zlib) or stored as they are (in the browser, which has no zlib). */
export type ZipPacking = "deflated" | "stored";

export type OutputEntry =
  | { name: string; copyOf: ZipEntry; from: Buffer }
  | { name: string; data: Buffer };

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIGNATURE = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** Bit 11: the entry's name is UTF-8. */
const UTF8_NAME = 0x800;
/** Bits kept from a copied entry: encryption is refused on reading, and no data descriptor follows what is written here. */
const KEPT_FLAGS = 0x806;
/** 1 January 1980, the zip format's earliest date, for new entries: the same contents give the same file. */
const DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1;
/** Version 2.0, enough for deflate. */
const VERSION = 20;
const MAX_32 = 0xffffffff;

/** The CRC-32 table (polynomial 0xEDB88320, as zip uses), computed in plain JavaScript so that the browser can write a zip too. */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32Of(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function writeZip(entries: readonly OutputEntry[], packing: ZipPacking = "deflated"): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    let stored: Buffer;
    let method: number;
    let crc: number;
    let size: number;
    let flags: number;
    let dosTime = 0;
    let dosDate = DOS_DATE_1980;
    if ("copyOf" in entry) {
      stored = storedBytes(entry.from, entry.copyOf);
      ({ method, uncompressedSize: size, dosTime, dosDate } = entry.copyOf);
      crc = entry.copyOf.crc32;
      flags = (entry.copyOf.flags & KEPT_FLAGS) | UTF8_NAME;
    } else {
      size = entry.data.length;
      crc = crc32Of(entry.data);
      // Empty entries (folders) are stored; everything else deflated, as Excel does, unless the zip is to be stored.
      method = size === 0 || packing === "stored" ? STORED : DEFLATED;
      stored = method === STORED ? entry.data : deflateRawSync(entry.data);
      flags = UTF8_NAME;
    }
    if (offset > MAX_32 || stored.length > MAX_32 || size > MAX_32) throw new Error("the workbook is too large for a zip archive without zip64");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIGNATURE, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    record.writeUInt16LE(VERSION, 4);
    record.writeUInt16LE(VERSION, 6);
    local.copy(record, 8, 6, 30);
    // Comment length, disk number, internal and external attributes: all zero.
    record.writeUInt32LE(offset, 42);
    chunks.push(local, name, stored);
    central.push(record, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  if (entries.length > 0xffff) throw new Error("the workbook has too many parts for a zip archive without zip64");
  return Buffer.concat([...chunks, directory, end]);
}
