import { Day, dayFromYmd } from "../../src/engine/dates";
import { readChildren, readEpisodes } from "../../src/engine/episodes";
import { ForecastResult, runForecast } from "../../src/engine/forecast";
import { RowIssue } from "../../src/engine/quality";
import { generateSample } from "../../src/engine/sample";
import { ScenarioEvaluation, evaluateScenarios } from "../../src/engine/scenarios";
import { CostSummaries } from "../../src/engine/summaries";
import { normaliseHeader } from "../../src/engine/table";
import { UnitCostTable, readUnitCosts } from "../../src/engine/unitCosts";
import { budgetVariance } from "../../src/engine/variance";
import { COSTS_TABLES, costsReport } from "../../src/reports/costsReport";
import { DATA_QUALITY_TABLES, dataQualityReport } from "../../src/reports/dataQualityReport";
import type { InputCount } from "../../src/engine/pipeline";
import { FORECAST_TABLES, forecastReport } from "../../src/reports/forecastReport";
import { SCENARIO_TABLES, scenariosReport } from "../../src/reports/scenariosReport";
import { ReportSettings, readSettings, settingsSheet } from "../../src/reports/settings";
import { VARIANCE_TABLES, varianceReport } from "../../src/reports/varianceReport";
import { layoutSheet } from "../../src/workbook/layout";
import type { ChartBlock, KeyValueBlock, NoteBlock, SheetSpec, TableBlock } from "../../src/workbook/spec";
import { columnOf, tableOf } from "./fakeWorkbook";

const day = (text: string): Day => {
  const [y, m, d] = text.split("-").map(Number);
  return dayFromYmd(y, m, d);
};

function charts(spec: SheetSpec): ChartBlock["chart"][] {
  return spec.blocks.filter((b): b is ChartBlock => b.kind === "chart").map((b) => b.chart);
}

function notes(spec: SheetSpec): NoteBlock[] {
  return spec.blocks.filter((b): b is NoteBlock => b.kind === "note");
}

function pairs(spec: SheetSpec): Record<string, unknown> {
  const block = spec.blocks.find((b): b is KeyValueBlock => b.kind === "keyValues");
  return Object.fromEntries((block?.pairs ?? []).map((p) => [p.key, p.value]));
}

function kinds(block: TableBlock): Record<string, string> {
  return Object.fromEntries(block.columns.map((c) => [c.header, c.kind]));
}

function totals(block: TableBlock): Record<string, unknown> {
  return Object.fromEntries(block.columns.filter((c) => c.total !== undefined).map((c) => [c.header, c.total]));
}

describe("LAC Costs", () => {
  const line = (total: number, weeks: number, uncostedWeeks = 0, nationalTotal = 0, nationalWeeks = 0) => ({
    total,
    weeks: weeks + uncostedWeeks,
    costedWeeks: weeks,
    avgWeekly: weeks > 0 ? total / weeks : null,
    nationalTotal,
    nationalWeeks,
  });
  const summaries: CostSummaries = {
    period: { start: day("2023-04-01"), end: day("2024-03-31") },
    byGroup: [
      { group: "Agency Residential out LA", type: "Residential", provided: "Agency", location: "Out LA", episodes: 2, ...line(70_000, 14) },
      { group: "LA Foster Care in LA", type: "Foster care", provided: "LA", location: "In LA", episodes: 3, ...line(10_000, 20, 0, 4_000, 8) },
      { group: "LA Other", type: "Other", provided: "LA", location: "N/A", episodes: 1, ...line(0, 0, 2.5) },
    ],
    byAgeAndNeeds: [
      { age: -1, needs: "None", ...line(5_000, 10) },
      { age: 15, needs: "Disabilities only", ...line(75_000, 24) },
    ],
    byTimeInCare: [
      { band: "Under 6 months", ...line(80_000, 34, 2.5) },
      { band: "6 to 12 months", ...line(0, 0) },
    ],
    total: line(80_000, 34, 2.5, 4_000, 8),
    uncosted: { episodes: 1, weeks: 2.5, groups: ["LA Other"] },
    episodesWithoutChild: 1,
  };
  const spec = costsReport(summaries, { lastDate: day("2024-03-31"), episodesRead: 6, childrenRead: 4, unitCosts: 10 });

  it("names the sheet and its tables, and lays out without error", () => {
    expect(spec.name).toBe("LAC Costs");
    expect(spec.blocks.filter((b) => b.kind === "table").map((b) => (b as TableBlock).name)).toEqual([
      COSTS_TABLES.byGroup,
      COSTS_TABLES.byAgeAndNeeds,
      COSTS_TABLES.byTimeInCare,
    ]);
    expect(() => layoutSheet(spec)).not.toThrow();
    expect(costsReport(summaries, { lastDate: null, episodesRead: 0, childrenRead: 0, unitCosts: 0 }, { sheetName: "Costs 2024" }).name).toBe("Costs 2024");
  });

  it("gives each summary its figures, £ and week formats, and totals rows", () => {
    const byGroup = tableOf(spec, COSTS_TABLES.byGroup);
    // Every group, costed or not, with its weeks; an uncosted group's total is blank, not £0.
    expect(byGroup.rows).toEqual([
      ["Agency Residential out LA", "Residential", "Agency", "Out LA", 2, 70_000, 14, 5_000, 14, 0],
      ["LA Foster Care in LA", "Foster care", "LA", "In LA", 3, 10_000, 20, 500, 20, 4_000],
      ["LA Other", "Other", "LA", "N/A", 1, null, 2.5, null, 0, 0],
    ]);
    expect(kinds(byGroup)).toMatchObject({ Episodes: "integer", "Total cost": "currency", "Time (weeks)": "weeks", "Avg cost/week": "currency", "Costed (weeks)": "weeks" });
    expect(totals(byGroup)).toEqual({
      "Placement group": { label: "Total" },
      Episodes: "sum",
      "Total cost": "sum",
      "Time (weeks)": "sum",
      "Avg cost/week": { ratioOf: ["Total cost", "Costed (weeks)"] },
      "Costed (weeks)": "sum",
      "From national unit costs": "sum",
    });
    expect(byGroup.title).toBe("Costs by placement group: £80,000");
    // Every summary's average totals as the grand total over the weeks: the average per week of the whole period.
    const laid = layoutSheet(spec).tables;
    for (const name of Object.values(COSTS_TABLES)) {
      const table = laid.find((t) => t.name === name)!;
      expect(table.totals[table.headers.indexOf("Avg cost/week")]).toMatchObject({ kind: "ratio", result: summaries.total.avgWeekly });
    }

    const byAge = tableOf(spec, COSTS_TABLES.byAgeAndNeeds);
    expect(columnOf(byAge, "Age")).toEqual(["Unknown", 15]);
    const byTime = tableOf(spec, COSTS_TABLES.byTimeInCare);
    expect(columnOf(byTime, "Avg cost/week")).toEqual([80_000 / 34, null]);
  });

  it("states the period, the data's last date and the grand total, never the clock", () => {
    expect(pairs(spec)).toMatchObject({ "Period from": day("2023-04-01"), "Period to": day("2024-03-31"), "Data up to": day("2024-03-31"), "Total cost": 80_000 });
    expect(pairs(spec)).toMatchObject({ "Time in care": 36.5, "Time costed": 34 });
    const heading = spec.blocks.find((b): b is KeyValueBlock => b.kind === "keyValues");
    expect(heading?.title).toBe("Financial year 2023-24");
  });

  it("says what is not costed and which episodes have no child, in the same place every month", () => {
    expect(pairs(spec)).toMatchObject({
      "Not costed (not in the totals)": "1 episode, 2.5 weeks, in LA Other: add unit costs for them",
      "Episodes of children not in Children": "1 episode, costed with age Unknown",
    });
    const clean = costsReport(
      { ...summaries, total: line(80_000, 34), uncosted: { episodes: 0, weeks: 0, groups: [] }, episodesWithoutChild: 0 },
      { lastDate: null, episodesRead: 0, childrenRead: 0, unitCosts: 0 },
    );
    expect(pairs(clean)).toMatchObject({ "Not costed (not in the totals)": "None", "Episodes of children not in Children": "None", "Costed from national unit costs": "None" });
    expect(clean.blocks.map((b) => b.kind)).toEqual(spec.blocks.map((b) => b.kind));
  });

  it("says how much of the total is a national estimate, in £ and weeks", () => {
    expect(pairs(spec)["Costed from national unit costs"]).toBe("£4,000 (5.0% of the total) for 8.0 weeks: national estimates, not this council's prices");
  });

  it("charts cost by placement group and by time in care", () => {
    expect(charts(spec)).toEqual([
      expect.objectContaining({ type: "bar", table: COSTS_TABLES.byGroup, category: "Placement group", series: ["Total cost"] }),
      expect.objectContaining({ type: "column", table: COSTS_TABLES.byTimeInCare, series: ["Total cost"] }),
    ]);
  });
});

describe("LAC Forecast", () => {
  const categories = (fostering: number) => ({ Fostering: fostering, Residential: 10, Supported: 5, Other: 1 });
  const routes = (home: number) => ({ "Returned home": home, Adopted: 1, "Special guardianship / CAO": 0.5, "Aged out / independent living": 0.5, Other: 0 });
  const month = (date: Day, total: number, cost: number | null) => ({
    date,
    total,
    lower: total - 10,
    upper: total + 10,
    fan: { 5: total - 8, 25: total - 3, 50: total - 1, 75: total + 2, 95: total + 7 },
    byCategory: categories(total - 16),
    byBand: {},
    exitsByRoute: routes(2),
    exits: 4,
    entries: 5,
    cost,
  });
  const result = {
    options: { bandLevel: 0.9 },
    mode: "default",
    referenceStart: day("2021-03-31"),
    referenceEnd: day("2024-03-31"),
    start: day("2024-03-31"),
    end: day("2024-05-01"),
    lastDate: day("2024-03-31"),
    months: [month(day("2024-03-31"), 100, 0), month(day("2024-04-01"), 101, 3_000), month(day("2024-05-01"), 102, 90_000)],
    costPerYear: [{ label: "2024-25 (part)", from: day("2024-04-01"), to: day("2024-05-01"), cost: 90_000 }],
    cleaning: { rowsIn: 50, rowsOut: 48, rules: [{ rule: "duplicate (CHILD, DECOM)", rowsTouched: 2, description: "kept the latest" }] },
    targetDate: day("2024-05-01"),
    notes: ["12 days left out of the rates"],
    entryDrift: { yearly: 0.12, quarters: 8 },
    exitDrift: { yearly: 0.05, quarters: 8 },
  } as unknown as ForecastResult;
  const coverage = { level: 0.9, coverage: 0.875, innerCoverage: 0.5, cutoffs: [day("2023-03-31"), day("2023-06-30")], months: 24 };
  const spec = forecastReport(result, { target: 102, coverage });

  it("tables every reported month with the band, mix, flows and cost, and totals the flows and cost", () => {
    const monthly = tableOf(spec, FORECAST_TABLES.monthly);
    expect(monthly.rows).toHaveLength(3);
    expect(monthly.rows[1]).toEqual([day("2024-04-01"), 101, 91, 111, 93, 98, 100, 103, 108, 85, 10, 5, 1, 5, 4, 2, 1, 0.5, 0.5, 0, 3_000]);
    expect(kinds(monthly)).toMatchObject({ Date: "date", "Children in care": "number", Cost: "currency" });
    expect(totals(monthly)).toMatchObject({ Date: { label: "Total" }, Entries: "sum", "Exits, all routes": "sum", Cost: "sum" });
    expect(totals(monthly)["Children in care"]).toBeUndefined();
    expect(() => layoutSheet(spec)).not.toThrow();
  });

  it("draws the total, its band and the middle half as a fan chart", () => {
    expect(charts(spec)).toEqual([
      expect.objectContaining({
        type: "line",
        fan: true,
        table: FORECAST_TABLES.monthly,
        category: "Date",
        series: ["Children in care", "Lower", "Upper", "25th percentile", "75th percentile", "Median"],
        title: "Children in care with the 90% band and the 25th to 75th percentile",
      }),
    ]);
  });

  it("states the band's nominal and backtested coverage beside it", () => {
    const stated = pairs(spec);
    expect(stated["Band (90%) held the actual in backtests"]).toBe("88% of 24 months (2 cut-offs)");
    expect(stated["25th–75th percentile (50%) held the actual in backtests"]).toBe("50% of 24 months (2 cut-offs)");
    const without = pairs(forecastReport(result, { target: 102, coverage: null }));
    expect(without["Band (90%) held the actual in backtests"]).toMatch(/Not measurable/);
  });

  it("gives the target's date, cost per year, cleaning and the model's notes", () => {
    expect(pairs(spec)).toMatchObject({ Target: 102, "Target reached": day("2024-05-01"), "Band at the end (90%)": "92.0 to 112.0" });
    expect(tableOf(spec, FORECAST_TABLES.costByYear).rows).toEqual([["2024-25 (part)", 90_000]]);
    expect(tableOf(spec, FORECAST_TABLES.cleaning).rows).toEqual([["duplicate (CHILD, DECOM)", 2, "kept the latest"]]);
    expect(notes(spec).map((n) => n.text)).toContain("12 days left out of the rates");
  });

  it("says when the target is not reached and when there are no costs", () => {
    const uncosted = { ...result, targetDate: null, costPerYear: [], months: result.months.map((m) => ({ ...m, cost: null })) } as ForecastResult;
    const other = forecastReport(uncosted, { target: 50 });
    expect(pairs(other)["Target reached"]).toBe("Not within the forecast");
    expect(notes(other).some((n) => n.style === "warning" && /No costs/.test(n.text))).toBe(true);
    expect(pairs(forecastReport(result))).not.toHaveProperty("Target");
  });

  it("mirrors a real forecast month for month", () => {
    const sample = generateSample({ children: 120, seed: 5 });
    const episodes = readEpisodes(sample.episodes).records;
    const real = runForecast(episodes, readChildren(sample.children).records, { unitCosts: new UnitCostTable(readUnitCosts(sample.unitCosts).records), months: 6 });
    const monthly = tableOf(forecastReport(real), FORECAST_TABLES.monthly);
    expect(columnOf(monthly, "Children in care")).toEqual(real.months.map((m) => m.total));
    expect(columnOf(monthly, "Cost")).toEqual(real.months.map((m) => m.cost));
    expect(() => layoutSheet(forecastReport(real))).not.toThrow();
    expect(() => tableOf(forecastReport(real), FORECAST_TABLES.openModelCosts)).toThrow(/no table/);
  });

  it("shows the window the default mode chose, with every candidate's backtest error, and none where the window was set", () => {
    const sample = generateSample({ children: 120, seed: 5 });
    const episodes = readEpisodes(sample.episodes).records;
    const children = readChildren(sample.children).records;
    const real = runForecast(episodes, children, { months: 3 });
    const choice = real.windowChoice!;
    const spec = forecastReport(real);
    const window = tableOf(spec, FORECAST_TABLES.window);
    expect(window.title).toContain(`chosen by evidence: ${choice.chosen.label}`);
    expect(columnOf(window, "Window")).toEqual(choice.scores.map((s) => s.candidate.label));
    expect(columnOf(window, "Mean error")).toEqual(choice.scores.map((s) => s.error));
    expect(columnOf(window, "Chosen").filter((c) => c === "Chosen")).toHaveLength(1);
    expect(kinds(window)).toMatchObject({ "Mean error": "percent" });
    expect(notes(spec).some((n) => /Forecast rates from/.test(n.text))).toBe(true);
    expect(() => layoutSheet(spec)).not.toThrow();
    const fixed = forecastReport(runForecast(episodes, children, { months: 3, referenceStart: real.referenceStart }));
    expect(() => tableOf(fixed, FORECAST_TABLES.window)).toThrow(/no table/);
  });

  it("shows the regional model's own cost by month and item in reference mode", () => {
    const sample = generateSample({ children: 120, seed: 5 });
    const real = runForecast(readEpisodes(sample.episodes).records, readChildren(sample.children).records, { mode: "reference", months: 3 });
    const spec = forecastReport(real);
    const costs = tableOf(spec, FORECAST_TABLES.openModelCosts);
    const months = [...new Set(real.referenceCosts?.months.map((m) => m.month))];
    expect(columnOf(costs, "Month")).toEqual(months);
    const ifa = real.referenceCosts?.months.filter((m) => m.item === "Fostering (IFA)").map((m) => m.cost);
    expect(columnOf(costs, "Fostering (IFA)")).toEqual(ifa);
    const total = columnOf(costs, "Total") as number[];
    expect(total[0]).toBeCloseTo(real.referenceCosts?.months.filter((m) => m.month === months[0]).reduce((sum, m) => sum + m.cost, 0) ?? NaN, 6);
    expect(totals(costs)).toMatchObject({ Month: { label: "Total" }, Total: "sum" });
    expect(notes(spec).some((n) => /Fostering \(IFA\) £250/.test(n.text))).toBe(true);
    expect(() => layoutSheet(spec)).not.toThrow();
  });
});

describe("LAC Scenarios", () => {
  const effective = day("2023-10-01");
  const evaluations: ScenarioEvaluation[] = evaluateScenarios(
    [
      { kind: "Placement move", row: 2, name: "IFA → in-house", effectiveDate: effective, from: "IFA", to: "In-house", children: 15, currentWeekly: 13_110, newWeekly: 6_930, basis: "total" },
      { kind: "Placement move", row: 3, name: "Homes → fostering", effectiveDate: effective, from: "Children's homes", to: "In-house", children: 7, currentWeekly: 30_289, newWeekly: 3_234, basis: "total" },
      { kind: "Workforce", row: 4, name: "Agency → permanent", effectiveDate: day("2023-04-01"), fte: 2, currentCostPerFte: 80_000, newCostPerFte: 50_000 },
      { kind: "Demand change", row: 5, name: "Fewer entries", effectiveDate: effective, entriesChange: -0.1, reunificationChange: 0, permanenceChange: 0 },
    ],
    { episodes: [], children: [] },
  );
  const spec = scenariosReport(evaluations);

  it("lists each valued scenario's weekly, full-year, in-year and next-year effect with totals", () => {
    const summary = tableOf(spec, SCENARIO_TABLES.summary);
    expect(columnOf(summary, "Scenario")).toEqual(["IFA → in-house", "Homes → fostering", "Agency → permanent"]);
    expect(columnOf(summary, "Weekly saving")).toEqual([6_180, 27_055, 60_000 / 52]);
    expect(columnOf(summary, "Full-year saving")).toEqual([321_360, 1_406_860, 60_000]);
    expect(columnOf(summary, "In-year saving")[0]).toBeCloseTo((321_360 * 183) / 366, 9);
    expect(columnOf(summary, "Financial year")).toEqual(["2023-24", "2023-24", "2023-24"]);
    expect(totals(summary)).toEqual({
      Scenario: { label: "Total" },
      "Weekly saving": "sum",
      "Full-year saving": "sum",
      "In-year saving": "sum",
      "Next-year effect": "sum",
    });
    expect(kinds(summary)).toMatchObject({ "Effective date": "date", "Weekly saving": "currency" });
    expect(notes(spec)[0].text).toMatch(/^3 scenarios valued: £1,788,220 a full year/);
  });

  it("details moves and workforce changes, and lists what could not be valued outside the totals", () => {
    expect(tableOf(spec, SCENARIO_TABLES.moves).rows[0]).toEqual(["IFA → in-house", "IFA", "In-house", 15, 13_110, 6_930, 6_180, 183]);
    expect(tableOf(spec, SCENARIO_TABLES.workforce).rows).toEqual([["Agency → permanent", 2, 80_000, 50_000, 60_000]]);
    expect(tableOf(spec, SCENARIO_TABLES.notValued).rows).toEqual([["Fewer entries", "Demand change", 5, expect.stringMatching(/no episodes/)]]);
    expect(spec.blocks.some((b) => b.kind === "table" && b.name === SCENARIO_TABLES.demand)).toBe(false);
    expect(() => layoutSheet(spec)).not.toThrow();
  });

  it("charts full-year and in-year savings by scenario", () => {
    expect(charts(spec)).toEqual([expect.objectContaining({ type: "column", table: SCENARIO_TABLES.summary, category: "Scenario", series: ["Full-year saving", "In-year saving"] })]);
  });

  it("says so when there is nothing to value", () => {
    const empty = scenariosReport([], { missingNote: "No Scenarios table was found." });
    expect(empty.blocks).toEqual([{ kind: "note", text: "No Scenarios table was found.", style: "warning" }]);
  });
});

describe("LAC Variance", () => {
  const report = budgetVariance(
    [
      { row: 2, line: "Placements", budget: 24_000_000, actualToDate: 16_500_000, forecastOutturn: 26_400_000, lastMonthForecast: 26_000_000 },
      { row: 3, line: "Agency social workers", budget: 3_000_000, actualToDate: null, forecastOutturn: 3_090_000, lastMonthForecast: null },
      { row: 4, line: "SEN transport", budget: 5_000_000, actualToDate: 3_000_000, forecastOutturn: 4_800_000, lastMonthForecast: 4_900_000 },
    ],
    { amberPercent: 2, redPercent: 8 },
  );
  const spec = varianceReport(report, {
    engineForecasts: [{ line: "Placements", spendToDate: 16_500_000, forecastToYearEnd: 9_900_000, forecastOutturn: 26_400_000, budgetTableActual: 16_400_000 }],
    placements: {
      financialYear: "2023-24",
      yearStart: day("2023-04-01"),
      yearEnd: day("2024-03-31"),
      asAt: day("2023-12-31"),
      spendToDate: 16_500_000,
      committedToYearEnd: 9_000_000,
      forecastToYearEnd: 9_900_000,
      unmodelledToYearEnd: 0,
      forecastOutturn: 26_400_000,
    },
  });

  it("gives each line its budget, forecast, variance, % (as a fraction), movement and RAG on the thresholds given", () => {
    const lines = tableOf(spec, VARIANCE_TABLES.lines);
    expect(lines.rows).toEqual([
      ["Placements", 24_000_000, 16_500_000, 26_400_000, 2_400_000, 0.1, 400_000, "Red", "Engine"],
      ["Agency social workers", 3_000_000, null, 3_090_000, 90_000, 0.03, null, "Amber", "Budget table"],
      ["SEN transport", 5_000_000, 3_000_000, 4_800_000, -200_000, -0.04, -100_000, "Green", "Budget table"],
    ]);
    expect(kinds(lines)).toMatchObject({ Budget: "currency", "Variance %": "percent", RAG: "text" });
    expect(totals(lines)).toEqual({
      "Budget line": { label: "Total" },
      Budget: "sum",
      "Actual to date": "sum",
      "Forecast outturn": "sum",
      Variance: "sum",
      Movement: "sum",
      RAG: { label: "Amber" },
      "Variance %": { ratioOf: ["Variance", "Budget"] },
    });
    // The totals row's Variance % is the total variance over the total budget, as the key figure says.
    const laid = layoutSheet(spec).tables[0];
    expect(laid.totals[laid.headers.indexOf("Variance %")]).toMatchObject({ kind: "ratio", result: expect.closeTo(2_290_000 / 32_000_000, 12) });
    expect(lines.columns.find((c) => c.header === "RAG")?.rag).toBe(true);
    const overall = spec.blocks.find((b): b is KeyValueBlock => b.kind === "keyValues")!.pairs.find((p) => p.key === "Overall RAG");
    expect(overall).toMatchObject({ value: "Amber", rag: true });
  });

  it("states the totals, the thresholds and where the engine's forecast came from", () => {
    expect(pairs(spec)).toMatchObject({ "Financial year": "2023-24", Budget: 32_000_000, Variance: 2_290_000, "Overall RAG": "Amber", "Lines Red / Amber / Green": "1 / 1 / 1" });
    expect(pairs(spec)["Variance %"]).toBeCloseTo(2_290_000 / 32_000_000, 12);
    const texts = notes(spec).map((n) => n.text);
    expect(texts).toContainEqual(expect.stringContaining("Amber: overspend above 2% of budget; Red: above 8%"));
    expect(texts).toContainEqual(
      "Placements: forecast outturn from the engine £26,400,000 = placements spend to date (1 April to 31/12/2023) £16,500,000 + forecast cost to 31 March £9,900,000.",
    );
    // The Budget table's own actual differs from the engine's: both are shown, with the difference, not a silent choice.
    expect(notes(spec)).toContainEqual({
      kind: "note",
      style: "warning",
      text: expect.stringContaining("the Budget table's actual to date is £16,400,000, the episodes' cost to date £16,500,000: a difference of -£100,000"),
    });
  });

  it("charts the variance by line", () => {
    expect(charts(spec)).toEqual([expect.objectContaining({ type: "column", table: VARIANCE_TABLES.lines, category: "Budget line", series: ["Variance"] })]);
  });
});

describe("LAC Data Quality", () => {
  const issues: RowIssue[] = [
    { table: "Budget", row: 4, column: "ACTUAL", action: "rejected", reason: 'ACTUAL: "twenty" is not an amount' },
    { table: "Episodes", row: 9, column: "DEC", action: "rejected", reason: "DEC (end date) is before DECOM (start date)" },
    { table: "Episodes", row: 3, column: "WEEKLY_COST", action: "corrected", reason: "WEEKLY_COST is not a cost" },
    { table: "Episodes", row: 3, column: "DECOM", action: "rejected", reason: "DECOM is blank" },
  ];
  const counts: InputCount[] = [
    { table: "Episodes", source: 'sheet "Episodes"', rowsIn: 10, rowsUsed: 8, rowsRejected: 2, rowsSuperseded: 0, status: "Read" },
    { table: "Budget", source: 'table "Budget"', rowsIn: 4, rowsUsed: 3, rowsRejected: 1, rowsSuperseded: 0, status: "Read" },
    { table: "Scenarios", source: null, rowsIn: 0, rowsUsed: 0, rowsRejected: 0, rowsSuperseded: 0, status: "Not found (optional)" },
  ];
  const spec = dataQualityReport(issues, counts);

  it("lists every rejected or corrected row with its table, row number, column and reason, in table and row order", () => {
    const rows = tableOf(spec, DATA_QUALITY_TABLES.issues);
    expect(rows.rows).toEqual([
      ["Episodes", 3, "DECOM", "Rejected", "DECOM is blank"],
      ["Episodes", 3, "WEEKLY_COST", "Corrected", "WEEKLY_COST is not a cost"],
      ["Episodes", 9, "DEC", "Rejected", "DEC (end date) is before DECOM (start date)"],
      ["Budget", 4, "ACTUAL", "Rejected", 'ACTUAL: "twenty" is not an amount'],
    ]);
    expect(columnOf(rows, "Row").every((r) => typeof r === "number")).toBe(true);
    expect(() => layoutSheet(spec)).not.toThrow();
  });

  it("reconciles each input: rows in = rows used + rows rejected, with corrected rows counted", () => {
    const inputs = tableOf(spec, DATA_QUALITY_TABLES.inputs);
    expect(inputs.rows).toEqual([
      ["Episodes", 'sheet "Episodes"', 10, 8, 2, 0, 1, "Yes", "Read"],
      ["Budget", 'table "Budget"', 4, 3, 1, 0, 0, "Yes", "Read"],
      ["Scenarios", "", 0, 0, 0, 0, 0, "Yes", "Not found (optional)"],
    ]);
    expect(totals(inputs)).toMatchObject({ "Rows in": "sum", "Rows used": "sum", "Rows rejected": "sum" });
    expect(notes(spec).some((n) => n.style === "warning")).toBe(false);
  });

  it("says in a sentence that no row was rejected or corrected, instead of a table of headers alone", () => {
    const clean = dataQualityReport([], counts.map((c) => ({ ...c, rowsUsed: c.rowsIn, rowsRejected: 0 })));
    expect(clean.blocks.some((b) => b.kind === "table" && b.name === DATA_QUALITY_TABLES.issues)).toBe(false);
    expect(notes(clean).map((n) => n.text)).toContain("No row was rejected, corrected or noted.");
    expect(clean.blocks.filter((b): b is TableBlock => b.kind === "table").every((t) => t.rows.length > 0)).toBe(true);
    expect(notes(spec).map((n) => n.text)).not.toContain("No row was rejected, corrected or noted.");
  });

  it("flags an input whose rows do not balance", () => {
    const broken = dataQualityReport([], [{ table: "Episodes", source: null, rowsIn: 5, rowsUsed: 3, rowsRejected: 1, rowsSuperseded: 0, status: "Read" }]);
    expect(columnOf(tableOf(broken, DATA_QUALITY_TABLES.inputs), "Balances")).toEqual(["No"]);
    expect(notes(broken).some((n) => n.style === "warning" && /do not balance for Episodes/.test(n.text))).toBe(true);
    expect(notes(broken)[0].text).toBe("Every row read was used as it was.");
  });
});

describe("LAC Settings", () => {
  const settings: ReportSettings = {
    period: { start: day("2023-04-01"), end: day("2024-03-31") },
    forecast: { mode: "reference", referenceStart: day("2021-04-01"), months: 36, target: 400, inflation: 0.03, bandLevel: 0.9 },
    rag: { amberPercent: 2, redPercent: 6, redAmount: 500_000 },
    engineLines: ["Placements", "Residential"],
    sources: { Episodes: "SSDA903 extract" },
    mappings: { Episodes: { DECOM: "Start date", DEC: "End date" } },
    sheetNames: { costs: "Costs" },
  };
  const spec = settingsSheet(settings);
  const block = tableOf(spec, "LAC_Settings");
  const asTable = { headers: block.columns.map((c) => c.header), rows: block.rows, firstRowNumber: 4 };

  it("writes every setting as text, blank for the defaults, and reads the same settings back", () => {
    expect(block.rows.every((r) => typeof r[1] === "string")).toBe(true);
    expect(block.rows.find((r) => r[0] === "Forecast inflation")?.[1]).toBe("3%");
    expect(block.rows.find((r) => r[0] === "Input: Children")?.[1]).toBe("");
    const read = readSettings(asTable);
    expect(read.issues).toEqual([]);
    expect(read.settings).toEqual(settings);
    expect(() => layoutSheet(spec)).not.toThrow();
  });

  it("names every setting so that no two read as the same key", () => {
    const keys = block.rows.map((r) => normaliseHeader(r[0]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("rejects unknown settings and unreadable values, keeping the defaults for them", () => {
    const read = readSettings({
      headers: ["Setting", "Value", "Meaning"],
      rows: [
        ["Forecast months", "many", null],
        ["Colour", "blue", null],
        ["Costs period from", "2024-04-01", null],
        ["Costs period to", "2024-03-31", null],
        ["RAG red above % of budget", 7, null],
        ["Forecast target", null, null],
      ],
    });
    expect(read.issues.map((i) => [i.row, i.reason])).toEqual([
      [2, 'Forecast months: "many" is not a whole number of months from 1 to 1,200; the default is used'],
      [3, '"Colour" is not a setting the add-in knows'],
      [4, "Costs period from: the costs period's last day must not be before its first; the default is used"],
      [5, "Costs period to: the costs period's last day must not be before its first; the default is used"],
    ]);
    expect(read.rowsIn).toBe(6);
    expect(read.rowsRejected).toBe(4);
    expect(read.settings).toEqual({ rag: { amberPercent: 1, redPercent: 7 } });
  });
});
