/** Placement episodes and children, read from SSDA903-shaped tables with row-level reporting. */

import { DateError, Day, dayFromYmd, formatUkDate, parseDate } from "./dates";
import { Location, locationOf } from "./codes";
import { Cell, ColumnMapping, FieldSpec, Table, cellNumber, cellText, isBlankRow, resolveColumns, rowNumberOf } from "./table";
import { ReadResult, RowIssue } from "./quality";

export interface Episode {
  /** Row number in the source, for the Data Quality report. */
  row: number;
  child: string;
  /** DECOM: first day of the episode. */
  start: Day;
  /** DEC: the day it ended (not itself covered); null while open. */
  end: Day | null;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  provider: string;
  rec: string;
  reasonPlaceChange: string;
  urn: string;
  /** The placement's actual weekly cost from the finance system, when known. */
  weeklyCost: number | null;
  location: Location;
  /** Optional emotional and behavioural difficulties flag. */
  ebd: boolean;
}

export interface Child {
  row: number;
  child: string;
  sex: string;
  dob: Day;
  ethnic: string;
  uasc: boolean;
}

export const EPISODE_FIELDS: readonly FieldSpec[] = [
  { name: "CHILD", required: true, synonyms: ["child id", "childid", "child ref", "child reference", "person id", "la child id", "id"] },
  { name: "DECOM", required: true, synonyms: ["start date", "start", "date of commencement", "episode start", "placement start", "from", "date started"] },
  { name: "RNE", required: false, synonyms: ["reason for new episode"] },
  { name: "LS", required: false, synonyms: ["legal status"] },
  { name: "CIN", required: false, synonyms: ["category of need", "need code"] },
  { name: "PLACE", required: true, synonyms: ["placement type", "placement code", "placement", "type of placement"] },
  { name: "PLACE_PROVIDER", required: false, synonyms: ["provider", "placement provider", "provided by"] },
  { name: "DEC", required: true, synonyms: ["end date", "end", "date episode ceased", "episode end", "placement end", "to", "date ended"] },
  { name: "REC", required: false, synonyms: ["reason episode ceased", "reason for ending", "reason ceased"] },
  { name: "REASON_PLACE_CHANGE", required: false, synonyms: ["reason for placement change"] },
  { name: "URN", required: false, synonyms: ["ofsted urn"] },
  { name: "WEEKLY_COST", required: false, synonyms: ["weekly cost", "weekly rate", "cost per week", "weekly fee", "rate per week", "weekly"] },
  { name: "LOCATION", required: false, synonyms: ["in out", "in or out of area", "in out of area", "area", "placement location"] },
  { name: "EBD", required: false, synonyms: ["emotional and behavioural difficulties", "sebd"] },
];

export const CHILD_FIELDS: readonly FieldSpec[] = [
  { name: "CHILD", required: true, synonyms: EPISODE_FIELDS[0].synonyms },
  { name: "SEX", required: false, synonyms: ["gender"] },
  { name: "DOB", required: true, synonyms: ["date of birth", "birth date", "born"] },
  { name: "ETHNIC", required: false, synonyms: ["ethnicity", "ethnic group"] },
  { name: "UASC", required: false, synonyms: ["unaccompanied", "unaccompanied asylum seeking child"] },
];

export const UASC_FIELDS: readonly FieldSpec[] = [
  { name: "CHILD", required: true, synonyms: EPISODE_FIELDS[0].synonyms },
  { name: "DUC", required: false, synonyms: ["date uasc ceased"] },
];

/**
 * Case-management systems write a far-future end date (31/12/9999, 01/01/3000) for an episode
 * that is still open. Read literally, one such row would stretch every "last date in the data"
 * to that year, so the readers and the forecast take it as open.
 */
const PLACEHOLDER_END_FROM: Day = dayFromYmd(2900, 1, 1);

export function isPlaceholderEndDate(day: Day): boolean {
  return day >= PLACEHOLDER_END_FROM;
}

function dateOrIssue(cell: Cell, column: string, issue: (column: string, reason: string) => void): Day | null | undefined {
  try {
    return parseDate(cell);
  } catch (error) {
    if (!(error instanceof DateError)) throw error;
    issue(column, `${column}: ${error.message}`);
    return undefined;
  }
}

function truthy(cell: Cell | undefined): boolean {
  if (cell === true) return true;
  if (typeof cell === "number") return cell !== 0;
  return ["y", "yes", "true", "1", "x"].includes(cellText(cell ?? null).toLowerCase());
}

/** Reads episodes. A row without a child, with no valid start date, or ending before it starts is rejected. */
export function readEpisodes(table: Table, mapping: ColumnMapping = {}): ReadResult<Episode> {
  const col = resolveColumns(table.headers, EPISODE_FIELDS, mapping);
  const text = (row: readonly Cell[], field: string) => (col[field] === undefined ? "" : cellText(row[col[field]]));
  const records: Episode[] = [];
  const issues: RowIssue[] = [];
  let rowsIn = 0;
  let rowsRejected = 0;
  table.rows.forEach((row, index) => {
    if (isBlankRow(row)) return;
    rowsIn += 1;
    const rowNumber = rowNumberOf(table, index);
    let rejected = false;
    const reject = (column: string, reason: string) => {
      issues.push({ table: "Episodes", row: rowNumber, column, action: "rejected", reason });
      rejected = true;
    };
    const child = text(row, "CHILD");
    if (child === "") reject("CHILD", "CHILD is blank");
    const start = dateOrIssue(row[col.DECOM], "DECOM", reject);
    if (start === null) reject("DECOM", "DECOM (start date) is blank");
    const end = dateOrIssue(row[col.DEC], "DEC", reject);
    if (typeof start === "number" && typeof end === "number" && end < start) {
      reject("DEC", "DEC (end date) is before DECOM (start date)");
    }
    if (rejected || typeof start !== "number" || end === undefined) {
      rowsRejected += 1;
      return;
    }
    // Only a row that is kept can have its cost corrected: saying "the unit cost is used" of a rejected row would mislead.
    let openEnd = end;
    if (typeof end === "number" && isPlaceholderEndDate(end) && !rejected) {
      issues.push({
        table: "Episodes",
        row: rowNumber,
        column: "DEC",
        action: "corrected",
        reason: `DEC ${formatUkDate(end)} is a placeholder for an open episode: read as open`,
      });
      openEnd = null;
    }
    let weeklyCost: number | null = null;
    if (col.WEEKLY_COST !== undefined) {
      const cost = cellNumber(row[col.WEEKLY_COST]);
      if (cost === "invalid" || (typeof cost === "number" && cost < 0)) {
        issues.push({
          table: "Episodes",
          row: rowNumber,
          column: "WEEKLY_COST",
          action: "corrected",
          reason: `WEEKLY_COST "${cellText(row[col.WEEKLY_COST])}" is not a cost of zero or more: the unit cost is used instead`,
        });
      } else {
        weeklyCost = cost;
      }
    }
    records.push({
      row: rowNumber,
      child,
      start,
      end: openEnd,
      rne: text(row, "RNE").toUpperCase(),
      ls: text(row, "LS").toUpperCase(),
      cin: text(row, "CIN").toUpperCase(),
      place: text(row, "PLACE").toUpperCase(),
      provider: text(row, "PLACE_PROVIDER").toUpperCase(),
      rec: text(row, "REC").toUpperCase(),
      reasonPlaceChange: text(row, "REASON_PLACE_CHANGE"),
      urn: text(row, "URN"),
      weeklyCost,
      location: locationOf(text(row, "LOCATION")),
      ebd: col.EBD !== undefined && truthy(row[col.EBD]),
    });
  });
  return { records, issues, rowsIn, rowsRejected };
}

/**
 * Reads children. Where a child appears more than once, the last row is used and the earlier
 * ones are reported; children listed in the optional UASC table are flagged as UASC.
 */
export function readChildren(table: Table, uascTable?: Table, mapping: ColumnMapping = {}): ReadResult<Child> {
  const col = resolveColumns(table.headers, CHILD_FIELDS, mapping);
  const text = (row: readonly Cell[], field: string) => (col[field] === undefined ? "" : cellText(row[col[field]]));
  const uascChildren = new Set<string>();
  if (uascTable) {
    const uascCol = resolveColumns(uascTable.headers, UASC_FIELDS, mapping);
    for (const row of uascTable.rows) {
      const id = cellText(row[uascCol.CHILD]);
      if (id !== "") uascChildren.add(id);
    }
  }
  const byChild = new Map<string, Child>();
  const issues: RowIssue[] = [];
  let rowsIn = 0;
  let rowsRejected = 0;
  table.rows.forEach((row, index) => {
    if (isBlankRow(row)) return;
    rowsIn += 1;
    const rowNumber = rowNumberOf(table, index);
    const reject = (column: string, reason: string) => issues.push({ table: "Children", row: rowNumber, column, action: "rejected", reason });
    const child = text(row, "CHILD");
    if (child === "") reject("CHILD", "CHILD is blank");
    const dob = dateOrIssue(row[col.DOB], "DOB", reject);
    if (dob === null) reject("DOB", "DOB (date of birth) is blank");
    if (child === "" || typeof dob !== "number") {
      rowsRejected += 1;
      return;
    }
    const previous = byChild.get(child);
    if (previous) {
      issues.push({
        table: "Children",
        row: previous.row,
        column: "CHILD",
        action: "rejected",
        reason: `child ${child} appears again on row ${rowNumber}: the later row is used`,
      });
      rowsRejected += 1;
    }
    byChild.set(child, {
      row: rowNumber,
      child,
      sex: text(row, "SEX"),
      dob,
      ethnic: text(row, "ETHNIC"),
      uasc: uascChildren.has(child) || (col.UASC !== undefined && truthy(row[col.UASC])),
    });
  });
  return { records: [...byChild.values()], issues, rowsIn, rowsRejected };
}
