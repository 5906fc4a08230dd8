/**
 * The pane's Save committee pack: the pack (src/reports/committeePack.ts) built in the browser
 * from the report sheets of the last refresh, and opened as a new workbook in Excel, which the
 * user saves and forwards, charts included (docs/task-pane-scenarios.md). The file adapter that
 * writes it (ExcelJS) is loaded only when the button is clicked, so the pane opens as fast as before.
 */

import { committeePackSheets } from "../reports/committeePack";
import type { SheetSpec } from "../workbook/spec";

/** Bytes as base64, in slices small enough for String.fromCharCode's argument list. */
export function base64Of(bytes: Uint8Array): string {
  const SLICE = 0x8000;
  let binary = "";
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}

/** Builds the pack from the report sheets a refresh built, and gives it to `open` (Excel.createWorkbook in Excel). */
export async function saveCommitteePack(specs: readonly SheetSpec[], open: (base64: string) => Promise<void>): Promise<string[]> {
  if (specs.length === 0) throw new Error("the last refresh built no report sheet, so there is no pack to make");
  const sheets = committeePackSheets(specs);
  const { committeePackBytes } = await import(/* webpackChunkName: "committee-pack" */ "../workbook/exceljs/committeePack");
  // The browser has no zlib: the parts are stored, not deflated, and the charts drawn as in the command line's pack.
  await open(base64Of(await committeePackBytes(sheets, { packing: "stored" })));
  return sheets.map((s) => s.name);
}
