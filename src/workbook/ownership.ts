/**
 * Which sheets the add-in owns, told the same way by Excel and by the command line.
 *
 * The mark is a workbook-level defined name `LAC_OWNED_<n>` that refers to cell A1 of the owned
 * sheet. Why a defined name: both Office.js (workbook.names) and ExcelJS (workbook.definedNames)
 * read and write them, and they live in the file, so a workbook refreshed by the command line is
 * recognised by the add-in and the other way round. Why a reference rather than the sheet's name
 * as text: Excel rewrites the reference when the user renames the sheet, so a renamed report is
 * still ours and a new sheet of the user's that takes the old name is not; when the sheet is
 * deleted the reference becomes #REF! and marks nothing. (Worksheet custom properties would move
 * with the sheet too, but ExcelJS drops them on save.) The user can see the marks in Name Manager
 * and delete one to keep a sheet as their own.
 *
 * A sheet under construction carries `LAC_BUILD_<n>` instead; one left behind by a refresh that
 * was cut off is the add-in's to delete at the next refresh.
 */

import { parseAddress, quoteSheetName, sameName, SHEET_NAME_MAX_LENGTH } from "./addresses";

export const OWNED_MARK_PREFIX = "LAC_OWNED_";
export const BUILD_MARK_PREFIX = "LAC_BUILD_";
export const MARK_COMMENT = "Marks a sheet the LAC Cost Engine add-in created and rebuilds on refresh. Delete this name to keep the sheet as your own.";
export const BUILD_SHEET_PREFIX = "LAC build ";

/** A defined name as either library gives it: "'LAC Costs'!$A$1", "=Sheet1!$A$1" or "#REF!". */
export interface DefinedName {
  name: string;
  reference: string;
}

export interface SheetMark {
  /** The defined name, e.g. LAC_OWNED_3. */
  mark: string;
  sheet: string;
}

export interface Marks {
  owned: SheetMark[];
  building: SheetMark[];
  /** Marks whose sheet no longer exists (deleted by the user): free to remove. */
  stale: string[];
}

export function readMarks(names: readonly DefinedName[], sheetNames: readonly string[]): Marks {
  const marks: Marks = { owned: [], building: [], stale: [] };
  for (const { name, reference } of names) {
    const kind = markKind(name);
    if (kind === null) continue;
    const sheet = sheetOfReference(reference, sheetNames);
    if (sheet === null) marks.stale.push(name);
    else if (kind === "owned") marks.owned.push({ mark: name, sheet });
    else marks.building.push({ mark: name, sheet });
  }
  return marks;
}

export function ownedMarkOf(marks: Marks, sheetName: string): SheetMark | undefined {
  return marks.owned.find((m) => sameName(m.sheet, sheetName));
}

/** True for the add-in's own names, LAC_OWNED_n and LAC_BUILD_n. */
export function isMarkName(name: string): boolean {
  return markKind(name) !== null;
}

function markKind(name: string): "owned" | "building" | null {
  if (new RegExp(`^${OWNED_MARK_PREFIX}\\d+$`, "i").test(name)) return "owned";
  if (new RegExp(`^${BUILD_MARK_PREFIX}\\d+$`, "i").test(name)) return "building";
  return null;
}

/** The sheet a mark's reference points at, as named in the workbook; null for #REF! or a sheet that is gone. */
function sheetOfReference(reference: string, sheetNames: readonly string[]): string | null {
  if (/#REF!/i.test(reference)) return null;
  let sheet: string | null;
  try {
    sheet = parseAddress(reference).sheet;
  } catch {
    return null;
  }
  if (sheet === null) return null;
  return sheetNames.find((s) => sameName(s, sheet as string)) ?? null;
}

/** What a mark refers to, in the form both libraries accept. */
export function markReference(sheetName: string): string {
  return `${quoteSheetName(sheetName)}!$A$1`;
}

/** The lowest-numbered name with this prefix that is not in use. */
export function freeMarkName(prefix: string, namesInUse: readonly string[]): string {
  for (let n = 1; ; n++) {
    const candidate = `${prefix}${n}`;
    if (!namesInUse.some((used) => sameName(used, candidate))) return candidate;
  }
}

/** A name for a sheet under construction that no sheet has. */
export function buildSheetName(sheetNames: readonly string[]): string {
  for (let n = 1; ; n++) {
    const candidate = `${BUILD_SHEET_PREFIX}${n}`;
    if (!sheetNames.some((s) => sameName(s, candidate))) return candidate;
  }
}

/** `wanted` if free, else "wanted (2)", "wanted (3)"…, shortened to fit Excel's 31 characters. */
export function freeSheetName(wanted: string, sheetNames: readonly string[]): string {
  const taken = (name: string) => sheetNames.some((s) => sameName(s, name));
  if (!taken(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${wanted.slice(0, SHEET_NAME_MAX_LENGTH - suffix.length).trimEnd()}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}
