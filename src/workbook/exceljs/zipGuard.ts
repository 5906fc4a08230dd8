/**
 * Checks an .xlsx file before ExcelJS unpacks it, so that a hostile or broken file gives a clear
 * error instead of an exception from deep inside JSZip or an exhausted heap.
 *
 * An .xlsx is a zip archive. The guard reads the zip's central directory (the index at its end)
 * and refuses: a file that is not a zip (naming the likely cause: an old .xls, a password-protected
 * workbook, a CSV), too many entries, a declared total unpacked size above the limit, an entry
 * that claims to compress better than real spreadsheets do (a zip bomb), encryption or unknown
 * compression, and a workbook with more sheets than the limit. It then inflates every entry into
 * a counter (not into memory) and stops as soon as one yields more than its header declared, so
 * a zip whose headers lie is caught too. Memory stays bounded by one inflate window, whatever
 * the archive holds.
 *
 * Last, it reads the ranges ExcelJS would expand cell by cell as it loads: merged cells, data
 * validations and defined names. A 20 KB file whose data validation covers A1:XFD1048576 (17
 * billion cells) keeps ExcelJS busy for minutes and then out of memory; such a file is refused
 * here, naming the range and its sheet. (A value in a far cell costs ExcelJS nothing: it is the
 * reading of the used range that must not trust it; see reading.ts.)
 */

import { createInflateRaw } from "zlib";
import { WorkbookError } from "../port";
import { groupedNumber } from "../../engine/numberText";

export interface XlsxLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Files inside the archive. */
  maxEntries: number;
  /** All entries unpacked, together: what ExcelJS would parse. */
  maxUncompressedBytes: number;
  /** Unpacked ÷ packed size allowed for an entry larger than 1 MB unpacked. */
  maxCompressionRatio: number;
  /** Sheets in the workbook. */
  maxSheets: number;
  /** Cells covered by merged ranges, all sheets together: ExcelJS makes an object for each. */
  maxMergedCells: number;
  /** Cells covered by data validations and defined names, all together: ExcelJS lists each one. */
  maxRangeCells: number;
}

/**
 * Defaults sized for the command line on an ordinary laptop, whose Node heap may be 2 GB.
 * ExcelJS holds the whole workbook as objects: measured on episode sheets, opening takes about
 * 10 times the unpacked size in memory and saving about 35 times (50,000 rows: 23 MB unpacked,
 * 0.8 GB at peak; 200,000 rows: 106 MB unpacked, 3.9 GB at peak, saved in 108 s). 48 MB unpacked
 * is about 100,000 episode rows; larger extracts belong in a CSV file, which is streamed.
 * Spreadsheet XML compresses 5–30 times, a zip bomb about 1,000 times. Expanded ranges, measured
 * on ExcelJS's load: a million cells of merges take 4.5 s and 680 MB, a million of validation
 * 1 s and 130 MB; the limits let through merged headings and validations of two whole columns.
 */
export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxEntries: 20_000,
  maxUncompressedBytes: 48 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxSheets: 1_000,
  maxMergedCells: 100_000,
  maxRangeCells: 2 * 1_048_576,
};

const RATIO_CHECK_FROM_BYTES = 1024 * 1024;
/** An XML part's document type declaration, if any, comes before its first element: within its first bytes. */
const PROLOG_BYTES = 4096;

export interface ZipEntry {
  name: string;
  /** General-purpose flags, CRC-32 and timestamp as the zip index has them, so that an entry can be copied unchanged. */
  flags: number;
  crc32: number;
  dosTime: number;
  dosDate: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  dataOffset: number;
}

export interface CheckedXlsx {
  entries: ZipEntry[];
  sheetCount: number;
  uncompressedBytes: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export async function checkXlsx(data: Buffer, what: string, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): Promise<CheckedXlsx> {
  if (data.length > limits.maxFileBytes) {
    throw new WorkbookError("too-large", `${what} is ${megabytes(data.length)}; the command line reads workbooks up to ${megabytes(limits.maxFileBytes)}`);
  }
  if (data.length < 4 || data.readUInt32LE(0) !== LOCAL_SIGNATURE) throw notAZip(data, what);
  const entries = readCentralDirectory(data, what, limits);
  const uncompressedBytes = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (uncompressedBytes > limits.maxUncompressedBytes) {
    throw new WorkbookError(
      "too-large",
      `${what} unpacks to ${megabytes(uncompressedBytes)}, more than the ${megabytes(limits.maxUncompressedBytes)} the command line opens safely ` +
        `(a zip bomb, or a workbook too large to hold in memory): give large data as CSV files, which are read as a stream`,
    );
  }
  const workbookXml = entries.find((e) => e.name === "xl/workbook.xml");
  if (!workbookXml) throw new WorkbookError("bad-file", `${what} is a zip archive but not an Excel workbook (it has no xl/workbook.xml)`);
  for (const entry of entries) await verifyEntry(data, entry, what);
  const sheetCount = countSheets((await inflateEntry(data, workbookXml)).toString("utf8"));
  if (sheetCount > limits.maxSheets) {
    throw new WorkbookError("too-large", `${what} has ${groupedNumber(sheetCount)} sheets; the command line reads workbooks of up to ${groupedNumber(limits.maxSheets)}`);
  }
  await checkExpandedRanges(data, entries, what, limits);
  return { entries, sheetCount, uncompressedBytes };
}

/** A range ExcelJS would expand, where it is, and how many cells it covers. */
interface ExpandedRange {
  kind: "merged cells" | "a data validation" | "a defined name";
  range: string;
  where: string;
  cells: number;
}

const RANGE = /\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})/g;

/** Cells covered by the A1:B2-style ranges in a text (a sqref, a name's formula), each with its address. */
function rangesIn(text: string): { range: string; cells: number }[] {
  return [...text.matchAll(RANGE)].map(([range, left, top, right, bottom]) => ({
    range: range.replace(/\$/g, ""),
    cells: (Math.abs(columnNumber(right) - columnNumber(left)) + 1) * (Math.abs(Number(bottom) - Number(top)) + 1),
  }));
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

/** Refuses a workbook whose merged cells, data validations or defined names cover more cells than ExcelJS can expand. */
async function checkExpandedRanges(data: Buffer, entries: readonly ZipEntry[], what: string, limits: XlsxLimits): Promise<void> {
  const workbookXml = await readEntryText(data, entries.find((e) => e.name === "xl/workbook.xml") as ZipEntry);
  const sheetNames = await sheetNamesByPart(data, entries, workbookXml);
  const merged: ExpandedRange[] = [];
  const listed: ExpandedRange[] = [];
  for (const entry of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) continue;
    const xml = await inflateEntry(data, entry);
    // Merges and validations follow the cells: only the end of the sheet is read as text.
    const tail = xml.toString("utf8", Math.max(0, xml.lastIndexOf("</sheetData>")));
    const where = sheetNames.get(entry.name) ? `sheet "${sheetNames.get(entry.name)}"` : entry.name;
    for (const [, ref] of tail.matchAll(/<(?:\w+:)?mergeCell\s[^>]*ref="([^"]*)"/g)) {
      for (const r of rangesIn(ref)) merged.push({ kind: "merged cells", ...r, where });
    }
    for (const [, sqref] of tail.matchAll(/<(?:\w+:)?dataValidation\s[^>]*sqref="([^"]*)"/g)) {
      for (const r of rangesIn(sqref)) listed.push({ kind: "a data validation", ...r, where });
    }
  }
  // Print areas and titles are kept as text; every other name is expanded.
  for (const [, attributes, formula] of workbookXml.matchAll(/<(?:\w+:)?definedName\s([^>]*)>([^<]*)</g)) {
    const name = /name="([^"]*)"/.exec(attributes)?.[1] ?? "";
    if (name === "_xlnm.Print_Area" || name === "_xlnm.Print_Titles") continue;
    for (const r of rangesIn(formula)) listed.push({ kind: "a defined name", ...r, where: `the name "${name}"` });
  }
  refuseOver(merged, limits.maxMergedCells, what);
  refuseOver(listed, limits.maxRangeCells, what);
}

function refuseOver(ranges: readonly ExpandedRange[], limit: number, what: string): void {
  const total = ranges.reduce((sum, r) => sum + r.cells, 0);
  if (total <= limit) return;
  const largest = ranges.reduce((a, b) => (b.cells > a.cells ? b : a));
  throw new WorkbookError(
    "too-large",
    `${what}: ${largest.where} has ${largest.kind} over ${largest.range} (${groupedNumber(largest.cells)} cells), ` +
      `more than the command line can open (at most ${groupedNumber(limit)} ${largest.kind === "merged cells" ? "merged cells" : "cells of data validations and defined names"} in all): ` +
      "make the range fit the data in Excel and save again",
  );
}

/** Sheet names by their part ("xl/worksheets/sheet1.xml"), from the workbook and its relationships. */
async function sheetNamesByPart(data: Buffer, entries: readonly ZipEntry[], workbookXml: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const relsEntry = entries.find((e) => e.name === "xl/_rels/workbook.xml.rels");
  if (!relsEntry) return names;
  const rels = await readEntryText(data, relsEntry);
  const targets = new Map<string, string>();
  for (const [relationship] of rels.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const id = /\sId="([^"]*)"/.exec(relationship)?.[1];
    const target = /\sTarget="([^"]*)"/.exec(relationship)?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  for (const [sheet] of workbookXml.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(sheet)?.[1];
    const id = /\sr:id="([^"]*)"/.exec(sheet)?.[1];
    const part = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && part) names.set(part, unescapeXml(name));
  }
  return names;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, entity: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[entity] ?? "");
}

/** The text of one small entry (already checked by checkXlsx). */
export async function readEntryText(data: Buffer, entry: ZipEntry): Promise<string> {
  return (await inflateEntry(data, entry)).toString("utf8");
}

/** The unpacked bytes of an entry (already checked by checkXlsx). */
export function readEntryBytes(data: Buffer, entry: ZipEntry): Promise<Buffer> {
  return inflateEntry(data, entry);
}

/** The entry's bytes exactly as stored in the archive (compressed, if it is). */
export function storedBytes(data: Buffer, entry: ZipEntry): Buffer {
  return data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
}

function notAZip(data: Buffer, what: string): WorkbookError {
  const head = data.subarray(0, 8);
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) {
    return new WorkbookError(
      "bad-file",
      `${what} is an old-format .xls workbook or a password-protected workbook: open it in Excel and save it as an .xlsx without a password`,
    );
  }
  if (data.length === 0) return new WorkbookError("bad-file", `${what} is empty`);
  const text = data.subarray(0, 512).toString("utf8");
  // Text, not bytes: no control character but tab and line ends, nor a byte UTF-8 cannot read (one cut off at the end aside).
  const readable = !/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFD]/.test(text.slice(0, -1));
  if (readable && /^[\uFEFF]?[^\0]*[,;\t][^\0]*\n/.test(text)) {
    return new WorkbookError("bad-file", `${what} looks like a CSV text file, not an .xlsx workbook: give it a .csv name or save it as .xlsx`);
  }
  return new WorkbookError("bad-file", `${what} is not an .xlsx workbook (an .xlsx file is a zip archive; this one is not)`);
}

function readCentralDirectory(data: Buffer, what: string, limits: XlsxLimits): ZipEntry[] {
  const broken = (why: string) => new WorkbookError("bad-file", `${what} is a damaged .xlsx file (${why})`);
  const eocd = findEndOfCentralDirectory(data);
  if (eocd === -1) throw broken("its zip index is missing: the file may be cut short");
  let entryCount = data.readUInt16LE(eocd + 10);
  let directorySize = data.readUInt32LE(eocd + 12);
  let directoryOffset = data.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || data.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) throw broken("its zip64 index is missing");
    const record = safeNumber(data.readBigUInt64LE(locator + 8));
    if (record + 56 > data.length || data.readUInt32LE(record) !== ZIP64_EOCD_SIGNATURE) throw broken("its zip64 index is damaged");
    entryCount = safeNumber(data.readBigUInt64LE(record + 32));
    directorySize = safeNumber(data.readBigUInt64LE(record + 40));
    directoryOffset = safeNumber(data.readBigUInt64LE(record + 48));
  }
  if (entryCount > limits.maxEntries) {
    throw new WorkbookError("too-large", `${what} holds ${groupedNumber(entryCount)} files; an .xlsx the command line reads holds at most ${groupedNumber(limits.maxEntries)}`);
  }
  if (directoryOffset + directorySize > data.length) throw broken("its zip index points past the end of the file");

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw broken("its zip index is damaged");
    const flags = data.readUInt16LE(at + 8);
    const method = data.readUInt16LE(at + 10);
    const dosTime = data.readUInt16LE(at + 12);
    const dosDate = data.readUInt16LE(at + 14);
    const crc32 = data.readUInt32LE(at + 16);
    let compressedSize = data.readUInt32LE(at + 20);
    let uncompressedSize = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    let localOffset = data.readUInt32LE(at + 42);
    const name = data.toString("utf8", at + 46, at + 46 + nameLength);
    const extra = data.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    [uncompressedSize, compressedSize, localOffset] = applyZip64Extra(extra, uncompressedSize, compressedSize, localOffset);
    if (flags & 0x1) throw new WorkbookError("bad-file", `${what} is encrypted: save it in Excel without a password`);
    if (method !== STORED && method !== DEFLATED) throw broken(`"${name}" uses a compression Excel does not write`);
    if (method === STORED && compressedSize !== uncompressedSize) throw broken(`"${name}" has inconsistent sizes`);
    if (uncompressedSize > RATIO_CHECK_FROM_BYTES && uncompressedSize > compressedSize * limits.maxCompressionRatio) {
      throw new WorkbookError(
        "too-large",
        `${what} looks like a zip bomb: "${name}" claims to unpack ${Math.round(uncompressedSize / Math.max(1, compressedSize))} times larger than it is stored`,
      );
    }
    entries.push({ name, flags, crc32, dosTime, dosDate, method, compressedSize, uncompressedSize, dataOffset: dataOffsetOf(data, localOffset, compressedSize, broken) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(data: Buffer): number {
  const earliest = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= earliest; at--) {
    if (data.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

/** Sizes and offset that did not fit 32 bits live in the zip64 extra field, in this order. */
function applyZip64Extra(extra: Buffer, uncompressed: number, compressed: number, offset: number): [number, number, number] {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        const value = field + 8 <= at + 4 + size ? safeNumber(extra.readBigUInt64LE(field)) : -1;
        field += 8;
        return value;
      };
      if (uncompressed === 0xffffffff) uncompressed = next();
      if (compressed === 0xffffffff) compressed = next();
      if (offset === 0xffffffff) offset = next();
    }
    at += 4 + size;
  }
  return [uncompressed, compressed, offset];
}

function dataOffsetOf(data: Buffer, localOffset: number, compressedSize: number, broken: (why: string) => WorkbookError): number {
  if (localOffset < 0 || localOffset + 30 > data.length || data.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) {
    throw broken("an entry of its zip index points to nothing");
  }
  const start = localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
  if (start + compressedSize > data.length) throw broken("an entry runs past the end of the file");
  return start;
}

function safeNumber(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** Inflates an entry into a byte counter, stopping as soon as it yields more than declared. */
function verifyEntry(data: Buffer, entry: ZipEntry, what: string): Promise<void> {
  if (entry.method === STORED) {
    if (/<!DOCTYPE/i.test(data.toString("latin1", entry.dataOffset, entry.dataOffset + Math.min(entry.compressedSize, PROLOG_BYTES)))) {
      return Promise.reject(new WorkbookError("bad-file", `${what} is refused: "${entry.name}" declares a document type (<!DOCTYPE), which Excel never writes`));
    }
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let produced = 0;
    let settled = false;
    const fail = (error: WorkbookError) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      reject(error);
    };
    let prolog = "";
    inflate.on("data", (chunk: Buffer) => {
      if (produced < PROLOG_BYTES) {
        prolog += chunk.subarray(0, PROLOG_BYTES - produced).toString("latin1");
        if (/<!DOCTYPE/i.test(prolog)) {
          fail(
            new WorkbookError(
              "bad-file",
              `${what} is refused: "${entry.name}" declares a document type (<!DOCTYPE), which Excel never writes and which can hide an entity-expansion ("billion laughs") attack`,
            ),
          );
          return;
        }
      }
      produced += chunk.length;
      if (produced > entry.uncompressedSize) {
        fail(new WorkbookError("too-large", `${what} looks like a zip bomb: "${entry.name}" unpacks to more than its declared ${megabytes(entry.uncompressedSize)}`));
      }
    });
    inflate.on("error", () => fail(new WorkbookError("bad-file", `${what} is a damaged .xlsx file ("${entry.name}" cannot be unpacked)`)));
    inflate.on("end", () => {
      if (settled) return;
      settled = true;
      if (produced !== entry.uncompressedSize) reject(new WorkbookError("bad-file", `${what} is a damaged .xlsx file ("${entry.name}" is not the size its index says)`));
      else resolve();
    });
    inflate.end(data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize));
  });
}

function inflateEntry(data: Buffer, entry: ZipEntry): Promise<Buffer> {
  const packed = data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === STORED) return Promise.resolve(packed);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const inflate = createInflateRaw();
    inflate.on("data", (chunk: Buffer) => chunks.push(chunk));
    inflate.on("error", reject);
    inflate.on("end", () => resolve(Buffer.concat(chunks)));
    inflate.end(packed);
  });
}

function countSheets(workbookXml: string): number {
  return (workbookXml.match(/<(?:[A-Za-z0-9_]+:)?sheet\s/g) ?? []).length;
}

function megabytes(bytes: number): string {
  return `${groupedNumber(bytes / (1024 * 1024), 0, 1)} MB`;
}
