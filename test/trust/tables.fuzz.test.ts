/**
 * The table readers (episodes, children, unit costs, budget, placement types) on random and malformed tables:
 * columns in any order under any of their names, missing columns, rows shorter or longer than
 * the header, text in numbers, impossible and extreme dates, negative costs, duplicate children,
 * blank rows. Whatever comes in, every non-blank row is either used or rejected with its row
 * number and a reason (rows in = used + rejected), a used row carries exactly its own cells'
 * values, and the table given is left as it was.
 */

import fc from "fast-check";
import { DateError, parseDate } from "../../src/engine/dates";
import { CHILD_FIELDS, EPISODE_FIELDS, UASC_FIELDS, isPlaceholderEndDate, readChildren, readEpisodes } from "../../src/engine/episodes";
import { MAX_WEEKLY_COST } from "../../src/engine/costs";
import { ReadResult, RowIssue } from "../../src/engine/quality";
import { Cell, FieldSpec, Table, TableError, cellNumber, cellText } from "../../src/engine/table";
import { UNIT_COST_FIELDS, readUnitCosts } from "../../src/engine/unitCosts";
import { PLACEMENT_TYPE_OVERRIDE_FIELDS, readPlacementTypeOverrides } from "../../src/engine/placementGroups";
import { BUDGET_FIELDS, MAX_BUDGET_AMOUNT, readBudget } from "../../src/engine/variance";
import { HOSTILE_TEXT as HOSTILE_WORKBOOK_TEXT } from "../workbook/fixtures";
import { CaseCounter } from "./cases";

const cases = new CaseCounter("tables");
afterAll(() => cases.write());

const MS_PER_DAY = 86_400_000;
const FIRST_DAY = Date.UTC(1900, 0, 1) / MS_PER_DAY;
const LAST_DAY = Date.UTC(9999, 11, 31) / MS_PER_DAY;

const HOSTILE_TEXT = [...HOSTILE_WORKBOOK_TEXT, "\t=1", "x".repeat(2_000), "é中文🙂", "\u0000", "'"];

type Kind = "id" | "date" | "code" | "cost" | "flag" | "location" | "provider" | "type" | "junk";

const pools: Record<Kind, fc.Arbitrary<Cell | undefined>> = {
  id: fc.oneof(
    { arbitrary: fc.constantFrom<Cell>("A", "B", "C", "D", "E", " A ", 7, 7.5, "7"), weight: 6 },
    { arbitrary: fc.constantFrom<Cell | undefined>("", "  ", null, undefined, true, 0, ...HOSTILE_TEXT), weight: 2 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  ),
  date: fc.oneof(
    { arbitrary: fc.integer({ min: Date.UTC(2010, 0, 1) / MS_PER_DAY, max: Date.UTC(2025, 0, 1) / MS_PER_DAY }).map((d) => new Date(d * MS_PER_DAY).toISOString().slice(0, 10)), weight: 5 },
    { arbitrary: fc.integer({ min: 40_000, max: 46_000 }), weight: 3 },
    {
      arbitrary: fc.constantFrom<Cell | undefined>(
        "01/04/2023", "1900-02-29", "29/02/1900", 60, "9999-12-31", "31/12/9999", 2_958_465, 2_958_466, "10000-01-01", "31/02/2024",
        "not a date", "", "  ", null, undefined, -5, 0, 0.5, true, false, "2023-04-01T10:00:00Z", "45000", Number.NaN, Infinity, "1e5", ...HOSTILE_TEXT,
      ),
      weight: 3,
    },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  ),
  code: fc.oneof(
    fc.constantFrom<Cell | undefined>("U4", "u4", " K2 ", "R1", "P2", "H5", "Z1", "S", "L", "T", "E11", "E4A", "N2", "J2", "XX", "", null, undefined, 7, true),
    fc.constantFrom<Cell>(...HOSTILE_TEXT),
  ),
  cost: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 20_000 }), weight: 4 },
    {
      arbitrary: fc.constantFrom<Cell | undefined>(
        "700", "£1,200.50", " 800 ", "(50)", -10, "-10", "1e400", "abc", "", null, undefined, Number.NaN, Infinity, -Infinity,
        "0x10", "0b11", "1_000", "12%", 0, true, 1e300, -0, "Infinity", "£", "(-5)", ...HOSTILE_TEXT,
      ),
      weight: 3,
    },
    { arbitrary: fc.double(), weight: 1 },
  ),
  flag: fc.constantFrom<Cell | undefined>("Y", "N", "yes", "no", "", 1, 0, true, false, null, "x", "TRUE", undefined),
  location: fc.constantFrom<Cell | undefined>("IN", "OUT", "in la", "Out LA", "N/A", "any", "", null, "elsewhere", 3),
  provider: fc.constantFrom<Cell | undefined>("PR0", "PR1", "PR4", "pr5", "LA", "Agency", "Parents", "any", "", null, "PR9", "=1"),
  type: fc.constantFrom<Cell | undefined>("Foster care", "foster CARE", "Residential", "Adoption", "Unknown", "", null, "Nonsense", "=cmd|' /C calc'!A0", 5),
  junk: fc.oneof(fc.string({ maxLength: 8 }), fc.double(), fc.boolean(), fc.constant(null)),
};

const KIND_OF_FIELD: Record<string, Kind> = {
  CHILD: "id", DECOM: "date", DEC: "date", DOB: "date", DUC: "date",
  RNE: "code", LS: "code", CIN: "code", PLACE: "code", REC: "code", REASON_PLACE_CHANGE: "code", SEX: "code", ETHNIC: "code", URN: "id",
  WEEKLY_COST: "cost", BUDGET: "cost", ACTUAL: "cost", FORECAST: "cost", LAST_FORECAST: "cost",
  PLANNED_END: "date", HEALTH_CONTRIBUTION: "cost", EDUCATION_CONTRIBUTION: "cost",
  EBD: "flag", UASC: "flag", LOCATION: "location", PLACE_PROVIDER: "provider", PROVIDED: "provider", TYPE: "type", LINE: "id",
};

interface Column {
  header: string;
  field: string | null;
}

/** A header the user might have typed for a field: its name or a synonym, in any case and spacing. */
function headerArbitrary(field: FieldSpec): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(field.name, ...field.synonyms), fc.constantFrom("as is", "upper", "lower", "spaced"))
    .map(([name, style]) => (style === "upper" ? name.toUpperCase() : style === "lower" ? name.toLowerCase() : style === "spaced" ? ` ${name.replace(/_/g, " ")} ` : name));
}

/** Columns: some of the fields (the required ones usually present), under some name, shuffled among junk columns. */
function columnsArbitrary(fields: readonly FieldSpec[]): fc.Arbitrary<Column[]> {
  const chosen = fields.map((field) =>
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), headerArbitrary(field)).map(([draw, header]) =>
      draw < (field.required ? 0.93 : 0.6) ? [{ header, field: field.name }] : [],
    ),
  );
  const junk = fc.array(fc.constantFrom("Notes", "", "Comments", " ", "Column1"), { maxLength: 2 }).map((headers) => headers.map((header) => ({ header, field: null })));
  return fc.tuple(fc.tuple(...chosen), junk).chain(([picked, extra]) => fc.shuffledSubarray([...picked.flat(), ...extra], { minLength: picked.flat().length + extra.length }));
}

type RowShape = "normal" | "short" | "long" | "blank" | "empty";

function rowArbitrary(columns: readonly Column[]): fc.Arbitrary<(Cell | undefined)[]> {
  const cells = fc.tuple(...columns.map((c) => pools[c.field ? KIND_OF_FIELD[c.field] : "junk"]));
  return fc
    .tuple(fc.constantFrom<RowShape>("normal", "normal", "normal", "normal", "short", "long", "blank", "empty"), cells, fc.nat(columns.length), pools.junk)
    .map(([shape, row, cut, extra]) => {
      if (shape === "blank") return row.map((_, i) => (i % 2 === 0 ? null : "  "));
      if (shape === "empty") return [];
      if (shape === "short") return row.slice(0, cut);
      if (shape === "long") return [...row, extra];
      return row;
    });
}

interface GeneratedTable {
  table: Table;
  columns: Column[];
}

function tableArbitrary(fields: readonly FieldSpec[], maxRows = 25): fc.Arbitrary<GeneratedTable> {
  return columnsArbitrary(fields).chain((columns) =>
    fc.record({
      rows: fc.array(rowArbitrary(columns), { maxLength: maxRows }),
      firstRowNumber: fc.oneof(fc.constant(2), fc.integer({ min: 1, max: 100_000 })),
    }).map(({ rows, firstRowNumber }) => ({
      table: { headers: columns.map((c) => c.header), rows: rows as Cell[][], firstRowNumber },
      columns,
    })),
  );
}

function isBlankCell(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** Row numbers of the table's non-blank rows, by an oracle of our own. */
function nonBlankRowNumbers(table: Table): number[] {
  const first = table.firstRowNumber ?? 2;
  return table.rows.flatMap((row, index) => (row.every(isBlankCell) ? [] : [first + index]));
}

/** Reads, or returns the TableError a missing column raises — failing on any other exception. */
function readOrTableError<R>(read: () => R): R | TableError {
  try {
    return read();
  } catch (error) {
    if (error instanceof TableError) return error;
    throw error;
  }
}

function requiredPresent(fields: readonly FieldSpec[], columns: readonly Column[]): boolean {
  return fields.filter((f) => f.required).every((f) => columns.some((c) => c.field === f.name));
}

/**
 * The accounting every reader owes: every non-blank row used or rejected, never both, never lost;
 * each rejection with a reason; and rowsIn = used + rejected.
 */
function expectAccounted<T extends { row: number }>(result: ReadResult<T>, table: Table, tableName: string): void {
  const expected = nonBlankRowNumbers(table);
  const rejected = new Set(result.issues.filter((i) => i.action === "rejected").map((i) => i.row));
  const used = result.records.map((r) => r.row);
  expect(result.rowsIn).toBe(expected.length);
  expect(result.rowsIn).toBe(result.records.length + result.rowsRejected);
  expect(rejected.size).toBe(result.rowsRejected);
  expect(new Set(used).size).toBe(used.length);
  for (const row of used) expect(rejected.has(row)).toBe(false);
  expect([...used, ...rejected].sort((a, b) => a - b)).toEqual(expected);
  for (const issue of result.issues) expectIssue(issue, tableName);
}

function expectIssue(issue: RowIssue, tableName: string): void {
  expect(issue.table).toBe(tableName);
  expect(Number.isInteger(issue.row)).toBe(true);
  expect(["rejected", "corrected"]).toContain(issue.action);
  expect(issue.reason.trim().length).toBeGreaterThan(5);
}

function cellOf(table: Table, columns: readonly Column[], row: number, field: string): Cell | undefined {
  const index = columns.findIndex((c) => c.field === field);
  return index < 0 ? undefined : table.rows[row - (table.firstRowNumber ?? 2)][index];
}

function dateOf(cell: Cell | undefined): number | null | "invalid" {
  try {
    return parseDate(cell);
  } catch (error) {
    if (error instanceof DateError) return "invalid";
    throw error;
  }
}

function copyOf(table: Table): Table {
  return { headers: [...table.headers], rows: table.rows.map((row) => [...row]), firstRowNumber: table.firstRowNumber };
}

const RUNS = 400;

describe("readEpisodes on random tables", () => {
  it("uses or rejects every row, with its number; a used row holds its own cells' values", () => {
    fc.assert(
      fc.property(tableArbitrary(EPISODE_FIELDS), ({ table, columns }) => {
        cases.add("readEpisodes");
        const before = copyOf(table);
        const result = readOrTableError(() => readEpisodes(table));
        expect(table).toEqual(before);
        if (result instanceof TableError) {
          expect(requiredPresent(EPISODE_FIELDS, columns)).toBe(false);
          expect(result.message).toMatch(/missing column/);
          return;
        }
        expectAccounted(result, table, "Episodes");
        for (const episode of result.records) {
          expect(episode.child).toBe(cellText(cellOf(table, columns, episode.row, "CHILD") ?? null));
          expect(episode.child).not.toBe("");
          expect(episode.start).toBe(dateOf(cellOf(table, columns, episode.row, "DECOM")));
          const end = dateOf(cellOf(table, columns, episode.row, "DEC"));
          if (typeof end === "number" && isPlaceholderEndDate(end)) {
            expect(episode.end).toBeNull();
            expect(result.issues).toContainEqual(expect.objectContaining({ row: episode.row, column: "DEC", action: "corrected" }));
          } else {
            expect(episode.end).toBe(end);
          }
          expect(episode.start).toBeGreaterThanOrEqual(FIRST_DAY);
          if (episode.end !== null) expect(episode.end).toBeGreaterThanOrEqual(episode.start);
          expect(episode.end === null || episode.end <= LAST_DAY).toBe(true);
          expect(episode.place).toBe(cellText(cellOf(table, columns, episode.row, "PLACE") ?? null).toUpperCase());
          const cost = cellNumber(cellOf(table, columns, episode.row, "WEEKLY_COST"));
          const usable = typeof cost === "number" && cost >= 0 && cost <= MAX_WEEKLY_COST ? cost : null;
          expect(episode.weeklyCost).toBe(usable);
          if (usable === null && cost !== null) {
            expect(result.issues).toContainEqual(expect.objectContaining({ row: episode.row, column: "WEEKLY_COST", action: "corrected" }));
          }
        }
        // A row whose dates cannot be read, or run backwards, is never used.
        for (const issue of result.issues.filter((i) => i.action === "rejected")) {
          expect(result.records.some((e) => e.row === issue.row)).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("reads a table of a million blank rows as no rows at all", () => {
    const headers = ["CHILD", "DECOM", "DEC", "PLACE"];
    for (const blank of [() => [] as Cell[], () => [null, "  ", null, ""] as Cell[]]) {
      const rows = Array.from({ length: 1_000_000 }, blank);
      const result = readEpisodes({ headers, rows });
      cases.add("a million blank rows");
      expect(result).toEqual({ records: [], issues: [], rowsIn: 0, rowsRejected: 0 });
    }
  });

  it("numbers a row after a million blank rows as the sheet does", () => {
    const rows: Cell[][] = Array.from({ length: 1_000_000 }, () => []);
    rows.push(["A", "2023-04-01", "2023-03-01", "U4"]);
    const result = readEpisodes({ headers: ["CHILD", "DECOM", "DEC", "PLACE"], rows });
    cases.add("a million blank rows");
    expect(result.rowsIn).toBe(1);
    expect(result.issues).toEqual([expect.objectContaining({ row: 1_000_002, action: "rejected", reason: expect.stringMatching(/before DECOM/) })]);
  });

  it("refuses a table of one column or no columns with the missing columns named", () => {
    expect(() => readEpisodes({ headers: ["CHILD"], rows: [["A"]] })).toThrow(/missing columns DECOM, PLACE, DEC \(found: CHILD\)/);
    expect(() => readEpisodes({ headers: [], rows: [] })).toThrow(/missing columns CHILD, DECOM, PLACE, DEC \(found: no headers\)/);
    expect(readEpisodes({ headers: ["CHILD", "DECOM", "DEC", "PLACE"], rows: [] })).toEqual({ records: [], issues: [], rowsIn: 0, rowsRejected: 0 });
  });
});

describe("readChildren on random tables", () => {
  it("uses or rejects every row; a child listed twice keeps the later row and reports the earlier", () => {
    const withUasc = fc.tuple(tableArbitrary(CHILD_FIELDS), fc.option(tableArbitrary(UASC_FIELDS, 8), { nil: undefined }));
    fc.assert(
      fc.property(withUasc, ([{ table, columns }, uasc]) => {
        cases.add("readChildren");
        const before = copyOf(table);
        const result = readOrTableError(() => readChildren(table, uasc?.table));
        expect(table).toEqual(before);
        if (result instanceof TableError) {
          expect(requiredPresent(CHILD_FIELDS, columns) && (!uasc || requiredPresent(UASC_FIELDS, uasc.columns))).toBe(false);
          return;
        }
        expectAccounted(result, table, "Children");
        const ids = result.records.map((c) => c.child);
        expect(new Set(ids).size).toBe(ids.length);
        for (const child of result.records) {
          expect(child.child).toBe(cellText(cellOf(table, columns, child.row, "CHILD") ?? null));
          expect(child.dob).toBe(dateOf(cellOf(table, columns, child.row, "DOB")));
          // The row used is the last readable one for the child.
          const later = result.issues.filter((i) => i.row > child.row && i.action === "rejected" && i.reason.includes(`child ${child.child} appears again`));
          expect(later).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("readUnitCosts on random tables", () => {
  it("uses or rejects every row; costs used are numbers of zero or more", () => {
    fc.assert(
      fc.property(tableArbitrary(UNIT_COST_FIELDS), ({ table, columns }) => {
        cases.add("readUnitCosts");
        const before = copyOf(table);
        const result = readOrTableError(() => readUnitCosts(table));
        expect(table).toEqual(before);
        if (result instanceof TableError) {
          expect(requiredPresent(UNIT_COST_FIELDS, columns)).toBe(false);
          return;
        }
        expectAccounted(result, table, "Unit costs");
        for (const cost of result.records) {
          expect(cost.weeklyCost).toBe(cellNumber(cellOf(table, columns, cost.row, "WEEKLY_COST")));
          expect(Number.isFinite(cost.weeklyCost) && cost.weeklyCost >= 0 && cost.weeklyCost <= MAX_WEEKLY_COST).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("readBudget on random tables", () => {
  it("uses or rejects every row; amounts used are the cells' numbers", () => {
    fc.assert(
      fc.property(tableArbitrary(BUDGET_FIELDS), ({ table, columns }) => {
        cases.add("readBudget");
        const before = copyOf(table);
        const result = readOrTableError(() => readBudget(table));
        expect(table).toEqual(before);
        if (result instanceof TableError) {
          expect(requiredPresent(BUDGET_FIELDS, columns)).toBe(false);
          return;
        }
        expectAccounted(result, table, "Budget");
        for (const line of result.records) {
          expect(line.budget).toBe(cellNumber(cellOf(table, columns, line.row, "BUDGET")));
          expect(line.forecastOutturn).toBe(cellNumber(cellOf(table, columns, line.row, "FORECAST")));
          // A blank forecast is none given (the engine supplies the placements line's); the cell check above covers it.
          for (const amount of [line.budget, line.forecastOutturn ?? 0, line.actualToDate ?? 0, line.lastMonthForecast ?? 0]) {
            expect(Number.isFinite(amount) && Math.abs(amount) <= MAX_BUDGET_AMOUNT).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("readPlacementTypeOverrides on random tables", () => {
  it("uses or rejects every row; a code listed twice keeps the later row", () => {
    fc.assert(
      fc.property(tableArbitrary(PLACEMENT_TYPE_OVERRIDE_FIELDS), ({ table, columns }) => {
        cases.add("readPlacementTypeOverrides");
        const before = copyOf(table);
        const result = readOrTableError(() => readPlacementTypeOverrides(table));
        expect(table).toEqual(before);
        if (result instanceof TableError) {
          expect(requiredPresent(PLACEMENT_TYPE_OVERRIDE_FIELDS, columns)).toBe(false);
          return;
        }
        expectAccounted(result, table, "Placement types");
        expect(result.overrides.size).toBe(result.records.length);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("numbers written as text", () => {
  it("are read only when they are decimal numbers, as Excel reads them", () => {
    for (const text of ["0x10", "0X1F", "0b11", "0o7", "1_000", "Infinity", "-Infinity", "12%", "1e400", "(-5)", "(+5)", "--5", "1.2.3", "1e", "e5", "."]) {
      cases.add("text in numbers");
      expect({ text, read: cellNumber(text) }).toEqual({ text, read: "invalid" });
    }
    const readable: [string, number][] = [["700", 700], ["£1,200.50", 1200.5], [" 800 ", 800], ["(50)", -50], ["-10", -10], ["+3", 3], [".5", 0.5], ["5.", 5], ["1e3", 1000], ["£(1,000)", -1000]];
    for (const [text, value] of readable) {
      cases.add("text in numbers");
      expect({ text, read: cellNumber(text) }).toEqual({ text, read: value });
    }
  });
});
