/**
 * A1 addresses, sheet names and Excel's limits, for both adapters. Rows and columns are
 * 0-based in code and become 1-based only in the address text Excel reads.
 */

import { WorkbookError } from "./port";

export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
export const SHEET_NAME_MAX_LENGTH = 31;

/** A rectangle of cells, 0-based, both ends inclusive. */
export interface CellRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const digit = (n - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

export function rectAddress(rect: CellRect): string {
  const start = cellAddress(rect.top, rect.left);
  return rect.top === rect.bottom && rect.left === rect.right ? start : `${start}:${cellAddress(rect.bottom, rect.right)}`;
}

/** "A:A" style address of whole columns. */
export function columnsAddress(first: number, last: number = first): string {
  return `${columnLetters(first)}:${columnLetters(last)}`;
}

const A1_RANGE = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

/**
 * Reads "Sheet1!B3:F200", "'LAC Costs'!$A$1" or "C7" into a rectangle and the sheet name (null
 * when the address has none). Sheet names may themselves hold "!", so the cell part is what
 * follows the last one.
 */
export function parseAddress(address: string): { sheet: string | null; rect: CellRect } {
  const text = address.trim().replace(/^=/, "");
  const bang = text.lastIndexOf("!");
  const sheetPart = bang === -1 ? null : text.slice(0, bang);
  const cellPart = bang === -1 ? text : text.slice(bang + 1);
  const match = A1_RANGE.exec(cellPart);
  if (!match) throw new WorkbookError("not-found", `"${address}" is not a cell address`);
  const top = Number(match[2]) - 1;
  const left = columnIndex(match[1]);
  const rect = match[3]
    ? { top, left, bottom: Number(match[4]) - 1, right: columnIndex(match[3]) }
    : { top, left, bottom: top, right: left };
  return { sheet: sheetPart === null ? null : unquoteSheetName(sheetPart), rect };
}

/** The sheet name as a formula writes it: quoted (with quotes doubled) unless plain letters and digits. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function unquoteSheetName(text: string): string {
  const t = text.trim();
  return t.startsWith("'") && t.endsWith("'") && t.length >= 2 ? t.slice(1, -1).replace(/''/g, "'") : t;
}

/** Why Excel would refuse this sheet name, or null when it is fine. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === "") return "a sheet name cannot be blank";
  if (name.length > SHEET_NAME_MAX_LENGTH) return `"${name}" is longer than ${SHEET_NAME_MAX_LENGTH} characters, the most Excel allows in a sheet name`;
  if (/[:\\/?*[\]]/.test(name)) return `"${name}" contains one of : \\ / ? * [ ], which Excel does not allow in a sheet name`;
  if (name.startsWith("'") || name.endsWith("'")) return `"${name}" starts or ends with an apostrophe, which Excel does not allow in a sheet name`;
  if (name.toLowerCase() === "history") return `"History" is reserved by Excel`;
  return null;
}

/** Excel compares sheet, table and defined names without regard to case. */
export function sameName(a: string, b: string): boolean {
  return a.toLocaleLowerCase("en-GB") === b.toLocaleLowerCase("en-GB");
}
