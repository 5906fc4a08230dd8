import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { lac, removeFolder, temporaryFolder } from "./helpers";
import { ExcelJsWorkbook } from "../../src/workbook/exceljs/excelJsWorkbook";
import { DEFAULT_SHEET_NAMES, REPORT_KEYS } from "../../src/reports/common";
import { runRefresh } from "../../src/cli/refreshCommand";

const REPORT_SHEETS = REPORT_KEYS.map((key) => DEFAULT_SHEET_NAMES[key]);

let folder: string;
let dataOnly: string;
const file = (name: string) => path.join(folder, name);

beforeAll(async () => {
  folder = temporaryFolder();
  dataOnly = file("data-only.xlsx");
  const example = await lac("example", "--children", "40", "--seed", "3", "--no-reports", "--out", dataOnly);
  expect(example.stderr).toBe("");
});
afterAll(() => removeFolder(folder));

async function openPort(workbook: string): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.open(workbook);
}

describe("lac refresh without --out", () => {
  it("refreshes in place after a backup copy of the workbook as it was", async () => {
    const target = file("in-place.xlsx");
    fs.copyFileSync(dataOnly, target);
    const original = fs.readFileSync(target);
    let stdout = "";
    await runRefresh(target, {}, { out: (t) => (stdout += t), err: () => undefined }, new Date(2024, 0, 31, 9, 5, 7));
    const backup = file("in-place.backup-20240131-090507.xlsx");
    expect(fs.readFileSync(backup)).toEqual(original);
    expect(stdout).toContain(backup);
    const sheets = await (await openPort(target)).listSheets();
    for (const name of REPORT_SHEETS) expect(sheets.map((s) => s.name)).toContain(name);
    // A second backup in the same second takes a new name rather than overwriting the first.
    await runRefresh(target, {}, { out: () => undefined, err: () => undefined }, new Date(2024, 0, 31, 9, 5, 7));
    expect(fs.existsSync(file("in-place.backup-20240131-090507-2.xlsx"))).toBe(true);
    expect(fs.readFileSync(backup)).toEqual(original);

    const byCli = file("cli-in-place.xlsx");
    fs.copyFileSync(dataOnly, byCli);
    const run = await lac("refresh", byCli);
    expect(run.code).toBe(0);
    expect(fs.readdirSync(folder).filter((name) => /^cli-in-place\.backup-\d{8}-\d{6}\.xlsx$/.test(name))).toHaveLength(1);
  });
});

describe("lac refresh on a file it cannot refresh", () => {
  async function unrelatedWorkbook(target: string): Promise<void> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Holiday rota");
    sheet.addRow(["Name", "From", "To"]);
    sheet.addRow(["Sam", "2024-08-01", "2024-08-14"]);
    await book.xlsx.writeFile(target);
  }

  const cases: [string, (target: string) => Promise<void> | void, RegExp][] = [
    ["an empty file", (t) => fs.writeFileSync(t, ""), /is empty/],
    ["random bytes", (t) => fs.writeFileSync(t, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))), /not an \.xlsx workbook/],
    ["a text file", (t) => fs.writeFileSync(t, "CHILD,DECOM\n1,2024-01-01\n"), /CSV text file/],
    ["a zip cut short", (t) => fs.writeFileSync(t, fs.readFileSync(dataOnly).subarray(0, 20_000)), /damaged \.xlsx/],
    ["a workbook without data tables", unrelatedWorkbook, /none of the data tables was found/],
  ];

  it.each(cases)("refuses %s with one clear line and writes nothing", async (_what, make, message) => {
    const input = file("bad.xlsx");
    fs.rmSync(input, { force: true });
    await make(input);
    const before = fs.readFileSync(input);
    const out = file("bad-out.xlsx");
    const run = await lac("refresh", input, "--out", out);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);

    const inPlace = await lac("refresh", input);
    expect(inPlace.code).toBe(1);
    expect(fs.readFileSync(input)).toEqual(before);
    expect(fs.readdirSync(folder).filter((name) => name.startsWith("bad.backup-"))).toEqual([]);
  });

  it("names a missing file, and refuses an --out of another kind than the workbook, or a binary workbook", async () => {
    const missing = await lac("refresh", file("nowhere.xlsx"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nowhere\.xlsx.*no such file/);
    const csvOut = await lac("refresh", dataOnly, "--out", file("out.csv"));
    expect(csvOut.code).toBe(2);
    expect(csvOut.stderr).toMatch(/\.xlsx ending/);
    fs.copyFileSync(dataOnly, file("macros.xlsm"));
    const macros = await lac("refresh", file("macros.xlsm"), "--out", file("macros-out.xlsx"));
    expect(macros.code).toBe(2);
    expect(macros.stderr).toMatch(/\.xlsm ending/);
    expect(fs.existsSync(file("macros-out.xlsx"))).toBe(false);
    fs.copyFileSync(dataOnly, file("binary.xlsb"));
    const binary = await lac("refresh", file("binary.xlsb"), "--out", file("binary-out.xlsb"));
    expect(binary.code).toBe(1);
    expect(binary.stderr).toMatch(/binary workbook/);
    expect(fs.existsSync(file("binary-out.xlsb"))).toBe(false);
  });

  it("writes the reports it can make and exits 1 naming those it cannot, when the workbook has a Budget but no episodes", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Budget");
    sheet.addRow(["Budget line", "Budget", "Actual to date", "Forecast outturn"]);
    sheet.addRow(["SEN transport", 4_600_000, 3_100_000, 4_655_000]);
    await book.xlsx.writeFile(file("budget-only.xlsx"));
    const run = await lac("refresh", file("budget-only.xlsx"), "--out", file("budget-only-out.xlsx"));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Wrote LAC Variance (");
    expect(run.stdout).toMatch(/Not refreshed: LAC Costs: .*Episodes/);
    expect(run.stderr).toMatch(/^error: not refreshed: LAC Costs, LAC Forecast, LAC Commitments, LAC High-Cost Placements, LAC Benchmark \(see above\)/);
    const sheets = (await (await openPort(file("budget-only-out.xlsx"))).listSheets()).map((s) => s.name);
    expect(sheets).toEqual(expect.arrayContaining(["Budget", "LAC Variance", "LAC Data Quality", "LAC Scenarios"]));
    expect(sheets).not.toContain("LAC Costs");
  });
});
