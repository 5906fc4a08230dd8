/**
 * The one port through which the rest of the product reads a workbook and writes report sheets.
 * Two adapters implement it: OfficeWorkbook (Office.js, inside Excel) and ExcelJsWorkbook
 * (.xlsx files, for the command line). Callers never see Office or ExcelJS types.
 */

import type { Cell, Table } from "../engine/table";
import type { SheetSpec } from "./spec";

export interface SheetInfo {
  name: string;
  /**
   * True when the sheet is the add-in's: it carries the add-in's ownership mark and still has the
   * name the add-in gave it (a report the user renamed is theirs; see ownership.ts).
   */
  owned: boolean;
  visible: boolean;
}

/** A table the user can pick as input: an Excel table, or a sheet's used range. */
export interface TableInfo {
  /** The Excel table's name, or the sheet's name for a used range. */
  name: string;
  sheet: string;
  source: "table" | "sheet";
  /** Header cells as text (the first row of the table or used range). */
  headers: string[];
  /** Data rows below the header (for a sheet, of its used range). */
  rowCount: number;
}

export interface ReadProgress {
  rowsRead: number;
  rowsTotal: number;
}

/** Where to read from. A plain string names an Excel table first, then a sheet. */
export type TableSource = string | { table: string } | { sheet: string };

/** Says whether a row of cells is the header row (e.g. because the needed columns resolve in it). */
export type HeaderMatcher = (row: readonly Cell[]) => boolean;

export interface ReadOptions {
  /**
   * Where the header is in a sheet's used range (ignored for an Excel table, whose header is
   * known): a matcher tried on the first HEADER_SEARCH_ROWS rows; by default the first row that
   * is not blank. Rows above the header (a title, notes) are skipped.
   */
  header?: HeaderMatcher;
  /** Called after each block of rows is read, for a progress bar. */
  onProgress?: (progress: ReadProgress) => void;
}

export interface WriteProgress {
  /** Requests sent so far for this sheet, and the total planned. */
  requestsDone: number;
  requestsTotal: number;
}

export interface WriteOptions {
  onProgress?: (progress: WriteProgress) => void;
}

/** What a write cost, for the pane's log and the benchmark. */
export interface WriteReport {
  sheet: string;
  /** Rows of the sheet written (title, blank lines, headers, data and totals). */
  rows: number;
  /** Round trips to the workbook (context.sync() calls for Excel; 0 for an in-memory .xlsx). */
  requests: number;
  /** Largest request payload in bytes (estimated as the JSON Excel receives; 0 for .xlsx). */
  largestRequestBytes: number;
  /** True when an older version of the sheet was rewritten, false when the sheet is new. */
  replaced: boolean;
}

export interface WorkbookPort {
  /** Every sheet in workbook order, hidden ones included; the ownership register is not listed. */
  listSheets(): Promise<SheetInfo[]>;

  /** Excel tables and the used ranges of visible sheets, with their headers, to pick inputs from. */
  listTables(): Promise<TableInfo[]>;

  /**
   * Reads an Excel table (all of it, header and data rows) or a sheet's used range from its
   * header row down, as the engine's Table. Large ranges are read in blocks (onProgress after
   * each). Empty cells arrive as null; dates as Excel serial numbers (the engine's parseDate
   * reads them). Throws WorkbookError "not-found" when there is no such table or sheet, and
   * "no-header" when no row of the sheet matches.
   */
  readTable(source: TableSource, options?: ReadOptions): Promise<Table>;

  /** True when the sheet exists and is the add-in's (see SheetInfo.owned). */
  isOwned(sheetName: string): Promise<boolean>;

  /**
   * Writes one report sheet, whole: every cell, table, chart and look on it comes from the spec,
   * and nothing else in the workbook changes. An owned sheet of that name is rewritten in place,
   * never deleted, so that formulas elsewhere pointing into it keep pointing at it; its tables
   * keep their names from one write to the next. A table whose name another sheet's table holds
   * (a report the user renamed to keep) gets a free one, e.g. "LAC_Variance_2".
   * In Excel, a write cut off half-way leaves the sheet marked as incomplete (LAC_BUILD_<n>) and
   * saying so in A1, and the next write repairs it; the .xlsx adapter writes the whole file or
   * nothing. Callers compute every spec before writing the first. Writing the same spec twice
   * leaves the same workbook.
   * Throws WorkbookError "not-owned" (with `suggestedName`) when a sheet of that name exists and
   * is not the add-in's: the user's sheet is never touched.
   */
  writeSheet(spec: SheetSpec, options?: WriteOptions): Promise<WriteReport>;

  /** A sheet name close to `wanted` that no sheet uses yet, e.g. "LAC Costs (2)". */
  freeSheetName(wanted: string): Promise<string>;
}

export type WorkbookErrorCode =
  | "not-found"
  | "no-header"
  | "not-owned"
  | "bad-spec"
  | "bad-file"
  | "too-large"
  | "read-failed"
  | "write-failed"
  | "date-1904";

/**
 * Why a workbook that counts its dates from 1904 (Excel's "Use 1904 date system", as old Mac
 * workbooks do) is refused: its date cells hold serial numbers four years and a day below the
 * 1900 system's, which every reader and report here counts in, so its figures would fall in the
 * wrong years without a word. Both adapters refuse it before reading a table.
 */
export const DATE_1904_MESSAGE =
  "this workbook uses Excel's 1904 date system (File > Options > Advanced > When calculating this workbook), whose dates the add-in would read " +
  "four years early: save the tables as CSV and give them to the command line, or copy them into a workbook that uses the 1900 date system " +
  "(check the dates after pasting: Excel does not convert them)";

/** Every failure the port reports: a code to branch on and a message to show the user as it is. */
export class WorkbookError extends Error {
  readonly code: WorkbookErrorCode;
  /** For "not-owned": a free name the pane can offer instead. */
  readonly suggestedName?: string;

  constructor(code: WorkbookErrorCode, message: string, options: { suggestedName?: string; cause?: unknown } = {}) {
    super(message);
    this.name = "WorkbookError";
    this.code = code;
    if (options.suggestedName !== undefined) this.suggestedName = options.suggestedName;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** How many rows from the top of a used range are searched for the header row. */
export const HEADER_SEARCH_ROWS = 30;
