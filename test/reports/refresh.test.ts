import ExcelJS from "exceljs";
import { Day, dayFromYmd, financialYearFirstDay } from "../../src/engine/dates";
import { costEpisodes } from "../../src/engine/costs";
import { readChildren, readEpisodes } from "../../src/engine/episodes";
import { runForecast } from "../../src/engine/forecast";
import { INPUT_KINDS } from "../../src/engine/inputs";
import { generateSample } from "../../src/engine/sample";
import { SCENARIO_HEADERS, readScenarios, scenarioRowCells } from "../../src/engine/scenarios";
import { PRESET_NAMES, presetScenario, presetScenarioRow } from "../../src/engine/scenarioPresets";
import { Cell, Table } from "../../src/engine/table";
import { UnitCostTable, readUnitCosts } from "../../src/engine/unitCosts";
import { COSTS_TABLES } from "../../src/reports/costsReport";
import * as dataQualityModule from "../../src/reports/dataQualityReport";
import { DATA_QUALITY_TABLES } from "../../src/reports/dataQualityReport";
import { FORECAST_TABLES } from "../../src/reports/forecastReport";
import { RefreshProgress, refreshReports, refreshSummaryLines, saveSettings } from "../../src/reports/refresh";
import { scenarioInputSheet } from "../../src/reports/scenarioInputSheet";
import { SCENARIO_TABLES } from "../../src/reports/scenariosReport";
import { VARIANCE_TABLES } from "../../src/reports/varianceReport";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import type { NoteBlock, SheetSpec } from "../../src/workbook/spec";
import { FakeWorkbook, columnOf, tableOf } from "./fakeWorkbook";

const day = (text: string): Day => {
  const [y, m, d] = text.split("-").map(Number);
  return dayFromYmd(y, m, d);
};

const REPORT_SHEETS = ["LAC Costs", "LAC Forecast", "LAC Scenarios", "LAC Variance", "LAC Commitments", "LAC High-Cost Placements", "LAC Data Quality", "LAC Benchmark"];

// Progress steps: reading settings, each input, cleaning, the engine, each report sheet built, each written.
const PROGRESS_STEPS = 1 + INPUT_KINDS.length + 2 + REPORT_SHEETS.length * 2;
// Data to 31 December 2023: three months of the financial year are left for the engine to project.
const sample = generateSample({ children: 100, seed: 11, end: day("2023-12-31") });
const episodes = readEpisodes(sample.episodes).records;
const children = readChildren(sample.children, sample.uasc).records;
const unitCosts = new UnitCostTable(readUnitCosts(sample.unitCosts).records);

const budget: Table = {
  headers: ["Budget line", "Budget", "Actual to date", "Forecast outturn", "Last month's forecast"],
  rows: [
    ["Placements", 9_000_000, 6_500_000, 8_800_000, 8_700_000],
    ["Residential placements", 4_000_000, null, 4_100_000, null],
    ["Agency social workers", 1_000_000, 700_000, 1_050_000, 1_020_000],
    ["SEN transport", 2_000_000, "n/a", 2_100_000, null],
  ],
};

function scenarios(): Table {
  const context = { episodes, children, unitCosts };
  const headers = [...SCENARIO_HEADERS];
  const rows = (["IFA → in-house foster care", "Reduce entries by 10%", "Agency social workers → permanent"] as const).map((name) =>
    scenarioRowCells(presetScenarioRow(name, context).row, headers),
  );
  return { headers, rows };
}

function asCells(table: Table): Cell[][] {
  return [table.headers, ...table.rows];
}

/** An episode that ends before it starts, after the sample's rows: sheet row 2 title rows + header + rows + 1. */
const badEpisode: Cell[] = sample.episodes.headers.map((h) => ({ CHILD: "BAD", DECOM: "2023-05-01", DEC: "2023-04-01", PLACE: "U4" })[h] ?? null);
const BAD_EPISODE_ROW = 3 + sample.episodes.rows.length + 1;

/** A workbook as a finance team keeps it: sheets and tables named for what they hold. */
function councilWorkbook(): FakeWorkbook {
  return new FakeWorkbook()
    .addSheet("Episodes", [["SSDA903 episodes, extracted from the case system"], [null], ...asCells(sample.episodes), badEpisode])
    .addTable("Header", "Children", sample.children)
    .addTable("Header", "UASC", sample.uasc)
    .addSheet("Unit costs", asCells(sample.unitCosts))
    .addTable("Finance", "Budget", budget)
    .addSheet("Scenarios", asCells(scenarios()));
}

function warnings(spec: SheetSpec | undefined): string[] {
  return (spec?.blocks ?? []).filter((b): b is NoteBlock => b.kind === "note" && b.style === "warning").map((b) => b.text);
}

describe("refreshing a council's workbook", () => {
  const workbook = councilWorkbook();
  const progress: RefreshProgress[] = [];
  let first: Awaited<ReturnType<typeof refreshReports>>;
  let firstSpecs: Map<string, SheetSpec>;

  beforeAll(async () => {
    first = await refreshReports(workbook, {}, (p) => progress.push(p));
    firstSpecs = new Map(workbook.reports);
  });

  it("writes every report sheet, nothing fails, and each input is found by its name", () => {
    expect(first.failed).toEqual([]);
    expect(first.written.map((w) => w.sheet)).toEqual(REPORT_SHEETS);
    expect(Object.fromEntries(first.inputs.map((i) => [i.table, i.source]))).toEqual({
      Episodes: 'sheet "Episodes"',
      Children: 'table "Children" on sheet "Header"',
      UASC: 'table "UASC" on sheet "Header"',
      "Unit costs": 'sheet "Unit costs"',
      Budget: 'table "Budget" on sheet "Finance"',
      Scenarios: 'sheet "Scenarios"',
      "Placement types": null,
      "Placement review": null,
      Benchmarks: null,
    });
    expect(first.asAt).toBe(Math.max(...episodes.map((e) => Math.max(e.start, e.end ?? e.start))));
    expect(first.period).toEqual({ start: day("2023-04-01"), end: day("2024-03-31") });
  });

  it("reads the Episodes sheet below its title rows, reporting rows by their sheet row number", () => {
    const episodesCount = first.inputs.find((i) => i.table === "Episodes")!;
    expect(episodesCount).toMatchObject({ rowsIn: sample.episodes.rows.length + 1, rowsUsed: episodes.length, rowsRejected: 1, status: "Read" });
    const issues = tableOf(workbook.reports.get("LAC Data Quality"), DATA_QUALITY_TABLES.issues);
    expect(issues.rows[0]).toEqual(["Episodes", BAD_EPISODE_ROW, "DEC", "Rejected", "DEC (end date) is before DECOM (start date)"]);
    const costs = workbook.reports.get("LAC Costs");
    expect(columnOf(tableOf(costs, COSTS_TABLES.byGroup), "Episodes").reduce<number>((a, b) => a + (b as number), 0)).toBeGreaterThan(0);
  });

  it("balances rows in = rows used + rows rejected for every input, and reports the rejected budget line", () => {
    const dq = workbook.reports.get("LAC Data Quality");
    const inputs = tableOf(dq, DATA_QUALITY_TABLES.inputs);
    for (const row of inputs.rows) expect(row[2]).toBe((row[3] as number) + (row[4] as number));
    expect(columnOf(inputs, "Balances").every((b) => b === "Yes")).toBe(true);
    expect(tableOf(dq, DATA_QUALITY_TABLES.issues).rows[1]).toEqual(["Budget", 5, "ACTUAL", "Rejected", 'ACTUAL: "n/a" is not an amount']);
    expect(first.counts).toMatchObject({ rowsRejected: 2, issues: 2 });
  });

  it("gives the engine's outturn to one budget line only: two lines named like placements keep the Budget table's, and say why", () => {
    const lines = tableOf(workbook.reports.get("LAC Variance"), VARIANCE_TABLES.lines);
    const outturn = Object.fromEntries(lines.rows.map((r) => [r[0], r[3]]));
    expect(outturn.Placements).toBe(8_800_000);
    expect(outturn["Residential placements"]).toBe(4_100_000);
    expect(columnOf(lines, "Forecast from")).toEqual(["Budget table", "Budget table", "Budget table"]);
    expect(warnings(workbook.reports.get("LAC Variance"))).toContainEqual(
      expect.stringMatching(/^Placements, Residential placements: the Budget table's forecast outturn is used because the engine's forecast covers every placement/),
    );
  });

  it("takes the named line's forecast from the engine: spend to date + forecast cost to 31 March, showing a differing Budget table actual", async () => {
    const book = councilWorkbook();
    const summary = await refreshReports(book, { engineLines: ["Placements"] });
    const forecast = runForecast(episodes, children, { unitCosts, months: 24 });
    const yearEnd = day("2024-03-31");
    const projected = forecast.costPerYear.filter((y) => y.to <= yearEnd).reduce((sum, y) => sum + y.cost, 0);
    expect(projected).toBeGreaterThan(0);
    const costedToDate = costEpisodes(episodes, { start: financialYearFirstDay(forecast.start), end: forecast.start }, { unitCosts }).reduce((s, c) => s + c.cost, 0);
    const lines = tableOf(book.reports.get("LAC Variance"), VARIANCE_TABLES.lines);
    const outturn = Object.fromEntries(lines.rows.map((r) => [r[0], r[3]]));
    // One definition: the engine line's outturn is the engine's spend to date + its forecast cost to year end.
    expect(outturn.Placements).toBeCloseTo(costedToDate + projected, 4);
    expect(outturn["Residential placements"]).toBe(4_100_000);
    expect(outturn["Agency social workers"]).toBe(1_050_000);
    expect(columnOf(lines, "Forecast from")).toEqual(["Engine", "Budget table", "Budget table"]);
    expect(summary.totals.variance).toBeCloseTo(costedToDate + projected + 4_100_000 + 1_050_000 - 14_000_000, 4);
    expect(summary.totals.placements).toMatchObject({ spendToDate: expect.closeTo(costedToDate, 4), forecastToYearEnd: expect.closeTo(projected, 4) });
    // The Budget table's own actual for Placements (£6,500,000) is shown beside the engine's, with the difference.
    expect(warnings(book.reports.get("LAC Variance"))).toContainEqual(expect.stringMatching(/^Placements: the Budget table's actual to date is £6,500,000, the episodes' cost to date £[\d,]+: a difference of/));
  });

  it("lets the placements line leave its forecast blank for the engine, and rejects a blank forecast on any other line", async () => {
    const blanks: Table = {
      headers: budget.headers,
      rows: [
        ["Placements", 9_000_000, 6_500_000, null, 8_700_000],
        ["Agency social workers", 1_000_000, 700_000, null, 1_020_000],
        ["SEN transport", 2_000_000, 1_300_000, 2_100_000, null],
      ],
    };
    const book = new FakeWorkbook()
      .addSheet("Episodes", asCells(sample.episodes))
      .addTable("Header", "Children", sample.children)
      .addSheet("Unit costs", asCells(sample.unitCosts))
      .addTable("Finance", "Budget", blanks);
    const summary = await refreshReports(book);
    expect(summary.failed).toEqual([]);
    const lines = tableOf(book.reports.get("LAC Variance"), VARIANCE_TABLES.lines);
    expect(columnOf(lines, "Budget line")).toEqual(["Placements", "SEN transport"]);
    expect(columnOf(lines, "Forecast from")).toEqual(["Engine", "Budget table"]);
    const issues = tableOf(book.reports.get("LAC Data Quality"), DATA_QUALITY_TABLES.issues);
    expect(issues.rows.filter((r) => r[0] === "Budget")).toEqual([["Budget", 3, "FORECAST", "Rejected", expect.stringContaining('FORECAST is blank for "Agency social workers"')]]);
    expect(summary.inputs.find((i) => i.table === "Budget")).toMatchObject({ rowsIn: 3, rowsUsed: 2, rowsRejected: 1 });
  });

  it("values the scenarios and draws the forecast's chart", () => {
    const summary = tableOf(workbook.reports.get("LAC Scenarios"), SCENARIO_TABLES.summary);
    expect(columnOf(summary, "Scenario")).toEqual(["IFA → in-house foster care", "Reduce entries by 10%", "Agency social workers → permanent"]);
    expect(first.totals.scenariosFullYear).toBeCloseTo(columnOf(summary, "Full-year saving").reduce<number>((a, b) => a + (b as number), 0), 6);
    const forecast = workbook.reports.get("LAC Forecast")!;
    expect(tableOf(forecast, FORECAST_TABLES.monthly).rows.length).toBeGreaterThan(24);
    expect(forecast.blocks.some((b) => b.kind === "chart" && b.chart.type === "line")).toBe(true);
  });

  it("reports its progress step by step, ending done", () => {
    expect(progress[0]).toEqual({ step: "Reading settings", done: 0, total: PROGRESS_STEPS, phase: "reading" });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    // Read, compute, write: each phase once, in that order, so a refresh can be cancelled until it writes.
    expect([...new Set(progress.map((p) => p.phase))]).toEqual(["reading", "computing", "writing", "done"]);
    expect(progress.filter((p) => p.phase === "computing").map((p) => p.step)).toEqual(["Cleaning the inputs", "Running the engine", ...REPORT_SHEETS.map((s) => `Building ${s}`)]);
    expect(progress[progress.length - 1]).toEqual({ step: "Done", done: PROGRESS_STEPS, total: PROGRESS_STEPS, phase: "done" });
    expect(refreshSummaryLines(first)[0]).toMatch(/^Wrote LAC Costs \(\d+ rows\)$/);
  });

  it("passes on the rows of a table read in blocks, without moving the bar past the reading step", async () => {
    const blocky = councilWorkbook();
    const readWhole = blocky.readTable.bind(blocky);
    blocky.readTable = async (source, options) => {
      const table = await readWhole(source, options);
      const half = Math.ceil(table.rows.length / 2);
      options?.onProgress?.({ rowsRead: half, rowsTotal: table.rows.length });
      options?.onProgress?.({ rowsRead: table.rows.length, rowsTotal: table.rows.length });
      return table;
    };
    const steps: RefreshProgress[] = [];
    await refreshReports(blocky, {}, (p) => steps.push(p));
    const reading = steps.findIndex((p) => p.step === "Reading Episodes");
    const rows = sample.episodes.rows.length + 1; // the sample and the bad episode below it
    expect(steps.slice(reading + 1, reading + 3)).toEqual([
      { step: `Reading Episodes: ${Math.ceil(rows / 2).toLocaleString("en-GB")} of ${rows.toLocaleString("en-GB")} rows`, done: steps[reading].done, total: PROGRESS_STEPS, phase: "reading" },
      { step: `Reading Episodes: ${rows.toLocaleString("en-GB")} of ${rows.toLocaleString("en-GB")} rows`, done: steps[reading].done, total: PROGRESS_STEPS, phase: "reading" },
    ]);
  });

  it("gives the same sheets when refreshed again, and never takes its own sheets as inputs", async () => {
    const second = await refreshReports(workbook);
    expect(second.failed).toEqual([]);
    expect(second.written.every((w) => w.replaced)).toBe(true);
    for (const name of REPORT_SHEETS) expect(workbook.reports.get(name)).toEqual(firstSpecs.get(name));
    expect(second.inputs).toEqual(first.inputs);
  });
});

describe("when something goes wrong", () => {
  it("writes the other reports when one cannot be written, and leaves that one's old sheet as it was", async () => {
    const workbook = councilWorkbook();
    await refreshReports(workbook);
    const before = workbook.reports.get("LAC Forecast");
    workbook.failWrites.add("LAC Forecast");
    const writes = workbook.writes;
    const summary = await refreshReports(workbook, { forecast: { months: 12 } });
    expect(summary.failed).toEqual([{ sheet: "LAC Forecast", message: 'could not write "LAC Forecast": Excel refused the request' }]);
    expect(summary.written.map((w) => w.sheet)).toEqual(REPORT_SHEETS.filter((s) => s !== "LAC Forecast"));
    expect(workbook.writes).toBe(writes + 7);
    expect(workbook.reports.get("LAC Forecast")).toBe(before);
  });

  it("computes every report before it writes the first", async () => {
    const workbook = councilWorkbook();
    const events: string[] = [];
    const dataQualityReport = dataQualityModule.dataQualityReport;
    const computeLast = jest.spyOn(dataQualityModule, "dataQualityReport").mockImplementation((...args) => (events.push("computed the last report"), dataQualityReport(...args)));
    const write = workbook.writeSheet.bind(workbook);
    workbook.writeSheet = (spec) => (events.push(`wrote ${spec.name}`), write(spec));
    try {
      await refreshReports(workbook);
    } finally {
      computeLast.mockRestore();
    }
    expect(events).toEqual(["computed the last report", ...REPORT_SHEETS.map((s) => `wrote ${s}`)]);
  });

  it("fails the reports that need episodes when they cannot be read, and still writes the rest", async () => {
    const broken = { ...sample.episodes, headers: sample.episodes.headers.map((h) => (h === "DECOM" ? "Started" : h)) };
    const workbook = councilWorkbook().addSheet("Episodes", asCells(broken));
    const summary = await refreshReports(workbook);
    expect(summary.failed.map((f) => f.sheet)).toEqual(["LAC Costs", "LAC Forecast", "LAC Commitments", "LAC High-Cost Placements", "LAC Benchmark"]);
    expect(summary.failed[0].message).toMatch(/could not be read; see LAC Data Quality/);
    expect(workbook.reports.has("LAC Costs")).toBe(false);
    const dq = workbook.reports.get("LAC Data Quality");
    expect(tableOf(dq, DATA_QUALITY_TABLES.issues).rows[0]).toEqual(["Episodes", 1, "", "Rejected", expect.stringMatching(/^missing column DECOM .*: no row of this table was used$/)]);
    const inputs = tableOf(dq, DATA_QUALITY_TABLES.inputs);
    expect(inputs.rows[0]).toEqual(["Episodes", 'sheet "Episodes"', broken.rows.length, 0, broken.rows.length, 0, 0, "Yes", expect.stringMatching(/^Could not read: missing column DECOM/)]);
    // Moves and workforce changes need no episodes; the demand change does.
    const scenarioSheet = workbook.reports.get("LAC Scenarios");
    expect(columnOf(tableOf(scenarioSheet, SCENARIO_TABLES.summary), "Scenario")).toEqual(["IFA → in-house foster care", "Agency social workers → permanent"]);
    expect(tableOf(scenarioSheet, SCENARIO_TABLES.notValued).rows[0][0]).toBe("Reduce entries by 10%");
  });

  it("says in the sheet that there is no budget or no scenarios, rather than failing", async () => {
    const workbook = new FakeWorkbook().addSheet("Episodes", asCells(sample.episodes)).addSheet("Children", asCells(sample.children));
    const summary = await refreshReports(workbook);
    expect(summary.failed).toEqual([]);
    expect(warnings(workbook.reports.get("LAC Variance"))).toEqual([expect.stringMatching(/^No Budget table was found/)]);
    expect(warnings(workbook.reports.get("LAC Scenarios"))).toEqual([expect.stringMatching(/^No Scenarios table was found/)]);
    expect(columnOf(tableOf(workbook.reports.get("LAC Data Quality"), DATA_QUALITY_TABLES.inputs), "Status")).toEqual([
      "Read",
      "Read",
      "Not found (optional)",
      "Not found (optional)",
      "Not found (optional)",
      "Not found (optional)",
      "Not found (optional)",
      "Not found (optional)",
      "Not found (optional)",
    ]);
    // The first refresh wrote a LAC Variance table whose headers look like a budget: it is the add-in's own, never an input.
    await refreshReports(workbook);
    expect(warnings(workbook.reports.get("LAC Variance"))).toEqual([expect.stringMatching(/^No Budget table was found/)]);
  });

  it("never writes over a user's sheet of the same name, and offers a free name", async () => {
    const workbook = councilWorkbook().addSheet("LAC Costs", [["my own notes"]]);
    const summary = await refreshReports(workbook);
    expect(summary.failed).toEqual([{ sheet: "LAC Costs", message: expect.stringContaining("yours"), suggestedName: "LAC Costs (2)" }]);
    expect(summary.written).toHaveLength(7);
  });
});

describe("finding inputs by their headers", () => {
  it("recognises tables and sheets with other names from their columns", async () => {
    const workbook = new FakeWorkbook()
      .addSheet("Extract", asCells(sample.episodes))
      .addSheet("Kids", asCells(sample.children))
      .addTable("Lookups", "tblAsylum", sample.uasc)
      .addTable("Lookups", "tblRates", sample.unitCosts)
      .addSheet("Monitoring", asCells(budget));
    const summary = await refreshReports(workbook);
    expect(Object.fromEntries(summary.inputs.map((i) => [i.table, i.source]))).toMatchObject({
      Episodes: 'sheet "Extract"',
      Children: 'sheet "Kids"',
      UASC: 'table "tblAsylum" on sheet "Lookups"',
      "Unit costs": 'table "tblRates" on sheet "Lookups"',
      Budget: 'sheet "Monitoring"',
      Scenarios: null,
    });
    expect(summary.failed).toEqual([]);
  });

  it("uses the inputs, column mappings, sheet names and thresholds saved in LAC Settings, and settings passed in override them", async () => {
    const renamed = { ...sample.episodes, headers: sample.episodes.headers.map((h) => (h === "DECOM" ? "Placement began" : h)) };
    const workbook = new FakeWorkbook()
      .addSheet("Sheet7", asCells(renamed))
      .addSheet("Children", asCells(sample.children))
      .addSheet("Budget", asCells(budget));
    await saveSettings(workbook, {
      sources: { Episodes: "Sheet7" },
      mappings: { Episodes: { DECOM: "Placement began" } },
      sheetNames: { costs: "Costs" },
      rag: { amberPercent: 10, redPercent: 20 },
      engineLines: "none",
    });
    const summary = await refreshReports(workbook, { sheetNames: { forecast: "Forecast" } });
    expect(summary.failed).toEqual([]);
    expect(summary.written.map((w) => w.sheet)).toEqual(["Costs", "Forecast", "LAC Scenarios", "LAC Variance", "LAC Commitments", "LAC High-Cost Placements", "LAC Data Quality", "LAC Benchmark"]);
    expect(summary.inputs[0]).toMatchObject({ table: "Episodes", source: 'sheet "Sheet7"', rowsUsed: episodes.length });
    const lines = tableOf(workbook.reports.get("LAC Variance"), VARIANCE_TABLES.lines);
    expect(columnOf(lines, "RAG")).toEqual(["Green", "Green", "Green"]);
    expect(columnOf(lines, "Forecast from")).toEqual(["Budget table", "Budget table", "Budget table"]);
    expect(summary.settings.sheetNames).toEqual({ costs: "Costs", forecast: "Forecast" });
    expect(columnOf(tableOf(workbook.reports.get("LAC Data Quality"), DATA_QUALITY_TABLES.inputs), "Input")).toContain("LAC Settings");
  });
});

describe("scenarios the task pane keeps on a sheet it owns", () => {
  it("are read back by the refresh and valued, with their effective dates as written", async () => {
    const workbook = new FakeWorkbook().addSheet("Episodes", asCells(sample.episodes)).addSheet("Children", asCells(sample.children)).addSheet("Unit costs", asCells(sample.unitCosts));
    const presets = (["Children's home → in-house foster care", "Agency social workers → permanent"] as const).map(
      (name) => presetScenario(name, { episodes, children, unitCosts }).scenario,
    );
    await workbook.writeSheet(scenarioInputSheet(presets));
    expect(await workbook.isOwned("Scenarios")).toBe(true);
    const summary = await refreshReports(workbook);
    expect(summary.inputs.find((i) => i.table === "Scenarios")).toMatchObject({ source: 'table "Scenarios" on sheet "Scenarios"', rowsIn: 2, rowsUsed: 2 });
    const table = tableOf(workbook.reports.get("LAC Scenarios"), SCENARIO_TABLES.summary);
    expect(columnOf(table, "Scenario")).toEqual(presets.map((p) => p.name));
    expect(columnOf(table, "Effective date")).toEqual(presets.map((p) => p.effectiveDate));
  });
});

describe("refreshing an .xlsx workbook (the command line's adapter)", () => {
  async function xlsx(): Promise<ExcelJsWorkbook> {
    const book = new ExcelJS.Workbook();
    for (const [name, table] of [
      ["Episodes", sample.episodes],
      ["Children", sample.children],
      ["Unit costs", sample.unitCosts],
      ["Budget", budget],
      ["Scenarios", scenarios()],
    ] as const) {
      const sheet = book.addWorksheet(name);
      for (const row of asCells(table)) sheet.addRow(row.map((c) => c ?? undefined));
    }
    return ExcelJsWorkbook.fromBuffer(Buffer.from(await book.xlsx.writeBuffer()));
  }

  it("reads back the pane's Scenarios sheet as the same scenarios", async () => {
    const workbook = ExcelJsWorkbook.create();
    const presets = PRESET_NAMES.map((name) => presetScenario(name, { episodes, children, unitCosts }).scenario);
    await workbook.writeSheet(scenarioInputSheet(presets));
    const read = readScenarios(await workbook.readTable({ table: "Scenarios" }));
    expect(read.issues).toEqual([]);
    expect(read.records.map((r) => ({ ...r, row: 0 }))).toEqual(presets);
  });

  it("writes every report, and a second refresh leaves the same tables", async () => {
    const workbook = await xlsx();
    const first = await refreshReports(workbook);
    expect(first.failed).toEqual([]);
    const tables = [COSTS_TABLES.byGroup, FORECAST_TABLES.monthly, SCENARIO_TABLES.summary, VARIANCE_TABLES.lines, DATA_QUALITY_TABLES.inputs];
    const before = await Promise.all(tables.map((t) => workbook.readTable({ table: t })));
    const reopened = await ExcelJsWorkbook.fromBuffer(await workbook.toBuffer());
    const second = await refreshReports(reopened);
    expect(second.failed).toEqual([]);
    expect(second.written.every((w) => w.replaced)).toBe(true);
    const after = await Promise.all(tables.map((t) => reopened.readTable({ table: t })));
    expect(after).toEqual(before);
    expect((await reopened.listSheets()).map((s) => s.name)).toEqual(["Episodes", "Children", "Unit costs", "Budget", "Scenarios", ...REPORT_SHEETS]);
  });
});

describe("weeks per year", () => {
  it("values the scenarios' full year at the weeks per year LAC Settings gives", async () => {
    const sample = generateSample({ children: 60, seed: 4, end: day("2023-11-30") });
    const scenarios = {
      headers: ["Scenario", "Kind", "Effective date", "Children", "Current weekly", "New weekly", "Cost basis"],
      rows: [["IFA to in-house", "Placement move", "2023-04-01", 1, 1_000, 0, "per child"]],
    };
    const book = () => new FakeWorkbook().addSheet("Episodes", asCells(sample.episodes)).addSheet("Children", asCells(sample.children)).addTable("Plans", "Scenarios", scenarios);
    const at52 = await refreshReports(book());
    const at5214 = await refreshReports(book(), { weeksPerYear: 52.14 });
    expect(at52.totals.scenariosFullYear).toBeCloseTo(52_000, 6);
    expect(at5214.totals.scenariosFullYear).toBeCloseTo(52_140, 6);
  });
});
