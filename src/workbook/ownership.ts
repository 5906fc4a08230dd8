/**
 * Which sheets the add-in owns, told the same way by Excel and by the command line.
 *
 * The mark is a workbook-level defined name `LAC_OWNED_<n>_<fingerprint>` that refers to cell A1
 * of the owned sheet; the fingerprint (8 hex digits) is taken from the sheet name the add-in gave
 * the sheet. Why a defined name: both Office.js (workbook.names) and ExcelJS
 * (workbook.definedNames) read and write them, and they live in the file, so a workbook refreshed
 * by the command line is recognised by the add-in and the other way round. Why a reference: Excel
 * rewrites it when the user renames the sheet and turns it into #REF! when the sheet is deleted,
 * so a new sheet of the user's that takes a report's name is never taken for the report. Why the
 * fingerprint: the rule is that **a report sheet is the add-in's only under the name the add-in
 * gave it**. A report the user renames (say to "Costs March", to keep a month-end copy) is the
 * user's from then on: its mark no longer applies (it is "kept"; Excel's next write removes it),
 * and the next refresh builds a fresh report under the report's name. The fingerprint lives in
 * the mark's name because a name's reference is all ExcelJS keeps of it (no comment, no text).
 * A mark without a fingerprint (`LAC_OWNED_<n>`, as older versions and the command line write
 * it) marks its sheet under whatever name the sheet has.
 *
 * `LAC_BUILD_<n>` marks a write under way. On an owned sheet it says the sheet's last write did
 * not complete (the sheet also says so in A1), and the next write repairs it; on a sheet without
 * an owned mark it is a sheet built aside by an older version, or by the command line, that was
 * cut off: the add-in's to delete.
 *
 * The user can see the marks in Name Manager and delete one to keep a sheet as their own.
 */

import { parseAddress, quoteSheetName, sameName, SHEET_NAME_MAX_LENGTH } from "./addresses";

export const OWNED_MARK_PREFIX = "LAC_OWNED_";
export const BUILD_MARK_PREFIX = "LAC_BUILD_";
export const MARK_COMMENT = "Marks a sheet the LAC Cost Engine add-in created and rebuilds on refresh. Rename the sheet, or delete this name, to keep the sheet as your own.";
export const BUILD_MARK_COMMENT = "Marks a report sheet the LAC Cost Engine add-in is writing; left behind, it says the last refresh of the sheet did not complete. The next refresh rewrites the sheet and removes this name.";
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
  /** Sheets that are the add-in's. */
  owned: SheetMark[];
  /** Sheets the user renamed, which are theirs now (see the rule above): their marks are free to remove. */
  kept: SheetMark[];
  /** Owned sheets whose last write did not complete: the next write repairs them. */
  incomplete: SheetMark[];
  /** Sheets built aside and left behind (no owned mark): the add-in's to delete. */
  building: SheetMark[];
  /** Marks whose sheet no longer exists (deleted by the user): free to remove. */
  stale: string[];
}

export function readMarks(names: readonly DefinedName[], sheetNames: readonly string[]): Marks {
  const marks: Marks = { owned: [], kept: [], incomplete: [], building: [], stale: [] };
  const buildMarks: SheetMark[] = [];
  for (const { name, reference } of names) {
    const kind = markKind(name);
    if (kind === null) continue;
    const sheet = sheetOfReference(reference, sheetNames);
    if (sheet === null) marks.stale.push(name);
    else if (kind === "building") buildMarks.push({ mark: name, sheet });
    else if (givenNameFits(name, sheet)) marks.owned.push({ mark: name, sheet });
    else marks.kept.push({ mark: name, sheet });
  }
  for (const build of buildMarks) {
    const on = (list: SheetMark[]) => list.some((m) => sameName(m.sheet, build.sheet));
    if (on(marks.owned)) marks.incomplete.push(build);
    // A kept sheet is the user's, half-written or not: only the mark goes.
    else if (on(marks.kept)) marks.kept.push(build);
    else marks.building.push(build);
  }
  return marks;
}

export function ownedMarkOf(marks: Marks, sheetName: string): SheetMark | undefined {
  return marks.owned.find((m) => sameName(m.sheet, sheetName));
}

const OWNED_MARK = new RegExp(`^${OWNED_MARK_PREFIX}(\\d+)(?:_([0-9A-F]{8}))?$`, "i");
const BUILD_MARK = new RegExp(`^${BUILD_MARK_PREFIX}\\d+$`, "i");

/** True for the add-in's own names, LAC_OWNED_n and LAC_BUILD_n. */
export function isMarkName(name: string): boolean {
  return markKind(name) !== null;
}

function markKind(name: string): "owned" | "building" | null {
  if (OWNED_MARK.test(name)) return "owned";
  if (BUILD_MARK.test(name)) return "building";
  return null;
}

/** True when an owned mark's fingerprint is that of the sheet's current name, or the mark has none. */
function givenNameFits(mark: string, sheetName: string): boolean {
  const fingerprint = OWNED_MARK.exec(mark)?.[2];
  return fingerprint === undefined || fingerprint.toUpperCase() === sheetNameFingerprint(sheetName);
}

/**
 * 8 hex digits from a sheet name (FNV-1a over its UTF-16 code units), the same for names Excel
 * takes as the same (case aside).
 */
export function sheetNameFingerprint(sheetName: string): string {
  let hash = 0x811c9dc5;
  const folded = sheetName.toLocaleLowerCase("en-GB");
  for (let i = 0; i < folded.length; i++) {
    hash ^= folded.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).toUpperCase().padStart(8, "0");
}

/**
 * The owned mark for a sheet the add-in names `sheetName`: the number of `previous` (the mark the
 * sheet had, kept so that marks do not churn) or the lowest no mark uses, and the name's fingerprint.
 */
export function ownedMarkName(sheetName: string, namesInUse: readonly string[], previous?: string): string {
  const previousNumber = previous === undefined ? undefined : OWNED_MARK.exec(previous)?.[1];
  const taken = (n: number) => namesInUse.some((used) => used !== previous && OWNED_MARK.exec(used)?.[1] === String(n));
  let number = previousNumber === undefined ? 1 : Number(previousNumber);
  if (previousNumber === undefined) while (taken(number)) number += 1;
  return `${OWNED_MARK_PREFIX}${number}_${sheetNameFingerprint(sheetName)}`;
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

/** The lowest-numbered name with this prefix whose number no name uses (LAC_OWNED_2_<fingerprint> uses 2). */
export function freeMarkName(prefix: string, namesInUse: readonly string[]): string {
  for (let n = 1; ; n++) {
    const candidate = `${prefix}${n}`;
    if (!namesInUse.some((used) => sameName(used, candidate) || sameName(used.slice(0, candidate.length + 1), `${candidate}_`))) return candidate;
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
