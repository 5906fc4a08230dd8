/**
 * Splitting work into requests Excel accepts. Excel limits each request and each response of
 * an add-in to 5 MB (Office add-ins' resource limits), and every context.sync() is a round trip,
 * so values are packed into as few requests as fit under a budget with margin, and large ranges
 * are read in blocks sized from what earlier blocks actually weighed.
 *
 * Sizes are the UTF-8 length of the JSON that carries the values, which is what the request
 * body holds; a fixed allowance covers each write's address and method names.
 */

import type { Cell } from "../engine/table";
import { CellRect } from "./addresses";
import { cellNumberFormat } from "./cells";
import type { Region } from "./layout";
import { WorkbookError } from "./port";

export const EXCEL_REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
/** What a request of values may weigh: 4 MB, leaving room for the request's own wrapping. */
export const DEFAULT_REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;
/** Allowance per range written for its address, object path and method names. */
export const WRITE_OVERHEAD_BYTES = 512;

/** One range written in a request: its number formats, then its values. */
export interface RangeWrite {
  rect: CellRect;
  /** Values as Excel receives them: blank cells as "". */
  values: (string | number | boolean)[][];
  formats: string[][];
}

export interface ValueRequest {
  writes: RangeWrite[];
  bytes: number;
}

/** UTF-8 bytes of the JSON text of a cell value. */
export function jsonBytes(value: Cell | undefined): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === "number") return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === "boolean") return value ? 4 : 5;
  let bytes = 2;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code < 0x20) bytes += code === 0x0a || code === 0x0d || code === 0x09 || code === 0x08 || code === 0x0c ? 2 : 6;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 6; // a lone surrogate, which JSON writes as \uXXXX
    } else bytes += 3;
  }
  return bytes;
}

/** JSON bytes of a 2-D block of cells ([[...],[...]]). */
export function blockBytes(rows: readonly (readonly Cell[])[]): number {
  let bytes = 2 + Math.max(0, rows.length - 1);
  for (const row of rows) bytes += rowBytes(row);
  return bytes;
}

function rowBytes(row: readonly Cell[]): number {
  let bytes = 2 + Math.max(0, row.length - 1);
  for (const cell of row) bytes += jsonBytes(cell);
  return bytes;
}

/**
 * Packs the layout's regions into requests of at most `budget` bytes each (values and their
 * number formats together), splitting a large region by rows. Small regions share a request.
 */
export function planValueRequests(regions: readonly Region[], budget = DEFAULT_REQUEST_BUDGET_BYTES): ValueRequest[] {
  const requests: ValueRequest[] = [];
  let current: ValueRequest = { writes: [], bytes: 0 };
  const closeRequest = () => {
    if (current.writes.length > 0) requests.push(current);
    current = { writes: [], bytes: 0 };
  };
  for (const region of regions) {
    let start = 0;
    while (start < region.rows.length) {
      if (current.bytes + WRITE_OVERHEAD_BYTES >= budget) closeRequest();
      let end = start;
      let bytes = WRITE_OVERHEAD_BYTES;
      while (end < region.rows.length) {
        const row = region.rows[end];
        const next = writtenRowBytes(row, region.columnFormats);
        if (current.bytes + bytes + next > budget) break;
        bytes += next;
        end += 1;
      }
      if (end === start) {
        if (current.writes.length > 0) {
          closeRequest();
          continue;
        }
        throw new WorkbookError("too-large", `row ${region.top + start + 1} alone is larger than one request to Excel may be`);
      }
      current.writes.push(rangeWrite(region, start, end));
      current.bytes += bytes;
      start = end;
    }
  }
  closeRequest();
  return requests;
}

/** A row's bytes in a request: its values (blanks sent as "") and its number formats. */
function writtenRowBytes(row: readonly Cell[], columnFormats: readonly string[]): number {
  let bytes = 2 * (3 + Math.max(0, columnFormats.length - 1));
  for (let j = 0; j < columnFormats.length; j++) {
    const cell = row[j] ?? null;
    bytes += (cell === null ? 2 : jsonBytes(cell)) + jsonBytes(cellNumberFormat(cell, columnFormats[j]));
  }
  return bytes;
}

function rangeWrite(region: Region, start: number, end: number): RangeWrite {
  const rows = region.rows.slice(start, end);
  const width = region.columnFormats.length;
  return {
    rect: { top: region.top + start, left: region.left, bottom: region.top + end - 1, right: region.left + width - 1 },
    values: rows.map((row) => Array.from({ length: width }, (_, j) => row[j] ?? "")),
    formats: rows.map((row) => Array.from({ length: width }, (_, j) => cellNumberFormat(row[j] ?? null, region.columnFormats[j]))),
  };
}

/** What a response of values may weigh; responses have the same 5 MB limit as requests. */
export const DEFAULT_RESPONSE_BUDGET_BYTES = 4 * 1024 * 1024;

/**
 * Sizes the blocks of a large read. Nothing is known of the cells before the first block, so it
 * is small (the rows searched for a header); each later block is as many rows as fit the budget
 * at the weight of the heaviest row seen so far, so a sheet of long text cells is read in smaller
 * blocks than one of numbers.
 */
export class ReadBlockSizer {
  private heaviestRow = 0;

  constructor(
    private readonly budget = DEFAULT_RESPONSE_BUDGET_BYTES,
    private readonly firstRows = 30,
  ) {}

  /** Rows to ask for next. */
  nextRows(rowsLeft: number): number {
    const fit = this.heaviestRow === 0 ? this.firstRows : Math.max(1, Math.floor(this.budget / this.heaviestRow));
    return Math.min(rowsLeft, fit);
  }

  /** Learns from a block just read. */
  observe(rows: readonly (readonly Cell[])[]): void {
    for (const row of rows) this.heaviestRow = Math.max(this.heaviestRow, rowBytes(row) + 1);
  }

  /**
   * Learns that a block of `rows` rows was too large for Excel to send (its later rows were
   * heavier than any seen before): the next block is half as many. False when one row is too much.
   */
  tooLarge(rows: number): boolean {
    if (rows <= 1) return false;
    this.heaviestRow = Math.max(this.heaviestRow, Math.ceil(this.budget / Math.floor(rows / 2)));
    return true;
  }
}

/** Excel's error when a request or its response is over the 5 MB limit. */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /PayloadSizeLimitExceeded/.test(code);
}
