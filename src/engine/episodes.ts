/** Placement episodes and children, read from SSDA903-shaped tables with row-level reporting. */

import { DateError, Day, dayFromYmd, formatUkDate, parseDate, plainDay } from "./dates";
import { ChildNumbers, numberChildren } from "./childNumbers";
import { Location, locationOf } from "./codes";
import { Cell, CellValues, ColumnMapping, FieldSpec, Table, cellNumber, cellText, numberHint, resolveColumns } from "./table";
import { MAX_WEEKLY_COST } from "./costs";
import { ReadResult, RowIssue, RowReading, TableReading, readRows } from "./quality";

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
  /** The DEC the return gave, when the ledger's cleaning changed it (docs/pipeline.md); absent when unchanged. */
  recordedEnd?: Day | null;
  /** PLANNED_END: the day the placement is planned to end (not itself covered, like DEC); absent when not given. */
  plannedEnd?: Day;
  /** HEALTH_CONTRIBUTION and EDUCATION_CONTRIBUTION towards the weekly cost (commitments.ts); absent when not given. */
  healthContribution?: Contribution;
  educationContribution?: Contribution;
}

/** A partner's contribution to a placement: pounds a week, or a share of its weekly cost (0.25 for "25%"). */
export type Contribution = { kind: "weekly"; pounds: number } | { kind: "share"; fraction: number };

export interface Child {
  row: number;
  child: string;
  sex: string;
  dob: Day;
  ethnic: string;
  uasc: boolean;
}

export const EPISODE_FIELDS: readonly FieldSpec[] = [
  { name: "CHILD", label: "Child ID", required: true, synonyms: ["child id", "childid", "child ref", "child reference", "person id", "la child id", "id"] },
  { name: "DECOM", label: "Start date", required: true, synonyms: ["start date", "start", "date of commencement", "episode start", "placement start", "from", "date started"] },
  { name: "RNE", label: "Reason for new episode", required: false, synonyms: ["reason for new episode"] },
  { name: "LS", label: "Legal status", required: false, synonyms: ["legal status"] },
  { name: "CIN", label: "Category of need", required: false, synonyms: ["category of need", "need code"] },
  { name: "PLACE", label: "Placement type", required: true, synonyms: ["placement type", "placement code", "placement", "type of placement"] },
  { name: "PLACE_PROVIDER", label: "Placement provider", required: false, synonyms: ["provider", "placement provider", "provided by"] },
  { name: "DEC", label: "End date", required: true, synonyms: ["end date", "end", "date episode ceased", "episode end", "placement end", "to", "date ended"] },
  { name: "REC", label: "Reason episode ended", required: false, synonyms: ["reason episode ceased", "reason for ending", "reason ceased"] },
  { name: "REASON_PLACE_CHANGE", label: "Reason for placement change", required: false, synonyms: ["reason for placement change"] },
  { name: "URN", label: "Ofsted URN", required: false, synonyms: ["ofsted urn"] },
  { name: "WEEKLY_COST", label: "Weekly cost", required: false, synonyms: ["weekly cost", "weekly rate", "cost per week", "weekly fee", "rate per week", "weekly"] },
  { name: "LOCATION", label: "In or out of area", required: false, synonyms: ["in out", "in or out of area", "in out of area", "area", "placement location"] },
  { name: "EBD", label: "Emotional and behavioural difficulties", required: false, synonyms: ["emotional and behavioural difficulties", "sebd"] },
  { name: "PLANNED_END", label: "Planned end date", required: false, synonyms: ["planned end date", "planned end", "expected end date", "expected end", "planned move date"] },
  { name: "HEALTH_CONTRIBUTION", label: "Health contribution", required: false, synonyms: ["health contribution", "health funding", "health share", "chc contribution"] },
  { name: "EDUCATION_CONTRIBUTION", label: "Education contribution", required: false, synonyms: ["education contribution", "education funding", "education share", "dsg contribution"] },
];

export const CHILD_FIELDS: readonly FieldSpec[] = [
  EPISODE_FIELDS[0],
  { name: "SEX", label: "Sex", required: false, synonyms: ["gender"] },
  { name: "DOB", label: "Date of birth", required: true, synonyms: ["date of birth", "birth date", "born"] },
  { name: "ETHNIC", label: "Ethnicity", required: false, synonyms: ["ethnicity", "ethnic group"] },
  { name: "UASC", label: "Unaccompanied asylum-seeking child", required: false, synonyms: ["unaccompanied", "unaccompanied asylum seeking child"] },
];

export const UASC_FIELDS: readonly FieldSpec[] = [
  EPISODE_FIELDS[0],
  { name: "DUC", label: "Date UASC status ended", required: false, synonyms: ["date uasc ceased"] },
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

function dateOrIssue(cell: Cell, column: string, issue: (column: string, reason: string) => void, dates?: CellValues<Day | null>): Day | null | undefined {
  // A date written plainly is read sooner than it is looked up.
  const plain = typeof cell === "string" ? plainDay(cell) : null;
  if (plain !== null) return plain;
  try {
    return dates === undefined ? parseDate(cell) : dates.of(cell);
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

/**
 * A contribution cell: a number is pounds a week; a share is written with a % sign ("25%"). A
 * positive number below 1 is refused rather than guessed: it could be a share from a percentage
 * cell or pence, and no partner pays less than £1 a week towards a placement.
 */
export function parseContribution(cell: Cell): Contribution | null | string {
  const shown = cellText(cell);
  if (shown === "") return null;
  if (typeof cell === "string" && shown.endsWith("%")) {
    const points = cellNumber(shown.slice(0, -1));
    if (typeof points !== "number" || points < 0 || points > 100) return `"${shown}" is not a share from 0% to 100%`;
    return { kind: "share", fraction: points / 100 };
  }
  const pounds = cellNumber(cell);
  if (typeof pounds !== "number" || pounds < 0 || pounds > MAX_WEEKLY_COST) return `"${shown}" is not pounds a week (zero or more) or a share such as 25%${numberHint(cell)}`;
  if (pounds > 0 && pounds < 1) return `"${shown}" could be a share or pence: write a share with a % sign (e.g. 25%), or pounds a week`;
  return { kind: "weekly", pounds };
}

/** Reads episodes. A row without a child, with no valid start date, or ending before it starts is rejected. */
export function readEpisodes(table: Table, mapping: ColumnMapping = {}): ReadResult<Episode> {
  return episodeReader(mapping)(table);
}

/**
 * readEpisodes for a table read in batches (docs/pipeline.md): every batch read by the one reader
 * shares its codes, dates and locations (see CellValues), so a million episodes hold one string
 * per distinct code rather than one per row, and each distinct date is parsed once.
 */
export function episodeReader(mapping: ColumnMapping = {}): (table: Table) => ReadResult<Episode> {
  // One for each column, so that each remembers its own last cell (a child's episodes often share their codes).
  const code = () => new CellValues((cell) => cellText(cell).toUpperCase());
  const [rneCodes, lsCodes, cinCodes, placeCodes, providerCodes, recCodes] = [code(), code(), code(), code(), code(), code()];
  const [reasonTexts, urnTexts] = [new CellValues(cellText), new CellValues(cellText)];
  const locations = new CellValues((cell) => locationOf(cellText(cell)));
  // Dates written otherwise than plainly (plainDay), e.g. with a time as some tools write them: over a
  // century of days before any is read afresh; one for all, as an episode often starts the day the one before ended.
  const dates = new CellValues(parseDate, 50_000);
  // A child's episodes come one after another: each run of them shares one CHILD string.
  let previousChild = "";
  return (table) => {
    const col = resolveColumns(table.headers, EPISODE_FIELDS, mapping);
    // Each optional column's index, -1 when the table has none (a row's cell there then reads as blank), found once per table.
    const [rne, ls, cin, place, provider, rec, reasonPlaceChange, urn, location] = ["RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "REC", "REASON_PLACE_CHANGE", "URN", "LOCATION"].map(
      (field) => col[field] ?? -1,
    );
    // The other columns too, as numbers held here: looking a field up by name in `col` on each of a million rows costs more than the rest of a cell.
    const { CHILD: childColumn, DECOM: startColumn, DEC: endColumn, WEEKLY_COST: costColumn, EBD: ebdColumn, PLANNED_END: plannedEndColumn } = col;
    const contributions = (
      [
        ["HEALTH_CONTRIBUTION", "healthContribution"],
        ["EDUCATION_CONTRIBUTION", "educationContribution"],
      ] as const
    ).flatMap(([field, key]) => (col[field] === undefined ? [] : [{ field, key, column: col[field] }]));
    return readRows(table, "Episodes", (cells, row) => {
      let child = cellText(cells[childColumn]);
      if (child === previousChild) child = previousChild;
      else previousChild = child;
      if (child === "") row.reject("CHILD", "CHILD is blank");
      const start = dateOrIssue(cells[startColumn], "DECOM", row.reject, dates);
      if (start === null) row.reject("DECOM", "DECOM (start date) is blank");
      const end = dateOrIssue(cells[endColumn], "DEC", row.reject, dates);
      if (typeof start === "number" && typeof end === "number" && end < start) {
        row.reject("DEC", "DEC (end date) is before DECOM (start date)");
      }
      if (row.rejected || typeof start !== "number" || end === undefined) return undefined;
      // Only a row that is kept can have its cost corrected: saying "the unit cost is used" of a rejected row would mislead.
      let openEnd = end;
      if (typeof end === "number" && isPlaceholderEndDate(end)) {
        row.correct("DEC", `DEC ${formatUkDate(end)} is a placeholder for an open episode: read as open`);
        openEnd = null;
      }
      let weeklyCost: number | null = null;
      if (costColumn !== undefined) {
        const cost = cellNumber(cells[costColumn]);
        if (cost === "invalid" || (typeof cost === "number" && cost < 0)) {
          row.correct(
            "WEEKLY_COST",
            `WEEKLY_COST "${cellText(cells[costColumn])}" is not a cost of zero or more${numberHint(cells[costColumn])}: the unit cost is used instead`,
          );
        } else if (typeof cost === "number" && cost > MAX_WEEKLY_COST) {
          row.correct("WEEKLY_COST", `WEEKLY_COST "${cellText(cells[costColumn])}" is more than £1,000,000 a week, which no placement costs: the unit cost is used instead`);
        } else {
          weeklyCost = cost;
        }
      }
      // One shape for every episode (the optional fields are added after), so that a million of them share it.
      const episode: Episode = {
        row: row.number,
        child,
        start,
        end: openEnd,
        rne: rneCodes.ofColumn(cells, rne),
        ls: lsCodes.ofColumn(cells, ls),
        cin: cinCodes.ofColumn(cells, cin),
        place: placeCodes.ofColumn(cells, place),
        provider: providerCodes.ofColumn(cells, provider),
        rec: recCodes.ofColumn(cells, rec),
        reasonPlaceChange: reasonTexts.ofColumn(cells, reasonPlaceChange),
        urn: urnTexts.ofColumn(cells, urn),
        weeklyCost,
        location: locations.ofColumn(cells, location),
        ebd: ebdColumn !== undefined && truthy(cells[ebdColumn]),
      };
      if (plannedEndColumn !== undefined) {
        const planned = dateOrIssue(cells[plannedEndColumn], "PLANNED_END", (column, reason) => row.correct(column, `${reason}: no planned end used`), dates);
        if (typeof planned === "number" && planned <= start) row.correct("PLANNED_END", `PLANNED_END ${formatUkDate(planned)} is not after DECOM: not used`);
        else if (typeof planned === "number" && !isPlaceholderEndDate(planned)) episode.plannedEnd = planned;
      }
      for (const { field, key, column } of contributions) {
        const contribution = parseContribution(cells[column]);
        if (typeof contribution === "string") row.correct(field, `${field} ${contribution}: no contribution counted`);
        else if (contribution !== null) episode[key] = contribution;
      }
      return episode;
    });
  };
}

/**
 * Reads children. Where a child appears more than once, the last row is used and the earlier
 * ones are reported; children listed in the optional UASC table are flagged as UASC.
 */
export function readChildren(table: Table, uascTable?: Table, mapping: ColumnMapping = {}): ReadResult<Child> {
  const reading = childReading(uascTable, mapping);
  reading.read(table);
  return reading.result();
}

/**
 * readChildren for a children table read in batches (docs/pipeline.md): a child repeated in a
 * later batch is found as in a whole table, and the batches share their codes and dates.
 */
export function childReading(uascTable?: Table, mapping: ColumnMapping = {}): TableReading<ReadResult<Child>> {
  // SEX and ETHNIC hold a few codes: one string each for every child (see CellValues); each date of birth not written plainly is parsed once.
  const codes = new CellValues(cellText);
  const dates = new CellValues(parseDate, 50_000);
  // Found once the children table's own columns are (a table without them is the first thing to say).
  let uascChildren: Set<string> | null = null;
  // A repeated child keeps the place of its first row.
  const rows = new RowReading<Child>("Children", { key: (record) => record.child, column: "CHILD", name: (child) => `child ${child}`, position: "first" });
  return {
    read: (table) => {
      // Each column's index found once per table, as episodeReader does (SEX and ETHNIC -1 when the table has none).
      const col = resolveColumns(table.headers, CHILD_FIELDS, mapping);
      const { CHILD: childColumn, DOB: dobColumn, UASC: uascColumn } = col;
      const [sexColumn, ethnicColumn] = ["SEX", "ETHNIC"].map((field) => col[field] ?? -1);
      const uasc = (uascChildren ??= uascIdsOf(uascTable, mapping));
      rows.read(table, (cells, row) => {
        const child = cellText(cells[childColumn]);
        if (child === "") row.reject("CHILD", "CHILD is blank");
        const dob = dateOrIssue(cells[dobColumn], "DOB", row.reject, dates);
        if (dob === null) row.reject("DOB", "DOB (date of birth) is blank");
        if (child === "" || typeof dob !== "number") return undefined;
        return {
          row: row.number,
          child,
          sex: codes.ofColumn(cells, sexColumn),
          dob,
          ethnic: codes.ofColumn(cells, ethnicColumn),
          uasc: uasc.has(child) || (uascColumn !== undefined && truthy(cells[uascColumn])),
        };
      });
    },
    result: () => rows.result(),
  };
}

/** The children the UASC table lists. */
function uascIdsOf(uascTable: Table | undefined, mapping: ColumnMapping): Set<string> {
  const ids = new Set<string>();
  if (uascTable === undefined) return ids;
  const uascCol = resolveColumns(uascTable.headers, UASC_FIELDS, mapping);
  for (const row of uascTable.rows) {
    const id = cellText(row[uascCol.CHILD]);
    if (id !== "") ids.add(id);
  }
  return ids;
}

/**
 * Children whose date of birth their episodes contradict: born after their first episode starts,
 * or after the last date in the data. Each such row is rejected with its reason (every age worked
 * out from it would be wrong), so the child's episodes are costed under age Unknown and the Data
 * Quality report says why, rather than the costs landing there unexplained. `given` are the
 * episodes' child numbers against the children's records (childNumbers.ts), worked out afresh
 * when not given or not theirs.
 */
export function checkBirthDates(children: ReadResult<Child>, episodes: readonly Episode[], given?: ChildNumbers): ReadResult<Child> {
  const numbers = given?.children === children.records && given.ofEpisode.length === episodes.length ? given : numberChildren(episodes, children.records);
  const NONE = 0x7fffffff;
  const firstStart = new Int32Array(numbers.ids.length).fill(NONE);
  // The data's last date (dataLastDate) in the same pass: a pass over a million episodes costs tens of milliseconds whatever it does.
  let lastDate: Day | null = null;
  for (let i = 0; i < episodes.length; i++) {
    const { start, end } = episodes[i];
    const number = numbers.ofEpisode[i];
    if (start < firstStart[number]) firstStart[number] = start;
    lastDate = laterOf(lastDate, lastDayRecorded(start, end));
  }
  // A table that repeats an id numbers it by its later row: each record finds its id's number.
  const numberOfRecord = numbers.tableRepeatsIds ? new Map(numbers.ids.slice(0, numbers.tableCount).map((id, c) => [id, c])) : null;
  const issues: RowIssue[] = [];
  const records = children.records.filter((child, c) => {
    const start = firstStart[numberOfRecord === null ? c : (numberOfRecord.get(child.child) as number)];
    const first = start === NONE ? undefined : start;
    let reason: string | null = null;
    if (first !== undefined && child.dob > first) reason = `DOB ${formatUkDate(child.dob)} is after the child's first episode starts (DECOM ${formatUkDate(first)})`;
    else if (lastDate !== null && child.dob > lastDate) reason = `DOB ${formatUkDate(child.dob)} is after the last date in the data (${formatUkDate(lastDate)})`;
    if (reason === null) return true;
    issues.push({ table: "Children", row: child.row, column: "DOB", action: "rejected", reason: `${reason}: the child's costs are shown under age Unknown` });
    return false;
  });
  if (issues.length === 0) return children;
  return { ...children, records, issues: [...children.issues, ...issues].sort((a, b) => a.row - b.row), rowsRejected: children.rowsRejected + issues.length };
}

/** The last date the episodes record: the latest start or end. */
export function dataLastDate(episodes: readonly Episode[]): Day | null {
  let last: Day | null = null;
  for (const e of episodes) last = laterOf(last, lastDayRecorded(e.start, e.end));
  return last;
}

/** The last date one episode records: its end, or its start while open (or when the end is before it). */
export function lastDayRecorded(start: Day, end: Day | null): Day {
  return end !== null && end > start ? end : start;
}

/** The later of two days, null counting as none. */
export function laterOf(day: Day | null, other: Day): Day {
  return day === null || other > day ? other : day;
}
