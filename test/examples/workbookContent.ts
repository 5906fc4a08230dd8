/** What a person or a program sees in an .xlsx file: each sheet's cells, read back with ExcelJS. */

import ExcelJS from "exceljs";
import { cellFromExcelJs } from "../../src/workbook/exceljs/excelJsWorkbook";

/** A cell as stored: a plain value, or a formula with its cached result. */
export type StoredCell = string | number | boolean | null | { formula: string; result: unknown };

export interface SheetContent {
  name: string;
  state: string;
  /** "A1" → value, for every cell holding something. */
  cells: Record<string, StoredCell>;
}

function stored(cell: ExcelJS.Cell): StoredCell {
  // A formula's cached result as the file holds it: ExcelJS's cell.value leaves out results of 0, "" and FALSE.
  if (cell.type === ExcelJS.ValueType.Formula) {
    const result = cell.result instanceof Date ? cellFromExcelJs(cell.result, false) : cell.result;
    return { formula: cell.formula, result: result ?? null };
  }
  const value = cell.value;
  if (value === null || value === undefined) return null;
  // ExcelJS turns a number with a date format into a Date; compare the serial the file holds.
  if (value instanceof Date) return cellFromExcelJs(value, false);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("error" in value) return value.error;
    return JSON.stringify(value);
  }
  return value;
}

export async function workbookContent(file: string): Promise<SheetContent[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book.worksheets.map((sheet) => {
    const cells: Record<string, StoredCell> = {};
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = stored(cell);
        if (value !== null) cells[cell.address] = value;
      });
    });
    return { name: sheet.name, state: sheet.state, cells };
  });
}

export function sheetOf(content: readonly SheetContent[], name: string): SheetContent {
  const sheet = content.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet "${name}" (sheets: ${content.map((s) => s.name).join(", ")})`);
  return sheet;
}

/** The workbook's defined names and Excel tables, which carry ownership and the inputs' names. */
export async function workbookNames(file: string): Promise<{ names: string[]; tables: string[] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const names = (book.definedNames.model as { name: string }[]).map((n) => n.name).sort();
  const tables = book.worksheets.flatMap((s) => Object.keys((s as unknown as { tables: Record<string, unknown> }).tables)).sort();
  return { names, tables };
}
