import fc from "fast-check";
import { ErrorCode, errorOf, isExcelError } from "./customFunctionsShim";
import { PLACEMENT_CATEGORIES } from "../../src/engine/codes";
import { Day, dayFromYmd, excelSerialOfDay, parseDate } from "../../src/engine/dates";
import { readChildren, readEpisodes } from "../../src/engine/episodes";
import { ForecastOptions, ForecastResult, runForecast } from "../../src/engine/forecast";
import { generateSample } from "../../src/engine/sample";
import { Cell, Table, tableFromBlock } from "../../src/engine/table";
import { UnitCostTable, readUnitCosts } from "../../src/engine/unitCosts";
import { project, projectCost, simpleForecast, targetMonth } from "../../src/functions/functions";

function serial(year: number, month: number, day: number): number {
  return excelSerialOfDay(dayFromYmd(year, month, day));
}

const cell = (value: unknown): unknown[][] => [[value]];
const column = (...values: unknown[]): unknown[][] => values.map((value) => [value]);
/** Excel passes null for an omitted optional argument. */
const omitted = null as unknown as undefined;

function expectError(result: unknown, code: string, message: RegExp): void {
  const error = errorOf(result);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

/** A table as a range reaches a function: its header row, then its rows. */
const blockOf = (table: Table): Cell[][] => [table.headers, ...table.rows];

const sample = generateSample({ children: 40, seed: 11, end: dayFromYmd(2023, 12, 31) });
const sampleEpisodes = blockOf(sample.episodes);
const sampleChildren = blockOf(sample.children);
const sampleUnitCosts = blockOf(sample.unitCosts);

/** The engine's forecast of the same tables, read as the functions read them. */
function engineForecast(episodes: Cell[][], children: Cell[][], options: ForecastOptions): ForecastResult {
  return runForecast(readEpisodes(tableFromBlock(episodes)).records, readChildren(tableFromBlock(children)).records, options);
}

const PROJECTION_HEADERS = ["Date", "Children in care", "Lower (95%)", "Upper (95%)", "Fostering", "Residential", "Supported", "Other"];

/** The rows of a spilled table under its header, down to the first note (a row with only its first cell filled). */
function dataRows(grid: unknown[][]): unknown[][] {
  const rows = grid.slice(1);
  const firstNote = rows.findIndex((row) => typeof row[0] === "string" && row.slice(1).every((c) => c === ""));
  return firstNote < 0 ? rows : rows.slice(0, firstNote);
}

const notesOf = (grid: unknown[][]): unknown[] => grid.slice(1 + dataRows(grid).length).map((row) => row[0]);

describe("LAC.SIMPLEFORECAST", () => {
  it("moves each month by the exit rate and the entries: 200 → 190, 181, 172.9", () => {
    // 200 × 0.9 + 10 = 190; 190 × 0.9 + 10 = 181; 181 × 0.9 + 10 = 172.9.
    const result = simpleForecast(cell(200), cell(10), cell(0.1), cell(3)) as number[][];
    expect(result).toHaveLength(3);
    expect(result.map((row) => row.length)).toEqual([1, 1, 1]);
    expect(result[0][0]).toBeCloseTo(190, 12);
    expect(result[1][0]).toBeCloseTo(181, 12);
    expect(result[2][0]).toBeCloseTo(172.9, 12);
  });

  it("stays level where entries balance exits, and grows by the entries when nobody leaves", () => {
    expect(simpleForecast(cell(100), cell(10), cell(0.1), cell(2))).toEqual([[100], [100]]);
    expect(simpleForecast(cell("250"), cell(5), cell(0), cell(3))).toEqual([[255], [260], [265]]);
  });

  it("moves towards entries ÷ exit rate, never past it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        (opening, entries, exitRate, months) => {
          const values = (simpleForecast(cell(opening), cell(entries), cell(exitRate), cell(months)) as number[][]).map((row) => row[0]);
          expect(values).toHaveLength(months);
          const level = entries / exitRate;
          let previous = opening;
          for (const value of values) {
            const tolerance = 1e-9 * Math.max(1, level);
            expect(Math.abs(value - level)).toBeLessThanOrEqual(Math.abs(previous - level) + tolerance);
            expect(Math.sign(value - level) * Math.sign(previous - level)).not.toBe(-1);
            previous = value;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("says what is wrong", () => {
    expectError(simpleForecast(cell(200), cell(10), cell(1.5), cell(3)), ErrorCode.invalidValue, /exit rate per month must be between 0 and 1/);
    expectError(simpleForecast(cell(-1), cell(10), cell(0.1), cell(3)), ErrorCode.invalidValue, /opening number must be 0 or more/);
    expectError(simpleForecast(cell(200), cell(10), cell(0.1), cell(2.5)), ErrorCode.invalidValue, /months must be a whole number from 1 to 1200/);
    expectError(simpleForecast(cell(null), cell(10), cell(0.1), cell(3)), ErrorCode.notAvailable, /opening is blank/);
    expectError(simpleForecast(cell(200), cell("ten"), cell(0.1), cell(3)), ErrorCode.invalidValue, /entriesPerMonth: "ten" is not a number/);
    expectError(simpleForecast(column(200, 300), cell(10), cell(0.1), cell(3)), ErrorCode.invalidValue, /opening must be a single cell/);
  });
});

describe("LAC.TARGETDATE", () => {
  const months = column("2024-04-01", "2024-05-01", "2024-06-01", "2024-07-01");

  it("finds the first month at or below a target the totals fall to", () => {
    expect(targetMonth(months, column(420, 410, 398, 390), cell(400))).toBe(serial(2024, 6, 1));
    expect(targetMonth(months, column(420, 410, 400, 390), cell(400))).toBe(serial(2024, 6, 1));
  });

  it("finds the first month at or above a target the totals rise to", () => {
    expect(targetMonth(months, column(380, 395, 401, 399), cell(400))).toBe(serial(2024, 6, 1));
    // A first total already on the target is reached at once.
    expect(targetMonth(months, column(400, 395, 401, 399), cell(400))).toBe(serial(2024, 4, 1));
  });

  it("reads Excel dates and text dates, skips a header row and rows without a total, as under a spilled LAC.PROJECT", () => {
    const spilled = column("Date", serial(2024, 4, 1), serial(2024, 5, 1), "01/06/2024", "A note beneath the table", "");
    expect(targetMonth(spilled, column("Children in care", 420, 405.5, 399.9, "", ""), cell(400))).toBe(serial(2024, 6, 1));
  });

  it("gives #N/A with the reason when the totals never reach the target", () => {
    expectError(
      targetMonth(months, column(420, 410, 405, 401.25), cell(400)),
      ErrorCode.notAvailable,
      /the totals never fall to 400: they go from 420 on 2024-04-01 to 401\.3 on 2024-07-01/,
    );
    expectError(targetMonth(months, column(380, 390, 395, 399), cell(400)), ErrorCode.notAvailable, /never rise to 400/);
  });

  it("says what is wrong with the columns or the target", () => {
    expectError(targetMonth(months, column(420, 410), cell(400)), ErrorCode.invalidValue, /totals has 2 rows but months has 4/);
    expectError(targetMonth(column("2024-05-01", "2024-04-01"), column(420, 410), cell(400)), ErrorCode.invalidValue, /months row 2 \(2024-04-01\) is not after/);
    expectError(targetMonth(column("2024-04-01", "soon"), column(420, 410), cell(400)), ErrorCode.invalidValue, /months row 2: "soon" is not a date/);
    expectError(targetMonth(column("2024-04-01", ""), column(420, 410), cell(400)), ErrorCode.notAvailable, /months row 2 is blank/);
    expectError(targetMonth(months, column(420, "many", 400, 390), cell(400)), ErrorCode.invalidValue, /totals row 2: "many" is not a number/);
    expectError(targetMonth(months, column(420, 410, 398, 390), cell(null)), ErrorCode.notAvailable, /target is blank/);
    expectError(targetMonth(column("Date", ""), column("Total", ""), cell(400)), ErrorCode.notAvailable, /no totals/);
    expectError(targetMonth([["2024-04-01", 420]], column(420), cell(400)), ErrorCode.invalidValue, /months must be a single column/);
  });

  it("answers the month a scan finds: the first reaching the target from the first total's side", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 24 }), fc.integer({ min: 0, max: 50 }), (totals, target) => {
        const days: Day[] = totals.map((_, i) => dayFromYmd(2024, 1 + i, 1));
        const result = targetMonth(
          days.map((d) => [excelSerialOfDay(d)]),
          totals.map((t) => [t]),
          cell(target),
        );
        const rising = totals[0] <= target;
        const reached = totals.findIndex((t) => (rising ? t >= target : t <= target));
        if (reached < 0) expect(isExcelError(result) && result.code).toBe(ErrorCode.notAvailable);
        else expect(result).toBe(excelSerialOfDay(days[reached]));
      }),
      { numRuns: 300 },
    );
  });
});

describe("LAC.PROJECT", () => {
  const options = { months: 6, start: dayFromYmd(2023, 10, 1) };
  const grid = project(sampleEpisodes, sampleChildren, cell(6), omitted, omitted, cell("2023-10-01"));

  it("spills the headers, then the engine's reported dates row by row as Excel dates", () => {
    const result = engineForecast(sampleEpisodes, sampleChildren, options);
    expect(grid[0]).toEqual(PROJECTION_HEADERS);
    const rows = dataRows(grid);
    // 1 October 2023 and the 1st of each of the six months after it.
    expect(rows).toHaveLength(7);
    expect(result.months).toHaveLength(7);
    result.months.forEach((month, i) => {
      expect(rows[i]).toEqual([
        excelSerialOfDay(month.date),
        month.total,
        month.lower,
        month.upper,
        ...PLACEMENT_CATEGORIES.map((category) => month.byCategory[category]),
      ]);
    });
    expect(rows.map((row) => row[0])).toEqual([10, 11, 12, 13, 14, 15, 16].map((m) => serial(2023 + Math.floor((m - 1) / 12), ((m - 1) % 12) + 1, 1)));
    for (const row of rows as number[][]) {
      expect(row[2]).toBeLessThanOrEqual(row[1]);
      expect(row[3]).toBeGreaterThanOrEqual(row[1]);
      expect(row[4] + row[5] + row[6] + row[7]).toBeCloseTo(row[1], 9);
    }
    expect(grid.every((row) => row.length === PROJECTION_HEADERS.length)).toBe(true);
    expect(grid.flat().some(isExcelError)).toBe(false);
  });

  it("notes beneath the table what the forecast told the user", () => {
    const result = engineForecast(sampleEpisodes, sampleChildren, options);
    const about = (notes: readonly unknown[]) => notes.filter((note) => !String(note).startsWith("No cost"));
    expect(about(notesOf(grid))).toEqual(about(result.notes));
  });

  it("reads Excel date serials in the tables as it reads text dates", () => {
    const asSerial = (value: Cell) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? excelSerialOfDay(parseDate(value)!) : value);
    const episodes = sampleEpisodes.map((row, r) => (r === 0 ? row : row.map(asSerial)));
    const children = sampleChildren.map((row, r) => (r === 0 ? row : row.map(asSerial)));
    expect(project(episodes, children, cell(6), omitted, omitted, cell(serial(2023, 10, 1)))).toEqual(grid);
  });

  it("starts from the last date in the data for 24 months unless told otherwise", () => {
    const result = engineForecast(sampleEpisodes, sampleChildren, {});
    const rows = dataRows(project(sampleEpisodes, sampleChildren));
    expect(rows.map((row) => row[0])).toEqual(result.months.map((month) => excelSerialOfDay(month.date)));
    expect(rows[0][0]).toBe(excelSerialOfDay(result.lastDate));
    expect(rows[rows.length - 1][0]).toBe(excelSerialOfDay(result.end));
  });

  it("runs the reference mode when asked, whatever the case", () => {
    const reference = engineForecast(sampleEpisodes, sampleChildren, { ...options, mode: "reference" });
    const rows = dataRows(project(sampleEpisodes, sampleChildren, cell(6), omitted, omitted, cell("2023-10-01"), cell("Reference")));
    expect(rows.map((row) => row[1])).toEqual(reference.months.map((month) => month.total));
    expect(rows.map((row) => row[1])).not.toEqual(dataRows(grid).map((row) => row[1]));
    expect(project(sampleEpisodes, sampleChildren, cell(6), omitted, omitted, cell("2023-10-01"), cell(""))).toEqual(grid);
  });

  it("uses the reference window given", () => {
    const window = { referenceStart: dayFromYmd(2021, 4, 1), referenceEnd: dayFromYmd(2023, 9, 30) };
    const result = engineForecast(sampleEpisodes, sampleChildren, { ...options, ...window });
    const rows = dataRows(project(sampleEpisodes, sampleChildren, cell(6), cell("2021-04-01"), cell("30/09/2023"), cell("2023-10-01")));
    expect(rows.map((row) => row[1])).toEqual(result.months.map((month) => month.total));
  });

  it("says which rows it could not read", () => {
    const withBadRow = [...sampleEpisodes, ["Z", "not a date", null, "U4", "PR1", null, null, null, null, null, null, null, null, 500, "IN"]];
    const notes = notesOf(project(withBadRow, sampleChildren, cell(6), omitted, omitted, cell("2023-10-01")));
    expect(notes[0]).toMatch(/^Rows not read: 1 episode row; first: Episodes row \d+, DECOM: "not a date" is not a date/);
  });

  it("says what is wrong", () => {
    type Argument = unknown[][] | undefined;
    const call = (months: Argument, referenceStart?: Argument, referenceEnd?: Argument, start?: Argument, mode?: Argument) =>
      project(sampleEpisodes, sampleChildren, months, referenceStart, referenceEnd, start, mode);
    expectError(project([["CHILD", "DEC", "PLACE"]], sampleChildren), ErrorCode.invalidValue, /^episodes: missing column DECOM/);
    expectError(project(sampleEpisodes, [["CHILD"], ["A"]]), ErrorCode.invalidValue, /^children: missing column DOB/);
    expectError(project([sampleEpisodes[0]], sampleChildren), ErrorCode.invalidValue, /no episodes to forecast from/);
    expectError(call(cell(0)), ErrorCode.invalidValue, /months: "0" is not a whole number of months from 1 to 1,200/);
    expectError(call(cell("two years")), ErrorCode.invalidValue, /months: "two years" is not a whole number of months/);
    expectError(call(column(6, 12)), ErrorCode.invalidValue, /months must be a single cell/);
    expectError(call(omitted, cell("2023-06-01"), cell("2023-01-01")), ErrorCode.invalidValue, /reference window must end after it starts/);
    expectError(call(omitted, omitted, omitted, cell("31/02/2024")), ErrorCode.invalidValue, /start: "31\/02\/2024" is not a real date/);
    expectError(call(cell(24), omitted, omitted, cell("9999-01-01")), ErrorCode.invalidValue, /past 31 December 9999/);
    expectError(call(omitted, omitted, omitted, omitted, cell("optimistic")), ErrorCode.invalidValue, /mode: "optimistic" is not default or reference/);
  });
});

describe("LAC.PROJECTCOST", () => {
  /** Six children fostered at £700 a week (£100 a day): entries and exits to measure, nothing else to cost. */
  const fostered = [
    ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER", "WEEKLY_COST"],
    ["A", "2021-05-01", "", "U4", "PR1", 700],
    ["B", "2021-06-01", "2022-08-01", "U4", "PR1", 700],
    ["C", "2022-02-01", "", "U4", "PR1", 700],
    ["D", "2022-10-01", "2023-06-01", "U4", "PR1", 700],
    ["E", "2023-03-01", "", "U4", "PR1", 700],
    ["F", "2023-09-01", "", "U4", "PR1", 700],
  ];
  const fosteredChildren = [
    ["CHILD", "DOB"],
    ["A", "2014-01-01"],
    ["B", "2013-03-01"],
    ["C", "2015-06-01"],
    ["D", "2012-09-01"],
    ["E", "2016-01-01"],
    ["F", "2014-11-01"],
  ];
  const start = dayFromYmd(2023, 10, 1);

  it("costs each calendar month at £100 a day per child in care, from the day after the start to the forecast's end", () => {
    const grid = projectCost(fostered, fosteredChildren, omitted, cell(3), omitted, omitted, cell("2023-10-01"));
    const result = engineForecast(fostered, fosteredChildren, { months: 3, start });
    expect(grid[0]).toEqual(["Month", "Children in care", "Cost £"]);
    const rows = dataRows(grid) as number[][];
    // A, C, E and F are in care on 1 October 2023.
    expect(rows[0].slice(0, 2)).toEqual([serial(2023, 10, 1), 4]);
    const end = dayFromYmd(2024, 1, 1);
    expect(rows.slice(0, 4).map((row) => row[0])).toEqual([serial(2023, 10, 1), serial(2023, 11, 1), serial(2023, 12, 1), serial(2024, 1, 1)]);
    // Each row's cost: £100 for every child in care on each day of its month after the start (the start day is spend to date), up to the end.
    const monthDays = [
      [start + 1, dayFromYmd(2023, 10, 31)],
      [dayFromYmd(2023, 11, 1), dayFromYmd(2023, 11, 30)],
      [dayFromYmd(2023, 12, 1), dayFromYmd(2023, 12, 31)],
      [end, end],
    ];
    monthDays.forEach(([from, to], m) => {
      let childDays = 0;
      for (let d = from; d <= to; d++) childDays += result.dailyTotals[d - start];
      expect(rows[m][2]).toBeCloseTo(100 * childDays, 6);
    });
    expect(rows[4]).toEqual(["Total", "", rows[0][2] + rows[1][2] + rows[2][2] + rows[3][2]]);
    expect(rows).toHaveLength(5);
    expect(notesOf(grid)).toContain("No cost is known for Residential, Supported, Other: those children are left out of the costs (add a unit cost for their placements).");
  });

  it("gives no row to a date whose month has no day to cost: from a month's last day, whole months", () => {
    const rows = dataRows(projectCost(fostered, fosteredChildren, omitted, cell(3), omitted, omitted, cell("2023-09-30"))) as number[][];
    const result = engineForecast(fostered, fosteredChildren, { months: 3, start: dayFromYmd(2023, 9, 30) });
    // The start (30 September: the day itself is spend to date) and the end (30 December, in December's row) have none.
    expect(rows.slice(0, -1).map((row) => row[0])).toEqual([serial(2023, 10, 1), serial(2023, 11, 1), serial(2023, 12, 1)]);
    expect(rows[3][0]).toBe("Total");
    expect(rows[3][2]).toBeCloseTo(result.costPerYear.reduce((sum, year) => sum + year.cost, 0), 6);
  });

  it("lists the engine's months and their costs, with a total agreeing with its financial years", () => {
    const grid = projectCost(sampleEpisodes, sampleChildren, sampleUnitCosts, cell(12), omitted, omitted, cell("2023-10-01"), cell(0.03));
    const unitCosts = new UnitCostTable(readUnitCosts(tableFromBlock(sampleUnitCosts)).records);
    const result = engineForecast(sampleEpisodes, sampleChildren, { months: 12, start, unitCosts, inflation: 0.03 });
    const rows = dataRows(grid);
    // The start, the 1st of each month after it, the end: 13 dates, then the total.
    expect(rows).toHaveLength(14);
    result.months.forEach((month, i) => expect(rows[i]).toEqual([excelSerialOfDay(month.date), month.total, month.cost]));
    const total = rows[13] as [string, string, number];
    expect(total[0]).toBe("Total");
    expect(total[2]).toBeCloseTo(
      result.costPerYear.reduce((sum, year) => sum + year.cost, 0),
      2,
    );
    // A financial year's rows add up to its cost: 2023-24's are October to March.
    expect(rows.slice(0, 6).reduce((sum, row) => sum + (row[2] as number), 0)).toBeCloseTo(result.costPerYear[0].cost, 6);
    // Prices rise 3% a year in monthly steps from the start: month m costs between 1.03^((m-1)/12) and 1.03^((m+1)/12) times its uninflated cost.
    const withoutInflation = dataRows(projectCost(sampleEpisodes, sampleChildren, sampleUnitCosts, cell(12), omitted, omitted, cell("2023-10-01")));
    for (let m = 0; m < 12; m++) {
      const ratio = (rows[m][2] as number) / (withoutInflation[m][2] as number);
      expect(ratio).toBeGreaterThanOrEqual(1.03 ** ((m - 1) / 12) - 1e-12);
      expect(ratio).toBeLessThanOrEqual(1.03 ** ((m + 1) / 12) + 1e-12);
    }
  });

  it("says what is wrong", () => {
    // Young offender institutions have no national unit cost: without WEEKLY_COST or unitCosts nothing is costed.
    const uncosted = fostered.map((row, i) => (i === 0 ? row.slice(0, 5) : [...row.slice(0, 3), "R5", ...row.slice(4, 5)]));
    expectError(projectCost(uncosted, fosteredChildren), ErrorCode.notAvailable, /no costs: give the episodes a WEEKLY_COST column, or a unitCosts table/);
    expectError(projectCost(fostered, fosteredChildren, omitted, omitted, omitted, omitted, omitted, cell(0.5)), ErrorCode.invalidValue, /inflation: "0.5" is read as 50% .* which is not from -20% to 20%: for 0.5% write "0.5%"/);
    expectError(projectCost(fostered, fosteredChildren, omitted, omitted, omitted, omitted, omitted, cell(-1)), ErrorCode.invalidValue, /inflation: "-1" could be -1% or -100%: write it with a % sign/);
    expectError(projectCost(fostered, fosteredChildren, [["TYPE"], ["Foster care"]]), ErrorCode.invalidValue, /^unitCosts: missing column/);
  });
});
