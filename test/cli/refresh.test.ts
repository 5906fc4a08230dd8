import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { lac, removeFolder, temporaryFolder } from "./helpers";
import { sheetOf, workbookContent, workbookNames } from "../examples/workbookContent";
import { parseCsv } from "../../src/workbook/csv";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { readEpisodes, readChildren } from "../../src/engine/episodes";
import { dayFromExcelSerial, formatIsoDate } from "../../src/engine/dates";
import { cellNumber, cellText } from "../../src/engine/table";
import { COSTS_TABLES } from "../../src/reports/costsReport";
import { FORECAST_TABLES } from "../../src/reports/forecastReport";
import { DEFAULT_SHEET_NAMES, REPORT_KEYS } from "../../src/reports/common";

const REPORT_SHEETS = REPORT_KEYS.map((key) => DEFAULT_SHEET_NAMES[key]);
/** The same synthetic data as CSV files (lac sample) and as a workbook (lac example). */
const DATA = ["--children", "120", "--seed", "5", "--end", "2023-11-30"];

let folder: string;
let dataOnly: string;
let refreshed: string;
let refreshOutput: string;
const file = (name: string) => path.join(folder, name);

beforeAll(async () => {
  folder = temporaryFolder();
  dataOnly = file("data-only.xlsx");
  refreshed = file("refreshed.xlsx");
  const example = await lac("example", ...DATA, "--no-reports", "--out", dataOnly);
  expect(example.stderr).toBe("");
  const sample = await lac("sample", ...DATA, "--out", file("csv"));
  expect(sample.stderr).toBe("");
  const run = await lac("refresh", dataOnly, "--out", refreshed);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  refreshOutput = run.stdout;
});
afterAll(() => removeFolder(folder));

async function openPort(workbook: string): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.open(workbook);
}

describe("lac refresh", () => {
  it("writes every report sheet, owned by the add-in, and a file ExcelJS re-opens", async () => {
    const before = await openPort(dataOnly);
    expect((await before.listSheets()).map((s) => s.name)).not.toEqual(expect.arrayContaining(["LAC Costs"]));
    const port = await openPort(refreshed);
    const sheets = await port.listSheets();
    for (const name of REPORT_SHEETS) {
      expect(sheets).toContainEqual({ name, owned: true, visible: true });
      expect(refreshOutput).toContain(`Wrote ${name} (`);
    }
    expect(refreshOutput).toContain(`Wrote ${refreshed} in `);
    expect(refreshOutput).toMatch(/Episodes\s+table "Episodes" on sheet "Episodes"/);
    // The user's data is as it was.
    const original = await workbookContent(dataOnly);
    const after = await workbookContent(refreshed);
    for (const sheet of original) expect(sheetOf(after, sheet.name).cells).toEqual(sheet.cells);
    expect(fs.existsSync(dataOnly)).toBe(true);
  });

  it("reads the same data the CSV commands read: the example's tables are lac sample's files", async () => {
    const port = await openPort(refreshed);
    const csv = (name: string) => parseCsv(fs.readFileSync(file(`csv/${name}`), "utf8"));
    const withoutRows = <T extends { row: number }>(records: T[]) => records.map(({ row: _row, ...rest }) => rest);
    // The example adds what a finance team keeps for its commitments (PLANNED_END and the contributions); the rest is the sample's.
    const sampleColumns = readEpisodes(await port.readTable({ table: "Episodes" })).records.map(({ plannedEnd: _p, healthContribution: _h, educationContribution: _e, ...rest }) => rest);
    expect(withoutRows(sampleColumns)).toEqual(withoutRows(readEpisodes(csv("episodes.csv")).records));
    const children = readChildren(await port.readTable({ table: "Children" }), await port.readTable({ table: "UASC" }));
    expect(withoutRows(children.records)).toEqual(withoutRows(readChildren(csv("header.csv"), csv("uasc.csv")).records));
  });

  it("puts on LAC Costs the placement-group totals and weeks lac costs prints for the same data and period", async () => {
    const port = await openPort(refreshed);
    const keyValues = await port.readTable({ sheet: "LAC Costs" });
    const periodCell = (key: string) => keyValues.rows.find((r) => r[0] === key)?.[1];
    const from = formatIsoDate(dayFromExcelSerial(Number(periodCell("Period from"))));
    const to = formatIsoDate(dayFromExcelSerial(Number(periodCell("Period to"))));
    expect([from, to]).toEqual(["2023-04-01", "2024-03-31"]);

    const costs = await lac(
      "costs",
      ...["--episodes", file("csv/episodes.csv"), "--children", file("csv/header.csv"), "--uasc", file("csv/uasc.csv")],
      ...["--unit-costs", file("csv/unit-costs.csv"), "--from", from, "--to", to, "--out", file("costs.csv")],
    );
    expect(costs.code).toBe(0);
    const expected = parseCsv(fs.readFileSync(file("costs.csv"), "utf8"));
    const sheet = await port.readTable({ table: COSTS_TABLES.byGroup });
    const col = (table: { headers: string[] }, header: string) => table.headers.indexOf(header);
    expect(sheet.rows.length).toBe(expected.rows.length);
    expect(expected.rows.length).toBeGreaterThan(5);
    sheet.rows.forEach((row, i) => {
      const want = expected.rows[i];
      expect(cellText(row[col(sheet, "Placement group")])).toBe(cellText(want[col(expected, "group")]));
      // The CSV holds pounds and weeks to 2 decimals; the sheet holds them whole.
      expect(Math.abs(Number(row[col(sheet, "Total cost")]) - Number(cellNumber(want[col(expected, "total")])))).toBeLessThanOrEqual(0.005);
      expect(Math.abs(Number(row[col(sheet, "Time (weeks)")]) - Number(cellNumber(want[col(expected, "weeks")])))).toBeLessThanOrEqual(0.005);
    });
  });

  it("puts on LAC Forecast the monthly totals lac forecast writes for the same data", async () => {
    const forecast = await lac(
      "forecast",
      ...["--episodes", file("csv/episodes.csv"), "--children", file("csv/header.csv"), "--uasc", file("csv/uasc.csv")],
      ...["--unit-costs", file("csv/unit-costs.csv"), "--out", file("forecast.csv")],
    );
    expect(forecast.code).toBe(0);
    const long = parseCsv(fs.readFileSync(file("forecast.csv"), "utf8"));
    const totals = new Map<string, number>();
    for (const [date, state, population] of long.rows) {
      if (String(state).endsWith(" - Not in care")) continue;
      totals.set(String(date), (totals.get(String(date)) ?? 0) + Number(cellNumber(population)));
    }
    const port = await openPort(refreshed);
    const monthly = await port.readTable({ table: FORECAST_TABLES.monthly });
    const date = monthly.headers.indexOf("Date");
    const inCare = monthly.headers.indexOf("Children in care");
    expect(monthly.rows.length).toBe(totals.size);
    expect(monthly.rows.length).toBeGreaterThanOrEqual(24);
    for (const row of monthly.rows) {
      const day = formatIsoDate(dayFromExcelSerial(Number(row[date])));
      expect(totals.has(day)).toBe(true);
      expect(Number(row[inCare])).toBeCloseTo(totals.get(day) as number, 6);
    }
  });

  it("gives the same workbook when run again on its own output", async () => {
    const again = file("again.xlsx");
    const run = await lac("refresh", refreshed, "--out", again);
    expect(run.code).toBe(0);
    const first = await workbookContent(refreshed);
    const second = await workbookContent(again);
    expect(second.map((s) => [s.name, s.state])).toEqual(first.map((s) => [s.name, s.state]));
    for (const sheet of first) expect(sheetOf(second, sheet.name).cells).toEqual(sheet.cells);
    expect(await workbookNames(again)).toEqual(await workbookNames(refreshed));
  });

  it("leaves a sheet of the user's named LAC Costs untouched, writes the report beside it and keeps to that name next time", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(dataOnly);
    const mine = book.addWorksheet("LAC Costs");
    mine.getCell("A1").value = "My own notes on costs";
    mine.getCell("B3").value = { formula: "1+1", result: 2 };
    await book.xlsx.writeFile(file("users-sheet.xlsx"));
    const userCells = sheetOf(await workbookContent(file("users-sheet.xlsx")), "LAC Costs").cells;

    const run = await lac("refresh", file("users-sheet.xlsx"), "--out", file("users-1.xlsx"));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"LAC Costs" is a sheet of yours');
    expect(run.stdout).toContain('"LAC Costs (2)"');
    const first = await workbookContent(file("users-1.xlsx"));
    expect(sheetOf(first, "LAC Costs").cells).toEqual(userCells);
    const port = await openPort(file("users-1.xlsx"));
    const sheets = await port.listSheets();
    expect(sheets.find((s) => s.name === "LAC Costs")?.owned).toBe(false);
    expect(sheets.find((s) => s.name === "LAC Costs (2)")?.owned).toBe(true);
    expect(sheetOf(first, "LAC Costs (2)").cells).toEqual(sheetOf(await workbookContent(refreshed), "LAC Costs").cells);

    const again = await lac("refresh", file("users-1.xlsx"), "--out", file("users-2.xlsx"));
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("is a sheet of yours");
    const second = await workbookContent(file("users-2.xlsx"));
    expect(second.map((s) => s.name)).toEqual(first.map((s) => s.name));
    for (const sheet of first) expect(sheetOf(second, sheet.name).cells).toEqual(sheet.cells);
  });
});
