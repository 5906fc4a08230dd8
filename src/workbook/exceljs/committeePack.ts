/**
 * Writes a committee pack (src/reports/committeePack.ts) as .xlsx bytes: a new workbook holding
 * the pack's sheets alone, written values only (totals rows hold figures, not formulas), so it
 * has no link back to the workbook it was made from. Whatever the file adapter draws on a
 * report sheet (its charts) comes with the sheet. The command line writes the bytes to disk; the
 * task pane opens them in Excel, without the charts (drawing them needs Node's zip tooling).
 */

import type { SheetSpec } from "../spec";
import { ExcelJsWorkbook } from "./excelJsWorkbook";

export async function committeePackBytes(sheets: readonly SheetSpec[], options: { charts?: boolean } = {}): Promise<Buffer> {
  const pack = ExcelJsWorkbook.create({ valuesOnly: true, charts: options.charts });
  for (const sheet of sheets) await pack.writeSheet(sheet);
  return pack.toBuffer();
}
