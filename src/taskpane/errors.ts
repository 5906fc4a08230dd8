/**
 * What the pane and the ribbon say when a task fails. The engine's, the readers' and the
 * workbook port's errors are written for the user already and are shown as they are; errors
 * from Excel itself (OfficeExtension.Error, with a `code`) are turned into what to do next.
 */

import { WorkbookError } from "../workbook/port";

/** Excel's error codes the user can do something about, and what. */
const EXCEL_ADVICE: Readonly<Record<string, string>> = {
  InvalidOperationInCellEditMode: "Excel is busy while a cell is being edited: press Enter or Esc to finish editing the cell, then try again.",
  ItemNotFound: "A sheet or table the add-in was using was deleted or renamed while it worked: try again.",
  ItemAlreadyExists: "A sheet or table with that name was added while the add-in worked: try again.",
  RequestPayloadSizeLimitExceeded: "The data is too large for Excel to take in one go: try again with a smaller file.",
  AccessDenied: "Excel refused the change: the workbook or sheet may be protected or read-only. Unprotect it, then try again.",
  InsertDeleteConflict: "Excel refused the change: a merged cell or table is in the way of the new row. Move it, then try again.",
};

function excelCode(error: Error): string | null {
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === "string" && code !== "" ? code : null;
}

/** A message as a sentence on its own: the port's and the readers' messages are clauses, written to follow a colon. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** One message for the user, saying what went wrong and, where we know, what to do. */
export function userMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // The port's codes ("not-owned", …) are for branching on; its message is the one to show.
  if (error instanceof WorkbookError) return sentence(error.message);
  const code = excelCode(error);
  if (code !== null && EXCEL_ADVICE[code]) return EXCEL_ADVICE[code];
  if (code !== null) return `Excel could not do it (${error.message || code}). Try again; if it keeps failing, save and reopen the workbook.`;
  return sentence(error.message || error.name);
}
