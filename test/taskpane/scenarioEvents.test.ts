/**
 * Savings at a click in Excel: the pane watches the sheet of the Scenarios table (Worksheet.onChanged,
 * through the fake Excel object model of office-addin-mock objects that the Office adapter's tests
 * use), and a row the user changes is valued again through the real Office adapter, with the
 * figures LAC Scenarios then shows after a refresh.
 */

import type { Cell } from "../../src/engine/table";
import { refreshReports } from "../../src/reports/refresh";
import { SCENARIO_TABLES } from "../../src/reports/scenariosReport";
import { ScenarioValuer } from "../../src/taskpane/scenarioFigures";
import { columnLetters } from "../../src/workbook/addresses";
import { ExcelRun, OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { watchSheetInExcel } from "../../src/workbook/office/sheetEvents";
import { sampleTables, seedWorkbook } from "../browser/harness/workbookData";
import { tableOf } from "../reports/fakeWorkbook";
import { FakeExcel } from "../workbook/excelMock";

const HEADERS = ["Scenario", "Kind", "From", "To", "Children", "Current weekly cost", "New weekly cost", "Effective date"];
const MOVE = ["Step down two", "Placement move", "Children's home", "In-house fostering", 2, 5200, 900, "01/02/2024"];

describe("valuing a Scenarios row the user changes in Excel", () => {
  let host: FakeExcel;
  beforeEach(async () => {
    host = new FakeExcel(["Episodes", "Children", "Rates", "Plans"]);
    const sample = sampleTables();
    await seedWorkbook(host.run as ExcelRun, [
      { name: "Episodes", rows: [sample.episodes.headers, ...sample.episodes.rows] },
      { name: "Children", rows: [sample.children.headers, ...sample.children.rows] },
      { name: "Rates", rows: [sample.unitCosts.headers, ...sample.unitCosts.rows], table: "Unit_costs" },
      { name: "Plans", rows: [HEADERS, MOVE as Cell[]], table: "Scenarios" },
    ]);
    // Office.js's Excel.run, as the pane calls it: with a batch, or with an object of an earlier batch's session and a batch.
    Object.assign(globalThis, { Excel: { run: (first: unknown, batch?: unknown) => host.run((typeof first === "function" ? first : batch) as never) } });
  });
  afterEach(() => {
    delete (globalThis as { Excel?: unknown }).Excel;
  });

  it("hears each change to the sheet, in one request to start and one to stop", async () => {
    const changes: number[] = [];
    const syncs = host.syncs;
    const stop = await watchSheetInExcel("Plans", () => changes.push(host.syncs));
    expect(host.syncs).toBe(syncs + 1);
    await host.typeByUser("Plans", "E2", 3);
    expect(changes).toHaveLength(1);
    await stop();
    expect(host.syncs).toBe(syncs + 2);
    await host.typeByUser("Plans", "E2", 4);
    expect(changes).toHaveLength(1);
  });

  it("shows the changed row's figures, which LAC Scenarios then shows", async () => {
    const port = new OfficeWorkbook(host.run as ExcelRun);
    const valuer = new ScenarioValuer(port, {});
    const shown: number[] = [];
    const value = async () => {
      const figures = await valuer.value();
      shown.push(figures?.rows[0].savings?.fullYear ?? NaN);
      return figures;
    };
    let valued: Promise<unknown> = Promise.resolve();
    const stop = await watchSheetInExcel("Plans", () => {
      valued = value();
    });
    await value();
    await host.typeByUser("Plans", `${columnLetters(HEADERS.indexOf("Children"))}2`, 3);
    await valued;
    await stop();
    expect(shown).toHaveLength(2);
    expect(shown[1]).toBeCloseTo((shown[0] * 3) / 2, 6);
    const after = (await valuer.value())!.rows[0].savings!;

    const summary = (await refreshReports(port)).specs.find((s) => s.name === "LAC Scenarios");
    const table = tableOf(summary, SCENARIO_TABLES.summary);
    const row = table.rows.find((r) => r[0] === "Step down two")!;
    const column = (header: string) => row[table.columns.findIndex((c) => c.header === header)];
    expect(column("Financial year")).toBe(after.financialYear);
    expect(column("Weekly saving")).toBeCloseTo(after.weekly, 6);
    expect(column("Full-year saving")).toBeCloseTo(shown[1], 6);
    expect(column("In-year saving")).toBeCloseTo(after.inYear, 6);
  });
});
