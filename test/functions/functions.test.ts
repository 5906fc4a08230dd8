import { ErrorCode, errorOf, isExcelError } from "./customFunctionsShim";
import { dayFromYmd, excelSerialOfDay } from "../../src/engine/dates";
import {
  age,
  avgWeeklyCost,
  commitment,
  cost,
  costSummary,
  financialYear,
  fullYearSaving,
  inYearSaving,
  netWeeklyCost,
  placementGroup,
  weeks,
} from "../../src/functions/functions";

/** Excel's serial number of a date, as a date cell reaches a custom function. */
function serial(year: number, month: number, day: number): number {
  return excelSerialOfDay(dayFromYmd(year, month, day));
}

/** A single cell, as Excel passes it to a matrix parameter. */
const cell = (value: unknown): unknown[][] => [[value]];
/** Excel passes null for an omitted optional argument (the signatures say undefined, for the metadata's sake). */
const omitted = null as unknown as undefined;
/** A one-column range. */
const column = (...values: unknown[]): unknown[][] => values.map((value) => [value]);

const APRIL_2023 = serial(2023, 4, 1);
const MARCH_2024 = serial(2024, 3, 31);

function expectError(result: unknown, code: string, message: RegExp): void {
  const error = errorOf(result);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

describe("LAC.WEEKS", () => {
  it("counts the days from start up to, not including, end, in weeks, whatever the date format", () => {
    expect(weeks(cell(APRIL_2023), cell(serial(2023, 4, 15)))).toEqual([[2]]);
    expect(weeks(cell("2023-04-01"), cell("15/04/2023"))).toEqual([[2]]);
    expect(weeks(cell(APRIL_2023), cell(APRIL_2023))).toEqual([[0]]);
  });

  it("counts only the days inside a period, and runs an open episode to the period end", () => {
    expect(weeks(cell(serial(2023, 3, 1)), cell(serial(2023, 5, 1)), cell(APRIL_2023), cell(MARCH_2024))).toEqual([[30 / 7]]);
    expect(weeks(cell(serial(2024, 3, 1)), cell(""), cell(APRIL_2023), cell(MARCH_2024))).toEqual([[31 / 7]]);
    expect(weeks(cell(serial(2022, 1, 1)), cell(null), cell(APRIL_2023), cell(MARCH_2024))).toEqual([[366 / 7]]);
    // A period given by its end only starts with the episode.
    expect(weeks(cell(serial(2024, 3, 25)), cell(null), omitted, cell(MARCH_2024))).toEqual([[1]]);
  });

  it("spills a column back, one result per row, with an error in a bad row only and blank rows left blank", () => {
    const result = weeks(
      column("2023-04-01", "2023-06-01", "2023-08-01", "", "not a date"),
      column("2023-04-08", "2023-05-01", "", "", "2023-09-01"),
      cell(APRIL_2023),
      cell(MARCH_2024),
    );
    expect(result).toHaveLength(5);
    expect(result[0]).toEqual([1]);
    expectError(result[1][0], ErrorCode.invalidValue, /end \(2023-05-01\) is before start \(2023-06-01\)/);
    // Open: 1 August 2023 to 31 March 2024, August to March by month.
    expect(result[2]).toEqual([(31 + 30 + 31 + 30 + 31 + 31 + 29 + 31) / 7]);
    expect(result[3]).toEqual([""]);
    expectError(result[4][0], ErrorCode.invalidValue, /start: "not a date" is not a date/);
  });

  it("needs a period end for an open episode", () => {
    expectError(weeks(cell(APRIL_2023), cell(null)), ErrorCode.notAvailable, /end is blank .* periodEnd is needed/);
  });

  it("rejects a period that ends before it starts", () => {
    expectError(weeks(cell(APRIL_2023), cell(MARCH_2024), cell(MARCH_2024), cell(APRIL_2023)), ErrorCode.invalidValue, /period ends \(2023-04-01\) before it starts \(2024-03-31\)/);
  });

  it("rejects ranges of different sizes with one error for the whole call", () => {
    const result = weeks(column(APRIL_2023, APRIL_2023, APRIL_2023), column(MARCH_2024, MARCH_2024));
    expect(result).toHaveLength(1);
    expectError(result, ErrorCode.invalidValue, /end is 2 rows × 1 column but start is 3 rows × 1 column/);
  });

  it("rejects booleans and impossible dates", () => {
    expectError(weeks(cell(true), cell(MARCH_2024)), ErrorCode.invalidValue, /start: TRUE is not a date/);
    expectError(weeks(cell("31/02/2024"), cell(MARCH_2024)), ErrorCode.invalidValue, /"31\/02\/2024" is not a real date/);
    expectError(weeks(cell(APRIL_2023), cell(60)), ErrorCode.invalidValue, /29 February 1900 does not exist/);
  });
});

describe("LAC.COST", () => {
  it("is weekly cost × days ÷ 7", () => {
    expect(cost(cell(700), cell(APRIL_2023), cell(serial(2023, 4, 15)))).toEqual([[1_400]]);
    expect(cost(cell("£1,050"), cell(APRIL_2023), cell(serial(2023, 4, 4)))).toEqual([[450]]);
  });

  it("spills a column of costs over one period", () => {
    const result = cost(
      column(700, 3_500, 1_000),
      column("2023-03-25", "2024-03-01", "2023-05-01"),
      column("2023-04-08", "", "2023-05-08"),
      cell("2023-04-01"),
      cell("2024-03-31"),
    );
    expect(result).toEqual([[700], [3_500 * (31 / 7)], [1_000]]);
  });

  it("reports a missing, negative or non-numeric weekly cost in that row", () => {
    const result = cost(column(null, -5, "lots"), column(APRIL_2023, APRIL_2023, APRIL_2023), cell(MARCH_2024));
    expectError(result[0][0], ErrorCode.notAvailable, /weeklyCost is blank/);
    expectError(result[1][0], ErrorCode.invalidValue, /weeklyCost must be zero or more/);
    expectError(result[2][0], ErrorCode.invalidValue, /weeklyCost: "lots" is not a number/);
  });
});

describe("LAC.AVGWEEKLYCOST", () => {
  it("divides the sum of the totals by the sum of the weeks, skipping a header row and blank rows", () => {
    expect(avgWeeklyCost(column(1_000, 3_000), column(2, 4))).toBeCloseTo(4_000 / 6, 9);
    expect(avgWeeklyCost(column("Total £", 1_000, null, 3_000), column("Time (weeks)", 2, "", 4))).toBeCloseTo(4_000 / 6, 9);
  });

  it("averages one placement group's rows, matching the group whatever its case", () => {
    const groups = column("Placement group", "Agency Foster Care out LA", "LA Foster Care in LA", "agency foster care OUT la");
    const totals = column("Total £", 10_000, 500, 2_000);
    const weekCol = column("Time (weeks)", 10, 1, 2);
    expect(avgWeeklyCost(totals, weekCol, groups, cell("Agency Foster Care out LA"))).toBeCloseTo(12_000 / 12, 9);
    expect(avgWeeklyCost(totals, weekCol, groups, cell("LA Foster Care in LA"))).toBe(500);
  });

  it("says what is wrong", () => {
    expectError(avgWeeklyCost(column(1, 2), column(1)), ErrorCode.invalidValue, /weeks has 1 rows but totals has 2/);
    expectError(avgWeeklyCost([[1, 2]], [[1, 2]]), ErrorCode.invalidValue, /totals must be a single column, not a range of 1 row × 2 columns/);
    expectError(avgWeeklyCost(column(100, "abc"), column(1, 2)), ErrorCode.invalidValue, /totals row 2: "abc" is not a number/);
    expectError(avgWeeklyCost(column(100), column(0)), ErrorCode.notAvailable, /weeks add up to zero/);
    // The fuzz test found this: a positive but denormal number of weeks gave Infinity, not an error.
    expectError(avgWeeklyCost(column(1_400), column(5e-324)), ErrorCode.notAvailable, /too little to divide by/);
    expectError(avgWeeklyCost(column(null), column(null)), ErrorCode.notAvailable, /no totals and weeks/);
    expectError(avgWeeklyCost(column(100), column(1), column("A"), omitted), ErrorCode.notAvailable, /group is blank/);
    expectError(avgWeeklyCost(column(100), column(1), omitted, cell("A")), ErrorCode.notAvailable, /groups is not/);
    expectError(avgWeeklyCost(column(100), column(1), column("A"), cell("B")), ErrorCode.notAvailable, /no rows for the group "B"/);
    expectError(avgWeeklyCost(column(100), column(1), column("A"), column("A", "B")), ErrorCode.invalidValue, /group must be a single cell/);
  });
});

describe("LAC.PLACEMENTGROUP", () => {
  it("names the group as the cost calculator does", () => {
    expect(placementGroup(cell("U4"), cell("PR4"), cell("OUT"))).toEqual([["Agency Foster Care out LA"]]);
    expect(placementGroup(cell("u5"), cell("pr1"), cell("In"))).toEqual([["LA Foster Care in LA"]]);
    expect(placementGroup(cell("K2"), omitted, omitted)).toEqual([["Residential"]]);
  });

  it("spills a column, with unknown codes reported in their rows", () => {
    const result = placementGroup(column("R1", "X9", "U1", ""), column("PR5", "PR1", "PR9", ""), cell("IN"));
    expect(result[0]).toEqual(["Agency Residential in LA"]);
    expectError(result[1][0], ErrorCode.notAvailable, /"X9" is not an SSDA903 placement code/);
    expectError(result[2][0], ErrorCode.notAvailable, /"PR9" is not a placement provider code/);
    expect(result[3]).toEqual([""]);
  });

  it("rejects a location that is not IN or OUT", () => {
    expectError(placementGroup(cell("U4"), cell("PR4"), cell("Mars")), ErrorCode.invalidValue, /location "Mars" is not IN or OUT/);
    expectError(placementGroup(cell(""), cell("PR4"), omitted), ErrorCode.notAvailable, /place is blank/);
  });
});

describe("LAC.AGE", () => {
  it("counts whole years, turning a year older on the birthday", () => {
    expect(age(cell("2010-02-28"), cell("2024-02-27"))).toEqual([[13]]);
    expect(age(cell("2010-02-28"), cell("2024-02-28"))).toEqual([[14]]);
    // Born on 29 February: a year older on 1 March in common years.
    expect(age(column("2008-02-29", "2008-02-29"), column("2023-02-28", "2023-03-01"))).toEqual([[14], [15]]);
  });

  it("rejects an as-at date before the birth", () => {
    expectError(age(cell("2010-01-01"), cell("2009-12-31")), ErrorCode.invalidValue, /asAt \(2009-12-31\) is before the date of birth \(2010-01-01\)/);
    expectError(age(cell("2010-01-01"), cell(null)), ErrorCode.notAvailable, /asAt is blank/);
  });
});

describe("LAC.FINYEAR", () => {
  it("names the financial year from 1 April to 31 March", () => {
    expect(financialYear(column(APRIL_2023, MARCH_2024, "2024-04-01", "31/12/1999"))).toEqual([["2023-24"], ["2023-24"], ["2024-25"], ["1999-00"]]);
    expectError(financialYear(cell("next year")), ErrorCode.invalidValue, /date: "next year" is not a date/);
  });
});

describe("LAC.FULLYEARSAVING and LAC.INYEARSAVING", () => {
  it("gives the reference savings", () => {
    expect(fullYearSaving(cell(13_110), cell(6_930))).toEqual([[321_360]]);
    expect(fullYearSaving(column(30_289, "£9,289"), column(3_234, 0))).toEqual([[1_406_860], [483_028]]);
  });

  it("counts the in-year saving from the effective date to 31 March, or to a year end given", () => {
    const [[inYear]] = inYearSaving(cell(13_110), cell(6_930), cell("2023-10-01")) as number[][];
    expect(inYear).toBeCloseTo((321_360 * 183) / 366, 9);
    expect(inYearSaving(cell(13_110), cell(6_930), cell("2023-04-01"))).toEqual([[321_360]]);
    const [[toOctober]] = inYearSaving(cell(700), cell(0), cell("2023-10-01"), cell("2023-10-07")) as number[][];
    expect(toOctober).toBeCloseTo((36_400 * 7) / 365, 9);
  });

  it("counts a year in the weeks given, as LAC Scenarios does with the Weeks per year setting", () => {
    const [[full]] = fullYearSaving(cell(13_110), cell(6_930), cell(52.14)) as number[][];
    expect(full).toBeCloseTo(6_180 * 52.14, 9);
    const [[inYear]] = inYearSaving(cell(13_110), cell(6_930), cell("2023-10-01"), cell(null), cell(52.14)) as number[][];
    expect(inYear).toBeCloseTo((6_180 * 52.14 * 183) / 366, 9);
    expect(fullYearSaving(cell(13_110), cell(6_930), cell(null))).toEqual([[321_360]]);
    expectError(fullYearSaving(cell(13_110), cell(6_930), cell(60)), ErrorCode.invalidValue, /^weeksPerYear: /);
  });

  it("says what is wrong", () => {
    expectError(fullYearSaving(cell(-1), cell(0)), ErrorCode.invalidValue, /current weekly cost must be zero or more/);
    expectError(fullYearSaving(cell("x"), cell(0)), ErrorCode.invalidValue, /currentWeekly: "x" is not a number/);
    expectError(inYearSaving(cell(700), cell(0), cell(null)), ErrorCode.notAvailable, /effectiveDate is blank/);
    expectError(inYearSaving(cell(700), cell(0), cell("2023-10-01"), cell("2023-09-01")), ErrorCode.invalidValue, /year end \(2023-09-01\) is before the effective date/);
  });
});

describe("LAC.COMMITMENT and LAC.NETWEEKLYCOST", () => {
  it("commits a placement from the day after the as-at date to its planned end or 31 March", () => {
    // 1 October 2024 to 30 November (61 days), and to 31 March (182 days).
    const [[toPlannedEnd], [toYearEnd]] = commitment(column(700, 700), column("2024-01-01", "2024-01-01"), column("2024-12-01", ""), cell("2024-09-30")) as number[][];
    expect(toPlannedEnd).toBeCloseTo(6_100, 9);
    expect(toYearEnd).toBeCloseTo(18_200, 9);
    expect(commitment(cell(700), cell("2024-01-01"), cell("2024-09-01"), cell("2024-09-30"))).toEqual([[0]]);
  });

  it("nets health's and education's contributions off the weekly cost", () => {
    expect(netWeeklyCost(cell(6_000), cell("30%"), cell(1_200))).toEqual([[3_000]]);
    expect(netWeeklyCost(cell(6_000))).toEqual([[6_000]]);
  });

  it("says what is wrong", () => {
    expectError(commitment(cell(700), cell("2024-01-01"), cell(""), cell("2024-09-30"), cell("2024-03-31")), ErrorCode.invalidValue, /year end \(2024-03-31\) is before the as-at date/);
    expectError(netWeeklyCost(cell(1_000), cell(800), cell("50%")), ErrorCode.invalidValue, /more than the weekly cost/);
    expectError(netWeeklyCost(cell(1_000), cell(0.25)), ErrorCode.invalidValue, /health "0.25" could be a share or pence/);
  });
});

describe("LAC.COSTSUMMARY", () => {
  const episodes = [
    ["CHILD", "DECOM", "DEC", "PLACE", "PLACE_PROVIDER", "WEEKLY_COST", "LOCATION"],
    ["A", "2023-04-01", "2023-04-15", "U4", "PR4", 700, "OUT"],
    ["A", "2023-04-15", "", "U4", "PR4", 700, "OUT"],
    ["B", "2023-03-01", "2023-04-08", "K2", "PR1", 3_500, "IN"],
    ["C", "2023-04-10", "2023-04-24", "U1", "PR1", "", "IN"],
    ["D", "nonsense", "2023-04-24", "U1", "PR1", 100, "IN"],
  ];
  const children = [
    ["CHILD", "SEX", "DOB"],
    ["A", 1, "2010-05-01"],
    ["B", 2, "2008-01-01"],
    ["C", 1, "2015-09-09"],
  ];
  const period = [cell("2023-04-01"), cell("2023-04-30")] as const;

  it("spills costs by placement group, largest first, with a total row and a note of what was left out", () => {
    const table = costSummary(episodes, children, ...period);
    expect(table[0]).toEqual(["Placement group", "Total £", "Time (weeks)", "Avg cost/week", "Episodes"]);
    expect(table[1]).toEqual(["LA Residential in LA", 3_500, 1, 3_500, 1]);
    // 14 days then 16 days (to 30 April) at £700 a week.
    expect(table[2][0]).toBe("Agency Foster Care out LA");
    expect(table[2][1]).toBeCloseTo(3_000, 9);
    expect(table[2][2]).toBeCloseTo(30 / 7, 12);
    expect(table[2][3]).toBeCloseTo(700, 9);
    expect(table[2][4]).toBe(2);
    // C's kinship placement has no weekly cost and no unit cost given: the national card costs it (£213 a week), and a note says so.
    expect(table[3]).toEqual(["LA Kinship Care in LA", 426, 2, 213, 1]);
    expect(table[4][0]).toBe("All placement types");
    expect(table[4][1]).toBeCloseTo(6_926, 9);
    expect(table[4][2]).toBeCloseTo(51 / 7, 12);
    expect(table[4][3]).toBeCloseTo((6_926 * 7) / 51, 9);
    expect(table[4][4]).toBe(4);
    expect(table[5][0]).toBe("Costed from national unit costs (docs/national-unit-costs.md), where neither WEEKLY_COST nor unitCosts gives a cost: £426 of the total, 2.0 weeks");
    expect(table[6][0]).toMatch(/^Rows not read: 1 episode row; first: Episodes row 6, DECOM: "nonsense" is not a date/);
    expect(table).toHaveLength(7);
    for (const row of table) expect(row).toHaveLength(5);
  });

  it("says which rows it read with a correction: a WEEKLY_COST that is no amount is costed from the unit costs, and a note says so", () => {
    const tbc = [episodes[0], ["E", "2023-04-10", "2023-04-24", "U4", "PR1", "TBC", "IN"]];
    const table = costSummary(tbc, children, ...period);
    expect(table[table.length - 1][0]).toMatch(/^Rows read with a correction: 1 episode row; first: Episodes row 2, WEEKLY_COST "TBC" is not a cost of zero or more: the unit cost is used instead$/);
  });

  it("lists a group no cost reaches with its weeks and a blank total, and says it is not costed", () => {
    const offender = [episodes[0], ["E", "2023-04-10", "2023-04-24", "R5", "PR1", "", "IN"]];
    const table = costSummary(offender, children, ...period);
    expect(table[1]).toEqual(["LA Young Offenders Inst in LA", "", 2, "", 1]);
    expect(table[3][0]).toBe("Not costed (no weekly cost and no unit cost): 1 episode, 2.0 weeks, in LA Young Offenders Inst in LA");
  });

  it("costs episodes without a weekly cost from a unit-cost table", () => {
    const unitCosts = [
      ["Placement type", "Provided by", "Weekly cost"],
      ["Kinship care", "LA", 210],
    ];
    const table = costSummary(episodes, children, ...period, unitCosts);
    const kinship = table.find((row) => row[0] === "LA Kinship Care in LA");
    expect(kinship).toEqual(["LA Kinship Care in LA", 420, 2, 210, 1]);
    expect(table.find((row) => row[0] === "All placement types")?.[1]).toBeCloseTo(6_920, 9);
    expect(table.some((row) => String(row[0]).startsWith("Not costed"))).toBe(false);
  });

  it("says which table lacks which column, and checks the period", () => {
    expectError(costSummary([["CHILD", "DEC", "PLACE"]], children, ...period), ErrorCode.invalidValue, /^episodes: missing column DECOM/);
    expectError(costSummary(episodes, [["CHILD"], ["A"]], ...period), ErrorCode.invalidValue, /^children: missing column DOB/);
    expectError(costSummary(episodes, children, period[1], period[0]), ErrorCode.invalidValue, /period ends \(2023-04-01\) before it starts/);
    expectError(costSummary(episodes, children, column("2023-04-01", "2023-05-01"), period[1]), ErrorCode.invalidValue, /periodStart must be a single cell/);
    expectError(costSummary(episodes, null as unknown as unknown[][], ...period), ErrorCode.notAvailable, /children is missing/);
  });

  it("agrees with LAC.COST row by row and with LAC.AVGWEEKLYCOST on its own columns", () => {
    const costed = episodes.slice(1, 4);
    const costs = cost(
      costed.map((row) => [row[5]]),
      costed.map((row) => [row[1]]),
      costed.map((row) => [row[2]]),
      ...period,
    ) as number[][];
    const table = costSummary([episodes[0], ...costed], children, ...period);
    const totalRow = table.find((row) => row[0] === "All placement types") as number[];
    expect(totalRow[1]).toBeCloseTo(costs.reduce((sum, [value]) => sum + value, 0), 9);

    const groupRows = table.slice(0, 3);
    const average = avgWeeklyCost(
      groupRows.map((row) => [row[1]]),
      groupRows.map((row) => [row[2]]),
      groupRows.map((row) => [row[0]]),
      cell("Agency Foster Care out LA"),
    );
    expect(average).toBeCloseTo(table[2][3] as number, 9);
  });

  it("never returns a raw error object outside the grid", () => {
    const table = costSummary(episodes, children, ...period);
    expect(table.flat().some(isExcelError)).toBe(false);
  });
});

describe("cells holding data types (functions.json allows them: allowCustomDataForDataTypeAny)", () => {
  // The cell value objects Excel passes (Excel.DoubleCellValue, FormattedNumberCellValue, StringCellValue, EntityCellValue).
  const double = (basicValue: number) => ({ type: "Double", basicType: "Double", basicValue });
  const formatted = (basicValue: number) => ({ type: "FormattedNumber", basicValue, numberFormat: "£#,##0.00" });
  const text = (basicValue: string) => ({ type: "String", basicType: "String", basicValue });
  const entity = { type: "Entity", text: "Foster placement", basicType: "Error", basicValue: "#VALUE!", properties: { cost: double(700) } };

  it("reads a data type by its basic value, as Excel's own functions do", () => {
    expect(cost(cell(double(700)), cell(APRIL_2023), cell(serial(2023, 4, 15)))).toEqual([[1400]]);
    expect(cost(cell(formatted(700)), cell(text("2023-04-01")), cell(serial(2023, 4, 15)))).toEqual([[1400]]);
    expect(financialYear(cell(double(MARCH_2024)))).toEqual([["2023-24"]]);
    expect(placementGroup(cell(text("U4")), cell("PR1"), cell("IN"))).toEqual(placementGroup(cell("U4"), cell("PR1"), cell("IN")));
    expect(fullYearSaving(cell({ type: "Entity", text: "Cost", basicValue: 5 }), cell(double(3)))).toEqual([[104]]);
  });

  it("gives an entity, whose basic value is #VALUE!, an error with the reason in its own row only", () => {
    const result = cost(column(700, entity, formatted(350)), cell(APRIL_2023), cell(serial(2023, 4, 15)));
    expect(result[0]).toEqual([1400]);
    expectError(result[1][0], ErrorCode.invalidValue, /weeklyCost.*holds a data type \(Entity\) whose value is #VALUE!/);
    expect(result[2]).toEqual([700]);
    expectError(financialYear(cell({ type: "Error", basicType: "Error", basicValue: "#N/A", errorType: "NotAvailable" })), ErrorCode.invalidValue, /date holds an error whose value is #N\/A/);
  });
});
