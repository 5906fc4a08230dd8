import fc from "fast-check";
import { Day, addMonths, dayFromYmd, excelSerialOfDay } from "../../src/engine/dates";
import { Child, dataLastDate, Episode, readChildren, readEpisodes } from "../../src/engine/episodes";
import { runForecast } from "../../src/engine/forecast";
import { generateSample } from "../../src/engine/sample";
import { DemandChangeScenario, PlacementMoveScenario, SCENARIO_HEADERS, Scenario, ScenarioError, WorkforceScenario, demandAdjustments, evaluateScenarios, percentFraction, readScenarios, scenarioRowCells } from "../../src/engine/scenarios";
import { PRESET_AGENCY_COST_PER_FTE, PRESET_AGENCY_FTE, PRESET_NAMES, PRESET_PERMANENT_COST_PER_FTE, presetEffectiveDate, presetScenario, presetScenarioRow } from "../../src/engine/scenarioPresets";
import { Table } from "../../src/engine/table";
import { UnitCostTable, readUnitCosts } from "../../src/engine/unitCosts";

const day = (text: string): Day => {
  const [y, m, d] = text.split("-").map(Number);
  return dayFromYmd(y, m, d);
};

function move(fields: Partial<PlacementMoveScenario>): PlacementMoveScenario {
  return {
    kind: "Placement move",
    row: 0,
    name: "move",
    effectiveDate: day("2023-10-01"),
    from: "IFA",
    to: "In-house",
    children: 1,
    currentWeekly: 0,
    newWeekly: 0,
    basis: "per child",
    ...fields,
  };
}

const noData = { episodes: [], children: [] };

describe("placement moves: the councils' reference figures", () => {
  it("15 children from IFA (£13,110 a week in total) to in-house care (£6,930) save £6,180 a week and £321,360 a year", () => {
    const [result] = evaluateScenarios([move({ children: 15, currentWeekly: 13_110, newWeekly: 6_930, basis: "total" })], noData);
    expect(result.error).toBeNull();
    expect(result.savings).toMatchObject({ weekly: 6_180, fullYear: 321_360, financialYear: "2023-24", daysInEffect: 183 });
    // 1 October 2023 to 31 March 2024 is 183 of the 366 days of 2023-24.
    expect(result.savings!.inYear).toBeCloseTo((321_360 * 183) / 366, 9);
    expect(result.savings!.nextYear).toBeCloseTo(321_360 - (321_360 * 183) / 366, 9);
  });

  it("7 children from independent children's homes (£30,289) to in-house foster care (£3,234) save £27,055 a week and £1,406,860 a year", () => {
    const [result] = evaluateScenarios([move({ children: 7, currentWeekly: 30_289, newWeekly: 3_234, basis: "total" })], noData);
    expect(result.savings).toMatchObject({ weekly: 27_055, fullYear: 1_406_860 });
  });

  it("multiplies per-child costs by the number of children", () => {
    const [result] = evaluateScenarios([move({ children: 3, currentWeekly: 5_000, newWeekly: 500, basis: "per child", effectiveDate: day("2024-03-25") })], noData);
    expect(result.move).toMatchObject({ currentWeeklyTotal: 15_000, newWeeklyTotal: 1_500, weeklySaving: 13_500 });
    // 25 to 31 March: 7 of the 366 days of 2023-24.
    expect(result.savings!.inYear).toBeCloseTo((702_000 * 7) / 366, 9);
    expect(result.savings!.fullYear).toBe(702_000);
  });
});

describe("workforce changes", () => {
  it("values FTE × the difference in annual cost, weekly as ÷ 52, in-year pro rata by days of the financial year", () => {
    const scenario: WorkforceScenario = {
      kind: "Workforce",
      row: 0,
      name: "agency to permanent",
      effectiveDate: day("2024-10-01"),
      fte: 5,
      currentCostPerFte: 86_580,
      newCostPerFte: 52_000,
    };
    const [result] = evaluateScenarios([scenario], noData);
    expect(result.workforce!.annualSaving).toBe(172_900);
    expect(result.savings!.weekly).toBeCloseTo(3_325, 9);
    expect(result.savings!.fullYear).toBe(172_900);
    // 1 October 2024 to 31 March 2025 is 182 of the 365 days of 2024-25.
    expect(result.savings!.daysInEffect).toBe(182);
    expect(result.savings!.inYear).toBeCloseTo((172_900 * 182) / 365, 9);
    expect(result.savings!.nextYear).toBeCloseTo(172_900 - (172_900 * 182) / 365, 9);
  });

  it("counts 366 days in a financial year with 29 February", () => {
    const [result] = evaluateScenarios(
      [{ kind: "Workforce", row: 0, name: "w", effectiveDate: day("2023-04-01"), fte: 1, currentCostPerFte: 36_600, newCostPerFte: 0 }],
      noData,
    );
    expect(result.savings!.daysInEffect).toBe(366);
    expect(result.savings!.inYear).toBeCloseTo(36_600, 9);
    expect(result.savings!.nextYear).toBeCloseTo(0, 9);
  });
});

const scenarioTable: Table = {
  headers: ["Name", "Type", "From group", "To group", "Number of children", "Current weekly cost", "New weekly cost", "Basis", "Effective from", "Entries change", "Reunification", "Permanence", "FTE", "Agency cost per FTE", "Permanent cost per FTE"],
  rows: [
    ["IFA step-down", "Placement move", "IFA", "In-house", 15, "£13,110", 6_930, "Total", "2023-10-01", null, null, null, null, null, null],
    ["Fewer entries", "demand", null, null, null, null, null, null, excelSerialOfDay(day("2024-04-01")), "-10%", 0.2, 5, null, null, null],
    ["Agency", "Workforce", null, null, null, null, null, null, "01/10/2024", null, null, null, 5, 86_580, 52_000],
    ["Bad kind", "Restructure", null, null, null, null, null, null, "2024-01-01", null, null, null, null, null, null],
    ["No date", "Placement move", "A", "B", 1, 100, 50, null, null, null, null, null, null, null, null],
    ["Half a child", "Placement move", "A", "B", 1.5, 100, 50, "each", "2024-01-01", null, null, null, null, null, null],
    ["Negative cost", "Placement move", "A", "B", 2, -100, 50, null, "2024-01-01", null, null, null, null, null, null],
    ["Odd basis", "Placement move", "A", "B", 2, 100, 50, "monthly", "2024-01-01", null, null, null, null, null, null],
    ["Nothing changes", "Demand change", null, null, null, null, null, null, "2024-01-01", null, null, null, null, null, null],
    ["Too few", "Demand change", null, null, null, null, null, null, "2024-01-01", "-150%", null, null, null, null, null],
    [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    ["No FTE", "Workforce", null, null, null, null, null, null, "2024-01-01", null, null, null, null, 80_000, 50_000],
  ],
  firstRowNumber: 5,
};

describe("reading the Scenarios table", () => {
  const result = readScenarios(scenarioTable);

  it("reads each kind under its usual headers", () => {
    expect(result.records).toHaveLength(3);
    const [moveRow, demandRow, workforceRow] = result.records;
    expect(moveRow).toEqual({
      kind: "Placement move",
      row: 5,
      name: "IFA step-down",
      effectiveDate: day("2023-10-01"),
      from: "IFA",
      to: "In-house",
      children: 15,
      currentWeekly: 13_110,
      newWeekly: 6_930,
      basis: "total",
    });
    expect(demandRow).toMatchObject({ kind: "Demand change", effectiveDate: day("2024-04-01"), entriesChange: -0.1, reunificationChange: 0.2, permanenceChange: 0.05 });
    expect(workforceRow).toMatchObject({ kind: "Workforce", effectiveDate: day("2024-10-01"), fte: 5, currentCostPerFte: 86_580, newCostPerFte: 52_000 });
  });

  it("rejects each bad row with its row number and reason, and counts rows in = used + rejected", () => {
    expect(result.rowsIn).toBe(11);
    expect(result.rowsRejected).toBe(8);
    expect(result.rowsIn).toBe(result.records.length + result.rowsRejected);
    const reasons = result.issues.map((i) => [i.row, i.column, i.reason]);
    expect(reasons).toEqual([
      [8, "Kind", expect.stringContaining('"Restructure" is not one of')],
      [9, "Effective date", "Effective date is blank"],
      [10, "Children", "Children 1.5 is not a whole number"],
      [11, "Current weekly cost", expect.stringContaining('"-100" is not a weekly cost of zero or more')],
      [12, "Cost basis", 'Cost basis "monthly" is not "per child" or "total"'],
      [13, "Entries change %", "a demand change needs an entries, reunification or permanence change"],
      [14, "Entries change %", expect.stringContaining("below zero")],
      [16, "FTE", "FTE (a number of FTE) is blank"],
    ]);
    expect(result.issues.every((i) => i.table === "Scenarios" && i.action === "rejected")).toBe(true);
  });

  it("reads percentages as text with %, Excel fractions, or plain numbers of per cent", () => {
    expect(percentFraction("-10%")).toBeCloseTo(-0.1, 12);
    expect(percentFraction(0.2)).toBe(0.2);
    expect(percentFraction(20)).toBe(0.2);
    expect(percentFraction(1)).toBe(1);
    expect(percentFraction("12.5 %")).toBeCloseTo(0.125, 12);
    expect(percentFraction(null)).toBeNull();
    expect(percentFraction("lots")).toBe("invalid");
  });

  it("says which columns are missing when the table is not a Scenarios table", () => {
    expect(() => readScenarios({ headers: ["CHILD", "DECOM"], rows: [] })).toThrow(/missing columns Scenario, Kind, Effective date/);
  });
});

describe("demand changes", () => {
  // Data to 30 September, so that a change effective the next day has half a year in its financial year.
  const sample = generateSample({ children: 300, seed: 42, end: day("2023-09-30") });
  const episodes = readEpisodes(sample.episodes).records;
  const children = readChildren(sample.children, sample.uasc).records;
  const unitCosts = new UnitCostTable(readUnitCosts(sample.unitCosts).records);
  const start = dataLastDate(episodes)!;
  const context = { episodes, children, forecast: { unitCosts } };
  const demand = (fields: Partial<DemandChangeScenario>): DemandChangeScenario => ({
    kind: "Demand change",
    row: 0,
    name: "demand",
    effectiveDate: start + 1,
    entriesChange: 0,
    reunificationChange: 0,
    permanenceChange: 0,
    ...fields,
  });

  it("turns the changes into the forecast's rate adjustments", () => {
    expect(demandAdjustments({ entriesChange: -0.1, reunificationChange: 0.2, permanenceChange: 0.3 })).toEqual([
      { kind: "entry", to: "*", multiply: 0.9 },
      { kind: "transition", from: "*", to: "Returned home", multiply: 1.2 },
      { kind: "transition", from: "*", to: "Adopted", multiply: 1.3 },
      { kind: "transition", from: "*", to: "Special guardianship / CAO", multiply: 1.3 },
    ]);
    expect(demandAdjustments({ entriesChange: 0, reunificationChange: 0, permanenceChange: 0 })).toEqual([]);
  });

  const [none, fewer10, fewer20, reunify, later] = evaluateScenarios(
    [
      demand({ name: "no change" }),
      demand({ name: "10% fewer entries", entriesChange: -0.1 }),
      demand({ name: "20% fewer entries", entriesChange: -0.2 }),
      demand({ name: "20% more reunification", reunificationChange: 0.2 }),
      demand({ name: "10% fewer entries, 100 days later", entriesChange: -0.1, effectiveDate: start + 101 }),
    ],
    context,
  );

  it("saves nothing when nothing changes", () => {
    expect(none.error).toBeNull();
    expect(none.savings).toMatchObject({ weekly: 0, fullYear: 0, inYear: 0, nextYear: 0 });
    expect(none.demand!.baselineChildren).toBe(none.demand!.scenarioChildren);
  });

  it("saves the cost difference from the baseline forecast over the rest of the financial year", () => {
    const baseline = runForecast(episodes, children, { unitCosts, months: 30 });
    const adjusted = runForecast(episodes, children, { unitCosts, months: 30, adjustments: [{ kind: "entry", to: "*", multiply: 0.9 }] });
    // The first financial year of the forecast runs from the day after its start to 31 March: the in-year span of a change effective then.
    const direct = baseline.costPerYear[0].cost - adjusted.costPerYear[0].cost;
    expect(direct).toBeGreaterThan(0);
    // Monthly figures are interpolated to the year's last day: within a day's worth of the daily figure.
    expect(Math.abs(fewer10.savings!.inYear - direct)).toBeLessThan(direct * 0.01);
    expect(fewer10.demand!.scenarioChildren).toBeLessThan(fewer10.demand!.baselineChildren);
  });

  it("saves more for a bigger change, and reunification saves too", () => {
    expect(fewer10.savings!.fullYear).toBeGreaterThan(0);
    expect(fewer20.savings!.fullYear).toBeGreaterThan(fewer10.savings!.fullYear);
    expect(reunify.savings!.fullYear).toBeGreaterThan(0);
    expect(fewer10.savings!.weekly).toBeCloseTo(fewer10.savings!.fullYear / 52, 9);
  });

  it("places the change's effect from its effective date: later in the year, less in-year saving, the same first 12 months", () => {
    expect(later.savings!.daysInEffect).toBe(fewer10.savings!.daysInEffect - 100);
    expect(later.savings!.inYear).toBeLessThan(fewer10.savings!.inYear);
    // Both first years are 365 days (no 29 February in either), so the full-year effect is the same.
    expect(addMonths(start + 101, 12) - (start + 101)).toBe(addMonths(start + 1, 12) - (start + 1));
    expect(later.savings!.fullYear).toBeCloseTo(fewer10.savings!.fullYear, 6);
    expect(later.savings!.nextYear).toBeCloseTo(later.demand!.nextYearSaving - later.savings!.inYear, 6);
  });

  it("reports a scenario it cannot value and still values the others", () => {
    const results = evaluateScenarios([demand({ entriesChange: -0.1 }), move({ children: 1, currentWeekly: 700, newWeekly: 0 })], noData);
    expect(results[0]).toMatchObject({ savings: null, error: expect.stringMatching(/no episodes/) });
    expect(results[1].savings!.weekly).toBe(700);
  });

  it("says a forecast without costs cannot value a demand change", () => {
    const uncosted = episodes.map((e) => ({ ...e, weeklyCost: null }));
    const [result] = evaluateScenarios([demand({ entriesChange: -0.1 })], { episodes: uncosted, children });
    expect(result.error).toMatch(/no costs/);
  });
});

describe("presets", () => {
  // Three children's homes (two of the children 16 or over), twenty IFA placements and two in-house ones, open on 31 March 2024.
  const asAt = day("2024-03-31");
  let row = 2;
  const open = (child: string, place: string, provider: string, weeklyCost: number | null): Episode => ({
    row: row++,
    child,
    start: day("2023-06-01"),
    end: null,
    rne: "S",
    ls: "C2",
    cin: "N1",
    place,
    provider,
    rec: "",
    reasonPlaceChange: "",
    urn: "",
    weeklyCost,
    location: "In LA",
    ebd: false,
  });
  const closed: Episode = { ...open("gone", "K2", "PR4", 9_999), start: day("2022-01-01"), end: asAt };
  const episodes: Episode[] = [
    open("h1", "K2", "PR4", 4_000),
    open("h2", "K2", "PR4", 5_000),
    open("h3", "R1", "PR1", 6_000),
    ...Array.from({ length: 20 }, (_, i) => open(`ifa${i}`, "U4", "PR4", 900)),
    open("lf1", "U4", "PR1", 450),
    open("lf2", "U6", "PR1", 550),
    closed,
  ];
  const dobs: Record<string, string> = { h1: "2007-01-01", h2: "2010-01-01", h3: "2008-03-31" };
  const children: Child[] = Object.entries(dobs).map(([child, dob], i) => ({ row: i + 2, child, sex: "1", dob: day(dob), ethnic: "WBRI", uasc: false }));
  const unitCosts = new UnitCostTable([
    { type: "Foster care", provided: "LA", location: null, weeklyCost: 500, row: 2 },
    { type: "Semi-Independence", provided: "Agency", location: null, weeklyCost: 1_750, row: 3 },
  ]);
  const context = { episodes, children, unitCosts };

  it("moves a tenth (at least one) of the children now in the source group, at their mean weekly cost, to the destination's unit cost", () => {
    const home = presetScenario("Children's home → in-house foster care", context);
    expect(home.scenario).toEqual({
      kind: "Placement move",
      row: 0,
      name: "Children's home → in-house foster care",
      // The data ends on 30 March 2024: six months on would pass 31 March, so the preset takes effect on the year's last day and says so.
      effectiveDate: day("2024-03-31"),
      from: "children's homes",
      to: "in-house foster care",
      children: 1,
      currentWeekly: 5_000,
      newWeekly: 500,
      basis: "per child",
    });
    expect(home.explanation[0]).toMatch(/of the 3 children in children's homes/);
    const ifa = presetScenario("IFA → in-house foster care", context).scenario as PlacementMoveScenario;
    expect(ifa).toMatchObject({ children: 2, currentWeekly: 900, newWeekly: 500 });
  });

  it("moves only children of 16 or over from children's homes to supported accommodation", () => {
    const preset = presetScenario("Children's home → supported accommodation", context).scenario as PlacementMoveScenario;
    // h1 is 17 and h3 turns 16 on the day; h2 is 14.
    expect(preset).toMatchObject({ children: 1, currentWeekly: 5_000, newWeekly: 1_750 });
  });

  it("takes effect six months on when that is inside the year being monitored, else on the 1st of the next month, and says why", () => {
    expect(presetEffectiveDate(day("2023-07-31"))).toEqual({ day: day("2024-01-31"), explanation: expect.stringMatching(/^Effective date: 6 months after/) });
    const late = presetEffectiveDate(day("2023-11-30"));
    expect(late.day).toBe(day("2023-12-01"));
    expect(late.explanation).toMatch(/^Effective date: 01\/12\/2023, inside 2023-24, the year being monitored; .* after 31 March \(30\/05\/2024\)/);
  });

  it("takes the destination's observed mean when the unit-cost table has no price for it", () => {
    const preset = presetScenario("IFA → in-house foster care", { episodes, children }).scenario as PlacementMoveScenario;
    expect(preset.newWeekly).toBe(500);
  });

  it("fills demand and workforce presets with their stated defaults, inside the year being monitored", () => {
    expect(presetScenario("Reduce entries by 10%", context).scenario).toMatchObject({ kind: "Demand change", entriesChange: -0.1, effectiveDate: day("2024-03-31") });
    expect(presetScenario("Increase reunification by 20%", context).scenario).toMatchObject({ reunificationChange: 0.2, entriesChange: 0 });
    expect(presetScenario("Agency social workers → permanent", context).scenario).toMatchObject({
      fte: PRESET_AGENCY_FTE,
      currentCostPerFte: PRESET_AGENCY_COST_PER_FTE,
      newCostPerFte: PRESET_PERMANENT_COST_PER_FTE,
    });
  });

  it("gives rows that read back as the same scenarios, under the table's own headers", () => {
    const rows = PRESET_NAMES.map((name) => presetScenarioRow(name, context).row);
    const headers = [...SCENARIO_HEADERS].reverse().map((h) => (h === "Current weekly cost" ? "Current weekly" : h));
    const table: Table = { headers, rows: rows.map((r) => scenarioRowCells(r, headers)) };
    const read = readScenarios(table);
    expect(read.issues).toEqual([]);
    const expected = PRESET_NAMES.map((name) => presetScenario(name, context).scenario);
    expect(read.records.map((s): Scenario => ({ ...s, row: 0 }))).toEqual(expected);
  });

  it("says when there is nothing to draw defaults from", () => {
    expect(() => presetScenario("Reduce entries by 10%", { episodes: [] })).toThrow(ScenarioError);
  });
});

describe("a placement move's figures (property)", () => {
  it("in-year + next-year = full year for any move that saves, and weekly × 52 = full year", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: day("2020-01-01"), max: day("2030-12-31") }),
        (children, current, next, effectiveDate) => {
          const [result] = evaluateScenarios([move({ children, currentWeekly: Math.max(current, next), newWeekly: Math.min(current, next), effectiveDate })], noData);
          const s = result.savings!;
          expect(s.fullYear).toBeCloseTo(s.weekly * 52, 6);
          expect(s.inYear).toBeLessThanOrEqual(s.fullYear);
          expect(s.inYear + s.nextYear).toBeCloseTo(s.fullYear, 6);
        },
      ),
      { numRuns: 300 },
    );
  });
});
