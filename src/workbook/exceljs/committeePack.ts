/**
 * Writes a committee pack (src/reports/committeePack.ts) as .xlsx bytes: a new workbook holding
 * the pack's sheets alone, written values only (totals rows hold figures, not formulas), so it
 * has no link back to the workbook it was made from. Whatever the file adapter draws on a
 * report sheet (its charts) comes with the sheet. The command line writes the bytes to disk; the
 * task pane opens them in Excel, built in the browser with its parts stored (`packing`), as the
 * browser has no zlib to deflate them.
 */

import type { SheetSpec } from "../spec";
import { ExcelJsWorkbook } from "./excelJsWorkbook";
import type { ZipPacking } from "./zipWriter";

export async function committeePackBytes(sheets: readonly SheetSpec[], options: { packing?: ZipPacking } = {}): Promise<Buffer> {
  const pack = ExcelJsWorkbook.create({ valuesOnly: true, packing: options.packing });
  for (const sheet of sheets) await pack.writeSheet(sheet);
  return pack.toBuffer();
}
