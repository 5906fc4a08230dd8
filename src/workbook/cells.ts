/**
 * What a cell becomes on the way into and out of a workbook, the same for both adapters.
 *
 * The safe-text rule. Excel parses a string written through Range.values as if the user had
 * typed it: text starting with =, + or - "is interpreted as a formula" (Excel.Range.values
 * reference), text starting with @ is read as a formula too, and "00123" or "Apr-24" become a
 * number or a date. Data from an episode file must never run as a formula nor lose its leading
 * zeros, so every string is written into a cell whose number format is Text ("@") — set in the
 * same request, before the value — which is Excel's own way of saying "store what is typed as
 * text". The stored value is then exactly the string, so Range.values, an .xlsx reader and the
 * ExcelJS adapter all read back the same thing, and it stays text if the user later edits the
 * cell. (The alternative, a leading apostrophe, changes what the cell holds in some readers and
 * is lost again when Range.formulas is read and written back: office-js issue 6687.)
 */

import type { Cell } from "../engine/table";

/** Excel's number format code for Text. */
export const TEXT_FORMAT = "@";
export const GENERAL_FORMAT = "General";

/** The number format a cell is written with: Text for every string, the column's format otherwise. */
export function cellNumberFormat(value: Cell, columnFormat: string): string {
  return typeof value === "string" ? TEXT_FORMAT : columnFormat;
}

/**
 * A value as Excel holds it: an empty string and non-finite numbers (NaN from 0/0, Infinity)
 * are a blank cell, and -0 is 0.
 */
export function writableValue(value: Cell | undefined): Cell {
  if (value === undefined || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? value + 0 : null;
  return value;
}

/**
 * A value read from Excel as the engine's Cell: empty cells (Excel gives "") become null;
 * numbers, booleans and strings (error values arrive as "#N/A" and the like) are kept.
 */
export function cellFromWorkbook(value: unknown): Cell {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
  return String(value);
}
